#include "election/vote.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "crypto/voting_code.h"
#include "election/count.h"
#include "election/credentials.h"
#include "election/postal.h"
#include "election/register.h"

namespace scrutineer::election {
namespace {

constexpr int64_t kBallotOpen = 1'471'852'800;   // 2016-08-22T09:00:00+01:00
constexpr int64_t kBallotClose = 1'474'455'600;  // 2016-09-21T12:00:00+01:00

constexpr const char* kDefinition = R"(
id = "leader-2016"
title = "Leader 2016"
[timetable]
time_zone = "Europe/London"
nominations_open = 2016-07-18T19:00:00+01:00
nominations_close = 2016-07-20T17:00:00+01:00
ballot_open = 2016-08-22T09:00:00+01:00
ballot_close = 2016-09-21T12:00:00+01:00
[[sections]]
id = "members"
[[sections]]
id = "supporters"
[[contests]]
id = "leader"
title = "Leader"
method = "irv"
candidates = ["Jeremy Corbyn", "Owen Smith"]
)";

// An open election with three voters (two members, one supporter without an email) and
// their codes, in register order.
struct Open {
  std::unique_ptr<store::Store> store;
  Election election;
  std::string key = crypto::NewCodeKey();
  std::vector<IssuedCredential> codes;
};

Open OpenElection(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("scrutineer-vote-" + std::to_string(getpid()) + "-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  Open open;
  open.store = std::move(OpenElectionStore((dir / "election.db").string()).value());
  EXPECT_TRUE(CreateElection(*open.store, kDefinition, "election.toml", 0).ok());
  std::ofstream(dir / "register.csv") << "number,section,joined,email\n"
                                         "M1,members,2015-01-01,m1@example.org\n"
                                         "M2,members,2015-01-01,m2@example.org\n"
                                         "S1,supporters,2016-07-19,\n";
  EXPECT_TRUE(ImportRegister(*open.store, "leader-2016", (dir / "register.csv").string(), 1).ok());
  for (auto state : {core::ElectionState::kNominations, core::ElectionState::kBallotOpen}) {
    EXPECT_TRUE(AdvanceElection(*open.store, "leader-2016", state, kBallotOpen).ok());
  }
  auto codes = IssueCredentials(*open.store, "leader-2016", open.key, kBallotOpen);
  EXPECT_TRUE(codes.ok()) << codes.error().ToString();
  open.codes = std::move(codes.value());
  open.election = std::move(LoadElection(*open.store, "leader-2016").value());
  return open;
}

BallotPaper Paper(const std::string& code, std::vector<std::string> preferences) {
  return {code, {{"leader", std::move(preferences)}}};
}

TEST(VoteTest, EachCodeCastsOneBallotAndEveryRefusalSaysWhy) {
  Open open = OpenElection("cast");
  ASSERT_EQ(open.codes.size(), 3u);
  EXPECT_EQ(open.codes[2].channel, "postal");  // S1 has no email address
  auto reissued = ReissueCredential(*open.store, "leader-2016", open.key, "M2", kBallotOpen + 5);
  ASSERT_TRUE(reissued.ok()) << reissued.error().ToString();
  std::string mistyped = open.codes[2].code;
  mistyped[0] = mistyped[0] == 'A' ? 'B' : 'A';
  const std::vector<BallotPaper> papers{
      Paper(open.codes[0].code, {"Jeremy Corbyn", "Owen Smith"}),  // accepted
      Paper(open.codes[0].code, {"Owen Smith"}),                   // spent in this batch
      Paper(open.codes[1].code, {"Owen Smith"}),                   // revoked by the reissue
      Paper(reissued->code, {"Owen Smith"}),                       // accepted
      Paper(mistyped, {"Owen Smith"}),                             // mistyped
      Paper(crypto::NewVotingCode(), {"Owen Smith"}),              // never issued here
      Paper(open.codes[2].code, {"Angela Eagle"}),                 // not a candidate
      Paper(open.codes[2].code, {"Owen Smith", "Owen Smith"}),     // marked twice
      Paper(open.codes[2].code, {}),                               // a blank ballot: accepted
  };
  auto outcomes = CastBallots(*open.store, open.election, open.key, papers, "online",
                              kBallotOpen + 3600 * 5 + 17);
  ASSERT_TRUE(outcomes.ok()) << outcomes.error().ToString();
  const std::vector<std::string> refusals{
      "",
      "this voting code has been used: its ballot is cast",
      "this voting code was replaced by a reissued one",
      "",
      "the voting code is mistyped: its check characters do not match",
      "this voting code was not issued for this election",
      "'Angela Eagle' is not a candidate in contest 'leader'",
      "'Owen Smith' is marked twice in contest 'leader'",
      ""};
  const std::vector<Refusal> kinds{
      Refusal::kNone,          Refusal::kSpentCode,     Refusal::kRevokedCode,
      Refusal::kNone,          Refusal::kMistypedCode,  Refusal::kUnknownCode,
      Refusal::kInvalidChoice, Refusal::kInvalidChoice, Refusal::kNone};
  for (size_t i = 0; i < papers.size(); ++i) {
    EXPECT_EQ((*outcomes)[i].refusal, refusals[i]) << "paper " << i;
    EXPECT_EQ((*outcomes)[i].kind, kinds[i]) << "paper " << i;
    EXPECT_EQ((*outcomes)[i].accepted, refusals[i].empty()) << "paper " << i;
    EXPECT_EQ((*outcomes)[i].tracking_code.empty(), !refusals[i].empty()) << "paper " << i;
  }
  std::vector<store::BallotRecord> stored;
  ASSERT_TRUE(open.store
                  ->ForEachBallot("leader-2016", "leader",
                                  [&](const store::BallotRecord& b) {
                                    stored.push_back(b);
                                    return true;
                                  })
                  .ok());
  ASSERT_EQ(stored.size(), 3u);
  std::multiset<std::string> contents;
  for (const auto& ballot : stored) {
    contents.insert(ballot.section + ":" + ballot.preferences);
  }
  EXPECT_EQ(contents, (std::multiset<std::string>{"members:Jeremy Corbyn\nOwen Smith",
                                                  "members:Owen Smith", "supporters:"}));
  // The log has each acceptance by tracking code, at the hour, and never a voter's number.
  const auto log = open.store->ReadAudit("leader-2016");
  ASSERT_TRUE(log.ok());
  int accepted = 0;
  for (const store::AuditEntry& entry : *log) {
    if (entry.kind == "ballot accepted") {
      ++accepted;
      EXPECT_EQ(entry.at, kBallotOpen + 3600 * 5);
      EXPECT_EQ(entry.detail.find("M1"), std::string::npos);
    }
  }
  EXPECT_EQ(accepted, 3);
  EXPECT_TRUE(VerifyAudit(*open.store, "leader-2016").ok());
}

// Two elections in one store, their codes issued with the same key: a code of one is refused
// by the other, and spends nothing in either.
TEST(VoteTest, ACodeOfAnotherElectionIsRefused) {
  Open open = OpenElection("other");
  std::string other(kDefinition);
  other.replace(other.find("leader-2016"), 11, "deputy-2016");
  ASSERT_TRUE(CreateElection(*open.store, other, "deputy.toml", 0).ok());
  const auto dir = std::filesystem::temp_directory_path() /
                   ("scrutineer-vote-" + std::to_string(getpid()) + "-other");
  std::ofstream(dir / "deputy.csv") << "number,section,joined,email\nM1,members,2015-01-01,m@x\n";
  ASSERT_TRUE(ImportRegister(*open.store, "deputy-2016", (dir / "deputy.csv").string(), 1).ok());
  for (auto state : {core::ElectionState::kNominations, core::ElectionState::kBallotOpen}) {
    ASSERT_TRUE(AdvanceElection(*open.store, "deputy-2016", state, kBallotOpen).ok());
  }
  auto deputy_codes = IssueCredentials(*open.store, "deputy-2016", open.key, kBallotOpen);
  ASSERT_TRUE(deputy_codes.ok());
  auto outcomes =
      CastBallots(*open.store, open.election, open.key,
                  {Paper(deputy_codes->front().code, {"Owen Smith"})}, "online", kBallotOpen + 60);
  ASSERT_TRUE(outcomes.ok());
  EXPECT_EQ(outcomes->front().refusal, "this voting code was not issued for this election");
  auto deputy = LoadElection(*open.store, "deputy-2016");
  auto cast = CastBallots(*open.store, *deputy, open.key,
                          {Paper(deputy_codes->front().code, {"Owen Smith"})}, "online",
                          kBallotOpen + 61);
  ASSERT_TRUE(cast.ok());
  EXPECT_TRUE(cast->front().accepted) << cast->front().refusal;  // still unspent in its own
  EXPECT_EQ(open.store->CountBallots("leader-2016")->size(), 0u);
}

TEST(VoteTest, NothingIsCastOutsideTheBallotsOpening) {
  Open open = OpenElection("closed");
  const std::vector<BallotPaper> paper{Paper(open.codes[0].code, {"Owen Smith"})};
  const auto late =
      CastBallots(*open.store, open.election, open.key, paper, "online", kBallotClose);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().ToString(),
            "leader-2016: ballots are accepted from 2016-08-22T08:00:00Z until "
            "2016-09-21T11:00:00Z; it is now 2016-09-21T11:00:00Z");
  ASSERT_TRUE(
      AdvanceElection(*open.store, "leader-2016", core::ElectionState::kClosed, kBallotClose).ok());
  auto closed = LoadElection(*open.store, "leader-2016");
  EXPECT_EQ(
      CastBallots(*open.store, *closed, open.key, paper, "online", kBallotOpen + 1).error().code(),
      util::ErrorCode::kConflict);
  EXPECT_EQ(open.store
                ->FindCredential("leader-2016",
                                 crypto::VotingCodeHash(
                                     *crypto::NormalizeVotingCode(open.codes[0].code), open.key))
                ->state,
            store::CredentialState::kIssued);
}

TEST(VoteTest, CredentialsAreIssuedOnceAndExportedForMailing) {
  Open open = OpenElection("issue");
  EXPECT_EQ(IssueCredentials(*open.store, "leader-2016", open.key, kBallotOpen).error().code(),
            util::ErrorCode::kConflict);
  const std::string csv = CredentialsCsv(open.codes);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "membership_number,name,email,address,section,channel,code");
  EXPECT_NE(csv.find("S1,,,,supporters,postal," + open.codes[2].code), std::string::npos);
}

