#include "store/test_store.h"

#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <utility>

#include "store/postgres_db.h"

namespace scrutineer::store::test {
namespace {

namespace fs = std::filesystem;

// A name unique to this process and call, safe as a file or database name.
std::string UniqueName(const std::string& name) {
  static std::atomic<int> counter = 0;
  std::string safe =
      "scrutineer_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" + name;
  for (char& c : safe) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    c = plain ? static_cast<char>(std::tolower(static_cast<unsigned char>(c))) : '_';
  }
  return safe.substr(0, 63);  // PostgreSQL's longest name
}

}  // namespace

std::string TestPostgresUrl() {
  const char* url = std::getenv("SCRUTINEER_TEST_POSTGRES");
  return url == nullptr ? std::string() : std::string(url);
}

std::string WithDatabase(const std::string& url, const std::string& database) {
  const size_t start = url.find("://") + 3;
  const size_t path = url.find_first_of("/?", start);
  const size_t query = url.find('?', start);
  return url.substr(0, std::min(path, url.size())) + "/" + database +
         (query == std::string::npos ? "" : url.substr(query));
}

util::Result<TestPlace> TestPlace::Make(Backend backend, const std::string& name) {
  const std::string unique = UniqueName(name);
  if (backend == Backend::kSqlite) {
    const fs::path dir = fs::temp_directory_path() / unique;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return TestPlace(backend, (dir / "election.db").string(), dir.string());
  }
  auto admin = PgDb::Connect(TestPostgresUrl());
  if (!admin.ok()) {
    return admin.error();
  }
  // Names cannot be parameters; this one is made of letters, digits and underscores.
  if (util::Status made = admin->Execute("CREATE DATABASE \"" + unique + "\""); !made.ok()) {
    return made.error();
  }
  return TestPlace(backend, WithDatabase(TestPostgresUrl(), unique), unique);
}

TestPlace::TestPlace(TestPlace&& other) noexcept
    : backend_(other.backend_),
      location_(std::move(other.location_)),
      database_(std::move(other.database_)),
      owner_(std::exchange(other.owner_, false)) {}

TestPlace::~TestPlace() {
  if (!owner_) {
    return;
  }
  if (backend_ == Backend::kSqlite) {
    std::error_code ignored;
    fs::remove_all(database_, ignored);
    return;
  }
  if (auto admin = PgDb::Connect(TestPostgresUrl()); admin.ok()) {
    (void)admin->Execute("DROP DATABASE IF EXISTS \"" + database_ + "\" WITH (FORCE)");
  }
}

util::Status TestPlace::Execute(const std::string& sql) const {
  auto db = PgDb::Connect(location_);
  return db.ok() ? db->ExecuteScript(sql) : util::Status(db.error());
}

std::string TestHash(const std::string& election, const AuditEntry& entry) {
  return election + "#" + std::to_string(entry.seq) + "<" + entry.prev_hash + ">";
}

AuditEvent Event(int64_t at, std::string kind) { return {at, std::move(kind), "moved"}; }

ElectionRecord Leader() {
  return {"leader-2016", "Leader 2016", "id = \"leader-2016\"\n", "draft"};
}

VoterRecord Voter(std::string number, std::string section, std::string name) {
  return {std::move(number),
          std::move(name),
          "a@example.org",
          "1 High St",
          std::move(section),
          "2015-06-01",
          ""};
}

CastRequest Request(std::string code_hash, std::string key, std::string preferences) {
  BallotRecord ballot{std::move(key), "leader", "", "online", std::move(preferences), "T"};
  ballot.tracking_code += ballot.key;
  return {std::move(code_hash), {ballot}, {10, "ballot", "tracking " + ballot.tracking_code}};
}

}  // namespace scrutineer::store::test
