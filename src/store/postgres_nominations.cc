// The PostgreSQL store's nominations: nominating bodies, nominations, candidacies and ballot
// papers (see postgres_store_impl.h). The rules here are the store's own (one nomination per
// nominator, a withdrawal is final, a body or ballot paper fixed once used); whether the
// election's state allows a change at all is the election layer's to decide.

#include <optional>

#include "store/postgres_store_impl.h"

namespace scrutineer::store::detail {
namespace {

using util::Error;
using util::ErrorCode;

// Whether `sql` (taking `params`) returns any row.
util::Result<bool> Exists(const PgDb& db, const std::string& sql, const PgParams& params) {
  auto rows = db.Query(sql, params);
  if (!rows.ok()) {
    return rows.error();
  }
  return rows->Rows() > 0;
}

// Refuses a change when `exists` says a row is there: `problem` as a kConflict.
util::Status RefuseIf(const PgDb& db, const util::Result<bool>& exists,
                      const std::string& problem) {
  if (!exists.ok()) {
    return exists.error();
  }
  if (*exists) {
    return Error(ErrorCode::kConflict, problem, db.location());
  }
  return {};
}

// The candidate's candidacy row: nothing when none, else whether they have withdrawn.
util::Result<std::optional<bool>> Withdrawn(const PgDb& db, const std::string& election,
                                            const std::string& contest,
                                            const std::string& candidate) {
  auto rows = db.Query(
      "SELECT withdrawn FROM candidacy WHERE election = $1 AND contest = $2 AND candidate = $3",
      {election, contest, candidate});
  if (!rows.ok()) {
    return rows.error();
  }
  if (rows->Rows() == 0) {
    return std::optional<bool>();
  }
  return std::optional<bool>(rows->Text(0, 0) == "t");
}

// Every candidate named in a nomination or a candidacy of the contest, by name (byte order:
// the columns are COLLATE "C"), with the nominations naming them and their candidacy.
constexpr const char* kCountNominations = R"sql(
WITH named AS (
  SELECT candidate FROM nomination WHERE election = $1 AND contest = $2
  UNION
  SELECT candidate FROM candidacy WHERE election = $1 AND contest = $2)
SELECT named.candidate,
       (SELECT count(*) FROM nomination n
         WHERE n.election = $1 AND n.contest = $2 AND n.candidate = named.candidate),
       coalesce(NOT c.withdrawn, false), coalesce(c.withdrawn, false)
FROM named LEFT JOIN candidacy c
  ON c.election = $1 AND c.contest = $2 AND c.candidate = named.candidate
ORDER BY named.candidate)sql";

}  // namespace

util::Status PostgresStore::SetNominators(const std::string& election, const std::string& contest,
                                          const std::vector<NominatorRecord>& nominators,
                                          const AuditEvent& event) {
  return InTransaction(db_, election, hasher_, event, [&]() -> util::Status {
    if (util::Status exists = RequireElection(election); !exists.ok()) {
      return exists;
    }
    const PgParams key{election, contest};
    if (util::Status refused = RefuseIf(
            db_,
            Exists(db_, "SELECT 1 FROM nomination WHERE election = $1 AND contest = $2 LIMIT 1",
                   key),
            "the nominating body of contest '" + contest +
                "' cannot change: nominations have been made");
        !refused.ok()) {
      return refused;
    }
    if (util::Status cleared =
            db_.Execute("DELETE FROM nominator WHERE election = $1 AND contest = $2", key);
        !cleared.ok()) {
      return cleared;
    }
    PgArray ids, names;
    for (const NominatorRecord& nominator : nominators) {
      ids.Add(nominator.id);
      names.Add(nominator.name);
    }
    return db_.Execute(
        "INSERT INTO nominator (election, contest, id, name) "
        "SELECT $1, $2, * FROM unnest($3::text[], $4::text[])",
        {election, contest, ids.Take(), names.Take()});
  });
}

util::Status PostgresStore::Nominate(const std::string& election, const std::string& contest,
                                     const std::string& nominator, const std::string& candidate,
                                     const AuditEvent& event) {
  return InTransaction(db_, election, hasher_, event, [&]() -> util::Status {
    if (util::Status exists = RequireElection(election); !exists.ok()) {
      return exists;
    }
    const PgParams key{election, contest, nominator};
    auto member = Exists(
        db_, "SELECT 1 FROM nominator WHERE election = $1 AND contest = $2 AND id = $3", key);
    if (!member.ok()) {
      return member.error();
    }
    if (!*member) {
      return Error(ErrorCode::kNotFound,
                   "'" + nominator + "' is not of the nominating body of contest '" + contest + "'",
                   db_.location());
    }
    if (util::Status refused =
            RefuseIf(db_,
                     Exists(db_,
                            "SELECT 1 FROM nomination WHERE election = $1 AND contest = $2 "
                            "AND nominator = $3",
                            key),
                     "'" + nominator + "' has nominated already in contest '" + contest + "'");
        !refused.ok()) {
      return refused;
    }
    return db_.Execute(
        "INSERT INTO nomination (election, contest, nominator, candidate) VALUES ($1, $2, $3, $4)",
        {election, contest, nominator, candidate});
  });
}