TEST(VoteTest, PostalPapersAreImportedWithTheSameChecks) {
  Open open = OpenElection("postal");
  const auto dir = std::filesystem::temp_directory_path() /
                   ("scrutineer-vote-" + std::to_string(getpid()) + "-postal");
  // Line 2: S1's paper, Smith then Corbyn. Line 3: M1's code, an unknown name. Line 4: S1's
  // code again. Line 5: a blank paper with M2's code.
  std::ofstream(dir / "postal.csv") << "code,rank1,rank2\n"
                                    << open.codes[2].code << ",Owen Smith,Jeremy Corbyn\n"
                                    << open.codes[0].code << ",Angela Eagle,\n"
                                    << open.codes[2].code << ",Owen Smith,\n"
                                    << open.codes[1].code << ",,\n";
  auto outcomes = ImportPostal(*open.store, open.election, open.key, (dir / "postal.csv").string(),
                               kBallotOpen + 60);
  ASSERT_TRUE(outcomes.ok()) << outcomes.error().ToString();
  ASSERT_EQ(outcomes->size(), 4u);
  EXPECT_TRUE((*outcomes)[0].outcome.accepted);
  EXPECT_EQ((*outcomes)[1].outcome.refusal,
            "'Angela Eagle' is not a candidate in contest 'leader'");
  EXPECT_EQ((*outcomes)[2].outcome.refusal, "this voting code has been used: its ballot is cast");
  EXPECT_TRUE((*outcomes)[3].outcome.accepted);
  const std::string csv = PostalOutcomesCsv(*outcomes);
  EXPECT_NE(csv.find("3,refused,,'Angela Eagle' is not a candidate in contest 'leader'\n"),
            std::string::npos)
      << csv;
  const auto returns = open.store->CountBallots("leader-2016");
  ASSERT_EQ(returns->size(), 2u);
  EXPECT_EQ((*returns)[0].channel, "postal");
  // A file without a code column casts nothing.
  std::ofstream(dir / "bad.csv") << "rank1\nOwen Smith\n";
  EXPECT_FALSE(
      ImportPostal(*open.store, open.election, open.key, (dir / "bad.csv").string(), kBallotOpen)
          .ok());
  EXPECT_EQ(open.store->CountBallots("leader-2016")->size(), 2u);
}

