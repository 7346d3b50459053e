#include "election/eliminating.h"

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>

#include "count/eliminating.h"
#include "crypto/sha256_lot.h"
#include "election/count.h"
#include "election/nominations.h"
#include "formats/csv_table.h"
#include "util/text.h"

namespace scrutineer::election {
namespace {

using util::Error;
using util::ErrorCode;

// "A, B and C"; "none" for no one.
std::string Listed(const std::vector<std::string>& names) {
  if (names.empty()) {
    return "none";
  }
  std::string text = names.front();
  for (size_t i = 1; i < names.size(); ++i) {
    text += (i + 1 == names.size() ? " and " : ", ");
    text += names[i];
  }
  return text;
}

// The stored form of a ballot (the store keeps it as text).
std::string TallyText(const EliminatingBallot& ballot) {
  const nlohmann::ordered_json tally{
      {"round", ballot.round},           {"threshold", ballot.threshold},
      {"candidates", ballot.candidates}, {"votes", ballot.votes},
      {"spoilt", ballot.spoilt},         {"body_size", ballot.body_size},
      {"eliminated", ballot.eliminated}, {"by_threshold", ballot.by_threshold},
      {"ties", ballot.ties},             {"draws", ballot.draws}};
  return tally.dump();
}

util::Result<EliminatingBallot> BallotFrom(const std::string& text, const std::string& where) {
  try {
    const nlohmann::json tally = nlohmann::json::parse(text);
    EliminatingBallot ballot;
    tally.at("round").get_to(ballot.round);
    tally.at("threshold").get_to(ballot.threshold);
    tally.at("candidates").get_to(ballot.candidates);
    tally.at("votes").get_to(ballot.votes);
    tally.at("spoilt").get_to(ballot.spoilt);
    tally.at("body_size").get_to(ballot.body_size);
    tally.at("eliminated").get_to(ballot.eliminated);
    tally.at("by_threshold").get_to(ballot.by_threshold);
    tally.at("ties").get_to(ballot.ties);
    tally.at("draws").get_to(ballot.draws);
    if (ballot.votes.size() != ballot.candidates.size()) {
      return Error(ErrorCode::kStorage, "a stored eliminating ballot is damaged", where);
    }
    return ballot;
  } catch (const nlohmann::json::exception& e) {
    return Error(ErrorCode::kStorage,
                 std::string("a stored eliminating ballot cannot be read: ") + e.what(), where);
  }
}

// How the audit log names a ballot and its tally: "contest leader: ballot 2, tally SHA-256 ...".
std::string LogDetail(const std::string& contest, const EliminatingBallot& ballot,
                      const std::string& tally) {
  return "contest " + contest + ": ballot " + std::to_string(ballot.round) + ", tally SHA-256 " +
         crypto::Sha256Hex(tally);
}

const core::Contest* ContestOf(const Election& election, const std::string& contest) {
  for (const core::Contest& c : election.definition.contests) {
    if (c.id == contest) {
      return &c;
    }
  }
  return nullptr;
}

// Where a paper's marks are: a `vote` column, or rank1, rank2, ...
std::vector<int> MarkColumns(const formats::CsvTable& table) {
  std::vector<int> columns;
  if (const int vote = table.Column("vote"); vote >= 0) {
    columns.push_back(vote);
  }
  for (int rank = 1;; ++rank) {
    const int column = table.Column("rank" + std::to_string(rank));
    if (column < 0) {
      return columns;
    }
    columns.push_back(column);
  }
}

struct PaperTally {
  std::vector<int64_t> votes;
  int64_t spoilt = 0;
  int64_t papers = 0;
};

// How many papers the current row stands for: its count, else one.
util::Result<int64_t> PapersOfRow(const formats::CsvTable& table, int count_column) {
  const std::string_view count = table.Field(count_column);
  if (count_column < 0 || count.empty()) {
    return 1;
  }
  const auto papers = core::ParseDecimalUnits(count, 0);
  if (!papers || *papers > 1'000'000'000) {
    return Error(ErrorCode::kInvalidInput,
                 "count " + util::Quote(count) + " is not a whole number of papers",
                 table.name() + ":" + std::to_string(table.line()));
  }
  return *papers;
}

// Adds the current row's papers to `tally`: a vote for the one standing candidate marked, or
// spoilt papers when there is no mark or more than one.
util::Status AddRow(const formats::CsvTable& table, const std::vector<int>& marks,
                    const std::vector<std::string>& standing, int64_t papers, PaperTally& tally) {
  const std::string where = table.name() + ":" + std::to_string(table.line());
  int marked = 0;
  size_t chosen = 0;
  for (int column : marks) {
    const std::string_view name = table.Field(column);
    if (name.empty()) {
      continue;
    }
    const auto at = std::find(standing.begin(), standing.end(), name);
    if (at == standing.end()) {
      return Error(ErrorCode::kInvalidInput,
                   util::Quote(name) + " is not standing in this ballot", where);
    }
    ++marked;
    chosen = static_cast<size_t>(at - standing.begin());
  }
  (marked == 1 ? tally.votes[chosen] : tally.spoilt) += papers;
  tally.papers += papers;
  return {};
}

util::Result<PaperTally> ReadPapers(const std::string& path,
                                    const std::vector<std::string>& standing) {
  auto table = formats::CsvTable::OpenPath(path);
  if (!table.ok()) {
    return table.error();
  }
  const std::vector<int> marks = MarkColumns(**table);
  if (marks.empty()) {
    return Error(ErrorCode::kInvalidInput, "the header needs a column vote (or rank1, rank2, ...)",
                 path + ":1");
  }
  const int count = (*table)->Column("count");
  PaperTally tally{std::vector<int64_t>(standing.size()), 0, 0};
  while (true) {
    auto row = (*table)->Next();
    if (!row.ok() || !*row) {
      return row.ok() ? util::Result<PaperTally>(std::move(tally)) : row.error();
    }
    auto papers = PapersOfRow(**table, count);
    if (!papers.ok()) {
      return papers.error();
    }
    if (util::Status added = AddRow(**table, marks, standing, *papers, tally); !added.ok()) {
      return added.error();
    }
  }
}

// Checks that a ballot may be recorded now, returning the contest.
util::Result<const core::Contest*> CheckRecordable(const Election& election,
                                                   const std::string& contest, int64_t now) {
  const core::Contest* c = ContestOf(election, contest);
  if (c == nullptr || !c->eliminating_ballots) {
    return Error(c == nullptr ? ErrorCode::kNotFound : ErrorCode::kInvalidArgument,
                 c == nullptr ? "there is no contest '" + contest + "'"
                              : "contest '" + contest + "' has no eliminating ballots in its "
                                                        "definition",
                 election.record.id);
  }
  if (election.state != core::ElectionState::kNominations ||
      now < election.definition.timetable.nominations_close) {
    return Error(ErrorCode::kConflict,
                 "eliminating ballots are recorded after nominations close (" +
                     IsoTime(election.definition.timetable.nominations_close) +
                     ") and before the ballot opens; the election is in state '" +
                     election.record.state + "'",
                 election.record.id);
  }
  return c;
}

// Decides the ballot whose papers are `papers`, following `status`'s earlier ballots.
util::Result<EliminatingBallot> Decide(const Election& election, const core::Contest& contest,
                                       const EliminatingStatus& status, PaperTally papers) {
  const core::EliminatingBallots& rules = *contest.eliminating_ballots;
  EliminatingBallot ballot;
  ballot.round = static_cast<int>(status.ballots.size()) + 1;
  const auto index = static_cast<size_t>(ballot.round - 1);
  ballot.threshold = index < rules.thresholds.size() ? rules.thresholds[index] : 0;
  ballot.candidates = status.standing;
  ballot.votes = std::move(papers.votes);
  ballot.spoilt = papers.spoilt;
  ballot.body_size = contest.nominations->body_size;
  std::vector<count::EliminatingTally> earlier;
  for (const EliminatingBallot& before : status.ballots) {
    earlier.push_back({before.candidates, before.votes});
    ballot.draws = before.draws;
  }
  const count::EliminatingRules count_rules{ballot.threshold, rules.finalists,
                                            TieBreakOf(election.definition)};
  std::unique_ptr<count::Lot> lot;
  if (!election.definition.seed.empty()) {
    lot = std::make_unique<crypto::Sha256Lot>(election.definition.seed);
  }
  auto decision = count::DecideEliminatingBallot(earlier, {ballot.candidates, ballot.votes},
                                                 count_rules, lot.get(), ballot.draws);
  if (!decision.ok()) {
    return decision.error();
  }
  ballot.eliminated = decision->eliminated;
  ballot.by_threshold = decision->by_threshold;
  for (const count::TieRecord& tie : decision->ties) {
    ballot.ties.push_back(ballot.candidates[tie.loser.index()] + " lost a tie, decided by " +
                          std::string(count::TieStepName(tie.decided_by)));
  }
  return ballot;
}

}  // namespace

util::Result<EliminatingStatus> EliminatingBallotsOf(const store::Store& store,
                                                     const Election& election,
                                                     const std::string& contest) {
  const core::Contest* c = ContestOf(election, contest);
  if (c == nullptr || !c->eliminating_ballots || !c->nominations) {
    return Error(ErrorCode::kNotFound, "contest '" + contest + "' has no eliminating ballots",
                 election.record.id);
  }
  auto nominations = NominationsOf(store, election, contest);
  auto stored = store.EliminatingBallots(election.record.id, contest);
  if (!nominations.ok() || !stored.ok()) {
    return nominations.ok() ? stored.error() : nominations.error();
  }
  EliminatingStatus status{contest, c->nominations->body, c->eliminating_ballots->finalists, {},
                           PaperOf(*nominations, *c)};
  for (const std::string& text : *stored) {
    auto ballot = BallotFrom(text, election.record.id);
    if (!ballot.ok()) {
      return ballot.error();
    }
    status.ballots.push_back(std::move(ballot.value()));
  }
  if (!status.ballots.empty()) {
    // Those left by the last ballot, less any who have withdrawn since.
    std::vector<std::string> left;
    for (const std::string& name : status.ballots.back().candidates) {
      const std::vector<std::string>& gone = status.ballots.back().eliminated;
      const bool valid = std::find(status.standing.begin(), status.standing.end(), name) !=
                         status.standing.end();
      if (valid && std::find(gone.begin(), gone.end(), name) == gone.end()) {
        left.push_back(name);
      }
    }
    status.standing = std::move(left);
  }
  return status;
}

util::Result<EliminatingBallot> RecordEliminatingBallot(store::Store& store, const std::string& id,
                                                        const std::string& contest,
                                                        const std::string& path, int64_t now) {
  auto election = LoadElection(store, id);
  if (!election.ok()) {
    return election.error();
  }
  auto c = CheckRecordable(*election, contest, now);
  auto status = c.ok() ? EliminatingBallotsOf(store, *election, contest)
                       : util::Result<EliminatingStatus>(c.error());
  if (!status.ok()) {
    return status.error();
  }
  if (status->finished()) {
    return Error(ErrorCode::kConflict,
                 "no eliminating ballot is needed: " + std::to_string(status->standing.size()) +
                     " stand for " + std::to_string(status->finalists) + " places",
                 id);
  }
  auto papers = ReadPapers(path, status->standing);
  if (!papers.ok()) {
    return papers.error();
  }
  if (papers->papers > (*c)->nominations->body_size) {
    return Error(ErrorCode::kInvalidInput,
                 std::to_string(papers->papers) + " papers, more than the body's " +
                     std::to_string((*c)->nominations->body_size) + " members",
                 path);
  }
  auto ballot = Decide(*election, **c, *status, std::move(papers.value()));
  if (!ballot.ok()) {
    return ballot.error();
  }
  const std::string tally = TallyText(*ballot);
  const std::string detail = LogDetail(contest, *ballot, tally) + "; " + status->body + ", " +
                             std::to_string(papers->papers) + " papers; eliminated " +
                             Listed(ballot->eliminated);
  if (util::Status recorded = store.RecordEliminatingBallot(id, contest, ballot->round, tally,
                                                            {now, "eliminating ballot", detail});
      !recorded.ok()) {
    return recorded.error();
  }
  return ballot;
}

util::Result<std::vector<std::string>> CheckEliminatingBallots(
    const core::ElectionDefinition& definition, const core::Contest& contest,
    const std::vector<std::string>& tallies, const std::vector<store::AuditEntry>& log) {
  const Election election{{definition.id, definition.title, "", "nominations"}, definition, {}};
  EliminatingStatus status{contest.id, "", contest.eliminating_ballots->finalists, {}, {}};
  for (const std::string& tally : tallies) {
    auto stored = BallotFrom(tally, definition.id);
    if (!stored.ok()) {
      return stored.error();
    }
    const std::string where = "contest " + contest.id + ", ballot " + std::to_string(stored->round);
    const bool logged = std::any_of(log.begin(), log.end(), [&](const store::AuditEntry& e) {
      return e.kind == "eliminating ballot" &&
             e.detail.starts_with(LogDetail(contest.id, *stored, tally) + ";");
    });
    const bool stood = std::all_of(
        stored->candidates.begin(), stored->candidates.end(), [&](const std::string& name) {
          return status.ballots.empty() || std::find(status.standing.begin(), status.standing.end(),
                                                     name) != status.standing.end();
        });
    PaperTally papers{stored->votes, stored->spoilt, 0};
    status.standing = stored->candidates;
    auto decided = Decide(election, contest, status, std::move(papers));
    if (!logged || !stood || !decided.ok() || decided->eliminated != stored->eliminated ||
        stored->round != static_cast<int>(status.ballots.size()) + 1) {
      return Error(ErrorCode::kConflict,
                   !logged ? "the audit log does not record this ballot's tally"
                   : !stood ? "a candidate stands who was not left by the ballot before"
                            : "deciding the ballot again does not give its published outcome",
                   where);
    }
    status.standing.clear();
    for (const std::string& name : stored->candidates) {
      if (std::find(stored->eliminated.begin(), stored->eliminated.end(), name) ==
          stored->eliminated.end()) {
        status.standing.push_back(name);
      }
    }
    status.ballots.push_back(std::move(stored.value()));
  }
  return status.standing;
}

std::string EliminatingBallotsText(const EliminatingStatus& status) {
  std::string text = "Contest " + status.contest + ": eliminating ballots of " + status.body +
                     ", " + std::to_string(status.finalists) + " go to the members' ballot\n";
  for (const EliminatingBallot& ballot : status.ballots) {
    int64_t valid = 0;
    for (int64_t v : ballot.votes) {
      valid += v;
    }
    text += "Ballot " + std::to_string(ballot.round) +
            (ballot.threshold > 0 ? " (" + util::WithThousands(ballot.threshold) + " needed)"
                                  : std::string()) +
            ":\n";
    for (size_t i = 0; i < ballot.candidates.size(); ++i) {
      const bool out = std::find(ballot.eliminated.begin(), ballot.eliminated.end(),
                                 ballot.candidates[i]) != ballot.eliminated.end();
      text += "  " + ballot.candidates[i] + ": " + util::WithThousands(ballot.votes[i]) +
              (out ? " - eliminated\n" : "\n");
    }
    text += "  Valid " + util::WithThousands(valid) + ", spoilt " +
            util::WithThousands(ballot.spoilt) + ", not voting " +
            util::WithThousands(ballot.body_size - valid - ballot.spoilt) + "\n";
    for (const std::string& tie : ballot.ties) {
      text += "  " + tie + "\n";
    }
  }
  text += (status.finished() ? "Going to the members' ballot: " : "Standing: ") +
          Listed(status.standing) + "\n";
  return text;
}

}  // namespace scrutineer::election
