// The store's behaviour, on both backends: every test runs on a fresh SQLite file and on a
// fresh PostgreSQL database (skipped, saying how to run it, when SCRUTINEER_TEST_POSTGRES is
// not set; `make test` always sets it). Records survive reopening, a refused change changes
// nothing, and a batch of ballots is one transaction.
#include "store/store.h"

#include <gtest/gtest.h>

#include <optional>

#include "store/test_store.h"

namespace scrutineer::store {
namespace {

using test::Backend;
using test::Event;
using test::Leader;
using test::Request;
using test::TestHash;
using test::Voter;

class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres && test::TestPostgresUrl().empty()) {
      GTEST_SKIP() << test::kNoPostgres;
    }
    auto place = test::TestPlace::Make(
        GetParam(), ::testing::UnitTest::GetInstance()->current_test_info()->name());
    ASSERT_TRUE(place.ok()) << place.error().ToString();
    place_.emplace(std::move(place.value()));
  }

  std::unique_ptr<Store> Open() {
    auto store = OpenStore(place_->location(), TestHash);
    EXPECT_TRUE(store.ok()) << store.error().ToString();
    return store.ok() ? std::move(store.value()) : nullptr;
  }

  // An election with three voters: 1 and 2 members, 3 a supporter.
  std::unique_ptr<Store> ElectionWithVoters() {
    auto store = Open();
    EXPECT_TRUE(store->CreateElection(Leader(), Event(1, "created")).ok());
    auto added = store->UpsertVoters(
        "leader-2016", {Voter("1", "members"), Voter("2", "members"), Voter("3", "supporters")},
        ReplaceRegister::kNo, Event(2, "register"));
    EXPECT_TRUE(added.ok()) << added.error().ToString();
    return store;
  }

  std::optional<test::TestPlace> place_;
};

std::vector<BallotRecord> Ballots(const Store& store, const std::string& contest) {
  std::vector<BallotRecord> ballots;
  EXPECT_TRUE(store
                  .ForEachBallot("leader-2016", contest,
                                 [&](const BallotRecord& b) {
                                   ballots.push_back(b);
                                   return true;
                                 })
                  .ok());
  return ballots;
}

TEST_P(StoreTest, AnElectionIsStoredAndSurvivesReopening) {
  {
    auto store = Open();
    EXPECT_EQ(store->SchemaVersion(), 4);
    ASSERT_TRUE(store->CreateElection(Leader(), Event(100, "created")).ok());
    ASSERT_TRUE(store->ChangeState("leader-2016", "draft", "nominations", Event(200)).ok());
  }
  auto store = Open();
  EXPECT_EQ(store->SchemaVersion(), 4);
  auto election = store->GetElection("leader-2016");
  ASSERT_TRUE(election.ok()) << election.error().ToString();
  EXPECT_EQ(election->title, "Leader 2016");
  EXPECT_EQ(election->definition, "id = \"leader-2016\"\n");
  EXPECT_EQ(election->state, "nominations");
  auto log = store->ReadAudit("leader-2016");
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ((*log)[0].kind, "created");
  EXPECT_EQ((*log)[0].hash, "leader-2016#1<>");
  EXPECT_EQ((*log)[1].seq, 2);
  EXPECT_EQ((*log)[1].prev_hash, "leader-2016#1<>");
  EXPECT_EQ((*log)[1].hash, "leader-2016#2<leader-2016#1<>>");
  EXPECT_EQ((*log)[1].at, 200);
  auto all = store->ListElections();
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 1u);
}

TEST_P(StoreTest, RefusedChangesChangeNothing) {
  auto store = Open();
  ASSERT_TRUE(store->CreateElection(Leader(), Event(1, "created")).ok());
  // The same id again.
  const auto again = store->CreateElection(Leader(), Event(2, "created"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), util::ErrorCode::kConflict);
  EXPECT_NE(again.error().ToString().find("an election with id 'leader-2016' is in the store"),
            std::string::npos)
      << again.error().ToString();
  // From a state it is not in.
  const auto wrong_state = store->ChangeState("leader-2016", "ballot_open", "closed", Event(3));
  ASSERT_FALSE(wrong_state.ok());
  EXPECT_EQ(wrong_state.error().code(), util::ErrorCode::kConflict);
  EXPECT_NE(wrong_state.error().ToString().find("is in state 'draft', not 'ballot_open'"),
            std::string::npos)
      << wrong_state.error().ToString();
  EXPECT_EQ(store->GetElection("leader-2016")->state, "draft");
  EXPECT_EQ(store->ReadAudit("leader-2016")->size(), 1u);
  EXPECT_EQ(store->GetElection("deputy").error().code(), util::ErrorCode::kNotFound);
  EXPECT_EQ(store->AppendAudit("deputy", Event(4)).error().code(), util::ErrorCode::kNotFound);
  EXPECT_EQ(store->ChangeState("deputy", "draft", "closed", Event(5)).error().code(),
            util::ErrorCode::kNotFound);
}

