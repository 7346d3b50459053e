#include "core/ballot_rules.h"

#include "util/check.h"

namespace scrutineer::core {
namespace {

Treatment TreatmentOf(const BallotRules& rules, Irregularity irregularity) {
  switch (irregularity) {
    case Irregularity::kSkippedRank:
      return rules.skipped_rank;
    case Irregularity::kRepeatedCandidate:
      return rules.repeated_candidate;
    case Irregularity::kOvervote:
      return rules.overvote;
    case Irregularity::kUnknown:
      return rules.unknown_candidate;
    case Irregularity::kNone:
      break;
  }
  UNREACHABLE();
}

Exhaustion EndAt(Irregularity irregularity) {
  switch (irregularity) {
    case Irregularity::kSkippedRank:
      return Exhaustion::kSkippedRank;
    case Irregularity::kRepeatedCandidate:
      return Exhaustion::kRepeatedCandidate;
    case Irregularity::kOvervote:
      return Exhaustion::kOvervote;
    case Irregularity::kUnknown:
    case Irregularity::kNone:
      break;
  }
  UNREACHABLE();  // ValidateBallotRules keeps kStop away from unknown candidates
}

// The irregularity of a non-empty mark at its rank, given what came before.
Irregularity Classify(const Mark& mark, bool after_gap, std::span<const uint8_t> seen) {
  if (after_gap) {
    return Irregularity::kSkippedRank;
  }
  switch (mark.kind) {
    case MarkKind::kOvervote:
      return Irregularity::kOvervote;
    case MarkKind::kUnknown:
      return Irregularity::kUnknown;
    case MarkKind::kCandidate:
      return seen[mark.candidate.index()] ? Irregularity::kRepeatedCandidate : Irregularity::kNone;
    case MarkKind::kEmpty:
      break;
  }
  UNREACHABLE();
}

void ClearSeen(std::span<const CandidateId> ranking, std::span<uint8_t> seen) {
  for (CandidateId candidate : ranking) {
    seen[candidate.index()] = 0;
  }
}

}  // namespace

util::Status ValidateBallotRules(const BallotRules& rules) {
  if (rules.unknown_candidate == Treatment::kStop) {
    return util::Error(util::ErrorCode::kInvalidArgument,
                       "an unknown candidate can be skipped, rejected or refused, not stopped at");
  }
  return {};
}

namespace {

// The verdict on a ballot stopped by `irregularity` at `rank` under `treatment` (which is
// kStop, kReject or kRefuse).
Verdict Stopped(Irregularity irregularity, Treatment treatment, size_t rank) {
  Verdict verdict;
  verdict.irregularity = irregularity;
  verdict.rank = rank;
  if (treatment == Treatment::kStop) {
    verdict.end = EndAt(irregularity);
  } else {
    verdict.kind =
        treatment == Treatment::kReject ? Verdict::Kind::kRejected : Verdict::Kind::kRefused;
  }
  return verdict;
}

// What is irregular about a marked rank, after forgiving a gap when the rules skip gaps.
Irregularity Judge(const Mark& mark, bool after_gap, const BallotRules& rules,
                   std::span<const uint8_t> seen) {
  const Irregularity irregularity = Classify(mark, after_gap, seen);
  if (irregularity == Irregularity::kSkippedRank && rules.skipped_rank == Treatment::kSkip) {
    return Classify(mark, false, seen);
  }
  return irregularity;
}

}  // namespace

namespace {

// The usual ballot: candidates at ranks 1..n, no repeat, nothing after. Fills `ranking` and
// returns true; false (ranking unspecified) for anything else, which the general rules read.
bool ReadCleanRanking(std::span<const Mark> marks, std::vector<CandidateId>& ranking,
                      std::span<uint8_t> seen) {
  size_t k = 0;
  for (; k < marks.size() && marks[k].kind == MarkKind::kCandidate; ++k) {
    const size_t c = marks[k].candidate.index();
    if (seen[c] != 0) {
      break;
    }
    seen[c] = 1;
    ranking.push_back(marks[k].candidate);
  }
  ClearSeen(ranking, seen);
  const size_t marked = k;
  for (; k < marks.size(); ++k) {
    if (marks[k].kind != MarkKind::kEmpty) {
      return false;
    }
  }
  return marked == ranking.size() && marked > 0;
}

}  // namespace

Verdict ReadRanking(std::span<const Mark> marks, const BallotRules& rules, size_t ranks_allowed,
                    std::vector<CandidateId>& ranking, std::span<uint8_t> seen) {
  ranking.clear();
  if (ReadCleanRanking(marks, ranking, seen)) {
    Verdict verdict;
    if (ranks_allowed > 0 && ranking.size() >= ranks_allowed) {
      verdict.end = Exhaustion::kAllRanksUsed;
    }
    return verdict;
  }
  ranking.clear();
  bool any_mark = false;
  bool after_gap = false;
  for (size_t i = 0; i < marks.size(); ++i) {
    const Mark& mark = marks[i];
    if (mark.kind == MarkKind::kEmpty) {
      after_gap = true;  // a gap, if a later rank is marked
      continue;
    }
    any_mark = true;
    const Irregularity irregularity = Judge(mark, after_gap, rules, seen);
    after_gap = false;
    if (irregularity == Irregularity::kNone) {
      seen[mark.candidate.index()] = 1;
      ranking.push_back(mark.candidate);
      continue;
    }
    const Treatment treatment = TreatmentOf(rules, irregularity);
    if (treatment != Treatment::kSkip) {
      ClearSeen(ranking, seen);
      if (treatment != Treatment::kStop) {
        ranking.clear();
      }
      return Stopped(irregularity, treatment, i + 1);
    }
  }
  ClearSeen(ranking, seen);
  Verdict verdict;
  if (!any_mark) {
    verdict.kind = Verdict::Kind::kBlank;
  } else if (ranks_allowed > 0 && ranking.size() >= ranks_allowed) {
    verdict.end = Exhaustion::kAllRanksUsed;
  }
  return verdict;
}

std::string_view IrregularityName(Irregularity irregularity) {
  switch (irregularity) {
    case Irregularity::kSkippedRank:
      return "skipped rank";
    case Irregularity::kRepeatedCandidate:
      return "repeated candidate";
    case Irregularity::kOvervote:
      return "overvote";
    case Irregularity::kUnknown:
      return "unknown candidate";
    case Irregularity::kNone:
      break;
  }
  return "none";
}

std::string_view TreatmentName(Treatment treatment) {
  switch (treatment) {
    case Treatment::kStop:
      return "stop";
    case Treatment::kSkip:
      return "skip";
    case Treatment::kReject:
      return "reject";
    case Treatment::kRefuse:
      return "refuse";
  }
  return "?";
}

std::string_view ExhaustionName(Exhaustion end) {
  switch (end) {
    case Exhaustion::kNoMorePreferences:
      return "no_more_preferences";
    case Exhaustion::kAllRanksUsed:
      return "all_ranks_used";
    case Exhaustion::kOvervote:
      return "overvote";
    case Exhaustion::kSkippedRank:
      return "skipped_rank";
    case Exhaustion::kRepeatedCandidate:
      return "repeated_candidate";
  }
  return "?";
}

}  // namespace scrutineer::core
