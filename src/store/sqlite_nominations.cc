// The SQLite store's nominations (schema version 2; see sqlite_store_impl.h).

#include "store/sqlite_store_impl.h"

namespace scrutineer::store::detail {
namespace {

using util::Error;
using util::ErrorCode;

// The count of rows `sql` finds for (election, contest[, key]).
util::Result<int64_t> CountOf(const SqliteDb& db, const char* sql, const std::string& election,
                              const std::string& contest, const std::string& key = "") {
  auto select = db.Prepare(sql);
  if (!select.ok()) {
    return select.error();
  }
  select->Bind(1, election).Bind(2, contest);
  if (!key.empty()) {
    select->Bind(3, key);
  }
  auto row = select->Step();
  if (!row.ok()) {
    return row.error();
  }
  return *row ? select->Int(0) : 0;
}

// The candidacy's `withdrawn` flag, or -1 when there is no candidacy.
util::Result<int64_t> Withdrawn(const SqliteDb& db, const std::string& election,
                                const std::string& contest, const std::string& candidate) {
  auto select = db.Prepare(
      "SELECT withdrawn FROM candidacy WHERE election = ? AND contest = ? AND candidate = ?");
  if (!select.ok()) {
    return select.error();
  }
  auto row = select->Bind(1, election).Bind(2, contest).Bind(3, candidate).Step();
  if (!row.ok()) {
    return row.error();
  }
  return *row ? select->Int(0) : -1;
}

}  // namespace

util::Status SqliteStore::SetNominators(const std::string& election, const std::string& contest,
                                        const std::vector<NominatorRecord>& nominators,
                                        const AuditEvent& event) {
  return InTransaction(db_, election, hasher_, event, [&]() -> util::Status {
    if (util::Status exists = RequireElection(election); !exists.ok()) {
      return exists;
    }
    auto made = CountOf(db_, "SELECT count(*) FROM nomination WHERE election = ? AND contest = ?",
                        election, contest);
    if (!made.ok() || *made > 0) {
      return made.ok() ? Error(ErrorCode::kConflict,
                               "the nominating body of contest '" + contest +
                                   "' cannot change: nominations have been made",
                               db_.path())
                       : util::Status(made.error());
    }
    auto clear = db_.Prepare("DELETE FROM nominator WHERE election = ? AND contest = ?");
    auto insert =
        db_.Prepare("INSERT INTO nominator (election, contest, id, name) VALUES (?, ?, ?, ?)");
    if (!clear.ok() || !insert.ok()) {
      return clear.ok() ? insert.error() : clear.error();
    }
    if (util::Status cleared = clear->Bind(1, election).Bind(2, contest).Run(); !cleared.ok()) {
      return cleared;
    }
    for (const NominatorRecord& nominator : nominators) {
      insert->Bind(1, election).Bind(2, contest).Bind(3, nominator.id).Bind(4, nominator.name);
      if (util::Status inserted = insert->Run(); !inserted.ok()) {
        return inserted;
      }
    }
    return {};
  });
}

util::Status SqliteStore::Nominate(const std::string& election, const std::string& contest,
                                   const std::string& nominator, const std::string& candidate,
                                   const AuditEvent& event) {
  return InTransaction(db_, election, hasher_, event, [&]() -> util::Status {
    auto member = CountOf(db_,
                          "SELECT count(*) FROM nominator WHERE election = ? AND contest = ? "
                          "AND id = ?",
                          election, contest, nominator);
    auto made = CountOf(db_,
                        "SELECT count(*) FROM nomination WHERE election = ? AND contest = ? "
                        "AND nominator = ?",
                        election, contest, nominator);
    if (!member.ok() || !made.ok()) {
      return member.ok() ? made.error() : member.error();
    }
    if (*member == 0) {
      return Error(ErrorCode::kNotFound,
                   "'" + nominator + "' is not of the nominating body of contest '" + contest + "'",
                   db_.path());
    }
    if (*made > 0) {
      return Error(ErrorCode::kConflict,
                   "'" + nominator + "' has nominated already in contest '" + contest + "'",
                   db_.path());
    }
    auto insert = db_.Prepare(
        "INSERT INTO nomination (election, contest, nominator, candidate) VALUES (?, ?, ?, ?)");
    if (!insert.ok()) {
      return insert.error();
    }
    return insert->Bind(1, election).Bind(2, contest).Bind(3, nominator).Bind(4, candidate).Run();
  });
}

util::Status SqliteStore::SetCandidacy(const std::string& election, const std::string& contest,
                                       const std::string& candidate, bool withdraw,
                                       const AuditEvent& event) {
  return InTransaction(db_, election, hasher_, event, [&]() -> util::Status {
    if (util::Status exists = RequireElection(election); !exists.ok()) {
      return exists;
    }
    auto withdrawn = Withdrawn(db_, election, contest, candidate);
    if (!withdrawn.ok()) {
      return withdrawn.error();
    }
    if (!withdraw && *withdrawn == 1) {
      return Error(ErrorCode::kConflict,
                   "'" + candidate + "' has withdrawn from contest '" + contest + "'", db_.path());
    }
    auto upsert = db_.Prepare(
        "INSERT INTO candidacy (election, contest, candidate, withdrawn) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (election, contest, candidate) DO UPDATE SET withdrawn = excluded.withdrawn");
    if (!upsert.ok()) {
      return upsert.error();
    }
    upsert->Bind(1, election).Bind(2, contest).Bind(3, candidate);
    return upsert->Bind(4, int64_t{withdraw ? 1 : 0}).Run();
  });
}

util::Result<std::vector<NominationCount>> SqliteStore::CountNominations(
    const std::string& election, const std::string& contest) const {
  auto select = db_.Prepare(
      "SELECT name, (SELECT count(*) FROM nomination n WHERE n.election = ?1 AND n.contest = ?2 "
      "AND n.candidate = name), "
      "(SELECT withdrawn FROM candidacy c WHERE c.election = ?1 AND c.contest = ?2 "
      "AND c.candidate = name) FROM (SELECT candidate AS name FROM nomination WHERE election = ?1 "
      "AND contest = ?2 UNION SELECT candidate FROM candidacy WHERE election = ?1 AND contest = "
      "?2) ORDER BY name");
  if (!select.ok()) {
    return select.error();
  }
  select->Bind(1, election).Bind(2, contest);
  std::vector<NominationCount> counts;
  const auto read = [](const SqliteStatement& row) {
    const std::string withdrawn = row.Text(2);  // empty: no candidacy
    return NominationCount{row.Text(0), row.Int(1), withdrawn == "0", withdrawn == "1"};
  };
  util::Status walked = Walk<NominationCount>(*select, read, [&](const NominationCount& count) {
    counts.push_back(count);
    return true;
  });
  return walked.ok() ? util::Result<std::vector<NominationCount>>(std::move(counts))
                     : walked.error();
}

util::Status SqliteStore::FixBallotPaper(const std::string& election, const std::string& contest,
                                         const std::vector<std::string>& candidates,
                                         const AuditEvent& event) {
  return InTransaction(db_, election, hasher_, event, [&]() -> util::Status {
    if (util::Status exists = RequireElection(election); !exists.ok()) {
      return exists;
    }
    auto fixed =
        CountOf(db_, "SELECT count(*) FROM ballot_paper WHERE election = ? AND contest = ?",
                election, contest);
    if (!fixed.ok() || *fixed > 0) {
      return fixed.ok() ? Error(ErrorCode::kConflict,
                                "the ballot paper of contest '" + contest + "' is fixed already",
                                db_.path())
                        : util::Status(fixed.error());
    }
    auto insert = db_.Prepare(
        "INSERT INTO ballot_paper (election, contest, position, candidate) VALUES (?, ?, ?, ?)");
    if (!insert.ok()) {
      return insert.error();
    }
    for (size_t i = 0; i < candidates.size(); ++i) {
      insert->Bind(1, election).Bind(2, contest).Bind(3, static_cast<int64_t>(i + 1));
      if (util::Status inserted = insert->Bind(4, candidates[i]).Run(); !inserted.ok()) {
        return inserted;
      }
    }
    return {};
  });
}

util::Result<std::optional<std::vector<std::string>>> SqliteStore::BallotPaper(
    const std::string& election, const std::string& contest) const {
  auto select = db_.Prepare(
      "SELECT candidate FROM ballot_paper WHERE election = ? AND contest = ? ORDER BY position");
  if (!select.ok()) {
    return select.error();
  }
  select->Bind(1, election).Bind(2, contest);
  std::vector<std::string> candidates;
  util::Status walked = Walk<std::string>(
      *select, [](const SqliteStatement& row) { return row.Text(0); },
      [&](const std::string& name) {
        candidates.push_back(name);
        return true;
      });
  if (!walked.ok()) {
    return walked.error();
  }
  return candidates.empty() ? std::nullopt : std::optional(std::move(candidates));
}

util::Status SqliteStore::RecordEliminatingBallot(const std::string& election,
                                                  const std::string& contest, int round,
                                                  const std::string& tally,
                                                  const AuditEvent& event) {
  return InTransaction(db_, election, hasher_, event, [&]() -> util::Status {
    if (util::Status exists = RequireElection(election); !exists.ok()) {
      return exists;
    }
    auto recorded = CountOf(
        db_, "SELECT count(*) FROM eliminating_ballot WHERE election = ? AND contest = ?",
        election, contest);
    if (!recorded.ok()) {
      return recorded.error();
    }
    if (*recorded != round - 1) {
      return Error(ErrorCode::kConflict,
                   "contest '" + contest + "' has " + std::to_string(*recorded) +
                       " eliminating ballots recorded, so ballot " +
                       std::to_string(round) + " cannot be recorded now",
                   db_.path());
    }
    auto insert = db_.Prepare(
        "INSERT INTO eliminating_ballot (election, contest, round, tally) VALUES (?, ?, ?, ?)");
    if (!insert.ok()) {
      return insert.error();
    }
    return insert->Bind(1, election).Bind(2, contest).Bind(3, int64_t{round}).Bind(4, tally).Run();
  });
}

util::Result<std::vector<std::string>> SqliteStore::EliminatingBallots(
    const std::string& election, const std::string& contest) const {
  auto select = db_.Prepare(
      "SELECT tally FROM eliminating_ballot WHERE election = ? AND contest = ? ORDER BY round");
  if (!select.ok()) {
    return select.error();
  }
  select->Bind(1, election).Bind(2, contest);
  std::vector<std::string> tallies;
  util::Status walked = Walk<std::string>(
      *select, [](const SqliteStatement& row) { return row.Text(0); },
      [&](const std::string& tally) {
        tallies.push_back(tally);
        return true;
      });
  return walked.ok() ? util::Result<std::vector<std::string>>(std::move(tallies)) : walked.error();
}

}  // namespace scrutineer::store::detail