TEST_P(StoreTest, ElectionsAreListedByIdAndLogsKeptApart) {
  auto store = Open();
  ElectionRecord deputy{"deputy-2016", "Deputy 2016", "id = \"deputy-2016\"\n", "draft"};
  ASSERT_TRUE(store->CreateElection(Leader(), Event(1, "created")).ok());
  ASSERT_TRUE(store->CreateElection(deputy, Event(2, "created")).ok());
  ASSERT_TRUE(store->AppendAudit("leader-2016", Event(3, "note")).ok());
  const auto all = store->ListElections();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].id, "deputy-2016");
  EXPECT_EQ((*all)[1].id, "leader-2016");
  EXPECT_EQ(store->ReadAudit("deputy-2016")->size(), 1u);
  const auto log = store->ReadAudit("leader-2016");
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ((*log)[1].hash, "leader-2016#2<leader-2016#1<>>");
}

TEST_P(StoreTest, TheRegisterIsAddedToAndUpdated) {
  auto store = ElectionWithVoters();
  auto again = store->UpsertVoters(
      "leader-2016",
      {Voter("2", "members", "B Member"), Voter("3", "supporters"), Voter("4", "supporters")},
      ReplaceRegister::kNo, Event(3, "register"));
  ASSERT_TRUE(again.ok()) << again.error().ToString();
  EXPECT_EQ(again->added, 1);
  EXPECT_EQ(again->updated, 1);
  EXPECT_EQ(again->unchanged, 1);
  EXPECT_EQ(store->GetVoter("leader-2016", "2")->name, "B Member");
  EXPECT_EQ(store->GetVoter("leader-2016", "9").error().code(), util::ErrorCode::kNotFound);
  const std::map<std::string, int64_t> by_section{{"members", 2}, {"supporters", 2}};
  EXPECT_EQ(*store->CountVoters("leader-2016"), by_section);
  std::vector<std::string> numbers;
  ASSERT_TRUE(store
                  ->ForEachVoter("leader-2016",
                                 [&](const VoterRecord& v) {
                                   numbers.push_back(v.number);
                                   return true;
                                 })
                  .ok());
  EXPECT_EQ(numbers, (std::vector<std::string>{"1", "2", "3", "4"}));
  const auto log = store->ReadAudit("leader-2016");
  EXPECT_EQ(log->back().detail, "moved (added 1, updated 1, unchanged 1, removed 0)");
  EXPECT_EQ(store->UpsertVoters("deputy", {Voter("1", "members")}, ReplaceRegister::kNo, Event(4))
                .error()
                .code(),
            util::ErrorCode::kNotFound);
}

TEST_P(StoreTest, AVoterTwiceInOneImportIsAddedThenUpdated) {
  auto store = ElectionWithVoters();
  auto counts = store->UpsertVoters("leader-2016",
                                    {Voter("5", "members"), Voter("5", "members", "E Member"),
                                     Voter("5", "members", "E Member"), Voter("1", "supporters")},
                                    ReplaceRegister::kNo, Event(3, "register"));
  ASSERT_TRUE(counts.ok()) << counts.error().ToString();
  EXPECT_EQ(counts->added, 1);
  EXPECT_EQ(counts->updated, 2);
  EXPECT_EQ(counts->unchanged, 1);
  EXPECT_EQ(store->GetVoter("leader-2016", "5")->name, "E Member");
  EXPECT_EQ(store->GetVoter("leader-2016", "1")->section, "supporters");
}

TEST_P(StoreTest, AReplacedRegisterLosesWhoeverIsNotInTheList) {
  auto store = ElectionWithVoters();
  auto counts = store->UpsertVoters("leader-2016", {Voter("2", "members"), Voter("4", "members")},
                                    ReplaceRegister::kYes, Event(3, "register"));
  ASSERT_TRUE(counts.ok()) << counts.error().ToString();
  EXPECT_EQ(counts->added, 1);
  EXPECT_EQ(counts->unchanged, 1);
  EXPECT_EQ(counts->removed, 2);
  EXPECT_EQ(store->GetVoter("leader-2016", "1").error().code(), util::ErrorCode::kNotFound);
  const std::map<std::string, int64_t> by_section{{"members", 2}};
  EXPECT_EQ(*store->CountVoters("leader-2016"), by_section);
  EXPECT_EQ(store->ReadAudit("leader-2016")->back().detail,
            "moved (added 1, updated 0, unchanged 1, removed 2)");
}