util::Status PostgresStore::SetCandidacy(const std::string& election, const std::string& contest,
                                         const std::string& candidate, bool withdraw,
                                         const AuditEvent& event) {
  return InTransaction(db_, election, hasher_, event, [&]() -> util::Status {
    if (util::Status exists = RequireElection(election); !exists.ok()) {
      return exists;
    }
    const PgParams key{election, contest, candidate};
    if (withdraw) {
      // Withdrawing needs no consent before it.
      return db_.Execute(
          "INSERT INTO candidacy (election, contest, candidate, withdrawn) "
          "VALUES ($1, $2, $3, true) ON CONFLICT (election, contest, candidate) "
          "DO UPDATE SET withdrawn = true",
          key);
    }
    auto withdrawn = Withdrawn(db_, election, contest, candidate);
    if (!withdrawn.ok()) {
      return withdrawn.error();
    }
    if (withdrawn->value_or(false)) {
      return Error(ErrorCode::kConflict,
                   "'" + candidate + "' has withdrawn from contest '" + contest + "'",
                   db_.location());
    }
    if (withdrawn->has_value()) {
      return {};  // consenting again changes nothing, but the event is still logged
    }
    return db_.Execute(
        "INSERT INTO candidacy (election, contest, candidate, withdrawn) "
        "VALUES ($1, $2, $3, false)",
        key);
  });
}

util::Result<std::vector<NominationCount>> PostgresStore::CountNominations(
    const std::string& election, const std::string& contest) const {
  auto rows = db_.Query(kCountNominations, {election, contest});
  if (!rows.ok()) {
    return rows.error();
  }
  std::vector<NominationCount> counts;
  counts.reserve(static_cast<size_t>(rows->Rows()));
  for (int row = 0; row < rows->Rows(); ++row) {
    counts.push_back({rows->Text(row, 0), rows->Int(row, 1), rows->Text(row, 2) == "t",
                      rows->Text(row, 3) == "t"});
  }
  return counts;
}

util::Status PostgresStore::FixBallotPaper(const std::string& election, const std::string& contest,
                                           const std::vector<std::string>& candidates,
                                           const AuditEvent& event) {
  return InTransaction(db_, election, hasher_, event, [&]() -> util::Status {
    if (util::Status exists = RequireElection(election); !exists.ok()) {
      return exists;
    }
    if (util::Status refused = RefuseIf(
            db_,
            Exists(db_, "SELECT 1 FROM ballot_paper WHERE election = $1 AND contest = $2 LIMIT 1",
                   {election, contest}),
            "the ballot paper of contest '" + contest + "' is fixed already");
        !refused.ok()) {
      return refused;
    }
    PgArray names;
    for (const std::string& candidate : candidates) {
      names.Add(candidate);
    }
    // Positions 1..n in the order given.
    return db_.Execute(
        "INSERT INTO ballot_paper (election, contest, position, candidate) "
        "SELECT $1, $2, position, candidate FROM unnest($3::text[]) "
        "WITH ORDINALITY AS paper(candidate, position)",
        {election, contest, names.Take()});
  });
}

util::Result<std::optional<std::vector<std::string>>> PostgresStore::BallotPaper(
    const std::string& election, const std::string& contest) const {
  auto rows = db_.Query(
      "SELECT candidate FROM ballot_paper WHERE election = $1 AND contest = $2 ORDER BY position",
      {election, contest});
  if (!rows.ok()) {
    return rows.error();
  }
  if (rows->Rows() == 0) {
    return std::optional<std::vector<std::string>>();
  }
  std::vector<std::string> candidates;
  candidates.reserve(static_cast<size_t>(rows->Rows()));
  for (int row = 0; row < rows->Rows(); ++row) {
    candidates.push_back(rows->Text(row, 0));
  }
  return std::optional<std::vector<std::string>>(std::move(candidates));
}

util::Status PostgresStore::RecordEliminatingBallot(const std::string& election,
                                                    const std::string& contest, int round,
                                                    const std::string& tally,
                                                    const AuditEvent& event) {
  return InTransaction(db_, election, hasher_, event, [&]() -> util::Status {
    if (util::Status exists = RequireElection(election); !exists.ok()) {
      return exists;
    }
    auto rows = db_.Query(
        "SELECT count(*) FROM eliminating_ballot WHERE election = $1 AND contest = $2",
        {election, contest});
    if (!rows.ok()) {
      return rows.error();
    }
    const std::string recorded = rows->Text(0, 0);
    if (recorded != std::to_string(round - 1)) {
      return Error(ErrorCode::kConflict,
                   "contest '" + contest + "' has " + recorded +
                       " eliminating ballots recorded, so ballot " + std::to_string(round) +
                       " cannot be recorded now",
                   db_.location());
    }
    return db_.Execute(
        "INSERT INTO eliminating_ballot (election, contest, round, tally) VALUES ($1, $2, $3, $4)",
        {election, contest, std::to_string(round), tally});
  });
}

util::Result<std::vector<std::string>> PostgresStore::EliminatingBallots(
    const std::string& election, const std::string& contest) const {
  auto rows = db_.Query(
      "SELECT tally FROM eliminating_ballot WHERE election = $1 AND contest = $2 ORDER BY round",
      {election, contest});
  if (!rows.ok()) {
    return rows.error();
  }
  std::vector<std::string> tallies;
  tallies.reserve(static_cast<size_t>(rows->Rows()));
  for (int row = 0; row < rows->Rows(); ++row) {
    tallies.push_back(rows->Text(row, 0));
  }
  return tallies;
}

}  // namespace scrutineer::store::detail
