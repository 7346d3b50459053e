#include "web/server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <charconv>

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

bool IsAdministrators(const std::string& path) {
  return path.starts_with("/admin/") || path.starts_with("/api/v1/admin/");
}

// Refuses a body over `options.max_body` before it is read (413), unless a signed-in
// administrator sends it to their pages or API (up to max_upload, which httplib enforces). A
// body of unknown length (chunked) counts as over-long.
httplib::Server::HandlerResponse GateBody(const ServerOptions& options, AdminDesk& admin,
                                          const httplib::Request& request,
                                          httplib::Response& response) {
  const std::string length = request.get_header_value("Content-Length");
  size_t size = 0;
  const auto [end, parsed] = std::from_chars(length.data(), length.data() + length.size(), size);
  const bool known = parsed == std::errc() && end == length.data() + length.size();
  const bool long_body = request.has_header("Transfer-Encoding") ||
                         (!length.empty() && (!known || size > options.max_body));
  if (!long_body) {
    return httplib::Server::HandlerResponse::Unhandled;
  }
  if (IsAdministrators(request.path) && admin.SessionOf(SessionToken(request)).ok()) {
    return httplib::Server::HandlerResponse::Unhandled;
  }
  response.status = 413;
  response.set_header("Connection", "close");
  return httplib::Server::HandlerResponse::Handled;
}

}  // namespace

Server::Server(Desk& desk, ServerOptions options)
    : options_(std::move(options)),
      guard_(options_.guesses),
      sign_ins_(options_.sign_ins),
      admin_(desk, options_.make_key),
      http_(MakeHttp(options_)) {
  httplib::Headers headers;
  for (const auto& [name, value] : SecurityHeaders()) {
    headers.emplace(name, value);
  }
  http_->set_default_headers(std::move(headers));
  http_->set_payload_max_length(std::max(options_.max_body, options_.max_upload));
  http_->set_pre_routing_handler(httplib::Server::HandlerWithResponse(
      [this](const httplib::Request& request, httplib::Response& response) {
        return GateBody(options_, admin_, request, response);
      }));
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
  admin_context_ = std::make_unique<AdminContext>(
      AdminContext{admin_, sign_ins_, catalogue, !options_.tls_cert.empty()});
  AddAdminPageRoutes(*http_, *admin_context_);
  AddAdminApiRoutes(*http_, *admin_context_);
  AddResultsRoutes(*http_, admin_, catalogue);
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