TEST_P(StoreTest, AVoterWithACredentialIsNotRemoved) {
  auto store = ElectionWithVoters();
  ASSERT_TRUE(store->IssueCredentials("leader-2016", {{"h1", "1", "online"}}, Event(3)).ok());
  const auto refused = store->UpsertVoters("leader-2016", {Voter("2", "members", "B Member")},
                                           ReplaceRegister::kYes, Event(4, "register"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code(), util::ErrorCode::kConflict);
  EXPECT_NE(refused.error().ToString().find("a voter who would be removed from the register has "
                                            "a credential"),
            std::string::npos)
      << refused.error().ToString();
  // Nothing changed: not the update, not the removals, not the log.
  EXPECT_EQ(store->GetVoter("leader-2016", "2")->name, "A Member");
  EXPECT_EQ(store->CountVoters("leader-2016")->at("supporters"), 1);
  EXPECT_EQ(store->ReadAudit("leader-2016")->size(), 3u);
}

TEST_P(StoreTest, AVoterWalkStopsWhenAsked) {
  auto store = ElectionWithVoters();
  int seen = 0;
  ASSERT_TRUE(
      store->ForEachVoter("leader-2016", [&](const VoterRecord&) { return ++seen < 2; }).ok());
  EXPECT_EQ(seen, 2);
}

TEST_P(StoreTest, TextIsStoredExactly) {
  auto store = Open();
  ASSERT_TRUE(store->CreateElection(Leader(), Event(1, "created")).ok());
  // Everything an array literal or a quoted string could trip over.
  const std::string awkward = "O'Brien \"Jr\" \\ {a,b} NULL\n\tT\xc3\xa9l\xc3\xa9ma\xc3\xafte ";
  VoterRecord voter = Voter("7", "members", awkward);
  voter.paid = "";
  ASSERT_TRUE(store
                  ->UpsertVoters("leader-2016", {voter, Voter("", "members")}, ReplaceRegister::kNo,
                                 Event(2))
                  .ok());
  EXPECT_EQ(*store->GetVoter("leader-2016", "7"), voter);
  EXPECT_EQ(store->GetVoter("leader-2016", "")->number, "");
  ASSERT_TRUE(store->IssueCredentials("leader-2016", {{"h\"7", "7", "online"}}, Event(3)).ok());
  ASSERT_TRUE(store->Cast("leader-2016", {Request("h\"7", "k{1}", awkward)}).ok());
  const auto ballots = Ballots(*store, "leader");
  ASSERT_EQ(ballots.size(), 1u);
  EXPECT_EQ(ballots[0].key, "k{1}");
  EXPECT_EQ(ballots[0].preferences, awkward);
  EXPECT_EQ(ballots[0].tracking_code, "Tk{1}");
}

TEST_P(StoreTest, ACredentialIsIssuedOnceAndReissuedByRevoking) {
  auto store = ElectionWithVoters();
  ASSERT_TRUE(store
                  ->IssueCredentials("leader-2016", {{"h1", "1", "online"}, {"h2", "2", "postal"}},
                                     Event(3, "issue"))
                  .ok());
  // A second credential for voter 1, and one for someone not on the register: refused whole.
  const auto twice = store->IssueCredentials(
      "leader-2016", {{"h3", "3", "online"}, {"h4", "1", "online"}}, Event(4, "issue"));
  EXPECT_EQ(twice.error().code(), util::ErrorCode::kConflict);
  EXPECT_NE(twice.error().ToString().find("voter '1' has a credential already (issued)"),
            std::string::npos)
      << twice.error().ToString();
  EXPECT_EQ(store->FindCredential("leader-2016", "h3").error().code(), util::ErrorCode::kNotFound);
  const auto stranger =
      store->IssueCredentials("leader-2016", {{"h5", "77", "online"}}, Event(5, "issue"));
  EXPECT_EQ(stranger.error().code(), util::ErrorCode::kNotFound);
  EXPECT_NE(stranger.error().ToString().find("no voter numbered '77' is on the register"),
            std::string::npos)
      << stranger.error().ToString();
  // Reissue revokes the old.
  ASSERT_TRUE(store->ReissueCredential("leader-2016", {"h1b", "1", "online"}, Event(6)).ok());
  EXPECT_EQ(store->FindCredential("leader-2016", "h1")->state, CredentialState::kRevoked);
  EXPECT_EQ(store->FindCredential("leader-2016", "h1b")->state, CredentialState::kIssued);
  EXPECT_EQ(store->FindCredential("leader-2016", "h1b")->voter, "1");
  EXPECT_EQ(store->ReissueCredential("leader-2016", {"h9", "3", "online"}, Event(7)).error().code(),
            util::ErrorCode::kNotFound);
  const auto counts = store->CountCredentials("leader-2016");
  ASSERT_TRUE(counts.ok()) << counts.error().ToString();
  EXPECT_EQ(counts->at({"members", CredentialState::kIssued}), 2);
  EXPECT_EQ(counts->at({"members", CredentialState::kRevoked}), 1);
  EXPECT_EQ(store->ReadAudit("leader-2016")->size(), 4u);  // created, register, issue, reissue
}

TEST_P(StoreTest, TheSameVoterTwiceInOneIssueIsRefused) {
  auto store = ElectionWithVoters();
  const auto twice = store->IssueCredentials(
      "leader-2016", {{"h1", "1", "online"}, {"h2", "1", "postal"}}, Event(3, "issue"));
  EXPECT_EQ(twice.error().code(), util::ErrorCode::kConflict);
  EXPECT_EQ(store->FindCredential("leader-2016", "h1").error().code(), util::ErrorCode::kNotFound);
  // A code hash that is taken.
  ASSERT_TRUE(store->IssueCredentials("leader-2016", {{"h1", "1", "online"}}, Event(4)).ok());
  const auto taken = store->IssueCredentials("leader-2016", {{"h1", "2", "online"}}, Event(5));
  EXPECT_EQ(taken.error().code(), util::ErrorCode::kConflict);
  EXPECT_NE(taken.error().ToString().find("a credential with this hash exists already"),
            std::string::npos)
      << taken.error().ToString();
  // Or taken within the batch.
  EXPECT_EQ(store
                ->IssueCredentials("leader-2016", {{"h2", "2", "online"}, {"h2", "3", "online"}},
                                   Event(6))
                .error()
                .code(),
            util::ErrorCode::kConflict);
  EXPECT_EQ(store->FindCredential("leader-2016", "h2").error().code(), util::ErrorCode::kNotFound);
  EXPECT_EQ(store->ReadAudit("leader-2016")->size(), 3u);
}

TEST_P(StoreTest, ACredentialCastsOneBallotAndRefusalsChangeNothing) {
  auto store = ElectionWithVoters();
  ASSERT_TRUE(store
                  ->IssueCredentials("leader-2016", {{"h1", "1", "online"}, {"h2", "3", "online"}},
                                     Event(3, "issue"))
                  .ok());
  ASSERT_TRUE(store->ReissueCredential("leader-2016", {"h2b", "3", "online"}, Event(4)).ok());
  auto outcomes = store->Cast("leader-2016", {Request("h1", "k1", "Ada\nBen"),
                                              Request("h1", "k2", "Ben"),  // spent just now
                                              Request("zz", "k3", "Ben"),  // unknown
                                              Request("h2", "k4", "Ben"),  // revoked
                                              Request("h2b", "k5", "Cy")});
  ASSERT_TRUE(outcomes.ok()) << outcomes.error().ToString();
  EXPECT_EQ(*outcomes, (std::vector<CastOutcome>{CastOutcome::kAccepted, CastOutcome::kSpent,
                                                 CastOutcome::kUnknown, CastOutcome::kRevoked,
                                                 CastOutcome::kAccepted}));
  const auto ballots = Ballots(*store, "leader");
  ASSERT_EQ(ballots.size(), 2u);
  EXPECT_EQ(ballots[0].key, "k1");
  EXPECT_EQ(ballots[0].section, "members");  // from the register
  EXPECT_EQ(ballots[0].preferences, "Ada\nBen");
  EXPECT_EQ(ballots[1].section, "supporters");
  EXPECT_EQ(store->FindCredential("leader-2016", "h1")->state, CredentialState::kSpent);
  // Spent: cannot be reissued, nor cast again.
  EXPECT_EQ(
      store->ReissueCredential("leader-2016", {"h1c", "1", "online"}, Event(5)).error().code(),
      util::ErrorCode::kConflict);
  EXPECT_EQ(*store->Cast("leader-2016", {Request("h1", "k6", "Ben")}),
            std::vector<CastOutcome>{CastOutcome::kSpent});
  const auto returns = store->CountBallots("leader-2016");
  ASSERT_EQ(returns->size(), 2u);
  EXPECT_EQ((*returns)[0].section, "members");
  EXPECT_EQ((*returns)[0].ballots, 1);
  // Only the accepted are in the log, chained in order.
  const auto log = store->ReadAudit("leader-2016");
  ASSERT_EQ(log->size(), 6u);
  EXPECT_EQ((*log)[4].detail, "tracking Tk1");
  EXPECT_EQ((*log)[5].detail, "tracking Tk5");
  EXPECT_EQ((*log)[5].prev_hash, (*log)[4].hash);
}

TEST_P(StoreTest, ForgettingArrivalsKeepsEveryBallotAndCredential) {
  auto store = ElectionWithVoters();
  ASSERT_TRUE(store
                  ->IssueCredentials("leader-2016", {{"h1", "1", "online"}, {"h2", "3", "online"}},
                                     Event(3, "issue"))
                  .ok());
  ASSERT_TRUE(store->Cast("leader-2016", {Request("h1", "k2", "Ada\nBen")}).ok());
  ASSERT_TRUE(store->Cast("leader-2016", {Request("h2", "k1", "Cy")}).ok());
  ASSERT_TRUE(store->ForgetArrivals("leader-2016").ok());
  const auto ballots = Ballots(*store, "leader");
  ASSERT_EQ(ballots.size(), 2u);
  EXPECT_EQ(ballots[0].key, "k1");
  EXPECT_EQ(ballots[0].preferences, "Cy");
  EXPECT_EQ(ballots[1].preferences, "Ada\nBen");
  EXPECT_EQ(store->FindCredential("leader-2016", "h1")->state, CredentialState::kSpent);
  EXPECT_EQ(store->FindCredential("leader-2016", "h2")->state, CredentialState::kSpent);
  EXPECT_EQ(store->ReadAudit("leader-2016")->size(), 5u);
}

// Reminders go to those holding a live, unused code: not to 1 (voted), nor 2 (no code); to 3,
// whose first code was revoked on reissue but whose second is unused.
TEST_P(StoreTest, TheVotersNotYetVotedAreThoseWithALiveUnusedCode) {
  auto store = ElectionWithVoters();
  ASSERT_TRUE(store
                  ->IssueCredentials("leader-2016", {{"h1", "1", "online"}, {"h2", "3", "online"}},
                                     Event(3, "issue"))
                  .ok());
  ASSERT_TRUE(store->ReissueCredential("leader-2016", {"h2b", "3", "online"}, Event(4)).ok());
  ASSERT_TRUE(store->Cast("leader-2016", {Request("h1", "k1", "Ada")}).ok());
  std::vector<std::string> numbers;
  ASSERT_TRUE(store
                  ->ForEachVoterNotVoted("leader-2016",
                                         [&](const VoterRecord& voter) {
                                           numbers.push_back(voter.number);
                                           return true;
                                         })
                  .ok());
  EXPECT_EQ(numbers, std::vector<std::string>{"3"});
}

TEST_P(StoreTest, ABatchThatFailsStoresNothing) {
  auto store = ElectionWithVoters();
  ASSERT_TRUE(store
                  ->IssueCredentials("leader-2016", {{"h1", "1", "online"}, {"h2", "2", "online"}},
                                     Event(3, "issue"))
                  .ok());
  // Two ballots with one key: the second cannot be stored, so neither is.
  const auto failed =
      store->Cast("leader-2016", {Request("h1", "k1", "Ada"), Request("h2", "k1", "Ben")});
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code(), util::ErrorCode::kConflict);
  EXPECT_TRUE(Ballots(*store, "leader").empty());
  EXPECT_EQ(store->FindCredential("leader-2016", "h1")->state, CredentialState::kIssued);
  EXPECT_EQ(store->ReadAudit("leader-2016")->size(), 3u);
  // The store goes on working: the same requests with their own keys are cast.
  EXPECT_EQ(*store->Cast("leader-2016", {Request("h1", "k1", "Ada"), Request("h2", "k2", "Ben")}),
            (std::vector<CastOutcome>{CastOutcome::kAccepted, CastOutcome::kAccepted}));
}

