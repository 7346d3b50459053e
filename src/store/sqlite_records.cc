// The SQLite store's register, credentials and ballots (see sqlite_store_impl.h).

#include <array>

#include "store/sqlite_store_impl.h"

namespace scrutineer::store::detail {
namespace {

using util::Error;
using util::ErrorCode;

VoterRecord VoterFrom(const SqliteStatement& row) {
  return {row.Text(0), row.Text(1), row.Text(2), row.Text(3),
          row.Text(4), row.Text(5), row.Text(6)};
}

constexpr const char* kVoterColumns = "number, name, email, address, section, joined, paid";

// Prepares every statement in `sql`, in order; the first failure is returned.
template <size_t N>
util::Result<std::vector<SqliteStatement>> PrepareAll(const SqliteDb& db,
                                                      const std::array<std::string, N>& sql) {
  std::vector<SqliteStatement> statements;
  for (const std::string& text : sql) {
    auto statement = db.Prepare(text);
    if (!statement.ok()) {
      return statement.error();
    }
    statements.push_back(std::move(statement.value()));
  }
  return statements;
}

// Binds a voter's fields after the election, from position 2.
void BindVoter(SqliteStatement& statement, const std::string& election, const VoterRecord& v) {
  statement.Bind(1, election).Bind(2, v.number).Bind(3, v.name).Bind(4, v.email);
  statement.Bind(5, v.address).Bind(6, v.section).Bind(7, v.joined).Bind(8, v.paid);
}

}  // namespace

util::Result<UpsertCounts> SqliteStore::Upsert(const std::string& election,
                                               const std::vector<VoterRecord>& voters) {
  auto statements = PrepareAll<3>(
      db_,
      {std::string("SELECT ") + kVoterColumns + " FROM voter WHERE election = ? AND number = ?",
       "INSERT INTO voter (election, number, name, email, address, section, joined, paid) "
       "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
       "UPDATE voter SET name = ?3, email = ?4, address = ?5, section = ?6, joined = ?7, "
       "paid = ?8 WHERE election = ?1 AND number = ?2"});
  if (!statements.ok()) {
    return statements.error();
  }
  SqliteStatement& select = (*statements)[0];
  UpsertCounts counts;
  for (const VoterRecord& voter : voters) {
    auto row = select.Bind(1, election).Bind(2, voter.number).Step();
    if (!row.ok()) {
      return row.error();
    }
    if (*row && VoterFrom(select) == voter) {
      ++counts.unchanged;
      continue;
    }
    SqliteStatement& write = (*statements)[*row ? 2 : 1];
    ++(*row ? counts.updated : counts.added);
    BindVoter(write, election, voter);
    if (util::Status written = write.Run(); !written.ok()) {
      return written.error();
    }
  }
  return counts;
}

// Removes the voters of `election` whose numbers are not in `voters`, through a temporary
// table of the numbers kept.
util::Result<int64_t> SqliteStore::RemoveOthers(const std::string& election,
                                                const std::vector<VoterRecord>& voters) {
  if (util::Status made = db_.Execute(
          "CREATE TEMP TABLE IF NOT EXISTS kept (number TEXT PRIMARY KEY) WITHOUT ROWID; "
          "DELETE FROM kept;");
      !made.ok()) {
    return made.error();
  }
  auto keep = db_.Prepare("INSERT OR IGNORE INTO kept (number) VALUES (?)");
  if (!keep.ok()) {
    return keep.error();
  }
  for (const VoterRecord& voter : voters) {
    if (util::Status kept = keep->Bind(1, voter.number).Run(); !kept.ok()) {
      return kept.error();
    }
  }
  auto remove = db_.Prepare(
      "DELETE FROM voter WHERE election = ? AND number NOT IN (SELECT number FROM kept)");
  if (!remove.ok()) {
    return remove.error();
  }
  util::Status removed = remove->Bind(1, election).Run();
  if (!removed.ok()) {
    return removed.error().code() == ErrorCode::kConflict
               ? Error(ErrorCode::kConflict,
                       "a voter who would be removed from the register has a credential",
                       db_.path())
               : removed.error();
  }
  return db_.Changes();
}

util::Result<UpsertCounts> SqliteStore::UpsertVoters(const std::string& election,
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

util::Result<VoterRecord> SqliteStore::GetVoter(const std::string& election,
                                                const std::string& number) const {
  auto select = db_.Prepare(std::string("SELECT ") + kVoterColumns +
                            " FROM voter WHERE election = ? AND number = ?");
  if (!select.ok()) {
    return select.error();
  }
  auto row = select->Bind(1, election).Bind(2, number).Step();
  if (!row.ok()) {
    return row.error();
  }
  if (!*row) {
    return Error(ErrorCode::kNotFound, "no voter numbered '" + number + "' is on the register",
                 db_.path());
  }
  return VoterFrom(*select);
}

util::Status SqliteStore::ForEachVoter(const std::string& election,
                                       const std::function<bool(const VoterRecord&)>& visit) const {
  auto select = db_.Prepare(std::string("SELECT ") + kVoterColumns +
                            " FROM voter WHERE election = ? ORDER BY number");
  if (!select.ok()) {
    return select.error();
  }
  select->Bind(1, election);
  return Walk<VoterRecord>(*select, VoterFrom, visit);
}

util::Status SqliteStore::ForEachVoterNotVoted(
    const std::string& election, const std::function<bool(const VoterRecord&)>& visit) const {
  auto select = db_.Prepare(std::string("SELECT ") + kVoterColumns +
                            " FROM voter WHERE election = ?1 AND number IN (SELECT voter FROM "
                            "credential WHERE election = ?1 AND state = 0) ORDER BY number");
  if (!select.ok()) {
    return select.error();
  }
  select->Bind(1, election);
  return Walk<VoterRecord>(*select, VoterFrom, visit);
}

util::Result<std::map<std::string, int64_t>> SqliteStore::CountVoters(
    const std::string& election) const {
  auto select = db_.Prepare(
      "SELECT section, count(*) FROM voter WHERE election = ? GROUP BY section ORDER BY section");
  if (!select.ok()) {
    return select.error();
  }
  select->Bind(1, election);
  std::map<std::string, int64_t> counts;
  const auto read = [](const SqliteStatement& row) {
    return std::pair<std::string, int64_t>(row.Text(0), row.Int(1));
  };
  util::Status walked = Walk<std::pair<std::string, int64_t>>(
      *select, read, [&](const std::pair<std::string, int64_t>& count) {
        counts.insert(count);
        return true;
      });
  return walked.ok() ? util::Result<std::map<std::string, int64_t>>(std::move(counts))
                     : walked.error();
}

}  // namespace scrutineer::store::detail
