#pragma once
// Sending mail by SMTP through libcurl: a plain-text message to one recipient, over one
// connection kept open between messages. `smtp://host:port` (STARTTLS when the server offers
// it) or `smtps://host:port` (TLS from the start); optional user and password.

#include <memory>
#include <string>

#include "util/result.h"

namespace scrutineer::mail {

struct SmtpSettings {
  std::string url;   // smtp://127.0.0.1:2525 or smtps://mail.example.org
  std::string from;  // the envelope and From: address, e.g. returning.officer@example.org
  std::string user;  // empty: no login
  std::string password;
};

struct Message {
  std::string to;       // one address
  std::string subject;  // one line
  std::string body;     // plain text, lines separated by "\n"
};

// Whether `address` can be used as a recipient: one @, no spaces, control characters or
// angle brackets (nothing that could end a header or an SMTP command).
bool UsableAddress(const std::string& address);

class SmtpClient {
 public:
  // kInvalidArgument for a URL that is not smtp:// or smtps://, or an unusable from address.
  static util::Result<std::unique_ptr<SmtpClient>> Open(SmtpSettings settings);
  SmtpClient(const SmtpClient&) = delete;
  SmtpClient& operator=(const SmtpClient&) = delete;
  ~SmtpClient();

  // Sends `message`, dated `now` (seconds since the epoch). kIo when the server cannot be
  // reached or refuses the login (nothing more will go); kInvalidInput when the server
  // refuses this message or recipient (e.g. 550 mailbox unavailable), with its reply.
  util::Status Send(const Message& message, int64_t now);

 private:
  explicit SmtpClient(SmtpSettings settings);
  SmtpSettings settings_;
  void* curl_ = nullptr;  // CURL*
};

// The message as sent: headers (From, To, Subject, Date, MIME) and the body with CRLF line
// ends and dot-stuffing left to the transport.
std::string Rfc5322Text(const std::string& from, const Message& message, int64_t now);

}  // namespace scrutineer::mail
