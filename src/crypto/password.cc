#include "crypto/password.h"

#include <sodium.h>

#include "util/check.h"

namespace scrutineer::crypto {

std::string HashPassword(std::string_view password) {
  CHECK(sodium_init() >= 0);
  char stored[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(stored, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return "";
  }
  return stored;
}

bool PasswordMatches(std::string_view password, const std::string& stored) {
  CHECK(sodium_init() >= 0);
  return stored.starts_with("$argon2id$") &&
         crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

}  // namespace scrutineer::crypto
