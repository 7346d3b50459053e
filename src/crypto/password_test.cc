#include "crypto/password.h"

#include <gtest/gtest.h>

namespace scrutineer::crypto {
namespace {

TEST(PasswordTest, AnArgon2idHashMatchesOnlyItsPassword) {
  const std::string stored = HashPassword("correct horse battery staple");
  EXPECT_TRUE(stored.starts_with("$argon2id$v=19$m=65536,t=2,p=1$")) << stored;
  EXPECT_EQ(stored.find("correct horse"), std::string::npos);
  EXPECT_TRUE(PasswordMatches("correct horse battery staple", stored));
  EXPECT_FALSE(PasswordMatches("correct horse battery stapl", stored));
  EXPECT_FALSE(PasswordMatches("", stored));
  // A fresh salt each time: the same password hashes differently.
  EXPECT_NE(HashPassword("correct horse battery staple"), stored);
  // Anything but an Argon2id string is refused, not trusted.
  EXPECT_FALSE(PasswordMatches("x", ""));
  EXPECT_FALSE(PasswordMatches("x", "$argon2i$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA"));
}

}  // namespace
}  // namespace scrutineer::crypto
