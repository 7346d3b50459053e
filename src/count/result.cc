#include "count/result.h"

#include <numeric>

namespace scrutineer::count {

Votes Total(const ExhaustedTally& tally) {
  return std::accumulate(tally.begin(), tally.end(), Votes());
}

Votes Stage::TransferredTo(CandidateId candidate) const {
  Votes sum;
  for (const Transfer& transfer : transfers) {
    sum += transfer.to[candidate.index()];
  }
  return sum;
}

Votes Stage::TransferredToExhausted() const {
  Votes sum;
  for (const Transfer& transfer : transfers) {
    sum += Total(transfer.exhausted);
  }
  return sum;
}

std::string_view DecisionName(Decision decision) {
  switch (decision) {
    case Decision::kMajority:
      return "majority";
    case Decision::kFinalPair:
      return "final_pair";
    case Decision::kLastCandidate:
      return "last_candidate";
    case Decision::kExcludeLowest:
      return "exclude_lowest";
    case Decision::kExcludeBatch:
      return "exclude_batch";
    case Decision::kMostVotes:
      return "most_votes";
    case Decision::kCarried:
      return "carried";
    case Decision::kNotCarried:
      return "not_carried";
    case Decision::kCondorcet:
      return "condorcet";
    case Decision::kFirstPreferences:
      return "first_preferences";
    case Decision::kSurplus:
      return "surplus";
    case Decision::kExclude:
      return "exclude";
    case Decision::kMeekRound:
      return "meek_round";
  }
  return "?";
}

}  // namespace scrutineer::count
