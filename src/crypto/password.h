#pragma once
// Administrators' passwords, stored only as Argon2id hashes (libsodium's crypto_pwhash_str:
// the PHC string "$argon2id$v=19$m=...,t=...,p=...$salt$hash", salt and costs inside it).

#include <string>
#include <string_view>

namespace scrutineer::crypto {

// Hashes `password` with Argon2id at libsodium's "interactive" costs (64 MiB, 2 passes) and a
// fresh random salt. Empty only when the machine cannot spare the memory.
std::string HashPassword(std::string_view password);

// Whether `password` matches `stored` (a string from HashPassword), in time that does not
// depend on where they differ.
bool PasswordMatches(std::string_view password, const std::string& stored);

}  // namespace scrutineer::crypto
