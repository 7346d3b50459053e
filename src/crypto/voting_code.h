#pragma once
// Voting codes: the secret credential a voter types to vote (docs/credentials.md). A code is
// 22 random characters (110 bits, from libsodium's generator) from the 32-character alphabet
// 0-9 A-Z less I, L, O and U, then 2 check characters (the first 10 bits of the SHA-256 of the
// 22), printed in six groups of four: "7KQ2-M9XD-...". Typing is forgiving: case, spaces and
// hyphens are ignored, and O, I and L read as 0, 1 and 1. A typing mistake is caught by the
// check characters (all but 1 in 1,024) before the code is looked up.
//
// The store keeps only a keyed hash of a code (BLAKE2b with the election's secret key, which
// is kept apart from the store), so a copy of the database does not give the codes.

#include <optional>
#include <string>
#include <string_view>

#include "util/result.h"

namespace scrutineer::crypto {

inline constexpr size_t kCodeRandomCharacters = 22;
inline constexpr size_t kCodeKeyBytes = 32;

// A fresh code, grouped for printing.
std::string NewVotingCode();

// The 24 characters of a typed code, checked: kInvalidInput saying what is wrong (too short,
// a character that cannot be in a code, or a mistyped code whose check fails).
util::Result<std::string> NormalizeVotingCode(std::string_view typed);

// "XXXX-XXXX-...": the 24 characters in groups of four.
std::string GroupVotingCode(std::string_view normalized);

// The keyed hash of a normalized code, lowercase hex. REQUIRES: key.size() == kCodeKeyBytes.
std::string VotingCodeHash(std::string_view normalized, std::string_view key);

// A new secret key for an election's code hashes.
std::string NewCodeKey();

// `bytes` random bytes as lowercase hex (record keys, tracking codes).
std::string RandomHex(size_t bytes);

}  // namespace scrutineer::crypto
