#pragma once
// Store: where an election lives between commands. One interface, with SQLite (a single file,
// the default) and PostgreSQL (a server) behind it; the schema is versioned and migrated on
// open (docs/schema.md). Every method that changes something is one transaction, committed
// durably before it returns: it happens whole or not at all, and a refused change leaves
// everything as it was. Every change appends its event to the election's hash-chained audit
// log in the same transaction; the store numbers and chains the entries with the AuditHasher
// it was opened with (the election layer's, docs/audit.md).
//
// The store keeps records; it does not decide. Which state may follow which, who is eligible
// and what a ballot may hold belong to the election layer (src/election).

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "util/result.h"

namespace scrutineer::store {

// An election as stored: its definition (the TOML text it was created from, kept whole so
// that a recount reads exactly what was declared) and its current state's name.
struct ElectionRecord {
  std::string id;
  std::string title;
  std::string definition;
  std::string state;
};

// An administrator's account (of the whole store, not of one election).
struct AccountRecord {
  std::string name;
  std::string role;           // administrator, returning_officer or observer
  std::string password_hash;  // Argon2id (crypto/password.h)
  bool disabled = false;
  int64_t changed = 0;  // when last added or changed, seconds since the epoch

  friend bool operator==(const AccountRecord&, const AccountRecord&) = default;
};

// A signed-in session: the token itself is never stored, only its SHA-256.
struct SessionRecord {
  std::string token_hash;
  std::string account;
  std::string csrf;  // the token every changing request must carry
  int64_t expires = 0;

  friend bool operator==(const SessionRecord&, const SessionRecord&) = default;
};

// What happened, for the audit log: never anything that links a voter to a ballot.
struct AuditEvent {
  int64_t at = 0;  // seconds since the epoch, UTC
  std::string kind;
  std::string detail;
};

// One entry of an election's audit log. `seq` counts from 1; `hash` chains `prev_hash`
// (empty for the first entry) with the entry's other fields.
struct AuditEntry {
  int64_t seq = 0;
  int64_t at = 0;
  std::string kind;
  std::string detail;
  std::string prev_hash;
  std::string hash;
};

// The hash of an entry of `election`'s log whose fields other than `hash` are filled in.
using AuditHasher = std::function<std::string(const std::string& election, const AuditEntry&)>;

// A person on the register of an election, as imported from the membership system.
struct VoterRecord {
  std::string number;  // membership number: unique within the election
  std::string name;
  std::string email;
  std::string address;  // postal address, one line
  std::string section;  // the section they vote in (the election's section id)
  std::string joined;   // join date, YYYY-MM-DD
  std::string paid;     // date last paid, YYYY-MM-DD; empty when not known

  friend bool operator==(const VoterRecord&, const VoterRecord&) = default;
};

// What an import of the register did.
struct UpsertCounts {
  int64_t added = 0;
  int64_t updated = 0;
  int64_t unchanged = 0;
  int64_t removed = 0;  // with ReplaceRegister::kYes: on the register before, not in the list
};

// Whether an import of the register replaces it: voters not in the list are removed.
enum class ReplaceRegister : uint8_t { kNo, kYes };

enum class CredentialState : uint8_t { kIssued, kSpent, kRevoked };

// A voting credential. The code itself is never stored: only its keyed hash (src/crypto).
struct CredentialRecord {
  std::string code_hash;
  std::string voter;    // the voter's membership number
  std::string channel;  // "online" or "postal"
  CredentialState state = CredentialState::kIssued;
};

// One contest's ballot on an accepted ballot paper. Nothing in it names the voter or the
// credential, and `key` is random, so neither the order of keys nor anything else stored says
// who cast it or when.
struct BallotRecord {
  std::string key;            // random, unique in the election
  std::string contest;        // the contest's id
  std::string section;        // the voter's section: filled in by the store from the register
  std::string channel;        // "online" or "postal"
  std::string preferences;    // candidate names in order of preference, one a line ("" blank)
  std::string tracking_code;  // given to the voter to find the ballot in the published box
};

// A ballot paper to cast: the credential's hash and one ballot per contest.
struct CastRequest {
  std::string code_hash;
  std::vector<BallotRecord> ballots;
  AuditEvent event;  // the log's record of the acceptance (tracking codes, never the voter)
};

// What happened to a cast request.
enum class CastOutcome : uint8_t { kAccepted, kUnknown, kSpent, kRevoked };

// Ballots received for a contest, by section and channel.
struct ReturnCount {
  std::string contest;
  std::string section;
  std::string channel;
  int64_t ballots = 0;
};

// A member of a contest's nominating body (e.g. an MP).
struct NominatorRecord {
  std::string id;  // unique within the contest's body
  std::string name;
};

// Where a candidate stands in a contest's nominations.
struct NominationCount {
  std::string candidate;
  int64_t nominations = 0;  // nominators who nominated them
  bool consented = false;   // the candidate has consented to stand
  bool withdrawn = false;   // the candidate has withdrawn

