// The PostgreSQL store's own behaviour: how a server that cannot be reached is named, the
// schema version it keeps, and two stores writing to one election's log at once. Tests that
// need a server skip, saying how to run them, when SCRUTINEER_TEST_POSTGRES is not set.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <optional>
#include <thread>

#include "store/postgres_db.h"
#include "store/store.h"
#include "store/test_store.h"

namespace scrutineer::store {
namespace {

using test::Backend;
using test::Event;
using test::Leader;
using test::TestHash;

// A TCP port on 127.0.0.1 that nothing listens on (one the kernel just handed out, closed).
int ClosedPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  EXPECT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), length), 0);
  EXPECT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  close(fd);
  return ntohs(address.sin_port);
}

TEST(PostgresUrlTest, APasswordIsNeverShown) {
  EXPECT_EQ(RedactedUrl("postgres://alice:s3cret@db.example.org:5433/votes"),
            "postgres://alice@db.example.org:5433/votes");
  EXPECT_EQ(RedactedUrl("postgresql://alice:p%40ss@host/votes?sslmode=require&password=x"),
            "postgresql://alice@host/votes?sslmode=require");
  EXPECT_EQ(RedactedUrl("postgres://host/votes?password=x"), "postgres://host/votes");
  EXPECT_EQ(RedactedUrl("postgres://alice@host"), "postgres://alice@host");
  EXPECT_TRUE(IsPostgresUrl("postgresql://host/votes"));
  EXPECT_FALSE(IsPostgresUrl("elections/postgres.db"));
}

TEST(PostgresUrlTest, AnUnreachableServerIsNamedWithoutItsPassword) {
  const std::string port = std::to_string(ClosedPort());
  auto store = OpenStore("postgres://scrutineer:s3cret@127.0.0.1:" + port + "/votes", TestHash);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code(), util::ErrorCode::kStorage);
  EXPECT_EQ(store.error().problems().front().where,
            "postgres://scrutineer@127.0.0.1:" + port + "/votes");
  EXPECT_NE(store.error().ToString().find("cannot connect to the store"), std::string::npos)
      << store.error().ToString();
  EXPECT_EQ(store.error().ToString().find("s3cret"), std::string::npos);
}

class PostgresStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (test::TestPostgresUrl().empty()) {
      GTEST_SKIP() << test::kNoPostgres;
    }
    auto place = test::TestPlace::Make(
        Backend::kPostgres, ::testing::UnitTest::GetInstance()->current_test_info()->name());
    ASSERT_TRUE(place.ok()) << place.error().ToString();
    place_.emplace(std::move(place.value()));
  }
  std::unique_ptr<Store> Open() {
    auto store = OpenStore(place_->location(), TestHash);
    EXPECT_TRUE(store.ok()) << store.error().ToString();
    return store.ok() ? std::move(store.value()) : nullptr;
  }

  std::optional<test::TestPlace> place_;
};

TEST_F(PostgresStoreTest, ANewerSchemaIsRefused) {
  ASSERT_NE(Open(), nullptr);
  ASSERT_TRUE(place_->Execute("UPDATE scrutineer_schema SET version = 99").ok());
  auto store = OpenStore(place_->location(), TestHash);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code(), util::ErrorCode::kStorage);
  EXPECT_EQ(store.error().problems().front().where, place_->location());
  EXPECT_NE(store.error().ToString().find("schema version 99, newer than this program's 4"),
            std::string::npos)
      << store.error().ToString();
}

// A store of version 1 (made by an older program) gains the nomination tables on opening.
TEST_F(PostgresStoreTest, AVersion1StoreIsBroughtToTheCurrentVersion) {
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->CreateElection(test::Leader(), test::Event(1, "created")).ok());
  }
  ASSERT_TRUE(
      place_
          ->Execute(
              "DROP TABLE session, account, eliminating_ballot, ballot_paper, candidacy, nomination, nominator; "
              "UPDATE scrutineer_schema SET version = 1")
          .ok());
  auto store = Open();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->SchemaVersion(), 4);
  EXPECT_EQ(store->GetElection("leader-2016")->title, "Leader 2016");
  ASSERT_TRUE(
      store->SetNominators("leader-2016", "leader", {{"n1", "Ann"}}, test::Event(2, "body")).ok());
  EXPECT_TRUE(
      store->Nominate("leader-2016", "leader", "n1", "Amy", test::Event(3, "nominate")).ok());
}

TEST_F(PostgresStoreTest, ADamagedSchemaTableIsRefused) {
  ASSERT_NE(Open(), nullptr);
  ASSERT_TRUE(place_->Execute("INSERT INTO scrutineer_schema VALUES (1)").ok());
  auto store = OpenStore(place_->location(), TestHash);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.error().ToString().find("scrutineer_schema should hold one row, not 2"),
            std::string::npos)
      << store.error().ToString();
}

