// The count in RCTab's summary JSON layout, so that a count can be compared round by round with
// that certified tabulator's output (conformance/README.md). Inactive ballots map to RCTab's
// categories: out of preferences -> exhaustedChoices, overvote -> overvotes, a gap ->
// skippedRankings, a repeat -> repeatedRankings; blank papers are undervotes.

#include <nlohmann/json.hpp>

#include "report/declaration.h"

namespace scrutineer::report {
namespace {

using Json = nlohmann::ordered_json;
using core::Exhaustion;

std::string Category(const Declaration& d, const count::ExhaustedTally& tally, Exhaustion kind) {
  return d.Votes(tally[static_cast<size_t>(kind)]);
}

Json Inactive(const Declaration& d, const count::ExhaustedTally& tally) {
  const core::Votes choices = tally[static_cast<size_t>(Exhaustion::kNoMorePreferences)] +
                              tally[static_cast<size_t>(Exhaustion::kAllRanksUsed)];
  return {{"exhaustedChoices", d.Votes(choices)},
          {"overvotes", Category(d, tally, Exhaustion::kOvervote)},
          {"repeatedRankings", Category(d, tally, Exhaustion::kRepeatedCandidate)},
          {"skippedRankings", Category(d, tally, Exhaustion::kSkippedRank)}};
}

Json TallyResults(const Declaration& d, const count::Stage& round) {
  Json results = Json::array();
  for (const count::Transfer& transfer : round.transfers) {
    Json to = Json::object();
    for (size_t c = 0; c < transfer.to.size(); ++c) {
      if (transfer.to[c] > core::Votes()) {
        to[d.ballots.candidates[c]] = d.Votes(transfer.to[c]);
      }
    }
    if (count::Total(transfer.exhausted) > core::Votes()) {
      to["exhausted"] = d.Votes(count::Total(transfer.exhausted));
    }
    results.push_back({{"eliminated", d.Name(transfer.from)}, {"transfers", to}});
  }
  // A final pair's loser is excluded with nothing to transfer.
  if (round.transfers.empty()) {
    for (count::CandidateId c : round.excluded) {
      results.push_back({{"eliminated", d.Name(c)}, {"transfers", Json::object()}});
    }
  }
  for (count::CandidateId c : round.elected) {
    results.push_back({{"elected", d.Name(c)}, {"transfers", Json::object()}});
  }
  return results;
}

// Where a transfer's votes went, as RCTab lists them: by candidate, then "exhausted", then
// (STV) "residual surplus" for what rounding lost.
Json Destinations(const Declaration& d, const count::Transfer& transfer) {
  Json to = Json::object();
  for (size_t c = 0; c < transfer.to.size(); ++c) {
    if (transfer.to[c] > core::Votes()) {
      to[d.ballots.candidates[c]] = d.Votes(transfer.to[c]);
    }
  }
  if (count::Total(transfer.exhausted) > core::Votes()) {
    to["exhausted"] = d.Votes(count::Total(transfer.exhausted));
  }
  if (transfer.loss > core::Votes()) {
    to["residual surplus"] = d.Votes(transfer.loss);
  }
  return to;
}

// The surplus transfer of `candidate` if `next` (the stage after the one that elected them)
// moved it; null otherwise.
const count::Transfer* SurplusMovedBy(const count::Stage* next, count::CandidateId candidate) {
  if (next == nullptr || next->surplus_of != candidate) {
    return nullptr;
  }
  for (const count::Transfer& transfer : next->transfers) {
    if (transfer.from == candidate) {
      return &transfer;
    }
  }
  return nullptr;
}

bool Contains(const std::vector<count::CandidateId>& list, count::CandidateId c) {
  return std::find(list.begin(), list.end(), c) != list.end();
}

// STV in RCTab's layout: a round's tallyResults name who it elected and the transfers that
// the next round's tally shows (RCTab lists a transfer in the round before it takes effect):
// an exclusion as "eliminated", a surplus under "elected". A count in rounds (sb1288) lists
// its own round's transfers, as instant-runoff does.
Json StvTallyResults(const Declaration& d, size_t index) {
  const auto& stages = d.result.stages;
  const bool rounds = d.result.stages_are_rounds;
  const count::Stage* next = index + 1 < stages.size() ? &stages[index + 1] : nullptr;
  Json results = Json::array();
  for (count::CandidateId c : stages[index].elected) {
    const count::Transfer* surplus = rounds ? nullptr : SurplusMovedBy(next, c);
    results.push_back({{"elected", d.Name(c)},
                       {"transfers", surplus ? Destinations(d, *surplus) : Json::object()}});
  }
  const count::Stage* carrier = rounds ? &stages[index] : next;
  if (carrier == nullptr) {
    return results;  // the last stage: nothing moves after it
  }
  for (const count::Transfer& transfer : carrier->transfers) {
    if (!rounds && Contains(stages[index].elected, transfer.from)) {
      continue;  // already given with the candidate's election
    }
    const bool excluded = Contains(carrier->excluded, transfer.from);
    results.push_back({{excluded ? "eliminated" : "elected", d.Name(transfer.from)},
                       {"transfers", Destinations(d, transfer)}});
  }
  return results;
}

Json StvTally(const Declaration& d, const count::Stage& stage) {
  Json tally = Json::object();
  for (count::CandidateId c : d.Standing(stage)) {
    tally[d.Name(c)] = d.Votes(stage.votes[c.index()]);
  }
  return tally;
}

// One result (round or stage) in RCTab's layout.
Json RoundResult(const Declaration& d, size_t index) {
  const count::Stage& round = d.result.stages[index];
  Json tally = Json::object();
  if (d.IsStv()) {
    tally = StvTally(d, round);
  } else {
    for (count::CandidateId c : d.ByVotes(round)) {
      tally[d.Name(c)] = d.Votes(round.votes[c.index()]);
    }
  }
  return {{"inactiveBallots", Inactive(d, round.exhausted)},
          {"round", round.number},
          {"tally", tally},
          {"tallyResults", d.IsStv() ? StvTallyResults(d, index) : TallyResults(d, round)},
          {"threshold", d.Votes(round.threshold)}};
}

Json PairwiseWins(const Declaration& d) {
  Json wins = Json::object();
  for (count::CandidateId a : d.result.pairwise->order) {
    Json row = Json::object();
    for (count::CandidateId b : d.result.pairwise->order) {
      if (a != b) {
        row[d.Name(b)] = d.Votes(d.result.pairwise->wins[a.index()][b.index()]);
      }
    }
    wins[d.Name(a)] = row;
  }
  return wins;
}

}  // namespace

std::string WriteRctabJson(const Declaration& d) {
  Json results = Json::array();
  for (size_t index = 0; index < d.result.stages.size(); ++index) {
    results.push_back(RoundResult(d, index));
  }
  const std::string final_threshold =
      d.result.stages.empty() ? "0" : d.Votes(d.result.stages.back().threshold);
  Json json;
  json["config"] = {{"contest", d.title},
                    {"date", ""},
                    {"generatedBy", GeneratedBy()},
                    {"jurisdiction", ""},
                    {"office", ""}};
  json["jsonFormatVersion"] = "1";
  json["results"] = results;
  if (d.result.pairwise) {
    // Not part of RCTab's layout (RCTab counts no Condorcet method): the pairwise table, so
    // that this output carries it too.
    json["pairwise"] = PairwiseWins(d);
  }
  json["summary"] = {{"finalThreshold", final_threshold},
                     {"numCandidates", d.ballots.candidates.size()},
                     {"numWinners", d.result.elected.size()},
                     {"totalNumBallots", std::to_string(d.papers.total())},
                     {"undervotes", d.papers.total_blank}};
  // Readers admit only UTF-8 text; should anything else reach here it is shown replaced, not
  // thrown through the writer.
  return json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace scrutineer::report
