#include "election/count.h"

#include <algorithm>
#include <sstream>

#include "count/condorcet.h"
#include "count/irv.h"
#include "count/motion.h"
#include "count/plurality.h"
#include "count/stv.h"
#include "crypto/sha256_lot.h"
#include "util/text.h"

namespace scrutineer::election {
namespace {

using util::Error;
using util::ErrorCode;

util::Result<count::Result> CountByMethod(const core::Contest& contest,
                                          const core::BallotSet& ballots,
                                          const count::TieBreakRules& tie_break,
                                          const count::Lot* lot) {
  const std::string& method = contest.method;
  if (method == "irv") {
    count::IrvRules rules;
    rules.tie_break = tie_break;
    return count::CountIrv(ballots, rules, lot);
  }
  if (method == "stv") {
    count::StvRules rules;
    rules.preset =
        *count::StvPresetNamed(contest.stv_rules.empty() ? "scottish-stv" : contest.stv_rules);
    rules.seats = contest.seats;
    return count::CountStv(ballots, rules, lot);
  }
  if (method == "plurality" || method == "approval") {
    const count::PluralityRules rules{.seats = contest.seats, .tie_break = tie_break};
    return method == "plurality" ? count::CountPlurality(ballots, rules, lot)
                                 : count::CountApproval(ballots, rules, lot);
  }
  if (method == "motion") {
    return count::CountMotion(ballots, count::MotionRules{});
  }
  const count::CondorcetRules rules{.seats = contest.seats, .tie_break = tie_break};
  return method == "schulze" ? count::CountSchulze(ballots, rules, lot)
                             : count::CountRankedPairs(ballots, rules, lot);
}

// The stored ballots of `contest` as a BallotSet.
util::Result<core::BallotSet> BallotsOf(const store::Store& store, const Election& election,
                                        const core::Contest& contest) {
  core::BallotSet ballots;
  ballots.title = election.definition.title + ": " + contest.title;
  ballots.candidates = contest.candidates;
  ballots.seats = contest.seats;
  ballots.sections.clear();
  for (const core::Section& section : election.definition.sections) {
    ballots.sections.push_back(section.id);
  }
  core::BallotSetBuilder builder;
  std::string problem;
  util::Status walked =
      store.ForEachBallot(election.record.id, contest.id, [&](const store::BallotRecord& ballot) {
        const auto section =
            std::find(ballots.sections.begin(), ballots.sections.end(), ballot.section);
        std::vector<core::CandidateId> ranking;
        std::stringstream names(ballot.preferences);
        for (std::string name; std::getline(names, name);) {
          const auto at = std::find(contest.candidates.begin(), contest.candidates.end(), name);
          if (at == contest.candidates.end() || section == ballots.sections.end()) {
            problem = "a stored ballot names '" + name + "' or section '" + ballot.section +
                      "', which the definition does not have";
            return false;
          }
          ranking.emplace_back(static_cast<uint16_t>(at - contest.candidates.begin()));
        }
        const core::SectionId id(static_cast<uint16_t>(section - ballots.sections.begin()));
        if (ranking.empty()) {
          builder.AddBlank(id, 1);
        } else {
          builder.Add(id, ranking, core::Exhaustion::kNoMorePreferences, core::Votes::FromUnits(1),
                      1);
        }
        return true;
      });
  if (!walked.ok()) {
    return walked.error();
  }
  if (!problem.empty()) {
    return Error(ErrorCode::kStorage, problem, election.record.id);
  }
  builder.MoveInto(ballots);
  return ballots;
}

}  // namespace

util::Result<ContestCount> CountContest(const store::Store& store, const Election& election,
                                        const std::string& contest_id) {
  if (election.state < core::ElectionState::kClosed) {
    return Error(ErrorCode::kConflict,
                 "the count comes after the ballot closes; the election is in state '" +
                     election.record.state + "'",
                 election.record.id);
  }
  const auto& contests = election.definition.contests;
  const auto contest = std::find_if(contests.begin(), contests.end(),
                                    [&](const core::Contest& c) { return c.id == contest_id; });
  if (contest == contests.end()) {
    return Error(ErrorCode::kNotFound, "there is no contest '" + contest_id + "'",
                 election.record.id);
  }
  ContestCount counted{contest->id, contest->title, {}, {}, {}, 0};
  auto ballots = BallotsOf(store, election, *contest);
  auto voters = store.CountVoters(election.record.id);
  if (!ballots.ok() || !voters.ok()) {
    return ballots.ok() ? voters.error() : ballots.error();
  }
  counted.ballots = std::move(ballots.value());
  for (const std::string& section : counted.ballots.sections) {
    const int64_t n = voters->contains(section) ? voters->at(section) : 0;
    counted.electorate_by_section.push_back(n);
    counted.electorate += n;
  }
  if (util::Status done = CountBallots(election.definition, counted); !done.ok()) {
    return done.error();
  }
  return counted;
}

count::TieBreakRules TieBreakOf(const core::ElectionDefinition& definition) {
  count::TieBreakRules rules;
  rules.steps.clear();
  std::stringstream steps(definition.tie_break);
  for (std::string step; std::getline(steps, step, ',');) {
    const std::string name(util::Trim(step));
    rules.steps.push_back(name == "forward" ? count::TieStep::kForward
                          : name == "order" ? count::TieStep::kOrder
                          : name == "lot"   ? count::TieStep::kLot
                                            : count::TieStep::kBackward);
  }
  return rules;
}

util::Status CountBallots(const core::ElectionDefinition& definition, ContestCount& counted) {
  const auto contest =
      std::find_if(definition.contests.begin(), definition.contests.end(),
                   [&](const core::Contest& c) { return c.id == counted.contest; });
  if (contest == definition.contests.end()) {
    return Error(ErrorCode::kNotFound, "there is no contest '" + counted.contest + "'",
                 definition.id);
  }
  std::unique_ptr<count::Lot> lot;
  if (!definition.seed.empty()) {
    lot = std::make_unique<crypto::Sha256Lot>(definition.seed);
  }
  auto result = CountByMethod(*contest, counted.ballots, TieBreakOf(definition), lot.get());
  if (!result.ok()) {
    return result.error();
  }
  counted.result = std::move(result.value());
  return {};
}

report::Declaration DeclarationOf(const ContestCount& counted,
                                  const core::ElectionDefinition& definition) {
  report::Declaration declaration(counted.ballots, counted.result);
  declaration.title = definition.title + ": " + counted.title;
  declaration.electorate = counted.electorate;
  declaration.electorate_by_section = counted.electorate_by_section;
  declaration.turnout_counts_spoilt = definition.declaration.turnout_rule != "valid";
  return declaration;
}

namespace {

// One section's line of the statement.
std::string StatementLine(
    const core::Section& section, const std::string& contest,
    const std::map<std::pair<std::string, store::CredentialState>, int64_t>& credentials,
    const std::vector<store::ReturnCount>& returns) {
  int64_t issued = 0;
  int64_t revoked = 0;
  for (const auto& [key, n] : credentials) {
    if (key.first == section.id) {
      (key.second == store::CredentialState::kRevoked ? revoked : issued) += n;
    }
  }
  std::string line = "  " + (section.label.empty() ? section.id : section.label) + ": " +
                     util::WithThousands(issued) + " voting codes issued (" +
                     util::WithThousands(revoked) + " more revoked on reissue)";
  for (const store::ReturnCount& r : returns) {
    if (r.section == section.id && r.contest == contest) {
      line += "; " + util::WithThousands(r.ballots) + " returned " +
              (r.channel == "postal" ? "by post" : "online");
    }
  }
  return line + "\n";
}

}  // namespace

util::Result<std::string> ScrutineerStatement(const store::Store& store, const Election& election) {
  auto credentials = store.CountCredentials(election.record.id);
  auto returns = store.CountBallots(election.record.id);
  if (!credentials.ok() || !returns.ok()) {
    return credentials.ok() ? returns.error() : credentials.error();
  }
  std::string text = "Scrutineer's statement\n";
  for (const core::Section& section : election.definition.sections) {
    text += StatementLine(section, election.definition.contests.front().id, *credentials, *returns);
  }
  return text;
}

}  // namespace scrutineer::election
