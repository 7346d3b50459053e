#pragma once
// Comparing counts written by different programs: numbers are compared as decimals, whether
// written as JSON numbers or strings ("253220" = 253220 = "253220.0").

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

namespace scrutineer::testing {

// The canonical decimal text of a JSON number or numeric string: no trailing zeros after the
// point, no point when whole. Anything else is returned as its JSON text.
inline std::string CanonicalDecimal(const nlohmann::json& value) {
  std::string text = value.is_string() ? value.get<std::string>() : value.dump();
  if (text.find_first_not_of("0123456789.-") != std::string::npos || text.empty()) {
    return value.dump();
  }
  if (text.find('.') != std::string::npos) {
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') {
      text.pop_back();
    }
  }
  return text;
}

inline bool SameDecimal(const nlohmann::json& a, const nlohmann::json& b) {
  return CanonicalDecimal(a) == CanonicalDecimal(b);
}

// Every field of `expected`, recursively, is in `ours` with the same value (numbers as
// decimals); arrays compare element by element, objects key by key with no extra keys.
inline void ExpectSameDecimals(const nlohmann::json& ours, const nlohmann::json& expected,
                               const std::string& path = "") {
  if (expected.is_object()) {
    ASSERT_TRUE(ours.is_object()) << path;
    EXPECT_EQ(ours.size(), expected.size()) << path << ": " << ours.dump();
    for (const auto& [key, value] : expected.items()) {
      ASSERT_TRUE(ours.contains(key)) << path << "." << key;
      ExpectSameDecimals(ours[key], value, path + "." + key);
    }
  } else if (expected.is_array()) {
    ASSERT_TRUE(ours.is_array()) << path;
    ASSERT_EQ(ours.size(), expected.size()) << path << ": " << ours.dump();
    for (size_t i = 0; i < expected.size(); ++i) {
      ExpectSameDecimals(ours[i], expected[i], path + "[" + std::to_string(i) + "]");
    }
  } else {
    EXPECT_TRUE(SameDecimal(ours, expected))
        << path << ": ours " << ours.dump() << ", expected " << expected.dump();
  }
}

}  // namespace scrutineer::testing
