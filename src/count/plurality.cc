#include "count/plurality.h"

#include <algorithm>

namespace scrutineer::count {
namespace {

using core::Votes;

bool Withdrawn(const core::BallotSet& ballots, CandidateId candidate) {
  return std::find(ballots.withdrawn.begin(), ballots.withdrawn.end(), candidate) !=
         ballots.withdrawn.end();
}

// One stage: every marked candidate's votes; ballots marking more than `max_marks` (0: no
// limit) are void.
Stage TallyMarks(const core::BallotSet& ballots, size_t max_marks, Result& result) {
  const size_t candidates = ballots.candidates.size();
  Stage stage;
  stage.number = 1;
  stage.votes.assign(candidates, Votes());
  stage.votes_by_section.assign(ballots.sections.size(), std::vector<Votes>(candidates));
  stage.state.assign(candidates, CandidateState::kContinuing);
  for (CandidateId c : ballots.withdrawn) {
    stage.state[c.index()] = CandidateState::kWithdrawn;
  }
  int64_t void_papers = 0;
  for (size_t e = 0; e < ballots.size(); ++e) {
    const auto ranking = ballots.Ranking(e);
    if (max_marks > 0 && ranking.size() > max_marks) {
      void_papers += ballots.papers[e];
      continue;
    }
    for (CandidateId c : ranking) {
      if (!Withdrawn(ballots, c)) {
        stage.votes[c.index()] += ballots.weight[e];
        stage.votes_by_section[ballots.section[e].index()][c.index()] += ballots.weight[e];
      }
    }
  }
  if (void_papers > 0) {
    result.voids.push_back(Void{"too many marks", void_papers});
  }
  return stage;
}

// Among `order` (most votes first), the candidates level with the last seat share the seats
// left to them; the tie rules pick who loses, one at a time. Returns those who keep a seat.
util::Result<std::vector<CandidateId>> ShareLastSeats(const core::BallotSet& ballots,
                                                      const PluralityRules& rules, const Lot* lot,
                                                      const std::vector<CandidateId>& order,
                                                      size_t seats, Stage& stage) {
  const Votes level = stage.votes[order[seats - 1].index()];
  std::vector<CandidateId> tied;
  size_t seats_for_tied = 0;
  for (size_t i = 0; i < order.size(); ++i) {
    if (stage.votes[order[i].index()] == level) {
      tied.push_back(order[i]);
      seats_for_tied += i < seats ? 1 : 0;
    }
  }
  int draws = 0;
  while (tied.size() > seats_for_tied) {
    auto tie = BreakTie(tied, {}, rules.tie_break, lot, ballots.candidates, draws);
    if (!tie.ok()) {
      return tie.error();
    }
    std::erase(tied, tie->loser);
    stage.tie = std::move(tie.value());
  }
  return tied;
}

// Fills the seats with the candidates with the most votes.
util::Status FillSeats(const core::BallotSet& ballots, const PluralityRules& rules, const Lot* lot,
                       Stage& stage, Result& result) {
  std::vector<CandidateId> order;
  for (size_t c = 0; c < stage.state.size(); ++c) {
    if (stage.state[c] == CandidateState::kContinuing) {
      order.emplace_back(static_cast<uint16_t>(c));
    }
  }
  std::stable_sort(order.begin(), order.end(), [&](CandidateId a, CandidateId b) {
    return stage.votes[a.index()] > stage.votes[b.index()];
  });
  const size_t seats = std::min(order.size(), static_cast<size_t>(rules.seats));
  std::vector<CandidateId> elected;
  for (size_t i = 0; i < seats; ++i) {
    if (stage.votes[order[i].index()] != stage.votes[order[seats - 1].index()]) {
      elected.push_back(order[i]);
    }
  }
  if (seats > 0) {
    auto level = ShareLastSeats(ballots, rules, lot, order, seats, stage);
    if (!level.ok()) {
      return level.error();
    }
    elected.insert(elected.end(), level->begin(), level->end());
  }
  stage.elected = elected;
  result.elected = elected;
  stage.decision = Decision::kMostVotes;
  return {};
}

util::Result<Result> CountMarks(const core::BallotSet& ballots, const PluralityRules& rules,
                                const Lot* lot, Method method, size_t max_marks) {
  if (rules.seats < 1) {
    return util::Error(util::ErrorCode::kInvalidArgument, "there must be at least one seat");
  }
  Result result;
  result.method = method;
  result.seats = rules.seats;
  result.places = ballots.places;
  result.tie_break = rules.tie_break;
  if (lot != nullptr) {
    result.lot = lot->Describe();
  }
  Stage stage = TallyMarks(ballots, max_marks, result);
  for (size_t c = 0; c < stage.votes.size(); ++c) {
    if (stage.state[c] == CandidateState::kContinuing) {
      stage.continuing += stage.votes[c];
    }
  }
  if (util::Status filled = FillSeats(ballots, rules, lot, stage, result); !filled.ok()) {
    return filled.error();
  }
  result.stages.push_back(std::move(stage));
  return result;
}

}  // namespace

util::Result<Result> CountPlurality(const core::BallotSet& ballots, const PluralityRules& rules,
                                    const Lot* lot) {
  return CountMarks(ballots, rules, lot, Method::kPlurality, static_cast<size_t>(rules.seats));
}

util::Result<Result> CountApproval(const core::BallotSet& ballots, const PluralityRules& rules,
                                   const Lot* lot) {
  return CountMarks(ballots, rules, lot, Method::kApproval, 0);
}

}  // namespace scrutineer::count