// 1,000 voters in four sections, each casting in one batch: every ballot is stored, in key
// order, and counted in its voter's section (250 each); the log chains all 1,000.
TEST_P(StoreTest, AThousandBallotsInOneBatchAreStoredAndCountedBySection) {
  auto store = Open();
  ASSERT_TRUE(store->CreateElection(Leader(), Event(1, "created")).ok());
  const std::vector<std::string> sections{"east", "north", "south", "west"};
  std::vector<VoterRecord> voters;
  std::vector<CredentialRecord> credentials;
  std::vector<CastRequest> requests;
  for (int i = 0; i < 1000; ++i) {
    const std::string number = std::to_string(100000 + i);
    const std::string code_hash = std::string("h").append(number);
    // Keys in an order unlike the voters'.
    const std::string key = std::string("k").append(std::to_string((i * 7919) % 1000 + 1000));
    voters.push_back(Voter(number, sections[static_cast<size_t>(i % 4)]));
    credentials.push_back({code_hash, number, "online"});
    requests.push_back(Request(code_hash, key, "A"));
  }
  ASSERT_TRUE(
      store->UpsertVoters("leader-2016", voters, ReplaceRegister::kYes, Event(2, "register")).ok());
  ASSERT_TRUE(store->IssueCredentials("leader-2016", credentials, Event(3, "issue")).ok());
  const auto outcomes = store->Cast("leader-2016", requests);
  ASSERT_TRUE(outcomes.ok()) << outcomes.error().ToString();
  EXPECT_EQ(*outcomes, std::vector<CastOutcome>(1000, CastOutcome::kAccepted));
  const auto returns = store->CountBallots("leader-2016");
  ASSERT_TRUE(returns.ok());
  ASSERT_EQ(returns->size(), 4u);
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ((*returns)[i].section, sections[i]);
    EXPECT_EQ((*returns)[i].ballots, 250);
  }
  const auto ballots = Ballots(*store, "leader");
  ASSERT_EQ(ballots.size(), 1000u);
  EXPECT_EQ(ballots.front().key, "k1000");
  EXPECT_EQ(ballots.back().key, "k1999");
  const auto log = store->ReadAudit("leader-2016");
  ASSERT_EQ(log->size(), 1003u);
  EXPECT_EQ(log->back().seq, 1003);
  EXPECT_EQ((*log)[1002].prev_hash, (*log)[1001].hash);
  EXPECT_EQ(store->CountCredentials("leader-2016")->at({"west", CredentialState::kSpent}), 250);
}

