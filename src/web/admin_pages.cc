// The administrator's pages under /admin, which work without JavaScript: sign in and out, the
// elections, each one's overview (state, timetable, figures by section, the next step), a new
// election from its definition, the register, nominations, eliminating ballots, voting codes
// and the published record; and the public results pages. Every page is admitted by the session
// cookie and the role (election::Allowed); every form carries the session's CSRF token, checked
// on each POST. Texts come from the message catalogue; everything else is escaped.

#include "web/admin_views.h"
#include "web/html.h"
#include "web/routes.h"

namespace scrutineer::web {
namespace {

using election::Action;
using httplib::Request;
using httplib::Response;

// A page handler once admitted.
using Handler = std::function<void(const Request&, Response&, const election::Session&)>;

// The handler for a page needing `action`; a POST (`changes`) must carry the CSRF token.
httplib::Server::Handler Guarded(AdminContext& admin, Action action, bool changes,
                                 Handler handler) {
  return [&admin, action, changes, handler = std::move(handler)](const Request& request,
                                                                 Response& response) {
    const Catalogue& t = admin.catalogue;
    const Admission admitted =
        Admit(admin.desk, request, action,
              changes ? std::optional(FieldOf(request, "csrf")) : std::nullopt);
    if (admitted.status == 401 && !changes) {
      response.status = 303;
      response.set_header("Location", "/admin/sign-in");
      return;
    }
    if (admitted.status != 200) {
      const char* key = admitted.status == 401                              ? "admin.signed_out"
                        : admitted.reason.starts_with("the request's CSRF") ? "admin.bad_csrf"
                                                                            : "admin.forbidden";
      return ShowPage(
          response, admitted.status,
          AdminPage(t, nullptr, "admin.refused_title",
                    "<h1>" + t.Html("admin.refused_title") + "</h1>\n<p>" + t.Html(key) +
                        "</p>\n<p><a href=\"/admin\">" + t.Html("admin.back") + "</a></p>\n"));
    }
    handler(request, response, *admitted.session);
  };
}

void SignInPage(AdminContext& admin, const Request& request, Response& response) {
  const Catalogue& t = admin.catalogue;
  const int64_t now = admin.desk.Now();
  const std::string address = request.remote_addr;
  if (!admin.sign_ins.Allows(address, now)) {
    return ShowPage(response, 429, SignInForm(t, t.Text("admin.sign_in_too_many")));
  }
  auto session = admin.desk.SignIn(FieldOf(request, "name"), FieldOf(request, "password"));
  if (!session.ok()) {
    admin.sign_ins.Refused(address, now);
    return ShowPage(response, 401, SignInForm(t, t.Text("admin.sign_in_wrong")));
  }
  response.status = 303;
  response.set_header("Set-Cookie", SessionCookie(session->token, admin.secure));
  response.set_header("Location", "/admin");
}

void SignOutPage(AdminContext& admin, const Request& request, Response& response) {
  const std::string token = SessionToken(request);
  auto session = admin.desk.SessionOf(token);
  if (!session.ok() || !election::CsrfMatches(*session, FieldOf(request, "csrf"))) {
    return ShowPage(response, 403, SignInForm(admin.catalogue, ""));
  }
  (void)admin.desk.SignOut(token);
  response.status = 303;
  response.set_header("Set-Cookie", SessionCookie("", admin.secure));
  response.set_header("Location", "/admin/sign-in");
}

// The id in the path: /admin/elections/{id}/...
std::string IdOf(const Request& request) { return request.matches[1]; }

void AddElectionPages(httplib::Server& http, AdminContext& admin) {
  const std::string election = R"(/admin/elections/([A-Za-z0-9_.-]{1,200}))";
  http.Get("/admin", Guarded(admin, Action::kView, false,
                             [&admin](const Request&, Response& response, const auto& session) {
                               ElectionsPage(admin, session, response, "");
                             }));
  http.Post("/admin/elections",
            Guarded(admin, Action::kSetUp, true,
                    [&admin](const Request& request, Response& response, const auto& session) {
                      CreatePage(admin, session, UploadOf(request), response);
                    }));
  http.Get(election,
           Guarded(admin, Action::kView, false,
                   [&admin](const Request& request, Response& response, const auto& session) {
                     OverviewPage(admin, session, IdOf(request), response, 200, "");
                   }));
  http.Post(election + "/advance",
            Guarded(admin, Action::kView, true,
                    [&admin](const Request& request, Response& response, const auto& session) {
                      AdvancePage(admin, session, IdOf(request), FieldOf(request, "to"), response);
                    }));
  http.Get(election + "/register",
           Guarded(admin, Action::kView, false,
                   [&admin](const Request& request, Response& response, const auto& session) {
                     RegisterPage(admin, session, IdOf(request), nullptr, response);
                   }));
  http.Post(election + "/register",
            Guarded(admin, Action::kSetUp, true,
                    [&admin](const Request& request, Response& response, const auto& session) {
                      ImportPage(admin, session, IdOf(request), UploadOf(request), response);
                    }));
}

void AddSetUpPages(httplib::Server& http, AdminContext& admin) {
  const std::string election = R"(/admin/elections/([A-Za-z0-9_.-]{1,200}))";
  http.Get(election + "/nominations",
           Guarded(admin, Action::kView, false,
                   [&admin](const Request& request, Response& response, const auto& session) {
                     NominationsPage(admin, session, IdOf(request), response, 200, "");
                   }));
  http.Post(election + R"(/nominations/([A-Za-z0-9_.-]{1,200})/([a-z]{1,20}))",
            Guarded(admin, Action::kSetUp, true,
                    [&admin](const Request& request, Response& response, const auto& session) {
                      NominationStep(admin, session, request, response);
                    }));
  http.Get(election + "/eliminating",
           Guarded(admin, Action::kView, false,
                   [&admin](const Request& request, Response& response, const auto& session) {
                     EliminatingPage(admin, session, IdOf(request), response, 200, "");
                   }));
  http.Post(election + R"(/eliminating/([A-Za-z0-9_.-]{1,200}))",
            Guarded(admin, Action::kSetUp, true,
                    [&admin](const Request& request, Response& response, const auto& session) {
                      RecordEliminatingPage(admin, session, request, response);
                    }));
  http.Get(election + "/credentials",
           Guarded(admin, Action::kView, false,
                   [&admin](const Request& request, Response& response, const auto& session) {
                     CredentialsPage(admin, session, IdOf(request), response, 200, "");
                   }));
  http.Post(election + "/credentials",
            Guarded(admin, Action::kSetUp, true,
                    [&admin](const Request& request, Response& response, const auto& session) {
                      IssuePage(admin, session, IdOf(request), FieldOf(request, "number"),
                                response);
                    }));
  http.Get(election + "/record.tar",
           Guarded(admin, Action::kView, false,
                   [&admin](const Request& request, Response& response, const auto& session) {
                     RecordDownload(admin, session, IdOf(request), response);
                   }));
}

// A public page saying why there are no results to show.
void NoResults(const Catalogue& t, Response& response, const util::Error& error) {
  const bool early = error.code() == util::ErrorCode::kConflict;
  const std::string key = early ? "results.not_declared" : "results.none";
  ShowPage(response, early ? 409 : 404,
           "<!DOCTYPE html>\n<html lang=\"" + Escape(t.language()) +
               "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
               "content=\"width=device-width, initial-scale=1\">\n<title>" +
               t.Html("results.title") + " - " + t.Html("site.name") +
               "</title>\n<link rel=\"stylesheet\" href=\"/style.css\">\n</head>\n<body>\n"
               "<main id=\"main\">\n<h1>" +
               t.Html("results.title") + "</h1>\n<p>" + t.Html(key) + "</p>\n<p><a href=\"/\">" +
               t.Html("site.name") + "</a></p>\n</main>\n</body>\n</html>\n");
}

// The results page of contest `contest` (empty: the first), or its style sheet.
void ShowResult(AdminDesk& desk, const Catalogue& t, const std::string& id,
                const std::string& contest, bool css, Response& response) {
  auto pages = desk.Results(id);
  if (!pages.ok()) {
    return NoResults(t, response, pages.error());
  }
  for (const ResultPage& page : *pages) {
    if (contest.empty() || page.contest == contest) {
      if (css) {
        response.headers.erase("Cache-Control");
        response.set_header("Cache-Control", "max-age=3600");  // a declared result is final
        return response.set_content(page.css, "text/css; charset=utf-8");
      }
      return ShowPage(response, 200, page.html);
    }
  }
  NoResults(t, response, util::Error(util::ErrorCode::kNotFound, "no such contest", contest));
}

}  // namespace

void AddResultsRoutes(httplib::Server& http, AdminDesk& desk, const Catalogue& catalogue) {
  const std::string base = R"(/elections/([A-Za-z0-9_.-]{1,200})/results)";
  const std::string contest = R"(/([A-Za-z0-9_.-]{1,200}))";
  http.Get(base, [&desk, &catalogue](const Request& request, Response& response) {
    ShowResult(desk, catalogue, request.matches[1], "", false, response);
  });
  http.Get(base + contest, [&desk, &catalogue](const Request& request, Response& response) {
    ShowResult(desk, catalogue, request.matches[1], request.matches[2], false, response);
  });
  http.Get(base + contest + "/style.css",
           [&desk, &catalogue](const Request& request, Response& response) {
             ShowResult(desk, catalogue, request.matches[1], request.matches[2], true, response);
           });
}

void AddAdminPageRoutes(httplib::Server& http, AdminContext& admin) {
  http.Get("/admin/sign-in", [&admin](const Request&, Response& response) {
    ShowPage(response, 200, SignInForm(admin.catalogue, ""));
  });
  http.Post("/admin/sign-in", [&admin](const Request& request, Response& response) {
    SignInPage(admin, request, response);
  });
  http.Post("/admin/sign-out", [&admin](const Request& request, Response& response) {
    SignOutPage(admin, request, response);
  });
  AddElectionPages(http, admin);
  AddSetUpPages(http, admin);
}

}  // namespace scrutineer::web
