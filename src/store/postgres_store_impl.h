#pragma once
// The PostgreSQL store's class and the helpers its source files share: postgres_store.cc
// (opening, migrations, elections, the audit log), postgres_records.cc (the register and
// credentials), postgres_ballots.cc (casting and reading ballots) and postgres_nominations.cc
// (nominating bodies, nominations, candidacies, ballot papers). Internal to src/store.
//
// Changes to many rows (a register, a batch of credentials or ballots) go to the server as a
// few statements over arrays (unnest), not one statement a row, so that a batch costs a few
// round trips and one durable commit.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/postgres_db.h"
#include "store/postgres_migrations.h"
#include "store/store.h"

namespace scrutineer::store::detail {

// How many rows a walk reads from the server at a time, and how many records a change sends
// in one statement.
inline constexpr int kPgPage = 10000;

// Appends events to one election's log inside a transaction: numbers and chains them as
// SQLite's AuditWriter does, and writes them in one statement.
class PgAuditLog {
 public:
  // Takes the election's row lock, so that no other writer appends to its log until this
  // transaction ends, and reads the last entry. REQUIRES: a transaction is open.
  static util::Result<PgAuditLog> Start(const PgDb& db, const std::string& election,
                                        const AuditHasher& hasher);
  // Numbers and chains `event` after the entries before it; Write stores it.
  void Add(const AuditEvent& event);
  // Inserts the entries added since the last Write.
  util::Status Write();

 private:
  PgAuditLog(const PgDb& db, std::string election, const AuditHasher& hasher)
      : db_(&db), election_(std::move(election)), hasher_(&hasher) {}
  const PgDb* db_;
  std::string election_;
  const AuditHasher* hasher_;
  int64_t seq_ = 0;
  std::string hash_;
  PgArray seqs_, ats_, kinds_, details_, prev_hashes_, hashes_;
};

// Runs `change` in a transaction, holding the election's row lock, with `event` appended to
// the log after it (read when the change is done); commits when both succeed, else rolls back.
template <typename Change>
util::Status InTransaction(const PgDb& db, const std::string& election, const AuditHasher& hasher,
                           const AuditEvent& event, Change change) {
  auto transaction = PgTransaction::Begin(db);
  if (!transaction.ok()) {
    return transaction.error();
  }
  auto log = PgAuditLog::Start(db, election, hasher);
  if (!log.ok()) {
    return log.error();
  }
  if (util::Status changed = change(); !changed.ok()) {
    return changed;
  }
  log->Add(event);
  if (util::Status written = log->Write(); !written.ok()) {
    return written;
  }
  return transaction->Commit();
}

// Walks the rows of `sql` to `visit` through `read`, kPgPage rows at a time. `sql` takes
// `params`, then the key of the last row read ($n+1) and whether this is the first page
// ($n+2), and returns the next rows after that key, in key order, LIMIT kPgPage; the key is
// column `key_column`.
template <typename Record, typename Read>
util::Status WalkPages(const PgDb& db, const std::string& sql, PgParams params, int key_column,
                       Read read, const std::function<bool(const Record&)>& visit) {
  params.insert(params.end(), {"0", "true"});
  while (true) {
    auto page = db.Query(sql, params);
    if (!page.ok()) {
      return page.error();
    }
    for (int row = 0; row < page->Rows(); ++row) {
      if (!visit(read(*page, row))) {
        return {};
      }
    }
    if (page->Rows() < kPgPage) {
      return {};
    }
    params[params.size() - 2] = page->Text(page->Rows() - 1, key_column);
    params.back() = "false";
  }
}

class PostgresStore final : public Store {
 public:
  PostgresStore(PgDb db, AuditHasher hasher) : db_(std::move(db)), hasher_(std::move(hasher)) {}

  int SchemaVersion() const override { return static_cast<int>(PostgresMigrations().size()); }
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
  util::Status UpsertPage(const std::string& election, const VoterRecord* first,
                          const VoterRecord* last, UpsertCounts& counts);
  util::Status InsertCredentials(const std::string& election,
                                 const std::vector<CredentialRecord>& credentials);
  util::Status InsertCredentialPage(const std::string& election, const CredentialRecord* first,
                                    const CredentialRecord* last);
  util::Result<std::map<std::string, std::string>> SpendCredentials(
      const std::string& election, const std::vector<CastRequest>& requests);
  util::Result<std::vector<CastOutcome>> Outcomes(const std::string& election,
                                                  const std::vector<CastRequest>& requests,
                                                  const std::map<std::string, std::string>& spent);
  util::Status InsertBallots(const std::string& election, const std::vector<CastRequest>& requests,
                             const std::vector<CastOutcome>& outcomes,
                             const std::map<std::string, std::string>& spent);

  PgDb db_;
  AuditHasher hasher_;
};

}  // namespace scrutineer::store::detail