// How many entries the election's log holds: a refused change adds none.
size_t LogLength(const Store& store) {
  auto log = store.ReadAudit("leader-2016");
  EXPECT_TRUE(log.ok()) << log.error().ToString();
  return log.ok() ? log->size() : 0;
}

// Expects `status` to be refused with `code` and a message holding `problem`.
void ExpectRefused(const util::Status& status, util::ErrorCode code, const std::string& problem) {
  ASSERT_FALSE(status.ok()) << "expected a refusal: " << problem;
  EXPECT_EQ(status.error().code(), code) << status.error().ToString();
  EXPECT_NE(status.error().ToString().find(problem), std::string::npos)
      << status.error().ToString();
}

// The contest "leader" with a body of three: n1, n2 and n3.
std::unique_ptr<Store> StoreWithBody(std::unique_ptr<Store> store) {
  EXPECT_TRUE(store->CreateElection(Leader(), Event(1, "created")).ok());
  const util::Status set = store->SetNominators(
      "leader-2016", "leader", {{"n1", "Ann"}, {"n2", "Bob"}, {"n3", "Cat"}}, Event(2, "body"));
  EXPECT_TRUE(set.ok()) << set.error().ToString();
  return store;
}

TEST_P(StoreTest, TheNominatingBodyNominatesOnceEach) {
  auto store = StoreWithBody(Open());
  // Replaced while no one has nominated: n3 is no longer of the body, n4 is.
  ASSERT_TRUE(store
                  ->SetNominators("leader-2016", "leader",
                                  {{"n1", "Ann"}, {"n2", "Bob"}, {"n4", "Dee"}}, Event(3, "body"))
                  .ok());
  ASSERT_TRUE(store->Nominate("leader-2016", "leader", "n1", "Zed", Event(4, "nominate")).ok());
  ASSERT_TRUE(store->Nominate("leader-2016", "leader", "n4", "Amy", Event(5, "nominate")).ok());
  EXPECT_EQ(LogLength(*store), 5u);
  ExpectRefused(store->Nominate("leader-2016", "leader", "n3", "Amy", Event(6, "nominate")),
                util::ErrorCode::kNotFound,
                "'n3' is not of the nominating body of contest 'leader'");
  // Of the body of another contest only.
  ExpectRefused(store->Nominate("leader-2016", "deputy", "n1", "Amy", Event(7, "nominate")),
                util::ErrorCode::kNotFound,
                "'n1' is not of the nominating body of contest 'deputy'");
  ExpectRefused(store->Nominate("leader-2016", "leader", "n1", "Amy", Event(8, "nominate")),
                util::ErrorCode::kConflict, "'n1' has nominated already in contest 'leader'");
  ExpectRefused(
      store->SetNominators("leader-2016", "leader", {{"n9", "Ivy"}}, Event(9, "body")),
      util::ErrorCode::kConflict,
      "the nominating body of contest 'leader' cannot change: nominations have been made");
  EXPECT_EQ(LogLength(*store), 5u);
  // The body is as it was: n2 may still nominate.
  ASSERT_TRUE(store->Nominate("leader-2016", "leader", "n2", "Zed", Event(10, "nominate")).ok());
  EXPECT_EQ(LogLength(*store), 6u);
  EXPECT_EQ(store->ReadAudit("leader-2016")->back().kind, "nominate");
  EXPECT_EQ(store->SetNominators("deputy", "leader", {}, Event(11, "body")).error().code(),
            util::ErrorCode::kNotFound);
}

