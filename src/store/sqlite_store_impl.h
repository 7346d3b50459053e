#pragma once
// The SQLite store's class and the helpers its two source files share: sqlite_store.cc
// (opening, migrations, elections, the audit log) and sqlite_records.cc (the register,
// credentials, ballots). Internal to src/store.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "store/migrations.h"
#include "store/sqlite_db.h"
#include "store/store.h"

namespace scrutineer::store::detail {

// Appends events to one election's log inside a transaction: numbers and chains them.
class AuditWriter {
 public:
  static util::Result<AuditWriter> Start(const SqliteDb& db, const std::string& election,
                                         const AuditHasher& hasher) {
    auto insert = db.Prepare(
        "INSERT INTO audit (election, seq, at, kind, detail, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    auto last =
        db.Prepare("SELECT seq, hash FROM audit WHERE election = ? ORDER BY seq DESC LIMIT 1");
    if (!insert.ok() || !last.ok()) {
      return insert.ok() ? last.error() : insert.error();
    }
    auto row = last->Bind(1, election).Step();
    if (!row.ok()) {
      return row.error();
    }
    AuditWriter writer(election, hasher, std::move(insert.value()));
    writer.seq_ = *row ? last->Int(0) : 0;
    writer.hash_ = *row ? last->Text(1) : std::string();
    return writer;
  }

  util::Status Append(const AuditEvent& event) {
    AuditEntry entry{seq_ + 1, event.at, event.kind, event.detail, hash_, {}};
    entry.hash = hasher_(election_, entry);
    insert_.Bind(1, election_).Bind(2, entry.seq).Bind(3, entry.at).Bind(4, entry.kind);
    insert_.Bind(5, entry.detail).Bind(6, entry.prev_hash).Bind(7, entry.hash);
    if (util::Status inserted = insert_.Run(); !inserted.ok()) {
      return inserted;
    }
    seq_ = entry.seq;
    hash_ = entry.hash;
    return {};
  }

 private:
  AuditWriter(std::string election, const AuditHasher& hasher, SqliteStatement insert)
      : election_(std::move(election)), hasher_(hasher), insert_(std::move(insert)) {}
  std::string election_;
  const AuditHasher& hasher_;
  SqliteStatement insert_;
  int64_t seq_ = 0;
  std::string hash_;
};

// Runs `change` in a transaction with `event` appended to the log after it; commits when
// both succeed, else rolls back.
template <typename Change>
util::Status InTransaction(const SqliteDb& db, const std::string& election,
                           const AuditHasher& hasher, const AuditEvent& event, Change change) {
  auto transaction = SqliteTransaction::Begin(db);
  if (!transaction.ok()) {
    return transaction.error();
  }
  if (util::Status changed = change(); !changed.ok()) {
    return changed;
  }
  auto audit = AuditWriter::Start(db, election, hasher);
  if (!audit.ok()) {
    return audit.error();
  }
  if (util::Status logged = audit->Append(event); !logged.ok()) {
    return logged;
  }
  return transaction->Commit();
}

// Walks the rows of `select` (already bound) through `read` to `visit`.
template <typename Record, typename Read>
util::Status Walk(SqliteStatement& select, Read read,
                  const std::function<bool(const Record&)>& visit) {
  while (true) {
    auto row = select.Step();
    if (!row.ok()) {
      return row.error();
    }
    if (!*row || !visit(read(select))) {
      return {};
    }
  }
}

class SqliteStore final : public Store {
 public:
  SqliteStore(SqliteDb db, AuditHasher hasher) : db_(std::move(db)), hasher_(std::move(hasher)) {}

