#pragma once
// Breaking ties between candidates level on votes. The rules name steps tried in turn until one
// candidate is singled out: look back at earlier rounds (from the most recent, or from the first),
// then a given order of candidates or a lot drawn from a published seed. The record says what
// tied, which step decided and, for a lot, every ticket, so that anyone can check the draw.
//
// Lots come from a Lot, passed in: the counting code holds no randomness of its own. The
// project's Lot (crypto/sha256_lot.h) is documented in docs/rng.md.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/votes.h"
#include "util/result.h"

namespace scrutineer::count {

using core::CandidateId;
using core::Votes;

enum class TieStep : uint8_t {
  kBackward,  // fewest votes at the most recent earlier round where the tied were unequal
  kForward,   // fewest votes at the first round where the tied were unequal
  kOrder,     // a given order of candidates: the first listed loses
  kLot,       // a lot drawn from the published seed
};

struct TieBreakRules {
  // Tried in turn; a step that leaves several candidates level passes them to the next.
  // Default: look back through earlier rounds, then draw lots (UK practice).
  std::vector<TieStep> steps{TieStep::kBackward, TieStep::kLot};
  // For kOrder: candidates in the order they lose ties (the first listed loses first). Empty
  // by default; a tie between candidates missing from it cannot be decided by it.
  std::vector<CandidateId> order;
};

// A source of lots. Deterministic: the same seed, draw number and names give the same tickets.
class Lot {
 public:
  struct Ticket {
    CandidateId candidate;
    std::string ticket;  // the drawn value, as published (e.g. a hex digest)
  };
  virtual ~Lot() = default;
  // Orders `tied` for draw number `draw` (1, 2, ... within one count): the first in the
  // returned order loses. `names` is indexed by CandidateId.
  virtual std::vector<Ticket> Draw(int draw, std::span<const CandidateId> tied,
                                   std::span<const std::string> names) const = 0;
  // How tickets are drawn and from which seed, for the record of the count.
  virtual std::string Describe() const = 0;
};

struct TieRecord {
  std::vector<CandidateId> tied;  // level on votes in the round, in candidate order
  TieStep decided_by = TieStep::kLot;
  CandidateId loser;
  int round_looked_at = 0;           // kBackward/kForward: the round that separated them
  int draw = 0;                      // kLot: the draw number
  std::vector<Lot::Ticket> tickets;  // kLot: every ticket, losing ticket first
};

// The votes of every candidate at each earlier round, oldest first: history[r][c] is candidate
// c's votes at round r + 1.
using RoundHistory = std::span<const std::vector<Votes>>;

// Chooses which of `tied` (two or more, level in the current round) loses. `draws` counts the
// lots drawn so far in this count and is advanced when a lot is drawn. Fails when the steps run
// out with candidates still level (e.g. kOrder without them, kLot without a Lot).
util::Result<TieRecord> BreakTie(std::span<const CandidateId> tied, RoundHistory history,
                                 const TieBreakRules& rules, const Lot* lot,
                                 std::span<const std::string> names, int& draws);

std::string_view TieStepName(TieStep step);

}  // namespace scrutineer::count