TEST_P(StoreTest, AWithdrawalIsFinal) {
  auto store = StoreWithBody(Open());
  ASSERT_TRUE(store->SetCandidacy("leader-2016", "leader", "Amy", false, Event(3, "consent")).ok());
  // Consenting again changes nothing but is logged.
  ASSERT_TRUE(store->SetCandidacy("leader-2016", "leader", "Amy", false, Event(4, "consent")).ok());
  ASSERT_TRUE(store->SetCandidacy("leader-2016", "leader", "Amy", true, Event(5, "withdraw")).ok());
  // Withdrawing without having consented.
  ASSERT_TRUE(store->SetCandidacy("leader-2016", "leader", "Bob", true, Event(6, "withdraw")).ok());
  EXPECT_EQ(LogLength(*store), 6u);
  ExpectRefused(store->SetCandidacy("leader-2016", "leader", "Amy", false, Event(7, "consent")),
                util::ErrorCode::kConflict, "'Amy' has withdrawn from contest 'leader'");
  ExpectRefused(store->SetCandidacy("leader-2016", "leader", "Bob", false, Event(8, "consent")),
                util::ErrorCode::kConflict, "'Bob' has withdrawn from contest 'leader'");
  EXPECT_EQ(LogLength(*store), 6u);
  const std::vector<NominationCount> expected{{"Amy", 0, false, true}, {"Bob", 0, false, true}};
  EXPECT_EQ(*store->CountNominations("leader-2016", "leader"), expected);
}

