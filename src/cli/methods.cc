#include "cli/methods.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "count/condorcet.h"
#include "count/irv.h"
#include "count/motion.h"
#include "count/plurality.h"
#include "count/stv.h"
#include "util/text.h"

namespace scrutineer::cli {
namespace {

using util::Error;
using util::ErrorCode;

const std::map<std::string, std::string> kAliases{
    {"irv", "irv"},         {"instant-runoff", "irv"},        {"av", "irv"},
    {"stv", "stv"},         {"plurality", "plurality"},       {"fptp", "plurality"},
    {"block", "plurality"}, {"approval", "approval"},         {"motion", "motion"},
    {"schulze", "schulze"}, {"ranked-pairs", "ranked-pairs"}, {"tideman", "ranked-pairs"}};

const std::map<std::string, count::TieStep> kTieSteps{{"backward", count::TieStep::kBackward},
                                                      {"forward", count::TieStep::kForward},
                                                      {"order", count::TieStep::kOrder},
                                                      {"lot", count::TieStep::kLot}};

util::Result<std::vector<count::TieStep>> TieStepsFrom(const std::string& text) {
  std::vector<count::TieStep> steps;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = text.find(',', begin);
    end = end == std::string::npos ? text.size() : end;
    const std::string step(util::Trim(std::string_view(text).substr(begin, end - begin)));
    const auto found = kTieSteps.find(step);
    if (found == kTieSteps.end()) {
      return Error(ErrorCode::kInvalidArgument,
                   "unknown tie-break step " + util::Quote(step) +
                       " (use backward, forward, order and lot, separated by commas)",
                   "--tie-break");
    }
    steps.push_back(found->second);
    begin = end + 1;
  }
  return steps;
}

util::Result<count::TieBreakRules> TieBreakFrom(const CountOptions& options,
                                                const core::BallotSet& ballots) {
  count::TieBreakRules rules;
  auto steps = TieStepsFrom(options.tie_break.value_or("backward,lot"));
  if (!steps.ok()) {
    return steps.error();
  }
  rules.steps = std::move(steps.value());
  rules.order = ballots.tie_order;
  if (!options.tie_order.empty()) {
    rules.order.clear();
    for (const std::string& name : options.tie_order) {
      const auto found = std::find(ballots.candidates.begin(), ballots.candidates.end(), name);
      if (found == ballots.candidates.end()) {
        return Error(ErrorCode::kInvalidArgument, util::Quote(name) + " is not a candidate",
                     "--tie-order");
      }
      rules.order.emplace_back(static_cast<uint16_t>(found - ballots.candidates.begin()));
    }
  }
  return rules;
}

int SeatsOf(const formats::ContestFile& contest, const core::BallotSet& ballots) {
  return contest.seats > 0 ? contest.seats : std::max(ballots.seats, 1);
}

// "members=1,affiliates=2": section names and weights.
util::Result<std::vector<std::pair<std::string, int64_t>>> CollegeFrom(const std::string& text) {
  std::vector<std::pair<std::string, int64_t>> college;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = text.find(',', begin);
    end = end == std::string::npos ? text.size() : end;
    const std::string_view item = std::string_view(text).substr(begin, end - begin);
    const size_t equals = item.rfind('=');
    int64_t weight = 0;
    const std::string_view digits =
        equals == std::string_view::npos ? std::string_view() : util::Trim(item.substr(equals + 1));
    const bool parsed =
        equals != std::string_view::npos && !util::Trim(item.substr(0, equals)).empty() &&
        std::from_chars(digits.data(), digits.data() + digits.size(), weight).ec == std::errc() &&
        weight >= 1 && weight <= 1'000'000'000;
    if (!parsed) {
      return Error(ErrorCode::kInvalidArgument,
                   util::Quote(std::string(item)) +
                       " is not section=weight (a whole weight from 1 to 1000000000)",
                   "--college");
    }
    college.emplace_back(util::Trim(item.substr(0, equals)), weight);
    begin = end + 1;
  }
  return college;
}

// Each of the ballots' sections' weight in the college, by SectionId.
util::Result<std::vector<int64_t>> SectionWeights(
    const std::vector<std::pair<std::string, int64_t>>& college, const core::BallotSet& ballots,
    const std::string& where) {
  std::vector<int64_t> weights(ballots.sections.size(), 0);
  for (const auto& [name, weight] : college) {
    const auto found = std::find(ballots.sections.begin(), ballots.sections.end(), name);
    if (found == ballots.sections.end()) {
      return Error(
          ErrorCode::kInvalidArgument,
          "the college names section " + util::Quote(name) + ", which the ballots do not have",
          where);
    }
    weights[static_cast<size_t>(found - ballots.sections.begin())] = weight;
  }
  for (size_t s = 0; s < weights.size(); ++s) {
    if (weights[s] == 0) {
      return Error(
          ErrorCode::kInvalidArgument,
          ballots.has_named_sections()
              ? "section " + util::Quote(ballots.sections[s]) + " has no weight in the college"
              : std::string("a college needs ballots with a section column"),
          where);
    }
  }
  return weights;
}

