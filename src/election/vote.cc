#include "election/vote.h"

#include <algorithm>
#include <set>

#include "crypto/voting_code.h"

namespace scrutineer::election {
namespace {

using util::Error;
using util::ErrorCode;

const core::Contest* ContestNamed(const core::ElectionDefinition& definition,
                                  const std::string& id) {
  for (const core::Contest& contest : definition.contests) {
    if (contest.id == id) {
      return &contest;
    }
  }
  return nullptr;
}

// The most marks a ballot of `contest` may carry.
size_t MarksAllowed(const core::Contest& contest) {
  if (contest.method == "plurality") {
    return static_cast<size_t>(contest.seats);
  }
  if (contest.method == "motion") {
    return 1;
  }
  return contest.candidates.size();
}

// Why a paper cannot be cast, before its code is looked up, or "".
std::string PaperProblem(const core::ElectionDefinition& definition, const BallotPaper& paper,
                         bool spoilt_allowed) {
  std::set<std::string> contests;
  for (const Choice& choice : paper.choices) {
    if (std::string problem = ChoiceProblem(definition, choice, spoilt_allowed); !problem.empty()) {
      return problem;
    }
    if (!contests.insert(choice.contest).second) {
      return "the paper marks contest '" + choice.contest + "' twice";
    }
  }
  for (const core::Contest& contest : definition.contests) {
    // (A contest with one candidate, elected unopposed, needs no choice.)
    if (!contests.contains(contest.id) && contest.candidates.size() > 1) {
      return "the paper has no choice for contest '" + contest.id + "' (a blank one is allowed)";
    }
  }
  return "";
}

std::string RefusalOf(store::CastOutcome outcome) {
  switch (outcome) {
    case store::CastOutcome::kAccepted:
      return "";
    case store::CastOutcome::kUnknown:
      return "this voting code was not issued for this election";
    case store::CastOutcome::kSpent:
      return "this voting code has been used: its ballot is cast";
    case store::CastOutcome::kRevoked:
      return "this voting code was replaced by a reissued one";
  }
  return "";
}

Refusal KindOf(store::CastOutcome outcome) {
  switch (outcome) {
    case store::CastOutcome::kAccepted:
      return Refusal::kNone;
    case store::CastOutcome::kUnknown:
      return Refusal::kUnknownCode;
    case store::CastOutcome::kSpent:
      return Refusal::kSpentCode;
    case store::CastOutcome::kRevoked:
      return Refusal::kRevokedCode;
  }
  return Refusal::kNone;
}

std::string Preferences(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) {
    text += text.empty() ? "" : "\n";
    text += name;
  }
  return text;
}

// A paper's outcome before its code is looked up: refused (a mistyped code, a choice that
// cannot be on the paper, a code whose paper is earlier in this batch: `codes`), or not yet,
// with its code `normalized`.
VoteOutcome CheckPaper(const core::ElectionDefinition& definition, const BallotPaper& paper,
                       bool spoilt_allowed, std::set<std::string>& codes, std::string& normalized) {
  VoteOutcome outcome;
  auto code = crypto::NormalizeVotingCode(paper.code);
  if (!code.ok()) {
    outcome.kind = Refusal::kMistypedCode;
    outcome.refusal = code.error().problems().front().what;
    return outcome;
  }
  outcome.refusal = PaperProblem(definition, paper, spoilt_allowed);
  outcome.kind = outcome.refusal.empty() ? Refusal::kNone : Refusal::kInvalidChoice;
  if (outcome.refusal.empty() && !codes.insert(*code).second) {
    outcome.refusal = RefusalOf(store::CastOutcome::kSpent);
    outcome.kind = Refusal::kSpentCode;
  }
  normalized = std::move(code.value());
  return outcome;
}

// The store's request for a paper that passed the checks; `normalized` is its code.
store::CastRequest RequestFor(const BallotPaper& paper, const std::string& normalized,
                              std::string_view key, const std::string& channel, int64_t now) {
  store::CastRequest request;
  request.code_hash = crypto::VotingCodeHash(normalized, key);
  const std::string tracking = crypto::GroupVotingCode(crypto::RandomHex(8));
  for (const Choice& choice : paper.choices) {
    request.ballots.push_back({crypto::RandomHex(16), choice.contest, "", channel,
                               Preferences(choice.preferences), tracking});
  }
  request.event = {now - now % 3600, "ballot accepted", "tracking code " + tracking};
  return request;
}

}  // namespace

