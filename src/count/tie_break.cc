#include "count/tie_break.h"

#include <algorithm>

#include "util/text.h"

namespace scrutineer::count {
namespace {

// Keeps those of `level` with the fewest votes at `round` (0-based into history).
std::vector<CandidateId> FewestAt(const std::vector<Votes>& votes,
                                  std::span<const CandidateId> level) {
  Votes fewest = votes[level.front().index()];
  for (CandidateId c : level) {
    fewest = std::min(fewest, votes[c.index()]);
  }
  std::vector<CandidateId> kept;
  for (CandidateId c : level) {
    if (votes[c.index()] == fewest) {
      kept.push_back(c);
    }
  }
  return kept;
}

// Looks through earlier rounds, in the order given, until one round leaves a single candidate
// with the fewest votes. Narrows `level` on the way, so a partly separating round still counts.
bool SeparateByRounds(RoundHistory history, bool backward, std::vector<CandidateId>& level,
                      int& round_looked_at) {
  const size_t rounds = history.size();
  for (size_t k = 0; k < rounds && level.size() > 1; ++k) {
    const size_t r = backward ? rounds - 1 - k : k;
    level = FewestAt(history[r], level);
    round_looked_at = static_cast<int>(r) + 1;
  }
  return level.size() == 1;
}

bool SeparateByOrder(std::span<const CandidateId> order, std::vector<CandidateId>& level) {
  for (CandidateId c : order) {
    if (std::find(level.begin(), level.end(), c) != level.end()) {
      level = {c};
      return true;
    }
  }
  return false;
}

std::string NamesOf(std::span<const CandidateId> candidates, std::span<const std::string> names) {
  std::string text;
  for (CandidateId c : candidates) {
    text += text.empty() ? "" : ", ";
    text += util::Quote(names[c.index()]);
  }
  return text;
}

}  // namespace

namespace {

// Applies one step to the candidates still level; true when it left one.
util::Result<bool> ApplyStep(TieStep step, RoundHistory history, const TieBreakRules& rules,
                             const Lot* lot, std::span<const std::string> names, int& draws,
                             std::vector<CandidateId>& level, TieRecord& record) {
  switch (step) {
    case TieStep::kBackward:
    case TieStep::kForward:
      return SeparateByRounds(history, step == TieStep::kBackward, level, record.round_looked_at);
    case TieStep::kOrder:
      return SeparateByOrder(rules.order, level);
    case TieStep::kLot:
      if (lot == nullptr) {
        return util::Error(util::ErrorCode::kCountFailed,
                           "a tie between " + NamesOf(level, names) +
                               " needs a lot, and no seed was given (--seed)");
      }
      record.draw = ++draws;
      record.tickets = lot->Draw(record.draw, level, names);
      CHECK(record.tickets.size() == level.size());
      level = {record.tickets.front().candidate};
      return true;
  }
  UNREACHABLE();
}

}  // namespace

util::Result<TieRecord> BreakTie(std::span<const CandidateId> tied, RoundHistory history,
                                 const TieBreakRules& rules, const Lot* lot,
                                 std::span<const std::string> names, int& draws) {
  CHECK(tied.size() >= 2);
  TieRecord record;
  record.tied.assign(tied.begin(), tied.end());
  std::vector<CandidateId> level = record.tied;
  for (TieStep step : rules.steps) {
    record.decided_by = step;
    util::Result<bool> decided = ApplyStep(step, history, rules, lot, names, draws, level, record);
    if (!decided.ok()) {
      return decided.error();
    }
    if (*decided) {
      record.loser = level.front();
      return record;
    }
  }
  return util::Error(util::ErrorCode::kCountFailed,
                     "the tie-break rules cannot separate " + NamesOf(level, names) +
                         ": add a step (a candidate order or a lot)");
}

std::string_view TieStepName(TieStep step) {
  switch (step) {
    case TieStep::kBackward:
      return "backward";
    case TieStep::kForward:
      return "forward";
    case TieStep::kOrder:
      return "order";
    case TieStep::kLot:
      return "lot";
  }
  return "?";
}

}  // namespace scrutineer::count