  int SchemaVersion() const override { return static_cast<int>(Migrations().size()); }
  util::Status CreateElection(const ElectionRecord& election, const AuditEvent& event) override;
  util::Result<ElectionRecord> GetElection(const std::string& id) const override;
  util::Result<std::vector<ElectionRecord>> ListElections() const override;
  util::Status ChangeState(const std::string& id, const std::string& from, const std::string& to,
                           const AuditEvent& event) override;
  util::Status AppendAudit(const std::string& id, const AuditEvent& event) override;
  util::Result<std::vector<AuditEntry>> ReadAudit(const std::string& id) const override;
  util::Result<UpsertCounts> UpsertVoters(const std::string& election,
                                          const std::vector<VoterRecord>& voters,
                                          ReplaceRegister replace,
                                          const AuditEvent& event) override;
  util::Result<VoterRecord> GetVoter(const std::string& election,
                                     const std::string& number) const override;
  util::Status ForEachVoter(const std::string& election,
                            const std::function<bool(const VoterRecord&)>& visit) const override;
  util::Status ForEachVoterNotVoted(
      const std::string& election,
      const std::function<bool(const VoterRecord&)>& visit) const override;
  util::Result<std::map<std::string, int64_t>> CountVoters(
      const std::string& election) const override;
  util::Status IssueCredentials(const std::string& election,
                                const std::vector<CredentialRecord>& credentials,
                                const AuditEvent& event) override;
  util::Status ReissueCredential(const std::string& election, const CredentialRecord& fresh,
                                 const AuditEvent& event) override;
  util::Result<CredentialRecord> FindCredential(const std::string& election,
                                                const std::string& code_hash) const override;
  util::Result<std::map<std::pair<std::string, CredentialState>, int64_t>> CountCredentials(
      const std::string& election) const override;
  util::Result<std::vector<CastOutcome>> Cast(const std::string& election,
                                              const std::vector<CastRequest>& requests) override;
  util::Status ForEachBallot(const std::string& election, const std::string& contest,
                             const std::function<bool(const BallotRecord&)>& visit) const override;
  util::Result<std::vector<ReturnCount>> CountBallots(const std::string& election) const override;
  util::Status SetNominators(const std::string& election, const std::string& contest,
                             const std::vector<NominatorRecord>& nominators,
                             const AuditEvent& event) override;
  util::Status Nominate(const std::string& election, const std::string& contest,
                        const std::string& nominator, const std::string& candidate,
                        const AuditEvent& event) override;
  util::Status SetCandidacy(const std::string& election, const std::string& contest,
                            const std::string& candidate, bool withdraw,
                            const AuditEvent& event) override;
  util::Result<std::vector<NominationCount>> CountNominations(
      const std::string& election, const std::string& contest) const override;
  util::Status FixBallotPaper(const std::string& election, const std::string& contest,
                              const std::vector<std::string>& candidates,
                              const AuditEvent& event) override;
  util::Result<std::optional<std::vector<std::string>>> BallotPaper(
      const std::string& election, const std::string& contest) const override;
  util::Status ForgetArrivals(const std::string& election) override;
  util::Status PutAccount(const AccountRecord& account) override;
  util::Result<AccountRecord> GetAccount(const std::string& name) const override;
  util::Result<std::vector<AccountRecord>> ListAccounts() const override;
  util::Status PutSession(const SessionRecord& session) override;
  util::Result<SessionRecord> GetSession(const std::string& token_hash) const override;
  util::Status EndSessions(const std::string& token_hash, const std::string& account,
                           int64_t now) override;
  util::Status RecordEliminatingBallot(const std::string& election, const std::string& contest,
                                       int round, const std::string& tally,
                                       const AuditEvent& event) override;
  util::Result<std::vector<std::string>> EliminatingBallots(
      const std::string& election, const std::string& contest) const override;

 private:
  util::Status RequireElection(const std::string& id) const;
  util::Result<UpsertCounts> Upsert(const std::string& election,
                                    const std::vector<VoterRecord>& voters);
  util::Result<int64_t> RemoveOthers(const std::string& election,
                                     const std::vector<VoterRecord>& voters);
  util::Status InsertCredentials(const std::string& election,
                                 const std::vector<CredentialRecord>& credentials);
  util::Status WhyNotIssued(const std::string& election, const CredentialRecord& credential) const;
  util::Result<CastOutcome> CastOne(const std::string& election, const CastRequest& request,
                                    SqliteStatement& spend, SqliteStatement& insert);

  SqliteDb db_;
  AuditHasher hasher_;
};

}  // namespace scrutineer::store::detail
