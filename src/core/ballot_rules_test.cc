#include "core/ballot_rules.h"

#include <gtest/gtest.h>

#include <string>

namespace scrutineer::core {
namespace {

// Marks from a compact pattern: '-' empty, '#' overvote, '?' unknown name, a letter a candidate
// (a = 0, b = 1, ...).
std::vector<Mark> MarksOf(std::string_view pattern) {
  std::vector<Mark> marks;
  for (char c : pattern) {
    if (c == '-') {
      marks.push_back({MarkKind::kEmpty, {}});
    } else if (c == '#') {
      marks.push_back({MarkKind::kOvervote, {}});
    } else if (c == '?') {
      marks.push_back({MarkKind::kUnknown, {}});
    } else {
      marks.push_back({MarkKind::kCandidate, CandidateId(static_cast<uint16_t>(c - 'a'))});
    }
  }
  return marks;
}

struct Read {
  Verdict verdict;
  std::string ranking;  // candidates as letters
};

Read ReadPattern(std::string_view pattern, const BallotRules& rules, size_t ranks_allowed = 0) {
  std::vector<CandidateId> ranking;
  std::vector<uint8_t> seen(26, 0);
  Read read;
  read.verdict = ReadRanking(MarksOf(pattern), rules, ranks_allowed, ranking, seen);
  for (CandidateId c : ranking) {
    read.ranking += static_cast<char>('a' + c.value);
  }
  for (uint8_t s : seen) {
    EXPECT_EQ(s, 0) << "the scratch must be left clear";
  }
  return read;
}

BallotRules Sb1288Rules() {
  BallotRules rules;
  rules.skipped_rank = Treatment::kSkip;
  rules.repeated_candidate = Treatment::kSkip;
  rules.overvote = Treatment::kStop;
  return rules;
}

// The 34 three-rank patterns worked in the SB 1288 reference implementation's notes
// (tests/test_irv/notes-irv-005.txt): '-' skipped, '#' overvote, t and 1 candidates. The
// expected column gives what the ballot counts for first, then once t is out: a candidate,
// 'a' (abstention: out of preferences) or 'o' (overvote).
TEST(BallotRulesTest, Sb1288SkipsGapsAndRepeatsButStopsAtOvervotes) {
  const std::pair<const char*, const char*> cases[] = {
      {"---", "aa"}, {"--#", "oo"}, {"--t", "ta"}, {"-#-", "oo"}, {"-##", "oo"}, {"-#t", "oo"},
      {"-t-", "ta"}, {"-t#", "to"}, {"-tt", "ta"}, {"-tb", "tb"}, {"#--", "oo"}, {"#-#", "oo"},
      {"#-t", "oo"}, {"##-", "oo"}, {"###", "oo"}, {"##t", "oo"}, {"#t-", "oo"}, {"#t#", "oo"},
      {"#tt", "oo"}, {"t--", "ta"}, {"t-#", "to"}, {"t-t", "ta"}, {"t-b", "tb"}, {"t#-", "to"},
      {"t##", "to"}, {"t#t", "to"}, {"tt-", "ta"}, {"tt#", "to"}, {"ttt", "ta"}, {"ttb", "tb"},
      {"tb-", "tb"}, {"tb#", "tb"}, {"tbt", "tb"}, {"tbb", "tb"},
  };
  for (const auto& [pattern_text, expected] : cases) {
    // Write t as candidate 't' and 1 as 'b'.
    const Read read = ReadPattern(pattern_text, Sb1288Rules(), 3);
    std::string counted;
    if (read.verdict.kind == Verdict::Kind::kBlank) {
      counted = "aa";
    } else {
      ASSERT_EQ(read.verdict.kind, Verdict::Kind::kBallot) << pattern_text;
      const char end = read.verdict.end == Exhaustion::kOvervote ? 'o' : 'a';
      counted += read.ranking.empty() ? end : read.ranking[0];
      // Once t is out, the ballot counts for its next preference, or ends.
      const std::string after_t =
          read.ranking.empty() || read.ranking[0] != 't' ? read.ranking : read.ranking.substr(1);
      counted += after_t.empty() ? end : after_t[0];
    }
    EXPECT_EQ(counted, expected) << "pattern " << pattern_text;
  }
}

TEST(BallotRulesTest, UkRulesCountUpToTheFirstIrregularity) {
  const BallotRules uk;  // the defaults
  Read read = ReadPattern("ab-c", uk);
  EXPECT_EQ(read.ranking, "ab");
  EXPECT_EQ(read.verdict.end, Exhaustion::kSkippedRank);
  read = ReadPattern("aba", uk);
  EXPECT_EQ(read.ranking, "ab");
  EXPECT_EQ(read.verdict.end, Exhaustion::kRepeatedCandidate);
  read = ReadPattern("a#b", uk);
  EXPECT_EQ(read.ranking, "a");
  EXPECT_EQ(read.verdict.end, Exhaustion::kOvervote);
  read = ReadPattern("-a", uk);  // no first preference: counts for no one
  EXPECT_EQ(read.verdict.kind, Verdict::Kind::kBallot);
  EXPECT_EQ(read.ranking, "");
  EXPECT_EQ(read.verdict.end, Exhaustion::kSkippedRank);
  read = ReadPattern("ab--", uk);  // trailing empty ranks are not a gap
  EXPECT_EQ(read.ranking, "ab");
  EXPECT_EQ(read.verdict.end, Exhaustion::kNoMorePreferences);
}

TEST(BallotRulesTest, EveryRankUsedIsToldApartFromFewerPreferences) {
  EXPECT_EQ(ReadPattern("abc", BallotRules{}, 3).verdict.end, Exhaustion::kAllRanksUsed);
  EXPECT_EQ(ReadPattern("ab-", BallotRules{}, 3).verdict.end, Exhaustion::kNoMorePreferences);
  EXPECT_EQ(ReadPattern("abc", BallotRules{}, 0).verdict.end, Exhaustion::kNoMorePreferences);
}

TEST(BallotRulesTest, RejectAndRefuseNameTheIrregularityAndItsRank) {
  BallotRules rules;
  rules.repeated_candidate = Treatment::kReject;
  Read read = ReadPattern("abb", rules);
  EXPECT_EQ(read.verdict.kind, Verdict::Kind::kRejected);
  EXPECT_EQ(read.verdict.irregularity, Irregularity::kRepeatedCandidate);
  EXPECT_EQ(read.verdict.rank, 3u);
  EXPECT_EQ(read.ranking, "");

  read = ReadPattern("a?", BallotRules{});  // unknown candidates refuse the file by default
  EXPECT_EQ(read.verdict.kind, Verdict::Kind::kRefused);
  EXPECT_EQ(read.verdict.irregularity, Irregularity::kUnknown);
  EXPECT_EQ(read.verdict.rank, 2u);

  rules.unknown_candidate = Treatment::kSkip;
  read = ReadPattern("?ab", rules);
  EXPECT_EQ(read.verdict.kind, Verdict::Kind::kBallot);
  EXPECT_EQ(read.ranking, "ab");
}

TEST(BallotRulesTest, NoMarksAtAllIsABlankBallot) {
  EXPECT_EQ(ReadPattern("", BallotRules{}).verdict.kind, Verdict::Kind::kBlank);
  EXPECT_EQ(ReadPattern("---", BallotRules{}).verdict.kind, Verdict::Kind::kBlank);
  EXPECT_EQ(ReadPattern("--#", BallotRules{}).verdict.kind, Verdict::Kind::kBallot);
}

TEST(BallotRulesTest, RulesThatStopAtAnUnknownNameAreRefused) {
  BallotRules rules;
  rules.unknown_candidate = Treatment::kStop;
  EXPECT_FALSE(ValidateBallotRules(rules).ok());
  EXPECT_TRUE(ValidateBallotRules(BallotRules{}).ok());
}

}  // namespace
}  // namespace scrutineer::core
