#include "count/motion.h"

#include <algorithm>
#include <cctype>

#include "util/int128.h"

namespace scrutineer::count {
namespace {

using core::Votes;

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Which candidate is for the motion and which against, from their names.
util::Status FindOptions(const core::BallotSet& ballots, MotionOutcome& motion) {
  std::optional<CandidateId> yes;
  std::optional<CandidateId> no;
  for (size_t c = 0; c < ballots.candidates.size(); ++c) {
    const std::string name = Lower(ballots.candidates[c]);
    const CandidateId id(static_cast<uint16_t>(c));
    if (name == "yes" || name == "for" || name == "aye") {
      yes = id;
    } else if (name == "no" || name == "against" || name == "nay") {
      no = id;
    }
  }
  if (ballots.candidates.size() != 2 || !yes || !no) {
    return util::Error(util::ErrorCode::kInvalidInput,
                       "a motion's ballots have two options, one named yes, for or aye and the "
                       "other no, against or nay");
  }
  motion.for_option = *yes;
  motion.against_option = *no;
  return {};
}

// The least number of votes (in units) that passes the threshold of `basis`.
Votes Needed(const MotionRules& rules, Votes basis) {
  const util::Int128 scaled = util::Int128{basis.units()} * rules.numerator;
  util::Int128 needed = scaled / rules.denominator;
  const bool exact = scaled % rules.denominator == 0;
  if (rules.strictly_more || !exact) {
    needed += 1;  // more than the share; or at least a share that falls between units
  }
  return Votes::FromUnits(static_cast<int64_t>(needed));
}

// Abstentions, spoilt papers and the votes for and against.
void TallyMotion(const core::BallotSet& ballots, MotionOutcome& motion) {
  const core::PaperCounts papers = core::CountPapers(ballots);
  motion.abstentions = papers.total_blank;
  motion.spoilt = papers.total_rejected;
  for (size_t e = 0; e < ballots.size(); ++e) {
    const auto ranking = ballots.Ranking(e);
    if (ranking.size() != 1) {
      motion.spoilt += ballots.papers[e];  // both marked (or, after the rules, neither)
    } else if (ranking[0] == motion.for_option) {
      motion.votes_for += ballots.weight[e];
    } else {
      motion.votes_against += ballots.weight[e];
    }
  }
}

}  // namespace

util::Result<Result> CountMotion(const core::BallotSet& ballots, const MotionRules& rules) {
  if (rules.numerator < 1 || rules.denominator < rules.numerator) {
    return util::Error(util::ErrorCode::kInvalidArgument, "a threshold is a fraction up to 1");
  }
  MotionOutcome motion;
  if (util::Status found = FindOptions(ballots, motion); !found.ok()) {
    return found.error();
  }
  TallyMotion(ballots, motion);
  motion.numerator = rules.numerator;
  motion.denominator = rules.denominator;
  motion.strictly_more = rules.strictly_more;
  motion.of_eligible = rules.eligible.has_value();
  motion.basis = rules.eligible
                     ? Votes::FromUnits(*rules.eligible * core::UnitsPerVote(ballots.places))
                     : motion.votes_for + motion.votes_against;
  motion.needed = Needed(rules, motion.basis);
  motion.carried = motion.votes_for >= motion.needed;

  Result result;
  result.method = Method::kMotion;
  result.places = ballots.places;
  Stage stage;
  stage.number = 1;
  stage.votes.assign(2, Votes());
  stage.votes[motion.for_option.index()] = motion.votes_for;
  stage.votes[motion.against_option.index()] = motion.votes_against;
  stage.state.assign(2, CandidateState::kContinuing);
  stage.continuing = motion.votes_for + motion.votes_against;
  stage.threshold = motion.needed;
  stage.decision = motion.carried ? Decision::kCarried : Decision::kNotCarried;
  result.stages.push_back(std::move(stage));
  result.motion = motion;
  return result;
}

}  // namespace scrutineer::count
