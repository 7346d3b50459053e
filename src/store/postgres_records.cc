// The PostgreSQL store's register and credentials (see postgres_store_impl.h).

#include <optional>
#include <unordered_map>

#include "store/postgres_store_impl.h"

namespace scrutineer::store::detail {
namespace {

using util::Error;
using util::ErrorCode;

constexpr const char* kVoterColumns = "number, name, email, address, section, joined, paid";

VoterRecord VoterFrom(const PgResult& rows, int row) {
  return {rows.Text(row, 0), rows.Text(row, 1), rows.Text(row, 2), rows.Text(row, 3),
          rows.Text(row, 4), rows.Text(row, 5), rows.Text(row, 6)};
}

// Voters as one array per field, for one statement over them all.
struct VoterColumns {
  PgArray number, name, email, address, section, joined, paid;

  void Add(const VoterRecord& v) {
    number.Add(v.number);
    name.Add(v.name);
    email.Add(v.email);
    address.Add(v.address);
    section.Add(v.section);
    joined.Add(v.joined);
    paid.Add(v.paid);
  }
  PgParams Take(const std::string& election) {
    return {election,       number.Take(),  name.Take(),   email.Take(),
            address.Take(), section.Take(), joined.Take(), paid.Take()};
  }
};

// A voter during an import: their record as it now is, whether it was stored before the
// import, and whether the import changed it.
struct Pending {
  const VoterRecord* record = nullptr;
  bool stored = false;
  bool changed = false;
};

// Applies `first`..`last` in order to the voters stored before (`stored`), counting what
// each does; returns every voter the page touched.
std::unordered_map<std::string_view, Pending> Plan(const std::vector<VoterRecord>& stored,
                                                   const VoterRecord* first,
                                                   const VoterRecord* last, UpsertCounts& counts) {
  std::unordered_map<std::string_view, Pending> voters;
  for (const VoterRecord& voter : stored) {
    voters[voter.number] = {&voter, true, false};
  }
  for (const VoterRecord* voter = first; voter != last; ++voter) {
    auto [entry, added] = voters.try_emplace(voter->number, Pending{voter, false, false});
    if (!added && *entry->second.record == *voter) {
      ++counts.unchanged;
      continue;
    }
    ++(added ? counts.added : counts.updated);
    entry->second.record = voter;
    entry->second.changed = true;
  }
  return voters;
}

// The state of the voter's credential that is not revoked, if any.
util::Result<std::optional<CredentialState>> LiveCredential(const PgDb& db,
                                                            const std::string& election,
                                                            const std::string& voter) {
  auto rows =
      db.Query("SELECT state FROM credential WHERE election = $1 AND voter = $2 AND state <> 2",
               {election, voter});
  if (!rows.ok()) {
    return rows.error();
  }
  if (rows->Rows() == 0) {
    return std::optional<CredentialState>();
  }
  return std::optional(static_cast<CredentialState>(rows->Int(0, 0)));
}

// For each voter of `first`..`last` on the register: the state of their credential that is
// not revoked, if any.
util::Result<std::unordered_map<std::string, std::optional<CredentialState>>> LiveCredentials(
    const PgDb& db, const std::string& election, const CredentialRecord* first,
    const CredentialRecord* last) {
  PgArray voters;
  for (const CredentialRecord* credential = first; credential != last; ++credential) {
    voters.Add(credential->voter);
  }
  auto rows = db.Query(
      "SELECT v.number, c.state FROM voter v LEFT JOIN credential c ON c.election = v.election "
      "AND c.voter = v.number AND c.state <> 2 WHERE v.election = $1 AND v.number = "
      "ANY($2::text[])",
      {election, voters.Take()});
  if (!rows.ok()) {
    return rows.error();
  }
  std::unordered_map<std::string, std::optional<CredentialState>> live;
  for (int row = 0; row < rows->Rows(); ++row) {
    live[rows->Text(row, 0)] = rows->IsNull(row, 1)
                                   ? std::nullopt
                                   : std::optional(static_cast<CredentialState>(rows->Int(row, 1)));
  }
  return live;
}

}  // namespace

util::Status PostgresStore::UpsertPage(const std::string& election, const VoterRecord* first,
                                       const VoterRecord* last, UpsertCounts& counts) {
  PgArray numbers;
  for (const VoterRecord* voter = first; voter != last; ++voter) {
    numbers.Add(voter->number);
  }
  auto rows = db_.Query(std::string("SELECT ") + kVoterColumns +
                            " FROM voter WHERE election = $1 AND number = ANY($2::text[])",
                        {election, numbers.Take()});
  if (!rows.ok()) {
    return rows.error();
  }
  std::vector<VoterRecord> stored;
  stored.reserve(static_cast<size_t>(rows->Rows()));
  for (int row = 0; row < rows->Rows(); ++row) {
    stored.push_back(VoterFrom(*rows, row));
  }
  VoterColumns inserts;
  VoterColumns updates;
  for (const auto& [number, voter] : Plan(stored, first, last, counts)) {
    if (voter.changed) {
      (voter.stored ? updates : inserts).Add(*voter.record);
    }
  }
  util::Status written;
  if (inserts.number.size() > 0) {
    written = db_.Execute(
        "INSERT INTO voter (election, number, name, email, address, section, joined, paid) "
        "SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], "
        "$7::text[], $8::text[])",
        inserts.Take(election));
  }
  if (written.ok() && updates.number.size() > 0) {
    written = db_.Execute(
        "UPDATE voter SET name = u.name, email = u.email, address = u.address, "
        "section = u.section, joined = u.joined, paid = u.paid FROM unnest($2::text[], "
        "$3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) "
        "AS u(number, name, email, address, section, joined, paid) "
        "WHERE voter.election = $1 AND voter.number = u.number",
        updates.Take(election));
  }
  return written;
}

util::Result<UpsertCounts> PostgresStore::Upsert(const std::string& election,
                                                 const std::vector<VoterRecord>& voters) {
  UpsertCounts counts;
  for (size_t start = 0; start < voters.size(); start += kPgPage) {
    const size_t end = std::min(voters.size(), start + kPgPage);
    if (util::Status page =
            UpsertPage(election, voters.data() + start, voters.data() + end, counts);
        !page.ok()) {
      return page.error();
    }
  }
  return counts;
}

// Removes the voters of `election` whose numbers are not in `voters`.
util::Result<int64_t> PostgresStore::RemoveOthers(const std::string& election,
                                                  const std::vector<VoterRecord>& voters) {
  PgArray kept;
  for (const VoterRecord& voter : voters) {
    kept.Add(voter.number);
  }
  auto removed = db_.Query("DELETE FROM voter WHERE election = $1 AND number <> ALL($2::text[])",
                           {election, kept.Take()});
  if (!removed.ok()) {
    return removed.error().code() == ErrorCode::kConflict
               ? Error(ErrorCode::kConflict,
                       "a voter who would be removed from the register has a credential",
                       db_.location())
               : removed.error();
  }
  return removed->ChangedRows();
}

util::Result<UpsertCounts> PostgresStore::UpsertVoters(const std::string& election,
                                                       const std::vector<VoterRecord>& voters,
                                                       ReplaceRegister replace,
                                                       const AuditEvent& event) {
  UpsertCounts counts;
  AuditEvent logged = event;
  util::Status done = InTransaction(db_, election, hasher_, logged, [&]() -> util::Status {
    if (util::Status exists = RequireElection(election); !exists.ok()) {
      return exists;
    }
    auto upserted = Upsert(election, voters);
    if (!upserted.ok()) {
      return upserted.error();
    }
    counts = *upserted;
    if (replace == ReplaceRegister::kYes) {
      auto removed = RemoveOthers(election, voters);
      if (!removed.ok()) {
        return removed.error();
      }
      counts.removed = *removed;
    }
    logged.detail += " (added " + std::to_string(counts.added) + ", updated " +
                     std::to_string(counts.updated) + ", unchanged " +
                     std::to_string(counts.unchanged) + ", removed " +
                     std::to_string(counts.removed) + ")";
    return {};
  });
  return done.ok() ? util::Result<UpsertCounts>(counts) : done.error();
}

util::Result<VoterRecord> PostgresStore::GetVoter(const std::string& election,
                                                  const std::string& number) const {
  auto rows = db_.Query(
      std::string("SELECT ") + kVoterColumns + " FROM voter WHERE election = $1 AND number = $2",
      {election, number});
  if (!rows.ok()) {
    return rows.error();
  }
  if (rows->Rows() == 0) {
    return Error(ErrorCode::kNotFound, "no voter numbered '" + number + "' is on the register",
                 db_.location());
  }
  return VoterFrom(*rows, 0);
}

util::Status PostgresStore::ForEachVoter(
    const std::string& election, const std::function<bool(const VoterRecord&)>& visit) const {
  return WalkPages<VoterRecord>(db_,
                                std::string("SELECT ") + kVoterColumns +
                                    " FROM voter WHERE election = $1 AND ($3 OR number > $2) "
                                    "ORDER BY number LIMIT " +
                                    std::to_string(kPgPage),
                                {election}, 0, VoterFrom, visit);
}

util::Status PostgresStore::ForEachVoterNotVoted(
    const std::string& election, const std::function<bool(const VoterRecord&)>& visit) const {
  return WalkPages<VoterRecord>(
      db_,
      std::string("SELECT ") + kVoterColumns +
          " FROM voter WHERE election = $1 AND ($3 OR number > $2) AND number IN (SELECT voter "
          "FROM credential WHERE election = $1 AND state = 0) ORDER BY number LIMIT " +
          std::to_string(kPgPage),
      {election}, 0, VoterFrom, visit);
}

util::Result<std::map<std::string, int64_t>> PostgresStore::CountVoters(
    const std::string& election) const {
  auto rows = db_.Query("SELECT section, count(*) FROM voter WHERE election = $1 GROUP BY section",
                        {election});
  if (!rows.ok()) {
    return rows.error();
  }
  std::map<std::string, int64_t> counts;
  for (int row = 0; row < rows->Rows(); ++row) {
    counts[rows->Text(row, 0)] = rows->Int(row, 1);
  }
  return counts;
}

util::Status PostgresStore::InsertCredentialPage(const std::string& election,
                                                 const CredentialRecord* first,
                                                 const CredentialRecord* last) {
  auto live = LiveCredentials(db_, election, first, last);
  if (!live.ok()) {
    return live.error();
  }
  PgArray code_hashes, voters, channels, states;
  for (const CredentialRecord* credential = first; credential != last; ++credential) {
    auto voter = live->find(credential->voter);
    if (voter == live->end()) {
      return Error(ErrorCode::kNotFound,
                   "no voter numbered '" + credential->voter + "' is on the register",
                   db_.location());
    }
    if (voter->second) {
      return Error(ErrorCode::kConflict,
                   "voter '" + credential->voter + "' has a credential already (" +
                       std::string(CredentialStateName(*voter->second)) + "); reissue it instead",
                   db_.location());
    }
    if (credential->state != CredentialState::kRevoked) {
      voter->second = credential->state;
    }
    code_hashes.Add(credential->code_hash);
    voters.Add(credential->voter);
    channels.Add(credential->channel);
    states.Add(static_cast<int64_t>(credential->state));
  }
  // The voters were checked above: a constraint broken now is a hash that is taken.
  util::Status inserted = db_.Execute(
      "INSERT INTO credential (election, code_hash, voter, channel, state) "
      "SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::smallint[])",
      {election, code_hashes.Take(), voters.Take(), channels.Take(), states.Take()});
  if (!inserted.ok() && inserted.error().code() == ErrorCode::kConflict) {
    return Error(ErrorCode::kConflict, "a credential with this hash exists already",
                 db_.location());
  }
  return inserted;
}

util::Status PostgresStore::InsertCredentials(const std::string& election,
                                              const std::vector<CredentialRecord>& credentials) {
  for (size_t start = 0; start < credentials.size(); start += kPgPage) {
    const size_t end = std::min(credentials.size(), start + kPgPage);
    if (util::Status page =
            InsertCredentialPage(election, credentials.data() + start, credentials.data() + end);
        !page.ok()) {
      return page;
    }
  }
  return {};
}

util::Status PostgresStore::IssueCredentials(const std::string& election,
                                             const std::vector<CredentialRecord>& credentials,
                                             const AuditEvent& event) {
  return InTransaction(db_, election, hasher_, event, [&]() -> util::Status {
    if (util::Status exists = RequireElection(election); !exists.ok()) {
      return exists;
    }
    return InsertCredentials(election, credentials);
  });
}

util::Status PostgresStore::ReissueCredential(const std::string& election,
                                              const CredentialRecord& fresh,
                                              const AuditEvent& event) {
  return InTransaction(db_, election, hasher_, event, [&]() -> util::Status {
    auto live = LiveCredential(db_, election, fresh.voter);
    if (!live.ok()) {
      return live.error();
    }
    if (!*live) {
      return Error(ErrorCode::kNotFound, "voter '" + fresh.voter + "' has no credential to reissue",
                   db_.location());
    }
    if (**live == CredentialState::kSpent) {
      return Error(ErrorCode::kConflict,
                   "voter '" + fresh.voter + "' has voted: their credential is spent",
                   db_.location());
    }
    if (util::Status revoked = db_.Execute(
            "UPDATE credential SET state = 2 WHERE election = $1 AND voter = $2 AND state = 0",
            {election, fresh.voter});
        !revoked.ok()) {
      return revoked;
    }
    return InsertCredentials(election, {fresh});
  });
}

util::Result<CredentialRecord> PostgresStore::FindCredential(const std::string& election,
                                                             const std::string& code_hash) const {
  auto rows = db_.Query(
      "SELECT voter, channel, state FROM credential WHERE election = $1 AND code_hash = $2",
      {election, code_hash});
  if (!rows.ok()) {
    return rows.error();
  }
  if (rows->Rows() == 0) {
    return Error(ErrorCode::kNotFound, "no such credential", db_.location());
  }
  return CredentialRecord{code_hash, rows->Text(0, 0), rows->Text(0, 1),
                          static_cast<CredentialState>(rows->Int(0, 2))};
}

util::Result<std::map<std::pair<std::string, CredentialState>, int64_t>>
PostgresStore::CountCredentials(const std::string& election) const {
  auto rows = db_.Query(
      "SELECT v.section, c.state, count(*) FROM credential c JOIN voter v "
      "ON v.election = c.election AND v.number = c.voter WHERE c.election = $1 "
      "GROUP BY v.section, c.state",
      {election});
  if (!rows.ok()) {
    return rows.error();
  }
  std::map<std::pair<std::string, CredentialState>, int64_t> counts;
  for (int row = 0; row < rows->Rows(); ++row) {
    counts[{rows->Text(row, 0), static_cast<CredentialState>(rows->Int(row, 1))}] =
        rows->Int(row, 2);
  }
  return counts;
}

}  // namespace scrutineer::store::detail
