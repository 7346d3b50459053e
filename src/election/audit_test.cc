#include "election/audit.h"

#include <gtest/gtest.h>

namespace scrutineer::election {
namespace {

// The expected hashes were computed outside the code, with the shell:
//   printf 'scrutineer-audit-1\n11:leader-2016\n1:1\n10:1700000000\n7:created\n6:detail\n0:\n'
//   | sha256sum
// and, for the second entry, the same with its fields and the first hash as prev_hash.
constexpr const char* kFirst = "47eaebd6515f2e63e688e2c7273761aeecebb6864a37e322aaee1ca8bf714042";
constexpr const char* kSecond = "c19f4d90045ed8d6195e6776839362a5add26a7030625a87dd7e5da5a42eb9cc";

std::vector<store::AuditEntry> TwoEntries() {
  return {{1, 1'700'000'000, "created", "detail", "", kFirst},
          {2, 1'700'000'060, "state", "draft -> nominations", kFirst, kSecond}};
}

TEST(AuditTest, TheHashIsSha256OfTheDocumentedEncoding) {
  const auto entries = TwoEntries();
  EXPECT_EQ(AuditHash("leader-2016", entries[0]), kFirst);
  EXPECT_EQ(AuditHash("leader-2016", entries[1]), kSecond);
  EXPECT_TRUE(VerifyAuditChain("leader-2016", entries).ok());
}

TEST(AuditTest, EveryKindOfTamperingIsFoundAndNamed) {
  auto altered = TwoEntries();
  altered[0].detail = "detail!";
  const auto edit = VerifyAuditChain("leader-2016", altered);
  ASSERT_FALSE(edit.ok());
  EXPECT_EQ(edit.error().ToString(),
            "audit entry 1: the audit log is broken: has been altered: its hash does not match "
            "its contents");
  const auto entries = TwoEntries();
  const auto removed =
      VerifyAuditChain("leader-2016", std::span<const store::AuditEntry>(entries).subspan(1));
  ASSERT_FALSE(removed.ok());
  EXPECT_NE(removed.error().ToString().find("is numbered 2"), std::string::npos);
  auto relinked = TwoEntries();
  relinked[1].prev_hash = std::string(64, '0');
  EXPECT_NE(VerifyAuditChain("leader-2016", relinked).error().ToString().find("does not follow"),
            std::string::npos);
  // The same log under another election's id does not verify.
  EXPECT_FALSE(VerifyAuditChain("leader-2017", TwoEntries()).ok());
}

}  // namespace
}  // namespace scrutineer::election
