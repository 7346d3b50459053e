#pragma once
// Writing HTML safely: every text that reaches a page goes through Escape, whether it came
// from a voter, the store or the message catalogue.

#include <string>
#include <string_view>

namespace scrutineer::web {

// `text` with & < > " ' replaced by their character references: safe in element content and
// in quoted attribute values.
std::string Escape(std::string_view text);

}  // namespace scrutineer::web
