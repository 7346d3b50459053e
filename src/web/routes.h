#pragma once
// The server's routes, by part (internal to src/web: only here is httplib seen).

#include <httplib.h>

#include "election/vote.h"
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
// The answer to a request no route took, or one refused before its route (413): JSON under
// /api/, a page elsewhere. Leaves an answer that has a body as it is.
httplib::Server::HandlerResponse FillErrorAnswer(const httplib::Request& request,
                                                 httplib::Response& response,
                                                 const Catalogue& catalogue);

}  // namespace scrutineer::web
