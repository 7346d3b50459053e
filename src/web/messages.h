#pragma once
// The message catalogue: every text a voter reads, by key, in one language. A catalogue is a
// JSON object of key to text (src/web/assets/messages_en.json); its "lang" entry is the
// language's tag for <html lang>. A text may hold {name} placeholders, filled in on use.
// Another language is another file with the same keys.

#include <map>
#include <string>
#include <string_view>

#include "util/result.h"

namespace scrutineer::web {

using MessageArgs = std::map<std::string, std::string, std::less<>>;

class Catalogue {
 public:
  // kInvalidInput when `json` is not an object of strings or has no "lang".
  static util::Result<Catalogue> Parse(std::string_view json);
  // The English catalogue built into the binary.
  static const Catalogue& English();

  // The text of `key` with each {name} of `args` filled in. REQUIRES: the key exists (a
  // missing key is a mistake in our code, not in input: CHECK).
  std::string Text(std::string_view key, const MessageArgs& args = {}) const;
  // The same, escaped for HTML.
  std::string Html(std::string_view key, const MessageArgs& args = {}) const;
  const std::string& language() const { return language_; }

 private:
  std::map<std::string, std::string, std::less<>> texts_;
  std::string language_;
};

}  // namespace scrutineer::web