TEST_F(PostgresStoreTest, TablesOfAnotherProgramAreNotTakenOver) {
  ASSERT_TRUE(place_->Execute("CREATE TABLE election (id integer)").ok());
  auto store = OpenStore(place_->location(), TestHash);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code(), util::ErrorCode::kStorage);
  EXPECT_NE(store.error().ToString().find("cannot bring the store to schema version 1"),
            std::string::npos)
      << store.error().ToString();
}

// Two stores (two connections) appending to one log at once: the election's row lock puts
// the appends one after the other, so every entry is numbered and chained, none lost.
TEST_F(PostgresStoreTest, TwoWritersChainOneLogInTurn) {
  {
    auto store = Open();
    ASSERT_TRUE(store->CreateElection(Leader(), Event(1, "created")).ok());
  }
  const auto append = [&] {
    auto store = Open();
    for (int i = 0; i < 50; ++i) {
      EXPECT_TRUE(store->AppendAudit("leader-2016", Event(2 + i)).ok());
    }
  };
  std::thread first(append);
  std::thread second(append);
  first.join();
  second.join();
  const auto log = Open()->ReadAudit("leader-2016");
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 101u);
  for (size_t i = 1; i < log->size(); ++i) {
    EXPECT_EQ((*log)[i].seq, static_cast<int64_t>(i + 1));
    EXPECT_EQ((*log)[i].prev_hash, (*log)[i - 1].hash);
  }
}

// The values of one column, in the order the query gives them.
std::vector<std::string> Column(const PgDb& db, const std::string& sql) {
  std::vector<std::string> values;
  auto rows = db.Query(sql);
  EXPECT_TRUE(rows.ok()) << rows.error().ToString();
  for (int row = 0; rows.ok() && row < rows->Rows(); ++row) {
    values.push_back(rows->Text(row, 0));
  }
  return values;
}

// While voting, the transaction that spends a credential also writes its ballot, so the
// rows share a transaction id; once the ballot closes, ForgetArrivals leaves every ballot and
// credential with one id, and the ballots in key order, not arrival order.
TEST_F(PostgresStoreTest, AfterTheCloseNoTransactionIdLinksACredentialToItsBallot) {
  auto store = Open();
  ASSERT_TRUE(store->CreateElection(Leader(), Event(1, "created")).ok());
  ASSERT_TRUE(store
                  ->UpsertVoters("leader-2016",
                                 {test::Voter("1", "members"), test::Voter("2", "members"),
                                  test::Voter("3", "members")},
                                 ReplaceRegister::kNo, Event(2, "register"))
                  .ok());
  ASSERT_TRUE(
      store
          ->IssueCredentials("leader-2016",
                             {{"h1", "1", "online"}, {"h2", "2", "online"}, {"h3", "3", "online"}},
                             Event(3, "issue"))
          .ok());
  // Arrival order c, a, b; one cast each.
  for (const auto& [hash, key] :
       {std::pair{"h1", "k-c"}, std::pair{"h2", "k-a"}, std::pair{"h3", "k-b"}}) {
    ASSERT_TRUE(store->Cast("leader-2016", {test::Request(hash, key, "Ada")}).ok());
  }
  auto db = PgDb::Connect(place_->location());
  ASSERT_TRUE(db.ok()) << db.error().ToString();
  const std::string linked =
      "SELECT count(*) FROM ballot b JOIN credential c ON b.xmin = c.xmin "
      "WHERE b.election = 'leader-2016' AND c.election = 'leader-2016'";
  EXPECT_EQ(Column(*db, linked), std::vector<std::string>{"3"});  // each ballot to its credential
  EXPECT_EQ(Column(*db, "SELECT key FROM ballot ORDER BY ctid"),
            (std::vector<std::string>{"k-c", "k-a", "k-b"}));  // where rows sit: arrival order
  ASSERT_TRUE(store->ForgetArrivals("leader-2016").ok());
  EXPECT_EQ(Column(*db,
                   "SELECT count(DISTINCT x) FROM (SELECT xmin::text AS x FROM ballot UNION ALL "
                   "SELECT xmin::text FROM credential) AS ids"),
            std::vector<std::string>{"1"});
  EXPECT_EQ(Column(*db, "SELECT key FROM ballot ORDER BY ctid"),
            (std::vector<std::string>{"k-a", "k-b", "k-c"}));
  // Nothing else changed.
  EXPECT_EQ(Column(*db, "SELECT state::text FROM credential ORDER BY code_hash"),
            (std::vector<std::string>{"1", "1", "1"}));
  EXPECT_EQ(store->CountBallots("leader-2016")->front().ballots, 3);
}

}  // namespace
}  // namespace scrutineer::store
