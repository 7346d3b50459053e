#pragma once
// Casting ballots: a voting code is checked (typed right, issued for this election, not spent
// or revoked), spent, and its ballot paper stored, in one transaction, durably, before the
// voter is told it is accepted (docs/voting.md). What is stored has the voter's section and
// the channel but nothing that links it to the voter: a random key and a random tracking code,
// which the voter is given to find the ballot in the published ballot box. The audit log
// records each acceptance by its tracking code, at the hour (not the second), and a batch's
// acceptances in the order of their tracking codes, not of their arrival.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "election/lifecycle.h"
#include "util/result.h"

namespace scrutineer::election {

// One contest's marks: candidate names in order of preference (empty: a blank ballot).
struct Choice {
  std::string contest;
  std::vector<std::string> preferences;
};

// A ballot paper: the code as typed, and a choice for every contest of the election.
struct BallotPaper {
  std::string code;
  std::vector<Choice> choices;
};

// Why a paper was refused, for callers that answer by kind (the web server's HTTP statuses);
// the text of the refusal says it for people.
enum class Refusal : uint8_t {
  kNone,           // accepted
  kMistypedCode,   // the code's check characters fail
  kUnknownCode,    // not issued for this election
  kSpentCode,      // its ballot is cast already
  kRevokedCode,    // replaced by a reissued code
  kInvalidChoice,  // an unknown or missing contest or candidate, a repeat, too many marks
};

// What happened to one paper: accepted with its tracking code, or refused with the reason.
struct VoteOutcome {
  bool accepted = false;
  std::string tracking_code;
  std::string refusal;
  Refusal kind = Refusal::kNone;
};

// Refused (kConflict, saying when ballots are accepted) unless the election is in state
// ballot_open and `now` is between the timetable's ballot_open and ballot_close.
util::Status CheckVotingOpen(const Election& election, int64_t now);

// Casts `papers` through `channel` ("online" or "postal") in one transaction. The election
// must be open (state ballot_open, between the timetable's ballot_open and ballot_close): if
// not, nothing is cast and the error says why. A paper that is refused (a mistyped, unknown,
// spent or revoked code; an unknown contest or candidate; a candidate ranked twice; online,
// more marks than the method allows) changes nothing and its outcome says why; the others are
// cast. A postal paper with too many marks is cast, and spoilt at the count.
util::Result<std::vector<VoteOutcome>> CastBallots(store::Store& store, const Election& election,
                                                   std::string_view key,
                                                   const std::vector<BallotPaper>& papers,
                                                   const std::string& channel, int64_t now);

// Why `choice` cannot be on a ballot paper of `definition`, or "". More marks than the method
// allows are refused online, but a paper returned by post is counted as it was marked: with
// `spoilt_allowed` such a choice is stored, and the count treats it as spoilt (void).
std::string ChoiceProblem(const core::ElectionDefinition& definition, const Choice& choice,
                          bool spoilt_allowed = false);

}  // namespace scrutineer::election