TEST(VoteTest, AMotionOfASmallBodyReportsForAgainstSpoiltAndNotVoting) {
  // The PLP's motion of no confidence, 28 June 2016 (../shared/research/leadership-elections.md):
  // 229 MPs; 172 for, 40 against, 4 spoilt, 13 did not vote. Here the spoilt papers come by
  // post marked both ways; the motion needs more than half of the 212 votes cast: 107.
  const auto dir = std::filesystem::temp_directory_path() /
                   ("scrutineer-vote-" + std::to_string(getpid()) + "-motion");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto store = std::move(OpenElectionStore((dir / "e.db").string()).value());
  const std::string definition = R"(
id = "plp-2016"
title = "PLP motion of no confidence"
[timetable]
time_zone = "Europe/London"
nominations_open = 2016-06-27T09:00:00+01:00
nominations_close = 2016-06-27T10:00:00+01:00
ballot_open = 2016-06-28T10:00:00+01:00
ballot_close = 2016-06-28T16:00:00+01:00
[[sections]]
id = "mps"
[[contests]]
id = "confidence"
title = "That this PLP has no confidence in the Leader"
method = "motion"
candidates = ["For", "Against"]
)";
  ASSERT_TRUE(CreateElection(*store, definition, "plp.toml", 0).ok());
  std::ofstream reg(dir / "mps.csv");
  reg << "number,section,joined\n";
  for (int i = 1; i <= 229; ++i) {
    reg << "MP" << i << ",mps,2010-05-06\n";
  }
  reg.close();
  ASSERT_TRUE(ImportRegister(*store, "plp-2016", (dir / "mps.csv").string(), 0).ok());
  const int64_t open = 1'467'104'400;   // 2016-06-28T10:00:00+01:00
  const int64_t close = 1'467'126'000;  // 2016-06-28T16:00:00+01:00
  ASSERT_TRUE(AdvanceElection(*store, "plp-2016", core::ElectionState::kNominations, open).ok());
  ASSERT_TRUE(AdvanceElection(*store, "plp-2016", core::ElectionState::kBallotOpen, open).ok());
  const std::string key = crypto::NewCodeKey();
  auto codes = IssueCredentials(*store, "plp-2016", key, open);
  ASSERT_TRUE(codes.ok());
  auto election = LoadElection(*store, "plp-2016");
  std::vector<BallotPaper> online;
  std::vector<BallotPaper> postal;
  for (size_t i = 0; i < 216; ++i) {  // 13 do not vote
    const std::vector<std::string> marks = i < 172   ? std::vector<std::string>{"For"}
                                           : i < 212 ? std::vector<std::string>{"Against"}
                                                     : std::vector<std::string>{"For", "Against"};
    (i < 212 ? online : postal).push_back({(*codes)[i].code, {{"confidence", marks}}});
  }
  // Marked both ways online is refused; by post it is cast, and spoilt at the count.
  auto refused = CastBallots(*store, *election, key, {postal.front()}, "online", open + 60);
  EXPECT_EQ(refused->front().refusal, "contest 'confidence' allows at most 1 marks");
  ASSERT_TRUE(CastBallots(*store, *election, key, online, "online", open + 60).ok());
  auto posted = CastBallots(*store, *election, key, postal, "postal", open + 120);
  ASSERT_TRUE(posted.ok());
  EXPECT_TRUE(posted->back().accepted);
  ASSERT_TRUE(AdvanceElection(*store, "plp-2016", core::ElectionState::kClosed, close).ok());
  auto closed = LoadElection(*store, "plp-2016");
  auto counted = CountContest(*store, *closed, "confidence");
  ASSERT_TRUE(counted.ok()) << counted.error().ToString();
  const count::MotionOutcome& motion = *counted->result.motion;
  EXPECT_EQ(motion.votes_for, core::Votes::FromUnits(172));
  EXPECT_EQ(motion.votes_against, core::Votes::FromUnits(40));
  EXPECT_EQ(motion.spoilt, 4);
  EXPECT_EQ(motion.needed, core::Votes::FromUnits(107));
  EXPECT_TRUE(motion.carried);
  const report::Declaration declaration = DeclarationOf(*counted, closed->definition);
  EXPECT_EQ(declaration.NotVoting(), 13);
  const std::string text = report::WriteText(declaration);
  EXPECT_NE(text.find("\n  Not voting                          13\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\n  Spoilt                               4\n"), std::string::npos) << text;
  EXPECT_NE(text.find("The motion is carried."), std::string::npos) << text;
}

}  // namespace
}  // namespace scrutineer::election
