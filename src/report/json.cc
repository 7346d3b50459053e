// The declaration in our JSON schema (docs/formats/result-json.md). Vote quantities are
// strings holding exact decimals; counts of ballot papers are numbers. Keys keep a fixed order
// so that the same count always gives the same bytes.

#include <nlohmann/json.hpp>

#include "report/declaration.h"

namespace scrutineer::report {
namespace {

using Json = nlohmann::ordered_json;
using count::CandidateId;
using count::Stage;

Json Exhausted(const Declaration& d, const count::ExhaustedTally& tally) {
  Json json;
  json["total"] = d.Votes(count::Total(tally));
  for (int kind = 0; kind < core::kExhaustionKinds; ++kind) {
    json[std::string(core::ExhaustionName(static_cast<core::Exhaustion>(kind)))] =
        d.Votes(tally[static_cast<size_t>(kind)]);
  }
  return json;
}

Json Names(const Declaration& d, const std::vector<CandidateId>& candidates) {
  Json json = Json::array();
  for (CandidateId c : candidates) {
    json.push_back(d.Name(c));
  }
  return json;
}

Json Tie(const Declaration& d, const count::TieRecord& tie) {
  Json json;
  json["tied"] = Names(d, tie.tied);
  json["decided_by"] = count::TieStepName(tie.decided_by);
  json["loser"] = d.Name(tie.loser);
  if (tie.round_looked_at > 0) {
    json["round_looked_at"] = tie.round_looked_at;
  }
  if (tie.decided_by == count::TieStep::kLot) {
    json["draw"] = tie.draw;
    Json tickets = Json::array();
    for (const count::Lot::Ticket& ticket : tie.tickets) {
      tickets.push_back({{"candidate", d.Name(ticket.candidate)}, {"ticket", ticket.ticket}});
    }
    json["tickets"] = tickets;
  }
  return json;
}

Json Transfers(const Declaration& d, const Stage& round) {
  Json list = Json::array();
  for (const count::Transfer& transfer : round.transfers) {
    Json to = Json::object();
    for (size_t c = 0; c < transfer.to.size(); ++c) {
      if (transfer.to[c] > core::Votes()) {
        to[d.ballots.candidates[c]] = d.Votes(transfer.to[c]);
      }
    }
    Json item = {{"from", d.Name(transfer.from)},
                 {"votes", d.Votes(transfer.votes)},
                 {"to", to},
                 {"non_transferable", Exhausted(d, transfer.exhausted)}};
    if (d.IsStv()) {
      item["loss"] = d.Votes(transfer.loss);
    }
    list.push_back(item);
  }
  return list;
}

Json SectionTallies(const Declaration& d, const Stage& round) {
  Json json = Json::object();
  // (STV counts by the Gregory rules keep sections only for the first preferences.)
  if (!d.ballots.has_named_sections() || round.votes_by_section.empty()) {
    return json;
  }
  for (size_t s = 0; s < d.ballots.sections.size(); ++s) {
    core::Votes total;
    for (CandidateId c : d.ByVotes(round)) {
      total += round.votes_by_section[s][c.index()];
    }
    Json tally = Json::object();
    Json percent = Json::object();
    for (CandidateId c : d.ByVotes(round)) {
      const core::Votes v = round.votes_by_section[s][c.index()];
      tally[d.Name(c)] = d.Votes(v);
      percent[d.Name(c)] = core::FormatPercent(v, total);
    }
    json[d.ballots.sections[s]] = {
        {"tally", tally}, {"percent", percent}, {"valid", d.Votes(total)}};
  }
  return json;
}

// An STV stage: the votes after its action of every candidate not yet excluded, the quota,
// the non-transferable votes and the rounding loss, and what it decided.
Json StvStage(const Declaration& d, const Stage& stage) {
  Json tally = Json::object();
  for (CandidateId c : d.Standing(stage)) {
    tally[d.Name(c)] = d.Votes(stage.votes[c.index()]);
  }
  Json json;
  json["round"] = stage.number;
  json["tally"] = tally;
  json["by_section"] = SectionTallies(d, stage);
  json["continuing"] = d.Votes(stage.continuing);
  json["quota"] = d.Votes(stage.threshold);
  json["exhausted"] = Exhausted(d, stage.exhausted);
  json["loss"] = d.Votes(stage.loss);
  json["decision"] = count::DecisionName(stage.decision);
  json["surplus_of"] = stage.surplus_of ? Json(d.Name(*stage.surplus_of)) : Json(nullptr);
  json["elected"] = Names(d, stage.elected);
  json["elected_remaining"] = Names(d, stage.elected_remaining);
  json["excluded"] = Names(d, stage.excluded);
  json["deferred"] = Names(d, stage.deferred);
  if (!stage.keep.empty()) {
    Json keep = Json::object();
    for (CandidateId c : d.Standing(stage)) {
      keep[d.Name(c)] = d.Votes(stage.keep[c.index()]);
    }
    json["keep"] = keep;
    json["iterations"] = stage.iterations;
  }
  json["tie"] = stage.tie ? Tie(d, *stage.tie) : Json(nullptr);
  if (!stage.more_ties.empty()) {
    Json more = Json::array();
    for (const count::TieRecord& tie : stage.more_ties) {
      more.push_back(Tie(d, tie));
    }
    json["more_ties"] = more;
  }
  json["transfers"] = Transfers(d, stage);
  return json;
}

// A weighted round's college shares or points: overall, by section, and their total.
Json Weighted(const Declaration& d, const Stage& round) {
  const int places = d.result.rules.weighting.places;
  Json tally = Json::object();
  for (CandidateId c : d.ByVotes(round)) {
    tally[d.Name(c)] = core::FormatVotes(round.weighted[c.index()], places);
  }
  Json by_section = Json::object();
  for (size_t s = 0; s < d.ballots.sections.size(); ++s) {
    Json shares = Json::object();
    for (CandidateId c : d.ByVotes(round)) {
      shares[d.Name(c)] = core::FormatVotes(round.weighted_by_section[s][c.index()], places);
    }
    by_section[d.ballots.sections[s]] = shares;
  }
  return {{"tally", tally},
          {"by_section", by_section},
          {"continuing", core::FormatVotes(round.weighted_continuing, places)}};
}

Json Round(const Declaration& d, const Stage& round) {
  if (d.IsStv()) {
    return StvStage(d, round);
  }
  Json tally = Json::object();
  Json percent = Json::object();
  for (CandidateId c : d.ByVotes(round)) {
    tally[d.Name(c)] = d.Votes(round.votes[c.index()]);
    percent[d.Name(c)] = core::FormatPercent(round.votes[c.index()], round.continuing);
  }
  Json json;
  json["round"] = round.number;
  json["tally"] = tally;
  json["percent"] = percent;
  json["by_section"] = SectionTallies(d, round);
  json["continuing"] = d.Votes(round.continuing);
  json["threshold"] = d.Votes(round.threshold);
  if (d.IsWeighted()) {
    json["weighted"] = Weighted(d, round);
  }
  json["exhausted"] = Exhausted(d, round.exhausted);
  json["decision"] = count::DecisionName(round.decision);
  json["elected"] = Names(d, round.elected);
  json["excluded"] = Names(d, round.excluded);
  json["tie"] = round.tie ? Tie(d, *round.tie) : Json(nullptr);
  json["transfers"] = Transfers(d, round);
  return json;
}

Json Candidates(const Declaration& d) {
  Json list = Json::array();
  for (size_t c = 0; c < d.ballots.candidates.size(); ++c) {
    Json candidate;
    candidate["name"] = d.ballots.candidates[c];
    if (c < d.ballots.parties.size() && !d.ballots.parties[c].empty()) {
      candidate["party"] = d.ballots.parties[c];
    }
    const count::CandidateId id(static_cast<uint16_t>(c));
    candidate["withdrawn"] = std::find(d.ballots.withdrawn.begin(), d.ballots.withdrawn.end(),
                                       id) != d.ballots.withdrawn.end();
    list.push_back(candidate);
  }
  return list;
}

// How a college or points count weighs the sections.
Json WeightingJson(const Declaration& d) {
  const count::Weighting& weighting = d.result.rules.weighting;
  Json json;
  json["kind"] = d.IsCollege() ? "college" : "points";
  if (d.IsCollege()) {
    Json weights = Json::object();
    Json shares = Json::object();
    for (size_t s = 0; s < d.ballots.sections.size(); ++s) {
      weights[d.ballots.sections[s]] = weighting.section_weight[s];
      shares[d.ballots.sections[s]] = d.CollegeShare(s);
    }
    json["weights"] = weights;
    json["percent"] = shares;
  } else {
    json["points"] = weighting.points;
    json["points_at_most_votes"] = weighting.points_at_most_votes;
  }
  json["places"] = weighting.places;
  return json;
}

Json Rules(const Declaration& d) {
  Json steps = Json::array();
  for (count::TieStep step : d.result.tie_break.steps) {
    steps.push_back(count::TieStepName(step));
  }
  Json tie;
  tie["steps"] = steps;
  tie["order"] = Names(d, d.result.tie_break.order);
  tie["lot"] = d.result.lot.empty() ? Json(nullptr) : Json(d.result.lot);
  Json ballots;
  ballots["skipped_rank"] = core::TreatmentName(d.ballot_rules.skipped_rank);
  ballots["repeated_candidate"] = core::TreatmentName(d.ballot_rules.repeated_candidate);
  ballots["overvote"] = core::TreatmentName(d.ballot_rules.overvote);
  ballots["unknown_candidate"] = core::TreatmentName(d.ballot_rules.unknown_candidate);
  Json rules;
  rules["description"] = d.RuleSentences();
  if (d.result.method == count::Method::kInstantRunoff) {
    rules["stop_at_majority"] = d.result.rules.stop_at_majority;
    rules["batch_elimination"] = d.result.rules.batch_elimination;
    rules["weighting"] = d.IsWeighted() ? WeightingJson(d) : Json(nullptr);
  }
  if (d.IsStv()) {
    rules["preset"] = d.result.preset;
    rules["quota"] = d.Votes(d.result.quota);
    rules["arithmetic"] = d.result.arithmetic;
    rules["stages_are_rounds"] = d.result.stages_are_rounds;
  }
  rules["tie_break"] = tie;
  rules["ballots"] = ballots;
  return rules;
}

Json Motion(const Declaration& d, const count::MotionOutcome& m) {
  const auto not_voting = d.NotVoting();
  return {{"for", d.Votes(m.votes_for)},
          {"against", d.Votes(m.votes_against)},
          {"abstentions", m.abstentions},
          {"spoilt", m.spoilt},
          {"not_voting", not_voting ? Json(*not_voting) : Json(nullptr)},
          {"threshold", d.ThresholdText()},
          {"needed", d.Votes(m.needed)},
          {"carried", m.carried}};
}

// A table by candidate name: table[a][b] for every two different standing candidates.
Json Matrix(const Declaration& d, const std::vector<std::vector<core::Votes>>& table,
            const std::vector<CandidateId>& order) {
  Json json = Json::object();
  for (CandidateId a : order) {
    Json row = Json::object();
    for (CandidateId b : order) {
      if (a != b) {
        row[d.Name(b)] = d.Votes(table[a.index()][b.index()]);
      }
    }
    json[d.Name(a)] = row;
  }
  return json;
}

Json PairwiseJson(const Declaration& d, const count::Pairwise& pairwise) {
  Json json;
  json["wins"] = Matrix(d, pairwise.wins, pairwise.order);
  if (!pairwise.strongest.empty()) {
    json["strongest_paths"] = Matrix(d, pairwise.strongest, pairwise.order);
  }
  if (d.result.method == count::Method::kRankedPairs) {
    Json pairs = Json::array();
    for (const count::Pairwise::Pair& pair : pairwise.pairs) {
      pairs.push_back({{"winner", d.Name(pair.winner)},
                       {"loser", d.Name(pair.loser)},
                       {"votes", d.Votes(pairwise.wins[pair.winner.index()][pair.loser.index()])},
                       {"against", d.Votes(pairwise.wins[pair.loser.index()][pair.winner.index()])},
                       {"locked", pair.locked}});
    }
    json["pairs"] = pairs;
  }
  json["order"] = Names(d, pairwise.order);
  return json;
}

Json Papers(const Declaration& d) {
  Json rejected = Json::array();
  for (const core::Rejection& rejection : d.ballots.rejected) {
    rejected.push_back({{"reason", rejection.reason},
                        {"section", d.ballots.sections[rejection.section.index()]},
                        {"papers", rejection.papers},
                        {"first_line", rejection.first_line}});
  }
  Json by_section = Json::object();
  if (d.ballots.has_named_sections()) {
    for (size_t s = 0; s < d.ballots.sections.size(); ++s) {
      Json section = {{"counted", d.papers.counted[s]},
                      {"blank", d.papers.blank[s]},
                      {"rejected", d.papers.rejected[s]},
                      {"spoilt", d.SectionSpoilt(s)}};
      if (s < d.electorate_by_section.size()) {
        section["electorate"] = d.electorate_by_section[s];
        const std::string turnout = d.SectionTurnout(s);
        section["turnout"] =
            turnout.empty() ? Json(nullptr) : Json(turnout.substr(0, turnout.size() - 1));
      }
      by_section[d.ballots.sections[s]] = section;
    }
  }
  const int64_t spoilt = d.SpoiltPapers();
  return {{"total", d.papers.total()}, {"valid", d.papers.total() - spoilt},
          {"spoilt", spoilt},          {"blank", d.papers.total_blank},
          {"rejected", rejected},      {"by_section", by_section}};
}

}  // namespace

std::string WriteJson(const Declaration& d) {
  Json json;
  json["format"] = "scrutineer-result";
  json["version"] = 1;
  json["generated_by"] = GeneratedBy();
  json["title"] = d.title;
  json["method"] = d.MethodName();
  json["seats"] = d.result.seats;
  json["decimal_places"] = d.result.places;
  json["candidates"] = Candidates(d);
  Json sections = Json::array();
  if (d.ballots.has_named_sections()) {
    sections = d.ballots.sections;
  }
  json["sections"] = sections;
  json["rules"] = Rules(d);
  json["ballot_papers"] = Papers(d);
  json["electorate"] = d.electorate ? Json(*d.electorate) : Json(nullptr);
  const auto turnout = d.TurnoutPercent();
  json["turnout"] =
      turnout ? Json{{"percent", *turnout}, {"rule", d.TurnoutRule()}} : Json(nullptr);
  Json rounds = Json::array();
  for (const Stage& round : d.result.stages) {
    rounds.push_back(Round(d, round));
  }
  json["rounds"] = rounds;
  if (d.result.motion) {
    json["motion"] = Motion(d, *d.result.motion);
  }
  if (d.result.pairwise) {
    json["pairwise"] = PairwiseJson(d, *d.result.pairwise);
  }
  json["elected"] = Names(d, d.result.elected);
  // Readers admit only UTF-8 text; should anything else reach here it is shown replaced, not
  // thrown through the writer.
  return json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace scrutineer::report
