#pragma once
// Votes: an exact quantity of votes. It is a whole number of units, a unit being 10^-places of
// a vote, where `places` belongs to the ballot set being counted: 0 when every ballot is worth
// one vote, more when ballots carry decimal weights. Tallies are sums of integers, so comparing
// two candidates is exact and the same input always gives the same bytes. Never floating point.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "util/check.h"

namespace scrutineer::core {

// Weights carry at most this many decimal places.
inline constexpr int kMaxPlaces = 9;
// A count's figures carry at most this many (an exact count is shown to 12 places).
inline constexpr int kMaxCountPlaces = 12;

class Votes {
 public:
  constexpr Votes() = default;
  static constexpr Votes FromUnits(int64_t units) { return Votes(units); }

  constexpr int64_t units() const { return units_; }

  Votes& operator+=(Votes other) {
    CHECK(!__builtin_add_overflow(units_, other.units_, &units_));
    return *this;
  }
  Votes& operator-=(Votes other) {
    CHECK(!__builtin_sub_overflow(units_, other.units_, &units_));
    return *this;
  }
  friend Votes operator+(Votes a, Votes b) { return a += b; }
  friend Votes operator-(Votes a, Votes b) { return a -= b; }
  constexpr auto operator<=>(const Votes&) const = default;

 private:
  constexpr explicit Votes(int64_t units) : units_(units) {}
  int64_t units_ = 0;
};

// 10^places. REQUIRES: 0 <= places <= kMaxCountPlaces.
int64_t UnitsPerVote(int places);

// "1234" or, with places, "12.50" (always `places` digits after the point).
std::string FormatVotes(Votes votes, int places);

// part / whole as a percentage with `decimals` digits after the point, rounded half up
// (61.846... -> "61.8", 12.25 -> "12.3"); "0.0" when whole is zero. Exact integer arithmetic.
std::string FormatPercent(Votes part, Votes whole, int decimals = 1);
std::string FormatPercent(int64_t part, int64_t whole, int decimals = 1);

// Parses a non-negative decimal ("3", "0.25", "1.") into units of 10^-places. Returns nothing
// when the text is not such a number, has more than `places` decimals or is too large.
std::optional<int64_t> ParseDecimalUnits(std::string_view text, int places);

// The fewest decimal places that represent `units` (given at `places`) exactly.
int SignificantPlaces(int64_t units, int places);

}  // namespace scrutineer::core
