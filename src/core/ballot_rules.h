#pragma once
// How the marks on a ballot become a ranking. A reader turns each rank of a ballot into a Mark
// (a candidate, an empty rank, an overvote or a name not on the ballot) and ReadRanking applies
// the contest's BallotRules: the result is either a ranking with the reason it ends, a blank
// ballot, a rejected ballot (counted as rejected, with its reason) or a refusal of the file.
//
// The default rules are those of UK party and public elections: a ballot counts up to its first
// irregularity (a gap in the numbering, a candidate given two preferences, two candidates given
// one) and no further; an unknown candidate refuses the file because it means the file and the
// ballot paper disagree.

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "util/result.h"

namespace scrutineer::core {

// What happens at an irregular rank.
enum class Treatment : uint8_t {
  kStop,    // the ballot counts up to the previous rank, then is exhausted (UK practice)
  kSkip,    // the rank is ignored and counting reads on (SB 1288 repeats, RCTab skip-to-next)
  kReject,  // the whole ballot is rejected, and reported as rejected with the reason
  kRefuse,  // the file is refused with an error naming the line
};

struct BallotRules {
  // A gap: an empty rank followed by a later preference. Default: count up to the gap.
  Treatment skipped_rank = Treatment::kStop;
  // A candidate given a second, later preference. Default: count up to the repeat.
  Treatment repeated_candidate = Treatment::kStop;
  // A rank with more than one candidate. Default: count up to the overvote.
  Treatment overvote = Treatment::kStop;
  // A name that is not a candidate (only possible when the candidates are declared). Default:
  // refuse the file. kStop is not allowed here: use kSkip, kReject or kRefuse.
  Treatment unknown_candidate = Treatment::kRefuse;
};

// Refuses rules that cannot be applied (kStop for an unknown candidate: there is no
// exhaustion reason for it; skip or reject it instead).
util::Status ValidateBallotRules(const BallotRules& rules);

// Why a ballot's preferences ran out. Counts report exhausted ballots in these categories.
enum class Exhaustion : uint8_t {
  kNoMorePreferences,  // the voter ranked fewer candidates than allowed, all now out
  kAllRanksUsed,       // every allowed rank was used, all those candidates now out
  kOvervote,           // stopped at a rank with more than one candidate
  kSkippedRank,        // stopped at a gap in the ranks
  kRepeatedCandidate,  // stopped at a candidate ranked again
};
inline constexpr int kExhaustionKinds = 5;

enum class MarkKind : uint8_t { kEmpty, kCandidate, kOvervote, kUnknown };

struct Mark {
  MarkKind kind = MarkKind::kEmpty;
  CandidateId candidate;  // meaningful for kCandidate only
};

enum class Irregularity : uint8_t { kNone, kSkippedRank, kRepeatedCandidate, kOvervote, kUnknown };

struct Verdict {
  enum class Kind : uint8_t { kBallot, kBlank, kRejected, kRefused };
  Kind kind = Kind::kBallot;
  // kBallot: why its preferences end.
  Exhaustion end = Exhaustion::kNoMorePreferences;
  // kRejected and kRefused: what was irregular, and at which rank (1-based).
  Irregularity irregularity = Irregularity::kNone;
  size_t rank = 0;
};

// Applies `rules` to `marks` (rank 1 first). On kBallot, `ranking` holds the preferences in
// order (possibly none, when the first rank was already irregular). `ranks_allowed` is how many
// ranks the ballot offers (0: unknown), which tells kAllRanksUsed from kNoMorePreferences.
// `seen` is scratch space: at least one byte per candidate, all zero; left all zero.
Verdict ReadRanking(std::span<const Mark> marks, const BallotRules& rules, size_t ranks_allowed,
                    std::vector<CandidateId>& ranking, std::span<uint8_t> seen);

// A short description of an irregularity at `rank`, for messages: "rank 3 repeats a candidate".
std::string_view IrregularityName(Irregularity irregularity);

std::string_view TreatmentName(Treatment treatment);
std::string_view ExhaustionName(Exhaustion end);

}  // namespace scrutineer::core