TEST_P(StoreTest, NominationsAreCountedByCandidateInByteOrder) {
  auto store = StoreWithBody(Open());
  EXPECT_TRUE(store->CountNominations("leader-2016", "leader")->empty());
  ASSERT_TRUE(store->Nominate("leader-2016", "leader", "n1", "Zed", Event(3, "nominate")).ok());
  ASSERT_TRUE(store->Nominate("leader-2016", "leader", "n2", "Amy", Event(4, "nominate")).ok());
  ASSERT_TRUE(store->Nominate("leader-2016", "leader", "n3", "Zed", Event(5, "nominate")).ok());
  ASSERT_TRUE(store->SetCandidacy("leader-2016", "leader", "Zed", false, Event(6, "consent")).ok());
  // Consenting or withdrawn without a nomination.
  ASSERT_TRUE(store->SetCandidacy("leader-2016", "leader", "amy", false, Event(7, "consent")).ok());
  ASSERT_TRUE(store->SetCandidacy("leader-2016", "leader", "Bob", true, Event(8, "withdraw")).ok());
  // Another contest's are not counted.
  ASSERT_TRUE(
      store->SetNominators("leader-2016", "deputy", {{"n1", "Ann"}}, Event(9, "body")).ok());
  ASSERT_TRUE(store->Nominate("leader-2016", "deputy", "n1", "Amy", Event(10, "nominate")).ok());
  ASSERT_TRUE(store->SetCandidacy("leader-2016", "deputy", "Cy", false, Event(11, "consent")).ok());
  const auto counts = store->CountNominations("leader-2016", "leader");
  ASSERT_TRUE(counts.ok()) << counts.error().ToString();
  // "Amy" < "Bob" < "Zed" < "amy" byte by byte.
  const std::vector<NominationCount> expected{{"Amy", 1, false, false},
                                              {"Bob", 0, false, true},
                                              {"Zed", 2, true, false},
                                              {"amy", 0, true, false}};
  EXPECT_EQ(*counts, expected);
  const std::vector<NominationCount> deputy{{"Amy", 1, false, false}, {"Cy", 0, true, false}};
  EXPECT_EQ(*store->CountNominations("leader-2016", "deputy"), deputy);
}

TEST_P(StoreTest, TheBallotPaperIsFixedOnce) {
  auto store = StoreWithBody(Open());
  const auto before = store->BallotPaper("leader-2016", "leader");
  ASSERT_TRUE(before.ok()) << before.error().ToString();
  EXPECT_EQ(*before, std::nullopt);
  ASSERT_TRUE(
      store->FixBallotPaper("leader-2016", "leader", {"Zed", "Amy", "Bob"}, Event(3, "paper"))
          .ok());
  EXPECT_EQ(LogLength(*store), 3u);
  ExpectRefused(store->FixBallotPaper("leader-2016", "leader", {"Amy"}, Event(4, "paper")),
                util::ErrorCode::kConflict,
                "the ballot paper of contest 'leader' is fixed already");
  EXPECT_EQ(LogLength(*store), 3u);
  const auto paper = store->BallotPaper("leader-2016", "leader");
  ASSERT_TRUE(paper.ok()) << paper.error().ToString();
  EXPECT_EQ(*paper, std::optional<std::vector<std::string>>({"Zed", "Amy", "Bob"}));
  EXPECT_EQ(*store->BallotPaper("leader-2016", "deputy"), std::nullopt);
}