util::Status CheckVotingOpen(const Election& election, int64_t now) {
  const core::Timetable& timetable = election.definition.timetable;
  if (election.state != core::ElectionState::kBallotOpen) {
    return Error(ErrorCode::kConflict,
                 "the ballot is not open: the election is in state '" + election.record.state + "'",
                 election.record.id);
  }
  if (now < timetable.ballot_open || now >= timetable.ballot_close) {
    return Error(ErrorCode::kConflict,
                 "ballots are accepted from " + IsoTime(timetable.ballot_open) + " until " +
                     IsoTime(timetable.ballot_close) + "; it is now " + IsoTime(now),
                 election.record.id);
  }
  return {};
}

std::string ChoiceProblem(const core::ElectionDefinition& definition, const Choice& choice,
                          bool spoilt_allowed) {
  const core::Contest* contest = ContestNamed(definition, choice.contest);
  if (contest == nullptr) {
    return "there is no contest '" + choice.contest + "'";
  }
  std::set<std::string> seen;
  for (const std::string& name : choice.preferences) {
    if (std::find(contest->candidates.begin(), contest->candidates.end(), name) ==
        contest->candidates.end()) {
      return "'" + name + "' is not a candidate in contest '" + contest->id + "'";
    }
    if (!seen.insert(name).second) {
      return "'" + name + "' is marked twice in contest '" + contest->id + "'";
    }
  }
  if (!spoilt_allowed && choice.preferences.size() > MarksAllowed(*contest)) {
    return "contest '" + contest->id + "' allows at most " +
           std::to_string(MarksAllowed(*contest)) + " marks";
  }
  return "";
}

util::Result<std::vector<VoteOutcome>> CastBallots(store::Store& store, const Election& election,
                                                   std::string_view key,
                                                   const std::vector<BallotPaper>& papers,
                                                   const std::string& channel, int64_t now) {
  if (util::Status open = CheckVotingOpen(election, now); !open.ok()) {
    return open.error();
  }
  std::vector<VoteOutcome> outcomes(papers.size());
  std::vector<std::pair<store::CastRequest, size_t>> requests;  // and the paper's index
  std::set<std::string> codes;  // in this batch: a code's first paper counts, the rest are spent
  for (size_t i = 0; i < papers.size(); ++i) {
    std::string normalized;
    outcomes[i] =
        CheckPaper(election.definition, papers[i], channel == "postal", codes, normalized);
    if (outcomes[i].kind == Refusal::kNone) {
      requests.emplace_back(RequestFor(papers[i], normalized, key, channel, now), i);
    }
  }
  // Logged in the order of their (random) tracking codes, not of their arrival.
  std::sort(requests.begin(), requests.end(), [](const auto& a, const auto& b) {
    return a.first.event.detail < b.first.event.detail;
  });
  std::vector<store::CastRequest> batch;
  batch.reserve(requests.size());
  std::vector<std::string> tracking;  // each request's tracking code
  tracking.reserve(requests.size());
  for (auto& [request, index] : requests) {
    tracking.push_back(request.ballots.front().tracking_code);
    batch.push_back(std::move(request));
  }
  auto cast = store.Cast(election.record.id, batch);
  if (!cast.ok()) {
    return cast.error();
  }
  for (size_t r = 0; r < requests.size(); ++r) {
    VoteOutcome& outcome = outcomes[requests[r].second];
    outcome.accepted = (*cast)[r] == store::CastOutcome::kAccepted;
    outcome.refusal = RefusalOf((*cast)[r]);
    outcome.kind = KindOf((*cast)[r]);
    outcome.tracking_code = outcome.accepted ? tracking[r] : "";
  }
  return outcomes;
}

}  // namespace scrutineer::election
