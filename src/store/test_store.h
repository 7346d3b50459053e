#pragma once
// What the store tests share: a fresh place for a store on either backend, and small records.
// The PostgreSQL server comes from SCRUTINEER_TEST_POSTGRES (a URL such as
// postgres://scrutineer@127.0.0.1:54329/postgres, `make test` sets it); each test gets a new
// database on it, dropped afterwards.

#include <string>

#include "store/store.h"
#include "util/result.h"

namespace scrutineer::store::test {

enum class Backend { kSqlite, kPostgres };

// SCRUTINEER_TEST_POSTGRES, or "" when it is not set.
std::string TestPostgresUrl();

// Why a PostgreSQL test is skipped, and how to run it.
inline constexpr const char* kNoPostgres =
    "SCRUTINEER_TEST_POSTGRES is not set, so the PostgreSQL store is not tested. `make test` "
    "sets it; by hand: tests/postgres_server.sh start build/postgres (it prints the URL), then "
    "SCRUTINEER_TEST_POSTGRES=<that URL> ctest, then tests/postgres_server.sh stop build/postgres";

// `url` with its database replaced by `database`.
std::string WithDatabase(const std::string& url, const std::string& database);

// A fresh, empty place for one test's store: a new directory for SQLite, a new database for
// PostgreSQL; removed (dropped) when it goes.
class TestPlace {
 public:
  // REQUIRES for kPostgres: TestPostgresUrl() is not empty.
  static util::Result<TestPlace> Make(Backend backend, const std::string& name);
  TestPlace(const TestPlace&) = delete;
  TestPlace& operator=(const TestPlace&) = delete;
  TestPlace(TestPlace&& other) noexcept;
  TestPlace& operator=(TestPlace&&) = delete;
  ~TestPlace();

  // What OpenStore takes: the file path or the database's URL.
  const std::string& location() const { return location_; }
  // For PostgreSQL: runs `sql` in the test's database (to change what a store finds).
  util::Status Execute(const std::string& sql) const;

 private:
  TestPlace(Backend backend, std::string location, std::string database)
      : backend_(backend), location_(std::move(location)), database_(std::move(database)) {}
  Backend backend_;
  std::string location_;
  std::string database_;  // PostgreSQL: the database's name; SQLite: the directory
  bool owner_ = true;
};

// A stand-in for the election layer's hash (src/election/audit.h): readable, so the tests
// can see what was chained to what.
std::string TestHash(const std::string& election, const AuditEntry& entry);

AuditEvent Event(int64_t at, std::string kind = "state");
ElectionRecord Leader();
VoterRecord Voter(std::string number, std::string section, std::string name = "A Member");
// A request casting one ballot in the contest "leader", keyed `key`, tracked "T" + key.
CastRequest Request(std::string code_hash, std::string key, std::string preferences);

}  // namespace scrutineer::store::test
