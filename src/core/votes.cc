#include "core/votes.h"

#include <limits>

#include "util/int128.h"

namespace scrutineer::core {

int64_t UnitsPerVote(int places) {
  CHECK(places >= 0 && places <= kMaxCountPlaces);
  int64_t scale = 1;
  for (int i = 0; i < places; ++i) {
    scale *= 10;
  }
  return scale;
}

std::string FormatVotes(Votes votes, int places) {
  const int64_t scale = UnitsPerVote(places);
  const int64_t units = votes.units();
  const bool negative = units < 0;
  const uint64_t magnitude =
      negative ? 0 - static_cast<uint64_t>(units) : static_cast<uint64_t>(units);
  std::string text = negative ? "-" : "";
  text += std::to_string(magnitude / static_cast<uint64_t>(scale));
  if (places > 0) {
    std::string fraction = std::to_string(magnitude % static_cast<uint64_t>(scale));
    text += '.';
    text.append(static_cast<size_t>(places) - fraction.size(), '0');
    text += fraction;
  }
  return text;
}

std::string FormatPercent(int64_t part, int64_t whole, int decimals) {
  CHECK(decimals >= 0 && decimals <= 6 && part >= 0 && whole >= 0);
  const auto scale = static_cast<util::Uint128>(UnitsPerVote(decimals));
  util::Uint128 scaled = 0;
  if (whole > 0) {
    // round(part * 100 * scale / whole), half up, in 128-bit integers.
    const util::Uint128 numerator = static_cast<util::Uint128>(part) * 100u * scale;
    const auto denominator = static_cast<util::Uint128>(whole);
    scaled = (2 * numerator + denominator) / (2 * denominator);
  }
  const auto whole_part = static_cast<uint64_t>(scaled / scale);
  std::string text = std::to_string(whole_part);
  if (decimals > 0) {
    std::string fraction = std::to_string(static_cast<uint64_t>(scaled % scale));
    text += '.';
    text.append(static_cast<size_t>(decimals) - fraction.size(), '0');
    text += fraction;
  }
  return text;
}

std::string FormatPercent(Votes part, Votes whole, int decimals) {
  return FormatPercent(part.units(), whole.units(), decimals);
}

std::optional<int64_t> ParseDecimalUnits(std::string_view text, int places) {
  CHECK(places >= 0 && places <= kMaxCountPlaces);
  if (text.empty()) {
    return std::nullopt;
  }
  constexpr int64_t kLimit = std::numeric_limits<int64_t>::max() / 10;
  int64_t units = 0;
  size_t i = 0;
  bool digits = false;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
    if (units > kLimit) {
      return std::nullopt;
    }
    units = units * 10 + (text[i] - '0');
    digits = true;
  }
  int decimals = 0;
  if (i < text.size() && text[i] == '.') {
    for (++i; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      if (++decimals > places || units > kLimit) {
        return std::nullopt;
      }
      units = units * 10 + (text[i] - '0');
      digits = true;
    }
  }
  if (i != text.size() || !digits) {
    return std::nullopt;
  }
  for (; decimals < places; ++decimals) {
    if (units > kLimit) {
      return std::nullopt;
    }
    units *= 10;
  }
  return units;
}

int SignificantPlaces(int64_t units, int places) {
  while (places > 0 && units % 10 == 0) {
    units /= 10;
    --places;
  }
  return places;
}

}  // namespace scrutineer::core
