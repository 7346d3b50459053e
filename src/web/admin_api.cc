// The administrator's JSON API under /api/v1/admin/ (docs/api/openapi.yaml): what the pages do,
// for programs. A session is opened with POST /sessions (name and password), which sets the
// session cookie and answers the CSRF token; each changing request carries it in the
// X-CSRF-Token header. Uploads (a definition, a register, a nominating body, ballot papers)
// are the request's body as it is.

#include <nlohmann/json.hpp>

#include "election/lifecycle.h"
#include "web/admin_views.h"
#include "web/routes.h"
#include "web/tar.h"

namespace scrutineer::web {
namespace {

using election::Action;
using httplib::Request;
using nlohmann::json;

void Answer(Response& response, int status, const json& body) {
  response.status = status;
  response.set_content(body.dump(), "application/json");
}

void Refuse(Response& response, int status, const std::string& message) {
  const char* error = status == 401   ? "signed_out"
                      : status == 403 ? "forbidden"
                      : status == 404 ? "not_found"
                      : status == 409 ? "conflict"
                      : status == 422 ? "invalid"
                      : status == 429 ? "too_many_attempts"
                                      : "internal";
  Answer(response, status, {{"error", error}, {"message", message}});
}

void RefuseError(Response& response, const util::Error& error) {
  Refuse(response, StatusOf(error), error.ToString());
}

using Handler = std::function<void(const Request&, Response&, const Session&)>;

httplib::Server::Handler Guarded(AdminContext& admin, Action action, bool changes,
                                 Handler handler) {
  return [&admin, action, changes, handler = std::move(handler)](const Request& request,
                                                                 Response& response) {
    const Admission admitted =
        Admit(admin.desk, request, action,
              changes ? std::optional(request.get_header_value("X-CSRF-Token")) : std::nullopt);
    if (admitted.status != 200) {
      return Refuse(response, admitted.status, admitted.reason);
    }
    handler(request, response, *admitted.session);
  };
}

// The fields of a JSON object body, as text; empty for any that is missing.
std::string JsonField(const Request& request, const std::string& name) {
  const json body = json::parse(request.body, nullptr, false);
  return body.is_object() && body.contains(name) && body[name].is_string()
             ? body[name].get<std::string>()
             : "";
}

json ElectionJson(const election::Election& e) {
  return {{"id", e.record.id},
          {"title", e.record.title},
          {"state", std::string(core::ElectionStateName(e.state))}};
}

void SignIn(AdminContext& admin, const Request& request, Response& response) {
  const int64_t now = admin.desk.Now();
  if (!admin.sign_ins.Allows(request.remote_addr, now)) {
    return Refuse(response, 429, "too many failed sign-ins from this address: try again later");
  }
  auto session = admin.desk.SignIn(JsonField(request, "name"), JsonField(request, "password"));
  if (!session.ok()) {
    admin.sign_ins.Refused(request.remote_addr, now);
    return Answer(response, 401,
                  {{"error", "sign_in_refused"}, {"message", "the name or the password is wrong"}});
  }
  response.set_header("Set-Cookie", SessionCookie(session->token, admin.secure));
  Answer(response, 201,
         {{"account", session->account},
          {"role", std::string(election::RoleName(session->role))},
          {"csrf", session->csrf},
          {"expires", election::IsoTime(session->expires)}});
}

json OverviewJson(const Overview& overview) {
  json sections = json::array();
  for (const SectionFigures& f : overview.sections) {
    sections.push_back({{"section", f.section},
                        {"registered", f.registered},
                        {"codes", f.codes},
                        {"revoked", f.revoked},
                        {"returned_online", f.online},
                        {"returned_postal", f.postal}});
  }
  const core::Timetable& timetable = overview.election.definition.timetable;
  json answer = ElectionJson(overview.election);
  answer["timetable"] = {{"nominations_open", election::IsoTime(timetable.nominations_open)},
                         {"nominations_close", election::IsoTime(timetable.nominations_close)},
                         {"ballot_open", election::IsoTime(timetable.ballot_open)},
                         {"ballot_close", election::IsoTime(timetable.ballot_close)}};
  answer["sections"] = sections;
  return answer;
}

void ListElections(AdminContext& admin, Response& response) {
  auto elections = admin.desk.Elections();
  if (!elections.ok()) {
    return RefuseError(response, elections.error());
  }
  json list = json::array();
  for (const election::Election& e : *elections) {
    list.push_back(ElectionJson(e));
  }
  Answer(response, 200, {{"elections", list}});
}

void ShowOverview(AdminContext& admin, const std::string& id, Response& response) {
  auto overview = admin.desk.OverviewOf(id);
  if (!overview.ok()) {
    return RefuseError(response, overview.error());
  }
  Answer(response, 200, OverviewJson(*overview));
}

void MoveOn(AdminContext& admin, const Session& session, const Request& request,
            Response& response) {
  const std::string id = request.matches[1];
  const std::string to = JsonField(request, "to");
  const auto state = core::ElectionStateNamed(to);
  if (!state) {
    return Refuse(response, 422, "\"to\" must name the next state");
  }
  const bool returning_officers = *state >= core::ElectionState::kClosed;
  if (!election::Allowed(session.role,
                         returning_officers ? Action::kCloseCountDeclare : Action::kSetUp)) {
    return Refuse(response, 403,
                  "the role " + std::string(election::RoleName(session.role)) + " may not do this");
  }
  const util::Status moved = *state >= core::ElectionState::kCounted
                                 ? admin.desk.CountOrDeclare(id, *state)
                                 : admin.desk.Advance(id, *state);
  if (!moved.ok()) {
    return RefuseError(response, moved.error());
  }
  Answer(response, 200, {{"id", id}, {"state", to}});
}

void ImportRegister(AdminContext& admin, const std::string& id, const std::string& csv,
                    Response& response) {
  auto imported = admin.desk.ImportRegister(id, csv);
  if (!imported.ok()) {
    return RefuseError(response, imported.error());
  }
  json notes = json::array();
  for (const election::RegisterNote& note : imported->notes) {
    notes.push_back({{"line", note.line},
                     {"number", note.number},
                     {"outcome", note.outcome},
                     {"reason", note.reason}});
  }
  Answer(response, 200,
         {{"rows", imported->rows},
          {"accepted", imported->accepted},
          {"by_section", imported->by_section},
          {"notes", notes}});
}

void Codes(const util::Result<std::string>& csv, Response& response) {
  if (!csv.ok()) {
    return RefuseError(response, csv.error());
  }
  response.status = 201;
  response.set_content(*csv, "text/csv; charset=utf-8");
}

json NominationsJson(const std::vector<election::NominationsStatus>& all) {
  json contests = json::array();
  for (const election::NominationsStatus& status : all) {
    json nominees = json::array();
    for (const election::Nominee& n : status.nominees) {
      nominees.push_back({{"candidate", n.candidate},
                          {"nominations", n.nominations},
                          {"automatic", n.automatic},
                          {"consented", n.consented},
                          {"withdrawn", n.withdrawn},
                          {"valid", n.valid}});
    }
    contests.push_back({{"contest", status.contest},
                        {"body", status.body},
                        {"body_size", status.body_size},
                        {"needed", status.needed},
                        {"nominees", nominees}});
  }
  return {{"contests", contests}};
}

void NominationStep(AdminContext& admin, const Request& request, Response& response) {
  const std::string id = request.matches[1];
  const std::string contest = request.matches[2];
  const std::string step = request.matches[3];
  util::Status done = util::Error(util::ErrorCode::kNotFound, "no such step", step);
  if (step == "nominators") {
    auto count = admin.desk.ImportNominators(id, contest, request.body);
    done = count.ok() ? util::Status() : util::Status(count.error());
  } else if (step == "nominate") {
    done = admin.desk.Nominate(id, contest, JsonField(request, "nominator"),
                               JsonField(request, "candidate"));
  } else if (step == "consent" || step == "withdraw") {
    done = admin.desk.Candidacy(id, contest, JsonField(request, "candidate"), step == "withdraw");
  }
  if (!done.ok()) {
    return RefuseError(response, done.error());
  }
  auto all = admin.desk.Nominations(id);
  if (!all.ok()) {
    return RefuseError(response, all.error());
  }
  Answer(response, 200, NominationsJson(*all));
}

void ShowEliminating(AdminContext& admin, const std::string& id, Response& response) {
  auto all = admin.desk.Eliminating(id);
  if (!all.ok()) {
    return RefuseError(response, all.error());
  }
  json contests = json::array();
  for (const election::EliminatingStatus& status : *all) {
    contests.push_back({{"contest", status.contest},
                        {"standing", status.standing},
                        {"ballots", status.ballots.size()},
                        {"text", election::EliminatingBallotsText(status)}});
  }
  Answer(response, 200, {{"contests", contests}});
}

void SendRecord(AdminContext& admin, const std::string& id, Response& response) {
  auto files = admin.desk.Record(id);
  if (!files.ok()) {
    return RefuseError(response, files.error());
  }
  response.set_header("Content-Disposition", "attachment; filename=\"record-" + id + ".tar\"");
  response.set_content(Tar("record-" + id, *files), "application/x-tar");
}

const std::string kElection = R"(/api/v1/admin/elections/([A-Za-z0-9_.-]{1,200}))";
const std::string kName = R"(([A-Za-z0-9_.-]{1,200}))";

void AddSessionRoutes(httplib::Server& http, AdminContext& admin) {
  http.Post("/api/v1/admin/sessions", [&admin](const Request& request, Response& response) {
    SignIn(admin, request, response);
  });
  http.Delete("/api/v1/admin/sessions",
              Guarded(admin, Action::kView, true,
                      [&admin](const Request& request, Response& response, const Session&) {
                        (void)admin.desk.SignOut(SessionToken(request));
                        response.set_header("Set-Cookie", SessionCookie("", admin.secure));
                        response.status = 204;
                      }));
  http.Get("/api/v1/admin/elections",
           Guarded(admin, Action::kView, false,
                   [&admin](const Request&, Response& response, const Session&) {
                     ListElections(admin, response);
                   }));
  http.Post("/api/v1/admin/elections",
            Guarded(admin, Action::kSetUp, true,
                    [&admin](const Request& request, Response& response, const Session&) {
                      auto created = admin.desk.Create(request.body);
                      return created.ok() ? Answer(response, 201, ElectionJson(*created))
                                          : RefuseError(response, created.error());
                    }));
}

void AddElectionRoutes(httplib::Server& http, AdminContext& admin) {
  http.Get(kElection, Guarded(admin, Action::kView, false,
                              [&admin](const Request& request, Response& response, const Session&) {
                                ShowOverview(admin, request.matches[1], response);
                              }));
  http.Post(kElection + "/state",
            Guarded(admin, Action::kView, true,
                    [&admin](const Request& request, Response& response, const Session& session) {
                      MoveOn(admin, session, request, response);
                    }));
  http.Post(kElection + "/register",
            Guarded(admin, Action::kSetUp, true,
                    [&admin](const Request& request, Response& response, const Session&) {
                      ImportRegister(admin, request.matches[1], request.body, response);
                    }));
  http.Post(kElection + "/credentials",
            Guarded(admin, Action::kSetUp, true,
                    [&admin](const Request& request, Response& response, const Session&) {
                      Codes(admin.desk.IssueCodes(request.matches[1]), response);
                    }));
  http.Post(kElection + "/credentials/" + kName,
            Guarded(admin, Action::kSetUp, true,
                    [&admin](const Request& request, Response& response, const Session&) {
                      Codes(admin.desk.ReissueCode(request.matches[1], request.matches[2]),
                            response);
                    }));
  http.Get(kElection + "/record",
           Guarded(admin, Action::kView, false,
                   [&admin](const Request& request, Response& response, const Session&) {
                     SendRecord(admin, request.matches[1], response);
                   }));
}

void AddNominationRoutes(httplib::Server& http, AdminContext& admin) {
  http.Get(kElection + "/nominations",
           Guarded(admin, Action::kView, false,
                   [&admin](const Request& request, Response& response, const Session&) {
                     auto all = admin.desk.Nominations(request.matches[1]);
                     return all.ok() ? Answer(response, 200, NominationsJson(*all))
                                     : RefuseError(response, all.error());
                   }));
  http.Post(kElection + "/nominations/" + kName + "/([a-z]{1,20})",
            Guarded(admin, Action::kSetUp, true,
                    [&admin](const Request& request, Response& response, const Session&) {
                      NominationStep(admin, request, response);
                    }));
  http.Get(kElection + "/eliminating",
           Guarded(admin, Action::kView, false,
                   [&admin](const Request& request, Response& response, const Session&) {
                     ShowEliminating(admin, request.matches[1], response);
                   }));
  http.Post(kElection + "/eliminating/" + kName,
            Guarded(admin, Action::kSetUp, true,
                    [&admin](const Request& request, Response& response, const Session&) {
                      const util::Status done = admin.desk.RecordEliminating(
                          request.matches[1], request.matches[2], request.body);
                      return done.ok() ? ShowEliminating(admin, request.matches[1], response)
                                       : RefuseError(response, done.error());
                    }));
}

}  // namespace

void AddAdminApiRoutes(httplib::Server& http, AdminContext& admin) {
  AddSessionRoutes(http, admin);
  AddElectionRoutes(http, admin);
  AddNominationRoutes(http, admin);
}

}  // namespace scrutineer::web
