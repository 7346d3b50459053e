#include "mail/smtp.h"

#include <curl/curl.h>

#include <algorithm>
#include <ctime>
#include <mutex>

#include "util/text.h"

namespace scrutineer::mail {
namespace {

using util::Error;
using util::ErrorCode;

// What the read callback hands libcurl: the message, from `at` on.
struct Upload {
  std::string text;
  size_t at = 0;
};

size_t ReadUpload(char* buffer, size_t size, size_t count, void* data) {
  auto* upload = static_cast<Upload*>(data);
  const size_t n = std::min(size * count, upload->text.size() - upload->at);
  upload->text.copy(buffer, n, upload->at);
  upload->at += n;
  return n;
}

// A header's value on one line: control characters become spaces.
std::string OneLine(std::string text) {
  std::replace_if(
      text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }, ' ');
  return text;
}

// "<address>", as SMTP commands want it.
std::string Bracketed(const std::string& address) {
  std::string text = "<";
  text += address;
  text += '>';
  return text;
}

// Failures that stop every later message too: no server, no login.
bool StopsEverything(CURLcode code) {
  return code == CURLE_COULDNT_CONNECT || code == CURLE_COULDNT_RESOLVE_HOST ||
         code == CURLE_OPERATION_TIMEDOUT || code == CURLE_LOGIN_DENIED ||
         code == CURLE_SSL_CONNECT_ERROR || code == CURLE_UNSUPPORTED_PROTOCOL;
}

}  // namespace

bool UsableAddress(const std::string& address) {
  const size_t at = address.find('@');
  if (at == std::string::npos || at == 0 || at + 1 == address.size() ||
      address.find('@', at + 1) != std::string::npos || address.size() > 254) {
    return false;
  }
  return std::none_of(address.begin(), address.end(), [](char c) {
    return static_cast<unsigned char>(c) <= 0x20 || c == '<' || c == '>' || c == 0x7f;
  });
}

std::string Rfc5322Text(const std::string& from, const Message& message, int64_t now) {
  const std::time_t t = now;
  std::tm utc{};
  gmtime_r(&t, &utc);
  char date[64];
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &utc);
  std::string text = "Date: " + std::string(date) + "\r\nFrom: <" + from + ">\r\nTo: <" +
                     message.to + ">\r\nSubject: " + OneLine(message.subject) +
                     "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                     "Content-Transfer-Encoding: 8bit\r\n\r\n";
  for (char c : message.body) {
    if (c == '\n') {
      text += "\r\n";
    } else if (c != '\r') {
      text += c;
    }
  }
  return text + "\r\n";
}

util::Result<std::unique_ptr<SmtpClient>> SmtpClient::Open(SmtpSettings settings) {
  if (!settings.url.starts_with("smtp://") && !settings.url.starts_with("smtps://")) {
    return Error(ErrorCode::kInvalidArgument,
                 "the mail server must be an smtp:// or smtps:// URL", "--smtp");
  }
  if (!UsableAddress(settings.from)) {
    return Error(ErrorCode::kInvalidArgument,
                 util::Quote(OneLine(settings.from)) + " is not a usable from address", "--from");
  }
  static std::once_flag initialised;
  std::call_once(initialised, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  std::unique_ptr<SmtpClient> client(new SmtpClient(std::move(settings)));
  if (client->curl_ == nullptr) {
    return Error(ErrorCode::kIo, "cannot start the mail client", "--smtp");
  }
  return client;
}

SmtpClient::SmtpClient(SmtpSettings settings)
    : settings_(std::move(settings)), curl_(curl_easy_init()) {}

SmtpClient::~SmtpClient() { curl_easy_cleanup(static_cast<CURL*>(curl_)); }

util::Status SmtpClient::Send(const Message& message, int64_t now) {
  if (!UsableAddress(message.to)) {
    return Error(ErrorCode::kInvalidInput, "not a usable email address", message.to);
  }
  auto* curl = static_cast<CURL*>(curl_);
  Upload upload{Rfc5322Text(settings_.from, message, now), 0};
  const std::string from = Bracketed(settings_.from);
  curl_slist* recipients = curl_slist_append(nullptr, Bracketed(message.to).c_str());
  char problem[CURL_ERROR_SIZE] = "";
  curl_easy_setopt(curl, CURLOPT_URL, settings_.url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadUpload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, problem);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  if (!settings_.user.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, settings_.user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, settings_.password.c_str());
  }
  const CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(recipients);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
  if (code == CURLE_OK) {
    return {};
  }
  long reply = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
  const std::string what = (problem[0] != '\0' ? std::string(problem) : curl_easy_strerror(code)) +
                           (reply != 0 ? " (server reply " + std::to_string(reply) + ")" : "");
  return Error(StopsEverything(code) ? ErrorCode::kIo : ErrorCode::kInvalidInput, what,
               StopsEverything(code) ? settings_.url : message.to);
}

}  // namespace scrutineer::mail
