#pragma once
// The files the voter pages need, built into the binary from src/web/assets (embed_assets.cmake).

#include <string_view>

namespace scrutineer::web {

extern const std::string_view kMessagesEn;  // assets/messages_en.json: the English catalogue
extern const std::string_view kStyleCss;    // assets/style.css

}  // namespace scrutineer::web