TEST_P(StoreTest, EliminatingBallotsAreRecordedInOrderEachOnce) {
  auto store = StoreWithBody(Open());
  const auto none = store->EliminatingBallots("leader-2016", "leader");
  ASSERT_TRUE(none.ok()) << none.error().ToString();
  EXPECT_TRUE(none->empty());
  ASSERT_TRUE(store->RecordEliminatingBallot("leader-2016", "leader", 1, "first \"one\"\n",
                                             Event(3, "ballot 1"))
                  .ok());
  ExpectRefused(
      store->RecordEliminatingBallot("leader-2016", "leader", 1, "again", Event(4, "ballot 1")),
      util::ErrorCode::kConflict,
      "contest 'leader' has 1 eliminating ballots recorded, so ballot 1 cannot be recorded now");
  ExpectRefused(
      store->RecordEliminatingBallot("leader-2016", "leader", 3, "skips", Event(4, "ballot 3")),
      util::ErrorCode::kConflict,
      "contest 'leader' has 1 eliminating ballots recorded, so ballot 3 cannot be recorded now");
  EXPECT_EQ(LogLength(*store), 3u);
  ASSERT_TRUE(
      store->RecordEliminatingBallot("leader-2016", "leader", 2, "second", Event(5, "ballot 2"))
          .ok());
  ASSERT_TRUE(
      store->RecordEliminatingBallot("leader-2016", "deputy", 1, "other", Event(6, "ballot 1"))
          .ok());
  EXPECT_EQ(LogLength(*store), 5u);
  EXPECT_EQ(*store->EliminatingBallots("leader-2016", "leader"),
            (std::vector<std::string>{"first \"one\"\n", "second"}));
  EXPECT_EQ(*store->EliminatingBallots("leader-2016", "deputy"), (std::vector<std::string>{"other"}));
  ExpectRefused(store->RecordEliminatingBallot("no-such", "leader", 1, "x", Event(7, "ballot 1")),
                util::ErrorCode::kNotFound, "");
}

TEST_P(StoreTest, AccountsAreAddedReplacedAndListed) {
  auto store = Open();
  EXPECT_EQ(store->GetAccount("ro").error().code(), util::ErrorCode::kNotFound);
  const AccountRecord ro{"ro", "returning_officer", "$argon2id$x", false, 10};
  ASSERT_TRUE(store->PutAccount(ro).ok());
  ASSERT_TRUE(store->PutAccount({"adm", "administrator", "$argon2id$y", false, 11}).ok());
  EXPECT_EQ(*store->GetAccount("ro"), ro);
  const AccountRecord disabled{"ro", "observer", "$argon2id$z", true, 12};
  ASSERT_TRUE(store->PutAccount(disabled).ok());
  EXPECT_EQ(*store->GetAccount("ro"), disabled);
  const auto all = store->ListAccounts();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].name, "adm");
  // A role outside the three is refused by the store itself.
  EXPECT_FALSE(store->PutAccount({"x", "king", "$argon2id$w", false, 13}).ok());
}

TEST_P(StoreTest, SessionsBelongToAccountsAndEnd) {
  auto store = Open();
  ASSERT_TRUE(store->PutAccount({"ro", "returning_officer", "$argon2id$x", false, 10}).ok());
  ASSERT_TRUE(store->PutAccount({"ob", "observer", "$argon2id$y", false, 10}).ok());
  EXPECT_EQ(store->PutSession({"t0", "nobody", "c0", 100}).error().code(),
            util::ErrorCode::kNotFound);
  const SessionRecord first{"t1", "ro", "c1", 100};
  ASSERT_TRUE(store->PutSession(first).ok());
  ASSERT_TRUE(store->PutSession({"t2", "ro", "c2", 200}).ok());
  ASSERT_TRUE(store->PutSession({"t3", "ob", "c3", 300}).ok());
  EXPECT_EQ(*store->GetSession("t1"), first);
  EXPECT_FALSE(store->PutSession({"t1", "ob", "c9", 900}).ok());  // a token is used once
  // At 150: t1 has expired and goes; ending t3 by its token leaves t2.
  ASSERT_TRUE(store->EndSessions("t3", "", 150).ok());
  EXPECT_EQ(store->GetSession("t1").error().code(), util::ErrorCode::kNotFound);
  EXPECT_EQ(store->GetSession("t3").error().code(), util::ErrorCode::kNotFound);
  EXPECT_TRUE(store->GetSession("t2").ok());
  ASSERT_TRUE(store->EndSessions("", "ro", 150).ok());  // every session of ro
  EXPECT_EQ(store->GetSession("t2").error().code(), util::ErrorCode::kNotFound);
}

std::string BackendName(const ::testing::TestParamInfo<Backend>& backend) {
  return backend.param == Backend::kSqlite ? "sqlite" : "postgres";
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), BackendName);

}  // namespace
}  // namespace scrutineer::store
