#pragma once
// The server's routes, by part (internal to src/web: only here is httplib seen).

#include <httplib.h>

#include "election/accounts.h"
#include "election/vote.h"
#include "web/admin_desk.h"
#include "web/desk.h"
#include "web/guess_guard.h"
#include "web/messages.h"

namespace scrutineer::web {

// Whether a refusal counts against the address that sent the code (GuessGuard): a code that
// is mistyped or unknown may be a guess; a spent or revoked one was issued.
inline bool CountsAsGuess(election::Refusal kind) {
  return kind == election::Refusal::kMistypedCode || kind == election::Refusal::kUnknownCode;
}

// GET /healthz and the JSON API under /api/v1/ (api.cc).
void AddApiRoutes(httplib::Server& http, Desk& desk, GuessGuard& guard);
// The voter's pages and their style sheet (pages.cc).
void AddPageRoutes(httplib::Server& http, Desk& desk, GuessGuard& guard,
                   const Catalogue& catalogue);
// What the administrator's routes share: the desk, the limit on sign-ins by address, and
// whether the server speaks HTTPS (the session cookie is then Secure).
struct AdminContext {
  AdminDesk& desk;
  GuessGuard& sign_ins;
  const Catalogue& catalogue;
  bool secure = false;
};
// The administrator's sign-in and pages under /admin (admin_pages.cc).
void AddAdminPageRoutes(httplib::Server& http, AdminContext& admin);
// The administrator's JSON API under /api/v1/admin/ (admin_api.cc).
void AddAdminApiRoutes(httplib::Server& http, AdminContext& admin);
// The public results pages of declared elections (admin_pages.cc).
void AddResultsRoutes(httplib::Server& http, AdminDesk& desk, const Catalogue& catalogue);

// The session cookie's name, and the cookie that sets it (`token` empty: one that ends it).
inline constexpr const char* kSessionCookie = "scrutineer_session";
std::string SessionCookie(const std::string& token, bool secure);
// The session token from the request's cookie; empty without one.
std::string SessionToken(const httplib::Request& request);

// Whether a request may go on: the live session, or the status and a reason for refusing it
// (401 without a live session, 403 for a role that may not do `action` or, when
// `csrf_presented` is given, a CSRF token that is missing or wrong).
struct Admission {
  std::optional<election::Session> session;
  int status = 200;
  std::string reason;
};
Admission Admit(AdminDesk& desk, const httplib::Request& request, election::Action action,
                const std::optional<std::string>& csrf_presented);

// The answer to a request no route took, or one refused before its route (413): JSON under
// /api/, a page elsewhere. Leaves an answer that has a body as it is.
httplib::Server::HandlerResponse FillErrorAnswer(const httplib::Request& request,
                                                 httplib::Response& response,
                                                 const Catalogue& catalogue);

}  // namespace scrutineer::web
