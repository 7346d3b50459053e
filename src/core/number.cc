#include "core/number.h"

namespace scrutineer::core {

Rational Rational::FromVotes(Votes votes, int places) {
  return Rational(mpq_class(mpz_class(votes.units()), mpz_class(detail::Pow10(places))));
}

Votes Rational::ToVotes(int places, Rounding rounding) const {
  mpz_class scaled = value_.get_num() * mpz_class(detail::Pow10(places));
  CHECK(rounding != Rounding::kNearest || sgn(scaled) >= 0);
  mpz_class units;
  switch (rounding) {
    case Rounding::kDown:
      mpz_fdiv_q(units.get_mpz_t(), scaled.get_mpz_t(), value_.get_den_mpz_t());
      break;
    case Rounding::kUp:
      mpz_cdiv_q(units.get_mpz_t(), scaled.get_mpz_t(), value_.get_den_mpz_t());
      break;
    case Rounding::kNearest: {
      // floor((2 * scaled + den) / (2 * den)) for non-negative values; halves go up.
      const mpz_class twice = scaled * 2 + value_.get_den();
      const mpz_class den2 = value_.get_den() * 2;
      mpz_fdiv_q(units.get_mpz_t(), twice.get_mpz_t(), den2.get_mpz_t());
      break;
    }
  }
  CHECK(units.fits_slong_p());
  return Votes::FromUnits(units.get_si());
}

}  // namespace scrutineer::core
