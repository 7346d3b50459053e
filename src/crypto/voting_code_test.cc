#include "crypto/voting_code.h"

#include <gtest/gtest.h>

#include <set>

namespace scrutineer::crypto {
namespace {

constexpr const char* kExpectedAbcd =
    "e0c56d1a370da914d923f8c645b944a3a8e49d10511467b566ef673658cb15ff";

TEST(VotingCodeTest, ACodeIsSixGroupsOfFourAndReadsBackAsTyped) {
  const std::string code = NewVotingCode();
  ASSERT_EQ(code.size(), 29u);  // 24 characters and 5 hyphens
  for (size_t i = 4; i < code.size(); i += 5) {
    EXPECT_EQ(code[i], '-');
  }
  auto normalized = NormalizeVotingCode(code);
  ASSERT_TRUE(normalized.ok()) << normalized.error().ToString();
  EXPECT_EQ(GroupVotingCode(*normalized), code);
  // Lower case, spaces instead of hyphens.
  std::string typed;
  for (char c : code) {
    typed += c == '-' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  EXPECT_EQ(*NormalizeVotingCode(typed), *normalized);
}

TEST(VotingCodeTest, CodesDoNotRepeat) {
  std::set<std::string> codes;
  for (int i = 0; i < 10000; ++i) {
    codes.insert(NewVotingCode());
  }
  EXPECT_EQ(codes.size(), 10000u);
}

TEST(VotingCodeTest, MistakesAreCaughtBeforeLookup) {
  const std::string code = *NormalizeVotingCode(NewVotingCode());
  EXPECT_NE(NormalizeVotingCode(code.substr(1)).error().ToString().find("24 characters"),
            std::string::npos);
  EXPECT_NE(NormalizeVotingCode(code + "!").error().ToString().find("'!'"), std::string::npos);
  // Every change of one character is caught, but for 1 in 1,024 by chance: count them.
  int caught = 0;
  int tried = 0;
  for (size_t i = 0; i < code.size(); ++i) {
    for (char c : std::string("0123456789ABCDEFGHJKMNPQRSTVWXYZ")) {
      if (c == code[i]) {
        continue;
      }
      std::string typo = code;
      typo[i] = c;
      ++tried;
      caught += NormalizeVotingCode(typo).ok() ? 0 : 1;
    }
  }
  EXPECT_GE(caught, tried - 3) << caught << " of " << tried;
  // O, I and L read as 0, 1 and 1: a code is never refused for them.
  std::string look_alike = code;
  for (char& c : look_alike) {
    c = c == '0' ? 'O' : (c == '1' ? 'l' : c);
  }
  EXPECT_EQ(*NormalizeVotingCode(look_alike), code);
}

TEST(VotingCodeTest, TheHashIsKeyedBlake2b) {
  // Worked outside the code: Python's hashlib.blake2b(b"ABCD", key=bytes(range(32)),
  // digest_size=32).hexdigest().
  std::string key;
  for (int i = 0; i < 32; ++i) {
    key += static_cast<char>(i);
  }
  EXPECT_EQ(VotingCodeHash("ABCD", key), kExpectedAbcd);
  EXPECT_NE(VotingCodeHash("ABCD", NewCodeKey()), kExpectedAbcd);
  EXPECT_EQ(RandomHex(16).size(), 32u);
}

}  // namespace
}  // namespace scrutineer::crypto