// The college or points of the command line, else of the contest file.
util::Result<count::Weighting> WeightingFrom(const CountOptions& options,
                                             const formats::ContestFile& contest,
                                             const core::BallotSet& ballots) {
  count::Weighting weighting;
  weighting.places =
      options.weighted_places.value_or(contest.weighted_places >= 0 ? contest.weighted_places : 2);
  if (!options.college.empty() && options.points) {
    return Error(ErrorCode::kInvalidArgument, "give a college or points, not both", "--points");
  }
  const bool college_given =
      !options.college.empty() || (!options.points && !contest.college.empty());
  if (college_given) {
    auto college = options.college.empty()
                       ? util::Result<std::vector<std::pair<std::string, int64_t>>>(contest.college)
                       : CollegeFrom(options.college);
    if (!college.ok()) {
      return college.error();
    }
    auto weights =
        SectionWeights(*college, ballots, options.college.empty() ? options.contest : "--college");
    if (!weights.ok()) {
      return weights.error();
    }
    weighting.kind = count::WeightingKind::kCollege;
    weighting.section_weight = std::move(weights.value());
  } else if (options.points || contest.points > 0) {
    if (!ballots.has_named_sections()) {
      return Error(ErrorCode::kInvalidArgument,
                   "points per district need ballots with a section column naming the district",
                   options.points ? "--points" : options.contest);
    }
    weighting.kind = count::WeightingKind::kPoints;
    weighting.points = options.points.value_or(contest.points);
    weighting.points_at_most_votes = options.points_at_most_votes || contest.points_at_most_votes;
  } else if (options.points_at_most_votes) {
    return Error(ErrorCode::kInvalidArgument, "--points-at-most-votes needs --points",
                 "--points-at-most-votes");
  }
  return weighting;
}

util::Result<count::Result> CountIrv(const CountOptions& options,
                                     const formats::ContestFile& contest,
                                     const core::BallotSet& ballots, const count::Lot* lot) {
  const int seats = SeatsOf(contest, ballots);
  if (seats != 1) {
    return Error(ErrorCode::kInvalidArgument,
                 "the contest has " + std::to_string(seats) +
                     " seats, and instant-runoff fills one; give --seats 1 to count it for one",
                 options.seats ? "--seats" : options.ballots);
  }
  auto tie_break = TieBreakFrom(options, ballots);
  if (!tie_break.ok()) {
    return tie_break.error();
  }
  auto weighting = WeightingFrom(options, contest, ballots);
  if (!weighting.ok()) {
    return weighting.error();
  }
  count::IrvRules rules;
  rules.stop_at_majority = !options.continue_until_two;
  rules.batch_elimination = options.batch_elimination;
  rules.tie_break = std::move(tie_break.value());
  rules.weighting = std::move(weighting.value());
  if (rules.weighting.active() && rules.batch_elimination) {
    return Error(ErrorCode::kInvalidArgument,
                 "batch elimination is not offered with a college or points",
                 "--batch-elimination");
  }
  return count::CountIrv(ballots, rules, lot);
}

util::Result<count::Result> CountStv(const CountOptions& options,
                                     const formats::ContestFile& contest,
                                     const core::BallotSet& ballots, const count::Lot* lot) {
  const auto preset = count::StvPresetNamed(options.rules);
  if (!preset) {
    return Error(ErrorCode::kInvalidArgument,
                 (options.rules.empty() ? std::string("STV needs a rule set")
                                        : util::Quote(options.rules) + " is not an STV rule set") +
                     ": give --rules with one of " + kStvPresetNames,
                 "--rules");
  }
  auto tie_break = TieBreakFrom(options, ballots);
  if (!tie_break.ok()) {
    return tie_break.error();
  }
  count::StvRules rules;
  rules.preset = *preset;
  rules.seats = SeatsOf(contest, ballots);
  if (options.quota) {
    rules.quota = count::QuotaKindNamed(*options.quota);
  }
  rules.tie_break = std::move(tie_break.value());
  rules.custom_tie_break = options.tie_break.has_value();
  if (options.alternative_defeats && rules.preset != count::StvPreset::kSb1288) {
    return Error(ErrorCode::kInvalidArgument, "alternative defeats belong to the sb1288 rules",
                 "--alternative-defeats");
  }
  rules.alternative_defeats.always = options.alternative_defeats;
  auto result = count::CountStv(ballots, rules, lot);
  if (!result.ok() && result.error().code() == ErrorCode::kInvalidArgument &&
      result.error().problems().front().where.empty()) {
    // Rules the preset refuses (a quota it fixes, too few places): name the option.
    return Error(ErrorCode::kInvalidArgument, result.error().problems().front().what,
                 options.quota ? "--quota" : "--rules");
  }
  return result;
}

