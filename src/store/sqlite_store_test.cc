// The SQLite store's own refusals: a file that is not a sound store of ours is refused by name.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <optional>

#include "store/migrations.h"
#include "store/store.h"
#include "store/test_store.h"

namespace scrutineer::store {
namespace {

namespace fs = std::filesystem;
using test::Backend;
using test::Event;
using test::Leader;
using test::TestHash;

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto place = test::TestPlace::Make(
        Backend::kSqlite, ::testing::UnitTest::GetInstance()->current_test_info()->name());
    ASSERT_TRUE(place.ok()) << place.error().ToString();
    place_.emplace(std::move(place.value()));
  }
  const std::string& path() const { return place_->location(); }

  std::optional<test::TestPlace> place_;
};

TEST_F(SqliteStoreTest, AFileThatIsNotADatabaseIsRefusedByName) {
  std::ofstream(path()) << std::string(8192, 'x');
  auto store = OpenStore(path(), TestHash);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code(), util::ErrorCode::kStorage);
  EXPECT_EQ(store.error().problems().front().where, path());
  EXPECT_NE(store.error().ToString().find("not a database"), std::string::npos)
      << store.error().ToString();
}

TEST_F(SqliteStoreTest, ADamagedStoreIsRefused) {
  {
    auto store = OpenStore(path(), TestHash);
    ASSERT_TRUE(store.ok()) << store.error().ToString();
    ASSERT_TRUE((*store)->CreateElection(Leader(), Event(1, "created")).ok());
  }
  // Overwrite the database header's magic string.
  {
    std::fstream file(path(), std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(0);
    file.write("NOT A DATABASE!!", 16);
  }
  fs::remove(path() + "-wal");
  fs::remove(path() + "-shm");
  auto store = OpenStore(path(), TestHash);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code(), util::ErrorCode::kStorage);
}

// Makes an SQLite file with `sql` run in it.
void MakeDatabase(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

TEST_F(SqliteStoreTest, AnotherProgramsDatabaseIsNotTakenOver) {
  MakeDatabase(path(), "CREATE TABLE accounts (id INTEGER);");
  auto store = OpenStore(path(), TestHash);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.error().ToString().find("not a Scrutineer store"), std::string::npos)
      << store.error().ToString();
}

TEST_F(SqliteStoreTest, ANewerSchemaIsRefused) {
  MakeDatabase(path(), "CREATE TABLE t (x INTEGER); PRAGMA application_id = " +
                           std::to_string(kApplicationId) + "; PRAGMA user_version = 99;");
  auto store = OpenStore(path(), TestHash);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.error().ToString().find("schema version 99, newer than this program's 4"),
            std::string::npos)
      << store.error().ToString();
}

}  // namespace
}  // namespace scrutineer::store
