// Admitting an administrator's request (routes.h): the session from its cookie, the role's
// permission (election::Allowed) and, for a request that changes anything, the CSRF token.

#include "web/routes.h"

namespace scrutineer::web {

std::string SessionCookie(const std::string& token, bool secure) {
  std::string cookie =
      std::string(kSessionCookie) + "=" + token + "; HttpOnly; SameSite=Strict; Path=/";
  if (token.empty()) {
    cookie += "; Max-Age=0";
  }
  return secure ? cookie + "; Secure" : cookie;
}

std::string SessionToken(const httplib::Request& request) {
  const std::string prefix = std::string(kSessionCookie) + "=";
  const std::string cookies = request.get_header_value("Cookie");
  for (size_t at = 0; at < cookies.size();) {
    const size_t end = std::min(cookies.find(';', at), cookies.size());
    const size_t start = cookies.find_first_not_of(' ', at);
    if (start < end && cookies.compare(start, prefix.size(), prefix) == 0) {
      return cookies.substr(start + prefix.size(), end - start - prefix.size());
    }
    at = end + 1;
  }
  return "";
}

Admission Admit(AdminDesk& desk, const httplib::Request& request, election::Action action,
                const std::optional<std::string>& csrf_presented) {
  const std::string token = SessionToken(request);
  auto session =
      token.empty()
          ? util::Result<election::Session>(util::Error(util::ErrorCode::kNotFound, "no session"))
          : desk.SessionOf(token);
  if (!session.ok()) {
    return {std::nullopt, 401, "sign in first (no session, or it has ended)"};
  }
  if (csrf_presented && !election::CsrfMatches(*session, *csrf_presented)) {
    return {std::nullopt, 403, "the request's CSRF token is missing or wrong"};
  }
  if (!election::Allowed(session->role, action)) {
    return {std::nullopt, 403,
            "the role " + std::string(election::RoleName(session->role)) + " may not do this"};
  }
  return {std::move(session.value()), 200, ""};
}

}  // namespace scrutineer::web
