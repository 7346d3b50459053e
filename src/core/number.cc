#include "core/number.h"

namespace scrutineer::core {

Rational Rational::FromVotes(Votes votes, int places) {
  return Rational(mpq_class(mpz_class(votes.units()), mpz_class(detail::Pow10(places))));
}

Votes Rational::ToVotes(int places) const {
  mpz_class scaled = value_.get_num() * mpz_class(detail::Pow10(places));
  mpz_class units;
  mpz_fdiv_q(units.get_mpz_t(), scaled.get_mpz_t(), value_.get_den_mpz_t());  // rounds down
  CHECK(units.fits_slong_p());
  return Votes::FromUnits(units.get_si());
}

}  // namespace scrutineer::core
