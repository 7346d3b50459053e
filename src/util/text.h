#pragma once
// Small text helpers shared by readers and reports.

#include <cstdint>
#include <string>
#include <string_view>

namespace scrutineer::util {

// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or code points above
// U+10FFFF).
bool IsValidUtf8(std::string_view text);

// `text` without leading and trailing spaces and tabs.
inline std::string_view Trim(std::string_view text) {
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  size_t first = 0;
  size_t last = text.size();
  while (first < last && blank(text[first])) {
    ++first;
  }
  while (last > first && blank(text[last - 1])) {
    --last;
  }
  return text.substr(first, last - first);
}

// 1234567 -> "1,234,567".
std::string WithThousands(int64_t value);

// Shows a piece of user input inside a message: quoted, at most 60 characters, with control
// characters and invalid UTF-8 escaped so that a message can always be printed.
std::string Quote(std::string_view text);

// A CSV field (RFC 4180): as it is, or quoted (quotes doubled) when it holds a comma, a quote
// or a line break.
std::string CsvField(std::string_view text);

}  // namespace scrutineer::util
