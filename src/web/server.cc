#include "web/server.h"

#include <httplib.h>
#include <sys/socket.h>

#include "web/routes.h"

namespace scrutineer::web {

const std::vector<std::pair<std::string, std::string>>& SecurityHeaders() {
  static const std::vector<std::pair<std::string, std::string>> headers{
      {"Content-Security-Policy",
       "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
      {"X-Frame-Options", "DENY"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      // Pages carry voting codes in their forms: no cache may keep them.
      {"Cache-Control", "no-store"},
  };
  return headers;
}

namespace {

// Connections waiting to be accepted. Debian's httplib (a shared library) listens with a backlog
// of 5: a crowd of voters connecting at once would have most connections dropped, and retried
// by their clients a second later.
constexpr int kBacklog = 1024;

// What httplib does to a new listening socket: SO_REUSEADDR, so that a restarted server can
// listen again at once.
void ReuseAddress(int socket) {
  const int yes = 1;
  setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
}

std::unique_ptr<httplib::Server> MakeHttp(const ServerOptions& options) {
  if (options.tls_cert.empty() || options.tls_key.empty()) {
    return std::make_unique<httplib::Server>();
  }
  return std::make_unique<httplib::SSLServer>(options.tls_cert.c_str(), options.tls_key.c_str());
}

}  // namespace

Server::Server(Desk& desk, ServerOptions options)
    : options_(std::move(options)), guard_(options_.guesses), http_(MakeHttp(options_)) {
  httplib::Headers headers;
  for (const auto& [name, value] : SecurityHeaders()) {
    headers.emplace(name, value);
  }
  http_->set_default_headers(std::move(headers));
  http_->set_payload_max_length(options_.max_body);
  http_->set_keep_alive_max_count(options_.keep_alive_requests);
  // An answer is sent in pieces (headers, body): Nagle's algorithm would hold the body back
  // until the client's delayed acknowledgement, some 40 ms.
  http_->set_tcp_nodelay(true);
  http_->new_task_queue = [threads = options_.threads] {
    return new httplib::ThreadPool(
        threads);  // NOLINT(cppcoreguidelines-owning-memory): httplib owns it
  };
  const Catalogue& catalogue = Catalogue::English();
  http_->set_error_handler(httplib::Server::HandlerWithResponse(
      [&catalogue](const httplib::Request& request, httplib::Response& response) {
        return FillErrorAnswer(request, response, catalogue);
      }));
  AddApiRoutes(*http_, desk, guard_);
  AddPageRoutes(*http_, desk, guard_, catalogue);
}

Server::~Server() = default;

util::Result<int> Server::Bind() {
  if (!http_->is_valid()) {
    return util::Error(util::ErrorCode::kInvalidInput,
                       "cannot read a TLS certificate and its private key (PEM) from " +
                           options_.tls_cert + " and " + options_.tls_key,
                       "--tls-cert/--tls-key");
  }
  int listening = -1;  // the socket httplib binds: listened on again with a longer backlog
  http_->set_socket_options([&listening](int socket) {
    ReuseAddress(socket);
    listening = socket;
  });
  const int port = options_.port == 0
                       ? http_->bind_to_any_port(options_.host)
                       : (http_->bind_to_port(options_.host, options_.port) ? options_.port : -1);
  http_->set_socket_options(ReuseAddress);
  if (port >= 0 && listening >= 0) {
    listen(listening, kBacklog);
  }
  if (port < 0) {
    return util::Error(util::ErrorCode::kIo, "cannot listen there (in use, or not an address)",
                       options_.host + ":" + std::to_string(options_.port));
  }
  return port;
}

util::Status Server::Run() {
  if (!http_->listen_after_bind()) {
    return util::Error(util::ErrorCode::kIo, "the server stopped listening", options_.host);
  }
  return {};
}

void Server::Stop() { http_->stop(); }

}  // namespace scrutineer::web
