#pragma once
// Numbers for counts whose rules divide votes. Every division and multiplication that can
// lose precision names its rounding, so the code reads like the rule it implements
// ("calculated to five decimal places, any remainder being ignored" is MulDiv(..., kDown)).
//
//   Fixed<P>  a decimal with P places, held as a 64-bit count of 10^-P units (128-bit
//             intermediates); the arithmetic of rule sets that fix their decimal places.
//   Rational  an exact fraction (GMP); the arithmetic of rule sets that round nothing.
//
// Counting code is written once for any Number (a template parameter) and each rule set
// chooses the number its law requires. Both convert to core::Votes for reports: Fixed<P>
// exactly at P places, Rational rounded down to the places asked for.

#include <gmpxx.h>

#include <compare>
#include <cstdint>
#include <string>

#include "core/votes.h"
#include "util/check.h"
#include "util/int128.h"

namespace scrutineer::core {

enum class Rounding : uint8_t {
  kDown,     // towards minus infinity (for the non-negative values of counts: truncation)
  kUp,       // towards plus infinity
  kNearest,  // to the nearest, halves away from zero (for showing an exact value)
};

namespace detail {

constexpr int64_t Pow10(int places) {
  int64_t scale = 1;
  for (int i = 0; i < places; ++i) {
    scale *= 10;
  }
  return scale;
}

// numerator / denominator rounded as asked. REQUIRES: denominator > 0.
inline util::Int128 Divide(util::Int128 numerator, util::Int128 denominator, Rounding rounding) {
  CHECK(denominator > 0);
  util::Int128 quotient = numerator / denominator;
  const util::Int128 remainder = numerator % denominator;
  if (remainder == 0) {
    return quotient;
  }
  if (rounding == Rounding::kNearest) {
    const util::Int128 twice = (remainder < 0 ? -remainder : remainder) * 2;
    return twice >= denominator ? quotient + (numerator < 0 ? -1 : 1) : quotient;
  }
  if (rounding == Rounding::kDown && numerator < 0) {
    --quotient;
  } else if (rounding == Rounding::kUp && numerator > 0) {
    ++quotient;
  }
  return quotient;
}

inline int64_t Narrow(util::Int128 value) {
  CHECK(value <= INT64_MAX && value >= INT64_MIN);
  return static_cast<int64_t>(value);
}

}  // namespace detail

template <int P>
class Fixed {
  static_assert(P >= 0 && P <= 12);

 public:
  static constexpr int kPlaces = P;
  static constexpr int64_t kScale = detail::Pow10(P);

  constexpr Fixed() = default;
  static constexpr Fixed FromUnits(int64_t units) { return Fixed(units); }
  static Fixed FromInt(int64_t whole) {
    return Fixed(detail::Narrow(util::Int128{whole} * kScale));
  }
  // A quantity of votes at `places` places. REQUIRES: places <= P (the value is then exact).
  static Fixed FromVotes(Votes votes, int places) {
    CHECK(places <= P);
    return Fixed(detail::Narrow(util::Int128{votes.units()} * detail::Pow10(P - places)));
  }

  int64_t units() const { return units_; }
  Votes ToVotes(int places) const {
    CHECK(places >= P);
    return Votes::FromUnits(detail::Narrow(util::Int128{units_} * detail::Pow10(places - P)));
  }
  std::string ToString() const { return FormatVotes(Votes::FromUnits(units_), P); }

  Fixed& operator+=(Fixed other) {
    CHECK(!__builtin_add_overflow(units_, other.units_, &units_));
    return *this;
  }
  Fixed& operator-=(Fixed other) {
    CHECK(!__builtin_sub_overflow(units_, other.units_, &units_));
    return *this;
  }
  friend Fixed operator+(Fixed a, Fixed b) { return a += b; }
  friend Fixed operator-(Fixed a, Fixed b) { return a -= b; }
  constexpr auto operator<=>(const Fixed&) const = default;

  // This value times a whole number (papers): exact.
  Fixed Times(int64_t count) const { return Fixed(detail::Narrow(util::Int128{units_} * count)); }
  // a * b, rounded to P places.
  static Fixed Mul(Fixed a, Fixed b, Rounding rounding) {
    return Fixed(
        detail::Narrow(detail::Divide(util::Int128{a.units_} * b.units_, kScale, rounding)));
  }
  // a / b, rounded to P places. REQUIRES: b > 0.
  static Fixed Div(Fixed a, Fixed b, Rounding rounding) {
    return Fixed(
        detail::Narrow(detail::Divide(util::Int128{a.units_} * kScale, b.units_, rounding)));
  }
  // a * b / c in one step (one rounding), to P places. REQUIRES: c > 0.
  static Fixed MulDiv(Fixed a, Fixed b, Fixed c, Rounding rounding) {
    return Fixed(
        detail::Narrow(detail::Divide(util::Int128{a.units_} * b.units_, c.units_, rounding)));
  }

 private:
  constexpr explicit Fixed(int64_t units) : units_(units) {}
  int64_t units_ = 0;
};

class Rational {
 public:
  Rational() = default;
  static Rational FromInt(int64_t whole) { return Rational(mpq_class(mpz_class(whole))); }
  static Rational FromVotes(Votes votes, int places);

  // Rounded to `places` places (down unless asked otherwise).
  Votes ToVotes(int places, Rounding rounding = Rounding::kDown) const;
  std::string ToString() const { return value_.get_str(); }  // "p/q", or "p" when whole
  const mpq_class& value() const { return value_; }

  Rational& operator+=(const Rational& other) {
    value_ += other.value_;
    return *this;
  }
  Rational& operator-=(const Rational& other) {
    value_ -= other.value_;
    return *this;
  }
  friend Rational operator+(Rational a, const Rational& b) { return a += b; }
  friend Rational operator-(Rational a, const Rational& b) { return a -= b; }
  friend bool operator==(const Rational& a, const Rational& b) { return a.value_ == b.value_; }
  friend std::strong_ordering operator<=>(const Rational& a, const Rational& b) {
    const int sign = cmp(a.value_, b.value_);
    return sign < 0 ? std::strong_ordering::less
                    : (sign > 0 ? std::strong_ordering::greater : std::strong_ordering::equal);
  }

  Rational Times(int64_t count) const { return Rational(value_ * mpq_class(mpz_class(count))); }
  // Exact: a rational result needs no rounding, so `rounding` is not used.
  static Rational Mul(const Rational& a, const Rational& b, Rounding /*rounding*/) {
    return Rational(a.value_ * b.value_);
  }
  static Rational Div(const Rational& a, const Rational& b, Rounding /*rounding*/) {
    CHECK(sgn(b.value_) > 0);
    return Rational(a.value_ / b.value_);
  }
  static Rational MulDiv(const Rational& a, const Rational& b, const Rational& c,
                         Rounding /*rounding*/) {
    CHECK(sgn(c.value_) > 0);
    return Rational(a.value_ * b.value_ / c.value_);
  }

 private:
  explicit Rational(mpq_class value) : value_(std::move(value)) { value_.canonicalize(); }
  mpq_class value_;
};

}  // namespace scrutineer::core
