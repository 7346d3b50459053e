#pragma once
// The web server: the JSON API under /api/v1/ (docs/api/openapi.yaml), the voter's pages
// (enter the voting code, rank, review, confirm, receive the tracking code; check a tracking
// code), the administrator's pages and API (signed in, by role) and the public results, over HTTPS
// when given a certificate and key, else plain HTTP (for behind a proxy). Every answer carries the
// security headers (a strict Content-Security-Policy, no framing, no sniffing, no referrer); a
// request body over `max_body` is refused with 413 before it is read; an address that has had too
// many voting codes refused is refused more tries for a while with 429 (guess_guard.h). Nothing is
// logged of a request, so no log can show a voter's choice.
//
// Thread-safety: requests are served on a pool of threads, one a connection while it is open
// (so the pool bounds the voters served at once); the Desk serialises the store, and gathers
// the papers cast meanwhile into one transaction.

#include <cstddef>
#include <memory>
#include <string>

#include "util/result.h"
#include "web/admin_desk.h"
#include "web/desk.h"
#include "web/guess_guard.h"

namespace httplib {
class Server;
}

namespace scrutineer::web {

struct AdminContext;

struct ServerOptions {
  std::string host = "127.0.0.1";  // the address to listen on
  int port = 8080;                 // 0: any free port (Bind says which)
  size_t max_body = 16384;         // the longest request body, in bytes; longer ones get 413
  // The longest body a signed-in administrator may send to /admin or /api/v1/admin/ (an
  // election's register), in bytes.
  size_t max_upload = size_t{64} << 20;
  GuessLimits guesses;            // refused voting codes an address may have (then 429)
  GuessLimits sign_ins{10, 600};  // failed sign-ins an address may have (then 429)
  // Reads an election's code key, making it when there is none (for issuing codes from the
  // administrator's pages); empty: codes cannot be issued through the server.
  KeyLookup make_key;
  std::string tls_cert;              // PEM certificate (chain) file; with tls_key: HTTPS
  std::string tls_key;               // PEM private key file; empty with tls_cert: plain HTTP
  size_t threads = 256;              // connections served at once (others wait for a thread)
  size_t keep_alive_requests = 100;  // requests on one connection before it is closed
};

// The headers every answer carries.
const std::vector<std::pair<std::string, std::string>>& SecurityHeaders();

class Server {
 public:
  // `desk` must outlive the server.
  Server(Desk& desk, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket and returns its port; kIo when the address cannot be bound,
  // kInvalidInput when the TLS certificate and key cannot be read.
  util::Result<int> Bind();
  // Serves until Stop() is called (from another thread). REQUIRES: Bind() succeeded.
  util::Status Run();
  void Stop();

 private:
  ServerOptions options_;
  GuessGuard guard_;
  GuessGuard sign_ins_;
  AdminDesk admin_;
  std::unique_ptr<AdminContext> admin_context_;
  std::unique_ptr<httplib::Server> http_;
};

}  // namespace scrutineer::web
