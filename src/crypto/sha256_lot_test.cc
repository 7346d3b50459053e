#include "crypto/sha256_lot.h"

#include <gtest/gtest.h>

namespace scrutineer::crypto {
namespace {

using count::CandidateId;

TEST(Sha256LotTest, DigestMatchesTheStandardTestVector) {
  // FIPS 180-2, appendix B.1.
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

// The tickets below were drawn by hand with coreutils, as docs/rng.md tells an observer to:
//   printf '%s' 'conference-2016|1|Owen Smith' | sha256sum     -> 68daa4a5...
//   printf '%s' 'conference-2016|1|Jeremy Corbyn' | sha256sum  -> 32b24cf5...
TEST(Sha256LotTest, TheLowestTicketLosesAndEveryTicketIsRecorded) {
  const std::vector<std::string> names{"Jeremy Corbyn", "Owen Smith"};
  const Sha256Lot lot("conference-2016");
  const std::vector<CandidateId> tied{CandidateId(0), CandidateId(1)};
  const auto tickets = lot.Draw(1, tied, names);
  ASSERT_EQ(tickets.size(), 2u);
  EXPECT_EQ(tickets[0].candidate, CandidateId(0));
  EXPECT_EQ(tickets[0].ticket, "32b24cf549640fed776cd6d4b9576f6eab22f34f27acd2d6fca9a3bd8059da05");
  EXPECT_EQ(tickets[1].ticket, "68daa4a5911e1338a84e9834035692bba68c4b8e666c2e7faea3b06fce9f4f49");
}

TEST(Sha256LotTest, EachDrawIsIndependentOfTheLast) {
  // Draw 2: 'conference-2016|2|Owen Smith' -> 0ddc9a20..., now Owen Smith's is lowest.
  const std::vector<std::string> names{"Jeremy Corbyn", "Owen Smith"};
  const Sha256Lot lot("conference-2016");
  const std::vector<CandidateId> tied{CandidateId(0), CandidateId(1)};
  const auto tickets = lot.Draw(2, tied, names);
  EXPECT_EQ(tickets[0].candidate, CandidateId(1));
  EXPECT_EQ(tickets[0].ticket, "0ddc9a2003a616abaa845b9a9a6d201ece6a6310e1d6799ab558dda09568658c");
}

}  // namespace
}  // namespace scrutineer::crypto