  friend bool operator==(const NominationCount&, const NominationCount&) = default;
};

class Store {
 public:
  virtual ~Store() = default;

  // The schema version of the open store (docs/schema.md).
  virtual int SchemaVersion() const = 0;

  // --- Elections and the audit log ---
  // Stores a new election and the first entry of its log. kConflict when the id is taken.
  virtual util::Status CreateElection(const ElectionRecord& election, const AuditEvent& event) = 0;
  // kNotFound when there is none.
  virtual util::Result<ElectionRecord> GetElection(const std::string& id) const = 0;
  virtual util::Result<std::vector<ElectionRecord>> ListElections() const = 0;
  // Moves the election from state `from` to `to`, with `event` in the log. kConflict,
  // changing nothing, when the election is not in `from`.
  virtual util::Status ChangeState(const std::string& id, const std::string& from,
                                   const std::string& to, const AuditEvent& event) = 0;
  virtual util::Status AppendAudit(const std::string& id, const AuditEvent& event) = 0;
  // The election's audit log, oldest first.
  virtual util::Result<std::vector<AuditEntry>> ReadAudit(const std::string& id) const = 0;

  // --- The register ---
  // Adds new voters and updates changed ones (by membership number), and with
  // ReplaceRegister::kYes removes every voter not in `voters`; with `event` in the log, whose
  // detail the store ends with the counts: " (added A, updated U, unchanged N, removed R)".
  // REQUIRES: no voter to be removed has a credential (kConflict otherwise).
  virtual util::Result<UpsertCounts> UpsertVoters(const std::string& election,
                                                  const std::vector<VoterRecord>& voters,
                                                  ReplaceRegister replace,
                                                  const AuditEvent& event) = 0;
  virtual util::Result<VoterRecord> GetVoter(const std::string& election,
                                             const std::string& number) const = 0;
  // Every voter, in membership-number order, to `visit` (which stops the walk by returning
  // false).
  virtual util::Status ForEachVoter(const std::string& election,
                                    const std::function<bool(const VoterRecord&)>& visit) const = 0;
  // The voters holding a code they have not used (issued, neither spent nor revoked), in
  // number order, to `visit` (false stops the walk): those a reminder goes to.
  virtual util::Status ForEachVoterNotVoted(
      const std::string& election, const std::function<bool(const VoterRecord&)>& visit) const = 0;
  // Voters by section: section id -> number.
  virtual util::Result<std::map<std::string, int64_t>> CountVoters(
      const std::string& election) const = 0;

  // --- Credentials ---
  // Stores issued credentials, with `event`. kConflict, storing none, when a voter already
  // has a credential that is not revoked, or a hash is taken; kNotFound for a voter not on
  // the register.
  virtual util::Status IssueCredentials(const std::string& election,
                                        const std::vector<CredentialRecord>& credentials,
                                        const AuditEvent& event) = 0;
  // Revokes the voter's issued credential and stores `fresh` in its place, with `event`.
  // kConflict when the voter's credential is spent (they have voted); kNotFound when they
  // have none.
  virtual util::Status ReissueCredential(const std::string& election, const CredentialRecord& fresh,
                                         const AuditEvent& event) = 0;
  virtual util::Result<CredentialRecord> FindCredential(const std::string& election,
                                                        const std::string& code_hash) const = 0;
  // Credentials by section and state.
  virtual util::Result<std::map<std::pair<std::string, CredentialState>, int64_t>> CountCredentials(
      const std::string& election) const = 0;

  // --- Ballots ---
  // Casts every request whose credential is issued: the credential is spent, its ballots are
  // stored with the voter's section, and its event is logged; all requests in one
  // transaction, committed durably before returning. A request whose credential is unknown,
  // spent or revoked changes nothing. The result gives each request's outcome, in order.
  virtual util::Result<std::vector<CastOutcome>> Cast(const std::string& election,
                                                      const std::vector<CastRequest>& requests) = 0;
  // Every ballot of a contest, in key order, to `visit` (false stops the walk).
  virtual util::Status ForEachBallot(
      const std::string& election, const std::string& contest,
      const std::function<bool(const BallotRecord&)>& visit) const = 0;
  virtual util::Result<std::vector<ReturnCount>> CountBallots(
      const std::string& election) const = 0;

