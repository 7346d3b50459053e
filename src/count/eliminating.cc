#include "count/eliminating.h"

#include <algorithm>

namespace scrutineer::count {
namespace {

using util::Error;
using util::ErrorCode;

// The votes of `tally`'s candidates at each earlier ballot, for looking back at a tie.
std::vector<std::vector<Votes>> HistoryOf(const std::vector<EliminatingTally>& earlier,
                                          const EliminatingTally& tally) {
  std::vector<std::vector<Votes>> history;
  for (const EliminatingTally& before : earlier) {
    std::vector<Votes>& round = history.emplace_back(tally.candidates.size());
    for (size_t c = 0; c < tally.candidates.size(); ++c) {
      const auto at =
          std::find(before.candidates.begin(), before.candidates.end(), tally.candidates[c]);
      if (at != before.candidates.end()) {
        round[c] = Votes::FromUnits(before.votes[static_cast<size_t>(at - before.candidates.begin())]);
      }
    }
  }
  return history;
}

// Those of `standing` with the fewest votes (several when level).
std::vector<CandidateId> Fewest(const EliminatingTally& tally,
                                const std::vector<CandidateId>& standing) {
  std::vector<CandidateId> fewest;
  for (CandidateId c : standing) {
    const int64_t votes = tally.votes[c.index()];
    if (fewest.empty() || votes < tally.votes[fewest.front().index()]) {
      fewest = {c};
    } else if (votes == tally.votes[fewest.front().index()]) {
      fewest.push_back(c);
    }
  }
  return fewest;
}

}  // namespace

util::Result<EliminatingDecision> DecideEliminatingBallot(
    const std::vector<EliminatingTally>& earlier, const EliminatingTally& tally,
    const EliminatingRules& rules, const Lot* lot, int& draws) {
  const size_t standing_count = tally.candidates.size();
  if (tally.votes.size() != standing_count || standing_count <= static_cast<size_t>(rules.finalists)) {
    return Error(ErrorCode::kInvalidArgument,
                 "no ballot is needed: " + std::to_string(standing_count) +
                     " candidates stand for " + std::to_string(rules.finalists) + " places");
  }
  const auto below = static_cast<size_t>(std::count_if(
      tally.votes.begin(), tally.votes.end(), [&](int64_t v) { return v < rules.threshold; }));
  EliminatingDecision decision;
  decision.by_threshold = below > 0;
  // How many go: all below the threshold, or the one with the fewest votes; never so many that
  // fewer than the finalists are left.
  const size_t to_go =
      std::min(below > 0 ? below : 1, standing_count - static_cast<size_t>(rules.finalists));
  std::vector<CandidateId> standing;
  for (size_t c = 0; c < standing_count; ++c) {
    standing.emplace_back(static_cast<uint16_t>(c));
  }
  const std::vector<std::vector<Votes>> history = HistoryOf(earlier, tally);
  for (size_t gone = 0; gone < to_go; ++gone) {
    const std::vector<CandidateId> fewest = Fewest(tally, standing);
    CandidateId loser = fewest.front();
    // Level candidates that all go need no tie-break; only a tie across the last place does.
    if (fewest.size() > to_go - gone) {
      auto tie = BreakTie(fewest, history, rules.tie_break, lot, tally.candidates, draws);
      if (!tie.ok()) {
        return tie.error();
      }
      loser = tie->loser;
      decision.ties.push_back(std::move(tie.value()));
    }
    decision.eliminated.push_back(tally.candidates[loser.index()]);
    standing.erase(std::find(standing.begin(), standing.end(), loser));
  }
  for (CandidateId c : standing) {
    decision.continuing.push_back(tally.candidates[c.index()]);
  }
  return decision;
}

}  // namespace scrutineer::count
