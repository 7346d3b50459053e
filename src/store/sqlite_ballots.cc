// The SQLite store's credentials and ballots (see sqlite_store_impl.h).

#include "store/sqlite_store_impl.h"

namespace scrutineer::store::detail {
namespace {

using util::Error;
using util::ErrorCode;

int64_t StateCode(CredentialState state) { return static_cast<int64_t>(state); }

// The voter's credential that is not revoked, if any: its state.
util::Result<std::optional<CredentialState>> LiveCredential(const SqliteDb& db,
                                                            const std::string& election,
                                                            const std::string& voter) {
  auto select =
      db.Prepare("SELECT state FROM credential WHERE election = ? AND voter = ? AND state != 2");
  if (!select.ok()) {
    return select.error();
  }
  auto row = select->Bind(1, election).Bind(2, voter).Step();
  if (!row.ok()) {
    return row.error();
  }
  return *row ? std::optional(static_cast<CredentialState>(select->Int(0))) : std::nullopt;
}

BallotRecord BallotFrom(const SqliteStatement& row) {
  return {row.Text(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4), row.Text(5)};
}

}  // namespace

util::Status SqliteStore::InsertCredentials(const std::string& election,
                                            const std::vector<CredentialRecord>& credentials) {
  auto insert = db_.Prepare(
      "INSERT INTO credential (election, code_hash, voter, channel, state) VALUES (?, ?, ?, ?, ?)");
  if (!insert.ok()) {
    return insert.error();
  }
  for (const CredentialRecord& credential : credentials) {
    insert->Bind(1, election).Bind(2, credential.code_hash).Bind(3, credential.voter);
    insert->Bind(4, credential.channel).Bind(5, StateCode(credential.state));
    if (util::Status inserted = insert->Run(); !inserted.ok()) {
      return inserted.error().code() == ErrorCode::kConflict ? WhyNotIssued(election, credential)
                                                             : inserted;
    }
  }
  return {};
}

// Why a credential's insert broke a constraint: the voter is not on the register, has a live
// credential, or the hash is taken.
util::Status SqliteStore::WhyNotIssued(const std::string& election,
                                       const CredentialRecord& credential) const {
  if (auto voter = GetVoter(election, credential.voter); !voter.ok()) {
    return voter.error();
  }
  auto live = LiveCredential(db_, election, credential.voter);
  if (!live.ok()) {
    return live.error();
  }
  if (*live) {
    return Error(ErrorCode::kConflict,
                 "voter '" + credential.voter + "' has a credential already (" +
                     std::string(CredentialStateName(**live)) + "); reissue it instead",
                 db_.path());
  }
  return Error(ErrorCode::kConflict, "a credential with this hash exists already", db_.path());
}

util::Status SqliteStore::IssueCredentials(const std::string& election,
                                           const std::vector<CredentialRecord>& credentials,
                                           const AuditEvent& event) {
  return InTransaction(db_, election, hasher_, event, [&]() -> util::Status {
    if (util::Status exists = RequireElection(election); !exists.ok()) {
      return exists;
    }
    return InsertCredentials(election, credentials);
  });
}

util::Status SqliteStore::ReissueCredential(const std::string& election,
                                            const CredentialRecord& fresh,
                                            const AuditEvent& event) {
  return InTransaction(db_, election, hasher_, event, [&]() -> util::Status {
    auto live = LiveCredential(db_, election, fresh.voter);
    if (!live.ok()) {
      return live.error();
    }
    if (!*live) {
      return Error(ErrorCode::kNotFound, "voter '" + fresh.voter + "' has no credential to reissue",
                   db_.path());
    }
    if (**live == CredentialState::kSpent) {
      return Error(ErrorCode::kConflict,
                   "voter '" + fresh.voter + "' has voted: their credential is spent", db_.path());
    }
    auto revoke = db_.Prepare(
        "UPDATE credential SET state = 2 WHERE election = ? AND voter = ? AND state = 0");
    if (!revoke.ok()) {
      return revoke.error();
    }
    if (util::Status revoked = revoke->Bind(1, election).Bind(2, fresh.voter).Run();
        !revoked.ok()) {
      return revoked;
    }
    return InsertCredentials(election, {fresh});
  });
}

util::Result<CredentialRecord> SqliteStore::FindCredential(const std::string& election,
                                                           const std::string& code_hash) const {
  auto select = db_.Prepare(
      "SELECT voter, channel, state FROM credential WHERE election = ? AND code_hash = ?");
  if (!select.ok()) {
    return select.error();
  }
  auto row = select->Bind(1, election).Bind(2, code_hash).Step();
  if (!row.ok()) {
    return row.error();
  }
  if (!*row) {
    return Error(ErrorCode::kNotFound, "no such credential", db_.path());
  }
  return CredentialRecord{code_hash, select->Text(0), select->Text(1),
                          static_cast<CredentialState>(select->Int(2))};
}

util::Result<std::map<std::pair<std::string, CredentialState>, int64_t>>
SqliteStore::CountCredentials(const std::string& election) const {
  auto select = db_.Prepare(
      "SELECT v.section, c.state, count(*) FROM credential c JOIN voter v "
      "ON v.election = c.election AND v.number = c.voter WHERE c.election = ? "
      "GROUP BY v.section, c.state");
  if (!select.ok()) {
    return select.error();
  }
  select->Bind(1, election);
  std::map<std::pair<std::string, CredentialState>, int64_t> counts;
  while (true) {
    auto row = select->Step();
    if (!row.ok()) {
      return row.error();
    }
    if (!*row) {
      return counts;
    }
    counts[{select->Text(0), static_cast<CredentialState>(select->Int(1))}] = select->Int(2);
  }
}

// Spends the request's credential and stores its ballots, or says why not (changing nothing).
util::Result<CastOutcome> SqliteStore::CastOne(const std::string& election,
                                               const CastRequest& request, SqliteStatement& spend,
                                               SqliteStatement& insert) {
  auto spent = spend.Bind(1, election).Bind(2, request.code_hash).Step();
  if (!spent.ok()) {
    return spent.error();
  }
  if (!*spent) {
    auto credential = FindCredential(election, request.code_hash);
    if (!credential.ok()) {
      return credential.error().code() == ErrorCode::kNotFound
                 ? util::Result<CastOutcome>(CastOutcome::kUnknown)
                 : credential.error();
    }
    return credential->state == CredentialState::kSpent ? CastOutcome::kSpent
                                                        : CastOutcome::kRevoked;
  }
  const std::string section = spend.Text(0);
  if (util::Status finished = spend.Run(); !finished.ok()) {
    return finished.error();
  }
  for (const BallotRecord& ballot : request.ballots) {
    insert.Bind(1, election).Bind(2, ballot.key).Bind(3, ballot.contest).Bind(4, section);
    insert.Bind(5, ballot.channel).Bind(6, ballot.preferences).Bind(7, ballot.tracking_code);
    if (util::Status stored = insert.Run(); !stored.ok()) {
      return stored.error();
    }
  }
  return CastOutcome::kAccepted;
}

util::Result<std::vector<CastOutcome>> SqliteStore::Cast(const std::string& election,
                                                         const std::vector<CastRequest>& requests) {
  std::vector<CastOutcome> outcomes;
  auto transaction = SqliteTransaction::Begin(db_);
  auto spend = db_.Prepare(
      "UPDATE credential SET state = 1 WHERE election = ?1 AND code_hash = ?2 AND state = 0 "
      "RETURNING (SELECT section FROM voter v WHERE v.election = ?1 AND v.number = voter)");
  auto insert = db_.Prepare(
      "INSERT INTO ballot (election, key, contest, section, channel, preferences, tracking_code) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  auto audit = AuditWriter::Start(db_, election, hasher_);
  if (!transaction.ok() || !spend.ok() || !insert.ok() || !audit.ok()) {
    return !transaction.ok() ? transaction.error()
           : !spend.ok()     ? spend.error()
           : !insert.ok()    ? insert.error()
                             : audit.error();
  }
  for (const CastRequest& request : requests) {
    auto outcome = CastOne(election, request, *spend, *insert);
    if (!outcome.ok()) {
      return outcome.error();
    }
    if (*outcome == CastOutcome::kAccepted) {
      if (util::Status logged = audit->Append(request.event); !logged.ok()) {
        return logged.error();
      }
    }
    outcomes.push_back(*outcome);
  }
  if (util::Status committed = transaction->Commit(); !committed.ok()) {
    return committed.error();
  }
  return outcomes;
}

util::Status SqliteStore::ForEachBallot(
    const std::string& election, const std::string& contest,
    const std::function<bool(const BallotRecord&)>& visit) const {
  auto select = db_.Prepare(
      "SELECT key, contest, section, channel, preferences, tracking_code FROM ballot "
      "WHERE election = ? AND contest = ? ORDER BY key");
  if (!select.ok()) {
    return select.error();
  }
  select->Bind(1, election).Bind(2, contest);
  return Walk<BallotRecord>(*select, BallotFrom, visit);
}

util::Result<std::vector<ReturnCount>> SqliteStore::CountBallots(
    const std::string& election) const {
  auto select = db_.Prepare(
      "SELECT contest, section, channel, count(*) FROM ballot WHERE election = ? "
      "GROUP BY contest, section, channel ORDER BY contest, section, channel");
  if (!select.ok()) {
    return select.error();
  }
  select->Bind(1, election);
  std::vector<ReturnCount> counts;
  const auto read = [](const SqliteStatement& row) {
    return ReturnCount{row.Text(0), row.Text(1), row.Text(2), row.Int(3)};
  };
  util::Status walked = Walk<ReturnCount>(*select, read, [&](const ReturnCount& count) {
    counts.push_back(count);
    return true;
  });
  return walked.ok() ? util::Result<std::vector<ReturnCount>>(std::move(counts)) : walked.error();
}

}  // namespace scrutineer::store::detail
