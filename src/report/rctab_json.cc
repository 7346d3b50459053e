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

}  // namespace

std::string WriteRctabJson(const Declaration& d) {
  Json results = Json::array();
  for (const count::Stage& round : d.result.stages) {
    Json tally = Json::object();
    for (count::CandidateId c : d.ByVotes(round)) {
      tally[d.Name(c)] = d.Votes(round.votes[c.index()]);
    }
    results.push_back({{"inactiveBallots", Inactive(d, round.exhausted)},
                       {"round", round.number},
                       {"tally", tally},
                       {"tallyResults", TallyResults(d, round)},
                       {"threshold", d.Votes(round.threshold)}});
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
    json["pairwise"] = wins;
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
