#include "web/admin_views.h"

#include "election/lifecycle.h"
#include "util/text.h"
#include "web/html.h"
#include "web/tar.h"

namespace scrutineer::web {
namespace {

using election::Action;

std::string ElectionPath(const std::string& id) { return "/admin/elections/" + id; }

// The links between an election's pages.
std::string ElectionNav(const Catalogue& t, const election::Election& election) {
  const std::string base = ElectionPath(election.record.id);
  std::string html = "<ul class=\"links\">\n";
  const std::pair<std::string, std::string_view> links[] = {
      {base, "admin.overview"},
      {base + "/register", "admin.register"},
      {base + "/nominations", "admin.nominations"},
      {base + "/eliminating", "admin.eliminating"},
      {base + "/credentials", "admin.credentials"}};
  for (const auto& [href, key] : links) {
    html += "<li><a href=\"" + Escape(href) + "\">" + t.Html(key) + "</a></li>\n";
  }
  if (election.state >= core::ElectionState::kCounted) {
    html +=
        "<li><a href=\"" + Escape(base) + "/record.tar\">" + t.Html("admin.record") + "</a></li>\n";
  }
  if (election.state == core::ElectionState::kDeclared) {
    html += "<li><a href=\"/elections/" + Escape(election.record.id) + "/results\">" +
            t.Html("admin.results") + "</a></li>\n";
  }
  return html + "</ul>\n";
}

std::string Heading(const Catalogue& t, const election::Election& election) {
  return "<h1>" + Escape(election.record.title) + "</h1>\n<p>" +
         t.Html("admin.state_is",
                {{"state", std::string(core::ElectionStateName(election.state))}}) +
         "</p>\n" + ElectionNav(t, election);
}

std::string TimetableTable(const Catalogue& t, const core::Timetable& timetable) {
  std::string html = "<h2>" + t.Html("admin.timetable") + "</h2>\n<table>\n";
  const std::pair<std::string_view, int64_t> rows[] = {
      {"admin.nominations_open", timetable.nominations_open},
      {"admin.nominations_close", timetable.nominations_close},
      {"admin.ballot_open", timetable.ballot_open},
      {"admin.ballot_close", timetable.ballot_close}};
  for (const auto& [key, at] : rows) {
    html += "<tr><th scope=\"row\">" + t.Html(key) + "</th><td>" + Escape(election::IsoTime(at)) +
            "</td></tr>\n";
  }
  return html + "</table>\n";
}

std::string Percent(int64_t part, int64_t whole) {
  if (whole <= 0) {
    return "";
  }
  const int64_t tenths = (part * 1000 + whole / 2) / whole;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + "%";
}

std::string SectionsTable(const Catalogue& t, const Overview& overview) {
  std::string html = "<h2>" + t.Html("admin.sections") + "</h2>\n<div class=\"wide\"><table>\n" +
                     "<thead><tr><th scope=\"col\">" + t.Html("admin.section") + "</th>";
  for (const char* key :
       {"admin.registered", "admin.codes", "admin.online", "admin.postal", "admin.turnout"}) {
    html += "<th scope=\"col\">" + t.Html(key) + "</th>";
  }
  html += "</tr></thead>\n<tbody>\n";
  for (const SectionFigures& f : overview.sections) {
    html += "<tr><th scope=\"row\">" + Escape(f.label) + "</th>";
    for (const int64_t n : {f.registered, f.codes, f.online, f.postal}) {
      html += "<td>" + util::WithThousands(n) + "</td>";
    }
    html += "<td>" + Percent(f.online + f.postal, f.registered) + "</td></tr>\n";
  }
  return html + "</tbody>\n</table></div>\n";
}

// The button for the election's next step, if it has one.
std::string NextStep(const Catalogue& t, const Session& session, const election::Election& e) {
  if (e.state == core::ElectionState::kDeclared) {
    return "";
  }
  const auto next = static_cast<core::ElectionState>(static_cast<int>(e.state) + 1);
  const std::string name(core::ElectionStateName(next));
  return "<h2>" + t.Html("admin.next") + "</h2>\n" +
         PostForm(t, session, ElectionPath(e.record.id) + "/advance", Hidden("to", name),
                  "admin.to." + name);
}

}  // namespace

std::string Hidden(const std::string& name, const std::string& value) {
  return "<input type=\"hidden\" name=\"" + Escape(name) + "\" value=\"" + Escape(value) + "\">\n";
}

std::string PostForm(const Catalogue& t, const Session& session, const std::string& action,
                     const std::string& fields, std::string_view button_key, bool upload) {
  return "<form method=\"post\" action=\"" + Escape(action) + "\"" +
         (upload ? " enctype=\"multipart/form-data\"" : "") + ">\n" + Hidden("csrf", session.csrf) +
         fields + "<button type=\"submit\">" + t.Html(button_key) + "</button>\n</form>\n";
}

std::string TextField(const std::string& scope, const std::string& name, const std::string& label) {
  const std::string id = name + "-" + scope;
  return "<label for=\"" + Escape(id) + "\">" + label + "</label>\n<input type=\"text\" id=\"" +
         Escape(id) + "\" name=\"" + Escape(name) + "\" autocomplete=\"off\">\n";
}

std::string UploadFields(const Catalogue& t, const std::string& scope, std::string_view file_key,
                         std::string_view text_key) {
  const std::string file = "file-" + scope;
  const std::string text = "text-" + scope;
  return "<label for=\"" + Escape(file) + "\">" + t.Html(file_key) +
         "</label>\n<input type=\"file\" id=\"" + Escape(file) +
         "\" name=\"file\">\n<label for=\"" + Escape(text) + "\">" + t.Html(text_key) +
         "</label>\n<textarea id=\"" + Escape(text) + "\" name=\"text\" rows=\"6\"></textarea>\n";
}

std::string Notice(const std::string& done, const std::string& problem) {
  if (!problem.empty()) {
    return "<div class=\"problem\" role=\"alert\">\n<p>" + Escape(problem) + "</p>\n</div>\n";
  }
  return done.empty() ? "" : "<p class=\"done\" role=\"status\">" + Escape(done) + "</p>\n";
}

void ShowError(AdminContext& admin, const Session& session, Response& response,
               const util::Error& error) {
  const Catalogue& t = admin.catalogue;
  ShowPage(
      response, StatusOf(error),
      AdminPage(t, &session, "admin.refused_title",
                "<h1>" + t.Html("admin.refused_title") + "</h1>\n" + Notice("", error.ToString()) +
                    "<p><a href=\"/admin\">" + t.Html("admin.back") + "</a></p>\n"));
}

std::string FieldOf(const httplib::Request& request, const std::string& name) {
  if (request.is_multipart_form_data()) {
    return request.has_file(name) ? request.get_file_value(name).content : "";
  }
  return request.get_param_value(name);
}

std::string UploadOf(const httplib::Request& request) {
  const std::string file = FieldOf(request, "file");
  return file.empty() ? FieldOf(request, "text") : file;
}

void ShowPage(Response& response, int status, const std::string& html) {
  response.status = status;
  response.set_content(html, "text/html; charset=utf-8");
}

std::string AdminPage(const Catalogue& t, const Session* session, std::string_view title_key,
                      const std::string& body) {
  std::string nav = "<li><a href=\"/admin\">" + t.Html("admin.elections") + "</a></li>\n";
  if (session != nullptr) {
    nav += "<li>" + t.Html("admin.signed_in_as", {{"name", session->account}}) +
           "</li>\n<li><form method=\"post\" action=\"/admin/sign-out\">\n" +
           Hidden("csrf", session->csrf) + "<button type=\"submit\" class=\"secondary\">" +
           t.Html("admin.sign_out") + "</button>\n</form></li>\n";
  }
  return "<!DOCTYPE html>\n<html lang=\"" + Escape(t.language()) +
         "\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
         t.Html(title_key) + " - " + t.Html("admin.site") +
         "</title>\n<link rel=\"stylesheet\" href=\"/style.css\">\n</head>\n<body "
         "class=\"admin\">\n"
         "<a class=\"skip\" href=\"#main\">" +
         t.Html("site.skip") + "</a>\n<header>\n<p>" + t.Html("admin.site") +
         "</p>\n<nav>\n<ul>\n" + nav + "</ul>\n</nav>\n</header>\n<main id=\"main\">\n" + body +
         "</main>\n</body>\n</html>\n";
}

std::string SignInForm(const Catalogue& t, const std::string& problem) {
  return AdminPage(
      t, nullptr, "admin.sign_in",
      "<h1>" + t.Html("admin.sign_in") + "</h1>\n" + Notice("", problem) +
          "<form method=\"post\" action=\"/admin/sign-in\">\n<label for=\"name\">" +
          t.Html("admin.name") +
          "</label>\n<input type=\"text\" id=\"name\" name=\"name\" autocomplete=\"username\" "
          "required>\n<label for=\"password\">" +
          t.Html("admin.password") +
          "</label>\n<input type=\"password\" id=\"password\" name=\"password\" "
          "autocomplete=\"current-password\" required>\n<button type=\"submit\">" +
          t.Html("admin.sign_in") + "</button>\n</form>\n");
}

int StatusOf(const util::Error& error) {
  switch (error.code()) {
    case util::ErrorCode::kNotFound:
      return 404;
    case util::ErrorCode::kConflict:
      return 409;
    case util::ErrorCode::kInvalidInput:
    case util::ErrorCode::kInvalidArgument:
    case util::ErrorCode::kUnsupported:
    case util::ErrorCode::kCountFailed:
      return 422;
    default:
      return 500;
  }
}

void ElectionsPage(AdminContext& admin, const Session& session, Response& response,
                   const std::string& problem) {
  const Catalogue& t = admin.catalogue;
  auto elections = admin.desk.Elections();
  if (!elections.ok()) {
    return ShowError(admin, session, response, elections.error());
  }
  std::string body = "<h1>" + t.Html("admin.elections") + "</h1>\n" + Notice("", problem) +
                     "<table>\n<thead><tr><th scope=\"col\">" + t.Html("admin.election") +
                     "</th><th scope=\"col\">" + t.Html("admin.state") +
                     "</th></tr></thead>\n<tbody>\n";
  for (const election::Election& e : *elections) {
    body += "<tr><th scope=\"row\"><a href=\"" + Escape(ElectionPath(e.record.id)) + "\">" +
            Escape(e.record.title) + "</a></th><td>" + Escape(core::ElectionStateName(e.state)) +
            "</td></tr>\n";
  }
  body += "</tbody>\n</table>\n<h2>" + t.Html("admin.create") + "</h2>\n<p>" +
          t.Html("admin.create_intro") + "</p>\n" +
          PostForm(t, session, "/admin/elections",
                   UploadFields(t, "definition", "admin.definition_file", "admin.definition_text"),
                   "admin.create", true);
  ShowPage(response, problem.empty() ? 200 : 422, AdminPage(t, &session, "admin.elections", body));
}

void CreatePage(AdminContext& admin, const Session& session, const std::string& definition,
                Response& response) {
  auto created = admin.desk.Create(definition);
  if (!created.ok()) {
    return ElectionsPage(admin, session, response, created.error().ToString());
  }
  OverviewPage(admin, session, created->record.id, response, 201,
               admin.catalogue.Text("admin.created"));
}

void OverviewPage(AdminContext& admin, const Session& session, const std::string& id,
                  Response& response, int status, const std::string& notice) {
  const Catalogue& t = admin.catalogue;
  auto overview = admin.desk.OverviewOf(id);
  if (!overview.ok()) {
    return ShowError(admin, session, response, overview.error());
  }
  const election::Election& e = overview->election;
  std::string body = Heading(t, e) + Notice(status < 400 ? notice : "", status < 400 ? "" : notice);
  body += SectionsTable(t, *overview) + TimetableTable(t, e.definition.timetable) + "<h2>" +
          t.Html("admin.contests") + "</h2>\n<ul>\n";
  for (const core::Contest& contest : e.definition.contests) {
    body += "<li>" + Escape(contest.title) + " (" + Escape(contest.method) + ")</li>\n";
  }
  body += "</ul>\n" + NextStep(t, session, e);
  ShowPage(response, status, AdminPage(t, &session, "admin.overview", body));
}

void AdvancePage(AdminContext& admin, const Session& session, const std::string& id,
                 const std::string& to, Response& response) {
  const auto state = core::ElectionStateNamed(to);
  if (!state) {
    return OverviewPage(admin, session, id, response, 422, "'" + to + "' is not a state");
  }
  const bool returning_officers = *state >= core::ElectionState::kClosed;
  if (!election::Allowed(session.role,
                         returning_officers ? Action::kCloseCountDeclare : Action::kSetUp)) {
    return OverviewPage(admin, session, id, response, 403, admin.catalogue.Text("admin.forbidden"));
  }
  const util::Status moved = *state >= core::ElectionState::kCounted
                                 ? admin.desk.CountOrDeclare(id, *state)
                                 : admin.desk.Advance(id, *state);
  if (!moved.ok()) {
    return OverviewPage(admin, session, id, response, StatusOf(moved.error()),
                        moved.error().ToString());
  }
  OverviewPage(admin, session, id, response, 200,
               admin.catalogue.Text("admin.moved", {{"state", to}}));
}

void RecordDownload(AdminContext& admin, const Session& session, const std::string& id,
                    Response& response) {
  auto files = admin.desk.Record(id);
  if (!files.ok()) {
    return ShowError(admin, session, response, files.error());
  }
  response.set_header("Content-Disposition", "attachment; filename=\"record-" + id + ".tar\"");
  response.set_content(Tar("record-" + id, *files), "application/x-tar");
}

}  // namespace scrutineer::web
