#include "crypto/voting_code.h"

#include <sodium.h>

#include <array>

#include "crypto/sha256_lot.h"
#include "util/check.h"

namespace scrutineer::crypto {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr size_t kCodeLength = kCodeRandomCharacters + 2;

void InitSodium() { CHECK(sodium_init() >= 0); }

// The value of a typed character, or -1 when no code holds it.
int ValueOf(char c) {
  if (c >= 'a' && c <= 'z') {
    c = static_cast<char>(c - 'a' + 'A');
  }
  if (c == 'O') {
    c = '0';
  } else if (c == 'I' || c == 'L') {
    c = '1';
  }
  const size_t at = kAlphabet.find(c);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

// The two check characters of the random part: the first 10 bits of its SHA-256.
std::string CheckOf(std::string_view random_part) {
  const std::string digest = Sha256Hex(random_part);
  const int bits = std::stoi(digest.substr(0, 3), nullptr, 16) >> 2;  // 12 bits -> 10
  return {kAlphabet[static_cast<size_t>(bits >> 5)], kAlphabet[static_cast<size_t>(bits & 31)]};
}

}  // namespace

std::string NewVotingCode() {
  InitSodium();
  // 22 characters of 5 bits each (the alphabet has 32): 110 bits, from one draw of 14 bytes.
  std::array<unsigned char, 14> random{};
  randombytes_buf(random.data(), random.size());
  std::string code;
  for (size_t i = 0; i < kCodeRandomCharacters; ++i) {
    const size_t bit = i * 5;
    const unsigned pair = (static_cast<unsigned>(random[bit / 8]) << 8) |
                          (bit / 8 + 1 < random.size() ? random[bit / 8 + 1] : 0U);
    code += kAlphabet[(pair >> (11 - bit % 8)) & 31U];
  }
  return GroupVotingCode(code + CheckOf(code));
}

util::Result<std::string> NormalizeVotingCode(std::string_view typed) {
  std::string code;
  for (char c : typed) {
    if (c == ' ' || c == '-' || c == '\t') {
      continue;
    }
    const int value = ValueOf(c);
    if (value < 0) {
      return util::Error(util::ErrorCode::kInvalidInput,
                         "a voting code has only digits and letters; '" + std::string(1, c) +
                             "' cannot be part of one");
    }
    code += kAlphabet[static_cast<size_t>(value)];
  }
  if (code.size() != kCodeLength) {
    return util::Error(util::ErrorCode::kInvalidInput,
                       "a voting code has 24 characters; this has " + std::to_string(code.size()));
  }
  if (CheckOf(std::string_view(code).substr(0, kCodeRandomCharacters)) !=
      code.substr(kCodeRandomCharacters)) {
    return util::Error(util::ErrorCode::kInvalidInput,
                       "the voting code is mistyped: its check characters do not match");
  }
  return code;
}

std::string GroupVotingCode(std::string_view normalized) {
  std::string grouped;
  for (size_t i = 0; i < normalized.size(); ++i) {
    if (i > 0 && i % 4 == 0) {
      grouped += '-';
    }
    grouped += normalized[i];
  }
  return grouped;
}

std::string VotingCodeHash(std::string_view normalized, std::string_view key) {
  CHECK(key.size() == kCodeKeyBytes);
  InitSodium();
  std::array<unsigned char, crypto_generichash_BYTES> hash{};
  crypto_generichash(hash.data(), hash.size(),
                     reinterpret_cast<const unsigned char*>(normalized.data()), normalized.size(),
                     reinterpret_cast<const unsigned char*>(key.data()), key.size());
  std::string hex(hash.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), hash.data(), hash.size());
  hex.pop_back();
  return hex;
}

std::string NewCodeKey() {
  InitSodium();
  std::string key(kCodeKeyBytes, '\0');
  randombytes_buf(key.data(), key.size());
  return key;
}

std::string RandomHex(size_t bytes) {
  InitSodium();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                 raw.size());
  hex.pop_back();
  return hex;
}

}  // namespace scrutineer::crypto
