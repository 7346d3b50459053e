#include "web/messages.h"

#include <nlohmann/json.hpp>

#include "util/check.h"
#include "web/assets.h"
#include "web/html.h"

namespace scrutineer::web {

util::Result<Catalogue> Catalogue::Parse(std::string_view json) {
  const nlohmann::json parsed = nlohmann::json::parse(json, nullptr, false);
  if (!parsed.is_object() || !parsed.contains("lang") || !parsed["lang"].is_string()) {
    return util::Error(util::ErrorCode::kInvalidInput,
                       "a message catalogue is a JSON object of texts with a \"lang\"");
  }
  Catalogue catalogue;
  for (const auto& [key, text] : parsed.items()) {
    if (!text.is_string()) {
      return util::Error(util::ErrorCode::kInvalidInput, "is not a text", key);
    }
    catalogue.texts_[key] = text.get<std::string>();
  }
  catalogue.language_ = catalogue.texts_["lang"];
  return catalogue;
}

const Catalogue& Catalogue::English() {
  static const Catalogue english = Parse(kMessagesEn).value();
  return english;
}

std::string Catalogue::Text(std::string_view key, const MessageArgs& args) const {
  const auto found = texts_.find(key);
  CHECK(found != texts_.end());
  const std::string& text = found->second;
  std::string filled;
  for (size_t i = 0; i < text.size(); ++i) {
    const size_t close = text[i] == '{' ? text.find('}', i) : std::string::npos;
    const auto arg = close == std::string::npos
                         ? args.end()
                         : args.find(std::string_view(text).substr(i + 1, close - i - 1));
    if (arg == args.end()) {
      filled += text[i];
      continue;
    }
    filled += arg->second;
    i = close;
  }
  return filled;
}

std::string Catalogue::Html(std::string_view key, const MessageArgs& args) const {
  return Escape(Text(key, args));
}

}  // namespace scrutineer::web