// "majority", "two-thirds", "more-than:N/D" or "at-least:N/D".
util::Result<count::MotionRules> MotionRulesFrom(const CountOptions& options) {
  count::MotionRules rules;
  const std::string& text = options.threshold;
  if (text == "two-thirds") {
    rules = {.numerator = 2, .denominator = 3, .strictly_more = false, .eligible = {}};
  } else if (text != "majority") {
    const size_t colon = text.find(':');
    const size_t slash = text.find('/');
    const std::string kind = text.substr(0, colon);
    const bool parsed =
        colon != std::string::npos && slash != std::string::npos && slash > colon &&
        (kind == "more-than" || kind == "at-least") &&
        std::from_chars(text.data() + colon + 1, text.data() + slash, rules.numerator).ec ==
            std::errc() &&
        std::from_chars(text.data() + slash + 1, text.data() + text.size(), rules.denominator).ec ==
            std::errc() &&
        rules.numerator >= 1 && rules.denominator >= rules.numerator;
    if (!parsed) {
      return Error(ErrorCode::kInvalidArgument,
                   util::Quote(text) +
                       " is not a threshold (majority, two-thirds, "
                       "more-than:N/D or at-least:N/D, with N <= D)",
                   "--threshold");
    }
    rules.strictly_more = kind == "more-than";
  }
  if (options.of_electorate) {
    if (!options.electorate) {
      return Error(ErrorCode::kInvalidArgument, "a threshold of the electorate needs --electorate",
                   "--of-electorate");
    }
    rules.eligible = options.electorate;
  }
  return rules;
}

util::Result<count::Result> CountOther(const std::string& method, const CountOptions& options,
                                       const formats::ContestFile& contest,
                                       const core::BallotSet& ballots, const count::Lot* lot) {
  if (method == "motion") {
    auto rules = MotionRulesFrom(options);
    if (!rules.ok()) {
      return rules.error();
    }
    return count::CountMotion(ballots, *rules);
  }
  auto tie_break = TieBreakFrom(options, ballots);
  if (!tie_break.ok()) {
    return tie_break.error();
  }
  const int seats = SeatsOf(contest, ballots);
  if (method == "plurality" || method == "approval") {
    const count::PluralityRules rules{.seats = seats, .tie_break = *tie_break};
    return method == "plurality" ? count::CountPlurality(ballots, rules, lot)
                                 : count::CountApproval(ballots, rules, lot);
  }
  const count::CondorcetRules rules{.seats = seats, .tie_break = *tie_break};
  return method == "schulze" ? count::CountSchulze(ballots, rules, lot)
                             : count::CountRankedPairs(ballots, rules, lot);
}

}  // namespace

util::Result<std::string> ChooseMethod(const CountOptions& options,
                                       const formats::ContestFile& contest) {
  const std::string& name = !options.method.empty()   ? options.method
                            : !contest.method.empty() ? contest.method
                                                      : std::string("irv");
  const auto found = kAliases.find(name);
  if (found == kAliases.end()) {
    return Error(
        ErrorCode::kInvalidArgument,
        "method " + util::Quote(name) + " is not available; this version counts " + kMethodNames,
        options.method.empty() ? options.contest : "--method");
  }
  return found->second;
}

util::Result<count::Result> CountByMethod(const std::string& method, const CountOptions& options,
                                          const formats::ContestFile& contest,
                                          const core::BallotSet& ballots, const count::Lot* lot) {
  if (method == "irv") {
    return CountIrv(options, contest, ballots, lot);
  }
  if (!options.college.empty() || options.points || !contest.college.empty() ||
      contest.points > 0) {
    return Error(ErrorCode::kInvalidArgument,
                 "a college or points weight an instant-runoff count, not " + method,
                 !options.college.empty() ? "--college"
                 : options.points         ? "--points"
                                          : options.contest);
  }
  if (method == "stv") {
    return CountStv(options, contest, ballots, lot);
  }
  return CountOther(method, options, contest, ballots, lot);
}

}  // namespace scrutineer::cli
