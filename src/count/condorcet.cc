#include "count/condorcet.h"

#include <algorithm>
#include <functional>
#include <span>

namespace scrutineer::count {
namespace {

using core::Votes;
using Table = std::vector<std::vector<Votes>>;

std::vector<CandidateId> Standing(const core::BallotSet& ballots) {
  std::vector<CandidateId> standing;
  for (size_t c = 0; c < ballots.candidates.size(); ++c) {
    const CandidateId id(static_cast<uint16_t>(c));
    if (std::find(ballots.withdrawn.begin(), ballots.withdrawn.end(), id) ==
        ballots.withdrawn.end()) {
      standing.push_back(id);
    }
  }
  return standing;
}

// Orders `level` (candidates the method cannot separate) from the one who wins the tie to the
// one who loses it, by asking the tie rules for a loser until one is left.
util::Result<std::vector<CandidateId>> OrderLevel(std::vector<CandidateId> level,
                                                  const CondorcetRules& rules, const Lot* lot,
                                                  const core::BallotSet& ballots, int& draws,
                                                  std::optional<TieRecord>& last_tie) {
  std::vector<CandidateId> losers;
  while (level.size() > 1) {
    auto tie = BreakTie(level, {}, rules.tie_break, lot, ballots.candidates, draws);
    if (!tie.ok()) {
      return tie.error();
    }
    std::erase(level, tie->loser);
    losers.push_back(tie->loser);
    last_tie = std::move(tie.value());
  }
  std::vector<CandidateId> order = level;
  order.insert(order.end(), losers.rbegin(), losers.rend());
  return order;
}

// The stage the result shows: first preferences, for information, and the elected.
Stage FirstPreferences(const core::BallotSet& ballots) {
  const size_t candidates = ballots.candidates.size();
  Stage stage;
  stage.number = 1;
  stage.votes.assign(candidates, Votes());
  stage.votes_by_section.assign(ballots.sections.size(), std::vector<Votes>(candidates));
  stage.state.assign(candidates, CandidateState::kWithdrawn);
  for (CandidateId c : Standing(ballots)) {
    stage.state[c.index()] = CandidateState::kContinuing;
  }
  for (size_t e = 0; e < ballots.size(); ++e) {
    for (CandidateId c : ballots.Ranking(e)) {
      if (stage.state[c.index()] == CandidateState::kContinuing) {
        stage.votes[c.index()] += ballots.weight[e];
        stage.votes_by_section[ballots.section[e].index()][c.index()] += ballots.weight[e];
        stage.continuing += ballots.weight[e];
        break;
      }
    }
  }
  stage.decision = Decision::kCondorcet;
  return stage;
}

// Takes, again and again, the candidates that no remaining candidate beats (`beats(a, b)`), in
// the order the method gives; level candidates go to the tie rules.
util::Result<std::vector<CandidateId>> Order(
    const std::vector<CandidateId>& standing,
    const std::function<bool(CandidateId, CandidateId)>& beats, const CondorcetRules& rules,
    const Lot* lot, const core::BallotSet& ballots, Stage& stage) {
  std::vector<CandidateId> remaining = standing;
  std::vector<CandidateId> order;
  int draws = 0;
  while (!remaining.empty()) {
    std::vector<CandidateId> unbeaten;
    for (CandidateId a : remaining) {
      if (std::none_of(remaining.begin(), remaining.end(),
                       [&](CandidateId b) { return beats(b, a); })) {
        unbeaten.push_back(a);
      }
    }
    CHECK(!unbeaten.empty());  // both methods give an acyclic "beats"
    auto level = OrderLevel(unbeaten, rules, lot, ballots, draws, stage.tie);
    if (!level.ok()) {
      return level.error();
    }
    order.insert(order.end(), level->begin(), level->end());
    std::erase_if(remaining, [&](CandidateId c) {
      return std::find(unbeaten.begin(), unbeaten.end(), c) != unbeaten.end();
    });
  }
  return order;
}

util::Result<Result> Finish(const core::BallotSet& ballots, const CondorcetRules& rules,
                            const Lot* lot, Method method, Pairwise pairwise,
                            const std::function<bool(CandidateId, CandidateId)>& beats,
                            std::optional<TieRecord> tie = std::nullopt) {
  Result result;
  result.method = method;
  result.seats = rules.seats;
  result.places = ballots.places;
  result.tie_break = rules.tie_break;
  if (lot != nullptr) {
    result.lot = lot->Describe();
  }
  Stage stage = FirstPreferences(ballots);
  stage.tie = std::move(tie);
  auto order = Order(Standing(ballots), beats, rules, lot, ballots, stage);
  if (!order.ok()) {
    return order.error();
  }
  pairwise.order = std::move(order.value());
  const size_t seats = std::min(pairwise.order.size(), static_cast<size_t>(rules.seats));
  result.elected.assign(pairwise.order.begin(), pairwise.order.begin() + static_cast<long>(seats));
  stage.elected = result.elected;
  result.stages.push_back(std::move(stage));
  result.pairwise = std::move(pairwise);
  return result;
}

// True when the locked pairs lead from `from` to `to`.
bool Reaches(const std::vector<std::vector<bool>>& locked, CandidateId from, CandidateId to) {
  std::vector<bool> seen(locked.size(), false);
  std::vector<size_t> stack{from.index()};
  while (!stack.empty()) {
    const size_t at = stack.back();
    stack.pop_back();
    if (at == to.index() && at != from.index()) {
      return true;
    }
    if (seen[at]) {
      continue;
    }
    seen[at] = true;
    for (size_t next = 0; next < locked.size(); ++next) {
      if (locked[at][next]) {
        stack.push_back(next);
      }
    }
  }
  return false;
}

// The strength of a majority: its winning votes, then (for equal winning votes) the smaller
// opposition.
std::pair<Votes, Votes> Strength(const Table& wins, const Pairwise::Pair& pair) {
  return {wins[pair.winner.index()][pair.loser.index()],
          Votes() - wins[pair.loser.index()][pair.winner.index()]};
}

// True when the locked pairs, with every pair of `group` added, have no cycle: then the
// group's order cannot matter.
bool LockableTogether(std::vector<std::vector<bool>> locked,
                      std::span<const Pairwise::Pair> group) {
  for (const Pairwise::Pair& pair : group) {
    locked[pair.winner.index()][pair.loser.index()] = true;
  }
  return std::none_of(group.begin(), group.end(), [&](const Pairwise::Pair& pair) {
    return Reaches(locked, pair.loser, pair.winner);
  });
}

// Orders a group of equally strong majorities by a ranking of the candidates drawn from the
// tie rules (Tideman's tie-breaking ranking, drawn once): the pair whose winner ranks higher
// first, then the one whose loser ranks lower.
util::Status OrderGroup(std::span<Pairwise::Pair> group, std::vector<size_t>& place,
                        const CondorcetRules& rules, const Lot* lot, const core::BallotSet& ballots,
                        Stage& stage) {
  if (place.empty()) {
    int draws = 0;
    auto ranking = OrderLevel(Standing(ballots), rules, lot, ballots, draws, stage.tie);
    if (!ranking.ok()) {
      return ranking.error();
    }
    place.assign(ballots.candidates.size(), 0);
    for (size_t i = 0; i < ranking->size(); ++i) {
      place[(*ranking)[i].index()] = i;
    }
  }
  std::stable_sort(group.begin(), group.end(), [&](const auto& x, const auto& y) {
    return place[x.winner.index()] != place[y.winner.index()]
               ? place[x.winner.index()] < place[y.winner.index()]
               : place[x.loser.index()] > place[y.loser.index()];
  });
  return {};
}

// Locks the majorities, strongest first, skipping any that would close a cycle.
util::Status LockPairs(const Table& wins, const CondorcetRules& rules, const Lot* lot,
                       const core::BallotSet& ballots, std::vector<Pairwise::Pair>& pairs,
                       std::vector<std::vector<bool>>& locked, Stage& stage) {
  std::stable_sort(pairs.begin(), pairs.end(), [&](const auto& x, const auto& y) {
    return Strength(wins, x) > Strength(wins, y);
  });
  std::vector<size_t> place;  // the tie-breaking ranking, once drawn
  for (size_t begin = 0; begin < pairs.size();) {
    size_t end = begin + 1;
    while (end < pairs.size() && Strength(wins, pairs[end]) == Strength(wins, pairs[begin])) {
      ++end;
    }
    const std::span<Pairwise::Pair> group(pairs.data() + begin, end - begin);
    if (group.size() > 1 && !LockableTogether(locked, group)) {
      if (util::Status ordered = OrderGroup(group, place, rules, lot, ballots, stage);
          !ordered.ok()) {
        return ordered;
      }
    }
    for (Pairwise::Pair& pair : group) {
      if (!Reaches(locked, pair.loser, pair.winner)) {  // it would close a cycle
        locked[pair.winner.index()][pair.loser.index()] = true;
        pair.locked = true;
      }
    }
    begin = end;
  }
  return {};
}

// One ballot's preferences: each ranked candidate beats everyone ranked below it or unranked.
void AddPreferences(std::span<const CandidateId> ranking, const std::vector<size_t>& position,
                    Votes weight, Table& wins) {
  for (size_t i = 0; i < ranking.size(); ++i) {
    std::vector<Votes>& row = wins[ranking[i].index()];
    for (size_t b = 0; b < row.size(); ++b) {
      if (position[b] > i) {
        row[b] += weight;
      }
    }
  }
}

// Widens every path j -> k that may pass through i.
void WidenThrough(Table& p, size_t i) {
  const size_t n = p.size();
  for (size_t j = 0; j < n; ++j) {
    for (size_t k = 0; j != i && k < n; ++k) {
      if (k != i && k != j) {
        p[j][k] = std::max(p[j][k], std::min(p[j][i], p[i][k]));
      }
    }
  }
}

// The strength of the widest path between every pair (Floyd-Warshall), in place.
void WidestPaths(Table& p) {
  for (size_t i = 0; i < p.size(); ++i) {
    WidenThrough(p, i);
  }
}

}  // namespace

Table PairwiseWins(const core::BallotSet& ballots) {
  const size_t candidates = ballots.candidates.size();
  Table wins(candidates, std::vector<Votes>(candidates));
  std::vector<size_t> position(candidates);
  std::vector<CandidateId> withdrawn = ballots.withdrawn;
  for (size_t e = 0; e < ballots.size(); ++e) {
    std::fill(position.begin(), position.end(), SIZE_MAX);  // unranked: below every rank
    const auto ranking = ballots.Ranking(e);
    for (size_t i = 0; i < ranking.size(); ++i) {
      position[ranking[i].index()] = i;
    }
    AddPreferences(ranking, position, ballots.weight[e], wins);
  }
  for (CandidateId c : withdrawn) {  // a withdrawn candidate compares with no one
    for (size_t other = 0; other < candidates; ++other) {
      wins[c.index()][other] = Votes();
      wins[other][c.index()] = Votes();
    }
  }
  return wins;
}

util::Result<Result> CountSchulze(const core::BallotSet& ballots, const CondorcetRules& rules,
                                  const Lot* lot) {
  Pairwise pairwise;
  pairwise.wins = PairwiseWins(ballots);
  const size_t n = pairwise.wins.size();
  Table& p = pairwise.strongest;
  p.assign(n, std::vector<Votes>(n));
  for (size_t a = 0; a < n; ++a) {
    for (size_t b = 0; b < n; ++b) {
      if (a != b && pairwise.wins[a][b] > pairwise.wins[b][a]) {
        p[a][b] = pairwise.wins[a][b];
      }
    }
  }
  WidestPaths(p);
  // (A copy: `pairwise` moves into the result below.)
  const auto beats = [strongest = p](CandidateId a, CandidateId b) {
    return strongest[a.index()][b.index()] > strongest[b.index()][a.index()];
  };
  return Finish(ballots, rules, lot, Method::kSchulze, std::move(pairwise), beats);
}

util::Result<Result> CountRankedPairs(const core::BallotSet& ballots, const CondorcetRules& rules,
                                      const Lot* lot) {
  Pairwise pairwise;
  pairwise.wins = PairwiseWins(ballots);
  const Table& wins = pairwise.wins;
  const size_t n = wins.size();
  for (size_t a = 0; a < n; ++a) {
    for (size_t b = 0; b < n; ++b) {
      if (wins[a][b] > wins[b][a]) {
        pairwise.pairs.push_back(
            {CandidateId(static_cast<uint16_t>(a)), CandidateId(static_cast<uint16_t>(b)), false});
      }
    }
  }
  Stage first = FirstPreferences(ballots);
  std::vector<std::vector<bool>> locked(n, std::vector<bool>(n, false));
  if (util::Status done = LockPairs(wins, rules, lot, ballots, pairwise.pairs, locked, first);
      !done.ok()) {
    return done.error();
  }
  const auto beats = [&](CandidateId a, CandidateId b) { return Reaches(locked, a, b); };
  return Finish(ballots, rules, lot, Method::kRankedPairs, std::move(pairwise), beats,
                std::move(first.tie));
}

}  // namespace scrutineer::count
