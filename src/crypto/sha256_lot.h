#pragma once
// Sha256Lot: the project's lot for breaking ties, specified in docs/rng.md so that anyone can
// redraw it by hand. For draw number d of a count with published seed S, each tied candidate's
// ticket is the lowercase hex SHA-256 digest of the UTF-8 text "S|d|NAME"; tickets are ordered
// from the lowest, and the lowest ticket loses the tie. For example
//   printf '%s' 'conference-2016|1|Owen Smith' | sha256sum

#include <string>

#include "count/tie_break.h"

namespace scrutineer::crypto {

class Sha256Lot final : public count::Lot {
 public:
  explicit Sha256Lot(std::string seed);

  std::vector<Ticket> Draw(int draw, std::span<const count::CandidateId> tied,
                           std::span<const std::string> names) const override;
  std::string Describe() const override;

 private:
  std::string seed_;
};

// Lowercase hex SHA-256 of `text`.
std::string Sha256Hex(std::string_view text);

}  // namespace scrutineer::crypto