  // --- Nominations (schema version 2) ---
  // Replaces the nominating body of `contest`, with `event`. kConflict once any of the body
  // has nominated.
  virtual util::Status SetNominators(const std::string& election, const std::string& contest,
                                     const std::vector<NominatorRecord>& nominators,
                                     const AuditEvent& event) = 0;
  // Records `nominator`'s nomination of `candidate`, with `event`. kNotFound when the
  // nominator is not of the contest's body; kConflict when they have nominated already.
  virtual util::Status Nominate(const std::string& election, const std::string& contest,
                                const std::string& nominator, const std::string& candidate,
                                const AuditEvent& event) = 0;
  // Records that `candidate` consents to stand, or withdraws (a withdrawal is final), with
  // `event`. kConflict for a candidate who has withdrawn.
  virtual util::Status SetCandidacy(const std::string& election, const std::string& contest,
                                    const std::string& candidate, bool withdraw,
                                    const AuditEvent& event) = 0;
  // Every candidate nominated, consenting or withdrawn in `contest`, by name.
  virtual util::Result<std::vector<NominationCount>> CountNominations(
      const std::string& election, const std::string& contest) const = 0;
  // Fixes the candidates on `contest`'s ballot paper, in order, with `event`; once only
  // (kConflict after).
  virtual util::Status FixBallotPaper(const std::string& election, const std::string& contest,
                                      const std::vector<std::string>& candidates,
                                      const AuditEvent& event) = 0;
  // The candidates fixed on `contest`'s ballot paper, or nothing when none are fixed.
  virtual util::Result<std::optional<std::vector<std::string>>> BallotPaper(
      const std::string& election, const std::string& contest) const = 0;

  // Once the ballot has closed: rewrites the stored credentials and ballots so that nothing the
  // storage keeps beyond their columns (PostgreSQL's transaction ids and row order; SQLite's
  // free pages and write-ahead log) says which ballot came with which credential, or in what
  // order ballots came (docs/schema.md).
  virtual util::Status ForgetArrivals(const std::string& election) = 0;

  // --- Accounts and sessions (schema version 4) ---
  // Adds the account, or replaces the one of that name.
  virtual util::Status PutAccount(const AccountRecord& account) = 0;
  // kNotFound when there is none of that name.
  virtual util::Result<AccountRecord> GetAccount(const std::string& name) const = 0;
  // Every account, by name.
  virtual util::Result<std::vector<AccountRecord>> ListAccounts() const = 0;
  // Starts a session of an existing account (kNotFound otherwise).
  virtual util::Status PutSession(const SessionRecord& session) = 0;
  // kNotFound when there is none with that token hash.
  virtual util::Result<SessionRecord> GetSession(const std::string& token_hash) const = 0;
  // Ends the session with `token_hash`, or, when `account` is given, every session of it;
  // and every session expired at `now`.
  virtual util::Status EndSessions(const std::string& token_hash, const std::string& account,
                                   int64_t now) = 0;

  // --- Eliminating ballots (schema version 3) ---
  // Records ballot `round` of `contest`'s eliminating ballots, its tally as text, with `event`.
  // Ballots are recorded in order, each once: kConflict for a round recorded already or one
  // whose predecessor is not.
  virtual util::Status RecordEliminatingBallot(const std::string& election,
                                               const std::string& contest, int round,
                                               const std::string& tally,
                                               const AuditEvent& event) = 0;
  // The tallies of `contest`'s eliminating ballots, in order (round 1 first).
  virtual util::Result<std::vector<std::string>> EliminatingBallots(
      const std::string& election, const std::string& contest) const = 0;
};

// Opens (creating when absent) the store at `location`: a postgres:// or postgresql:// URL
// for PostgreSQL (the database must exist; its tables are created), anything else a file path
// for SQLite. Migrates an older schema to the current one; refuses a newer one, a file that is
// not a sound SQLite database of ours, and a server that cannot be reached (kStorage), naming
// the file or the URL (without its password). `hasher` chains the audit log.
//
// A store is used by one thread at a time.
util::Result<std::unique_ptr<Store>> OpenStore(const std::string& location, AuditHasher hasher);

std::string_view CredentialStateName(CredentialState state);

}  // namespace scrutineer::store
