// The administrator's set-up pages (admin_views.h): the register and its import report,
// nominations, eliminating ballots and voting codes.

#include <cctype>

#include "election/lifecycle.h"
#include "util/text.h"
#include "web/admin_views.h"
#include "web/html.h"

namespace scrutineer::web {
namespace {

// The rows of an import report shown on the page; the rest are counted.
constexpr size_t kNotesShown = 500;

std::string Base(const std::string& id) { return "/admin/elections/" + id; }

std::string Top(const Catalogue& t, const std::string& id, std::string_view heading_key) {
  return "<p><a href=\"" + Escape(Base(id)) + "\">" + t.Html("admin.overview") + "</a></p>\n<h1>" +
         t.Html(heading_key) + "</h1>\n";
}

std::string ImportReport(const Catalogue& t, const election::RegisterImport& imported) {
  std::string html = "<h2>" + t.Html("admin.import_report") +
                     "</h2>\n<p class=\"done\" role=\"status\">" +
                     t.Html("admin.imported", {{"rows", util::WithThousands(imported.rows)},
                                               {"accepted", util::WithThousands(imported.accepted)},
                                               {"noted", std::to_string(imported.notes.size())}}) +
                     "</p>\n<div class=\"wide\"><table>\n<thead><tr>";
  for (const char* key : {"admin.line", "admin.number", "admin.outcome", "admin.reason"}) {
    html += "<th scope=\"col\">" + t.Html(key) + "</th>";
  }
  html += "</tr></thead>\n<tbody>\n";
  for (size_t i = 0; i < imported.notes.size() && i < kNotesShown; ++i) {
    const election::RegisterNote& note = imported.notes[i];
    html += "<tr><td>" + std::to_string(note.line) + "</td><td>" + Escape(note.number) +
            "</td><td>" + Escape(note.outcome) + "</td><td>" + Escape(note.reason) + "</td></tr>\n";
  }
  html += "</tbody>\n</table></div>\n";
  if (imported.notes.size() > kNotesShown) {
    html +=
        "<p>" +
        t.Html("admin.more_notes", {{"n", std::to_string(imported.notes.size() - kNotesShown)}}) +
        "</p>\n";
  }
  return html;
}

std::string NomineesTable(const Catalogue& t, const election::NominationsStatus& status) {
  std::string html = "<p>" +
                     t.Html("admin.needed", {{"needed", std::to_string(status.needed)},
                                             {"size", std::to_string(status.body_size)},
                                             {"body", status.body}}) +
                     "</p>\n<table>\n<thead><tr>";
  for (const char* key : {"admin.candidate", "admin.nominations_count", "admin.standing"}) {
    html += "<th scope=\"col\">" + t.Html(key) + "</th>";
  }
  html += "</tr></thead>\n<tbody>\n";
  for (const election::Nominee& n : status.nominees) {
    const char* standing = n.withdrawn   ? "admin.withdrawn"
                           : n.valid     ? "admin.valid"
                           : n.automatic ? "admin.automatic"
                                         : "admin.not_yet";
    std::string consented;
    if (n.consented) {
      consented = std::string(" ").append(t.Html("admin.consented"));
    }
    html += "<tr><th scope=\"row\">" + Escape(n.candidate) + "</th><td>" +
            std::to_string(n.nominations) + "</td><td>" + t.Html(standing) + consented +
            "</td></tr>\n";
  }
  return html + "</tbody>\n</table>\n";
}

std::string NominationForms(const Catalogue& t, const Session& session, const std::string& id,
                            const std::string& contest) {
  const std::string base = Base(id) + "/nominations/" + contest;
  return "<h3>" + t.Html("admin.nominate") + "</h3>\n" +
         PostForm(t, session, base + "/nominate",
                  TextField(contest, "nominator", t.Html("admin.nominator")) +
                      TextField(contest + "-n", "candidate", t.Html("admin.candidate")),
                  "admin.nominate") +
         "<h3>" + t.Html("admin.candidacy") + "</h3>\n" +
         PostForm(t, session, base + "/consent",
                  TextField(contest + "-c", "candidate", t.Html("admin.candidate")),
                  "admin.consent") +
         PostForm(t, session, base + "/withdraw",
                  TextField(contest + "-w", "candidate", t.Html("admin.candidate")),
                  "admin.withdraw") +
         "<h3>" + t.Html("admin.nominators") + "</h3>\n" +
         PostForm(t, session, base + "/nominators",
                  UploadFields(t, contest, "admin.nominators_file", "admin.nominators_text"),
                  "admin.upload", true);
}

}  // namespace

void RegisterPage(AdminContext& admin, const Session& session, const std::string& id,
                  const election::RegisterImport* imported, Response& response) {
  const Catalogue& t = admin.catalogue;
  std::string body =
      Top(t, id, "admin.register") + (imported ? ImportReport(t, *imported) : "") + "<p>" +
      t.Html("admin.register_intro") + "</p>\n" +
      PostForm(t, session, Base(id) + "/register",
               UploadFields(t, "register", "admin.register_file", "admin.register_text"),
               "admin.import", true);
  ShowPage(response, 200, AdminPage(t, &session, "admin.register", body));
}

void ImportPage(AdminContext& admin, const Session& session, const std::string& id,
                const std::string& csv, Response& response) {
  auto imported = admin.desk.ImportRegister(id, csv);
  if (!imported.ok()) {
    return ShowError(admin, session, response, imported.error());
  }
  RegisterPage(admin, session, id, &*imported, response);
}

void NominationsPage(AdminContext& admin, const Session& session, const std::string& id,
                     Response& response, int status, const std::string& notice) {
  const Catalogue& t = admin.catalogue;
  auto all = admin.desk.Nominations(id);
  if (!all.ok()) {
    return ShowError(admin, session, response, all.error());
  }
  std::string body = Top(t, id, "admin.nominations") +
                     Notice(status < 400 ? notice : "", status < 400 ? "" : notice);
  if (all->empty()) {
    body += "<p>" + t.Html("admin.no_nominations") + "</p>\n";
  }
  for (const election::NominationsStatus& contest : *all) {
    body += "<h2>" + Escape(contest.contest) + "</h2>\n" + NomineesTable(t, contest) +
            NominationForms(t, session, id, contest.contest);
  }
  ShowPage(response, status, AdminPage(t, &session, "admin.nominations", body));
}

void NominationStep(AdminContext& admin, const Session& session, const httplib::Request& request,
                    Response& response) {
  const std::string id = request.matches[1];
  const std::string contest = request.matches[2];
  const std::string step = request.matches[3];
  const std::string candidate = FieldOf(request, "candidate");
  util::Status done = util::Error(util::ErrorCode::kNotFound, "no such step", step);
  if (step == "nominate") {
    done = admin.desk.Nominate(id, contest, FieldOf(request, "nominator"), candidate);
  } else if (step == "consent" || step == "withdraw") {
    done = admin.desk.Candidacy(id, contest, candidate, step == "withdraw");
  } else if (step == "nominators") {
    auto count = admin.desk.ImportNominators(id, contest, UploadOf(request));
    done = count.ok() ? util::Status() : util::Status(count.error());
  }
  if (!done.ok()) {
    return NominationsPage(admin, session, id, response, StatusOf(done.error()),
                           done.error().ToString());
  }
  NominationsPage(admin, session, id, response, 200, admin.catalogue.Text("admin.saved"));
}

void EliminatingPage(AdminContext& admin, const Session& session, const std::string& id,
                     Response& response, int status, const std::string& notice) {
  const Catalogue& t = admin.catalogue;
  auto all = admin.desk.Eliminating(id);
  if (!all.ok()) {
    return ShowError(admin, session, response, all.error());
  }
  std::string body = Top(t, id, "admin.eliminating") +
                     Notice(status < 400 ? notice : "", status < 400 ? "" : notice);
  if (all->empty()) {
    body += "<p>" + t.Html("admin.no_eliminating") + "</p>\n";
  }
  for (const election::EliminatingStatus& contest : *all) {
    body += "<h2>" + Escape(contest.contest) + "</h2>\n<pre>" +
            Escape(election::EliminatingBallotsText(contest)) + "</pre>\n" +
            PostForm(t, session, Base(id) + "/eliminating/" + contest.contest,
                     UploadFields(t, contest.contest, "admin.papers_file", "admin.papers_text"),
                     "admin.record_ballot", true);
  }
  ShowPage(response, status, AdminPage(t, &session, "admin.eliminating", body));
}

void RecordEliminatingPage(AdminContext& admin, const Session& session,
                           const httplib::Request& request, Response& response) {
  const std::string id = request.matches[1];
  const util::Status done = admin.desk.RecordEliminating(id, request.matches[2], UploadOf(request));
  if (!done.ok()) {
    return EliminatingPage(admin, session, id, response, StatusOf(done.error()),
                           done.error().ToString());
  }
  EliminatingPage(admin, session, id, response, 200, admin.catalogue.Text("admin.saved"));
}

void CredentialsPage(AdminContext& admin, const Session& session, const std::string& id,
                     Response& response, int status, const std::string& notice) {
  const Catalogue& t = admin.catalogue;
  const std::string body =
      Top(t, id, "admin.credentials") +
      Notice(status < 400 ? notice : "", status < 400 ? "" : notice) + "<p>" +
      t.Html("admin.issue_intro") + "</p>\n" +
      PostForm(t, session, Base(id) + "/credentials", "", "admin.issue") + "<h2>" +
      t.Html("admin.reissue") + "</h2>\n<p>" + t.Html("admin.reissue_intro") + "</p>\n" +
      PostForm(t, session, Base(id) + "/credentials",
               TextField("reissue", "number", t.Html("admin.number")), "admin.reissue");
  ShowPage(response, status, AdminPage(t, &session, "admin.credentials", body));
}

void IssuePage(AdminContext& admin, const Session& session, const std::string& id,
               const std::string& number, Response& response) {
  auto csv = number.empty() ? admin.desk.IssueCodes(id) : admin.desk.ReissueCode(id, number);
  if (!csv.ok()) {
    return CredentialsPage(admin, session, id, response, StatusOf(csv.error()),
                           csv.error().ToString());
  }
  // Shown once: the codes are stored only as keyed hashes, and no cache may keep this answer.
  std::string name = "codes-" + id;
  if (!number.empty()) {
    name += "-";
    for (const char c : number) {  // only what is safe in a header's quoted file name
      name += std::isalnum(static_cast<unsigned char>(c)) != 0 ? c : '_';
    }
  }
  response.set_header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
  response.set_content(*csv, "text/csv; charset=utf-8");
}

}  // namespace scrutineer::web
