#pragma once
// HashBytes: a fast, non-cryptographic 64-bit hash for in-memory tables (merging identical
// ballots and cast-vote-record lines). Collisions are always resolved by comparing the bytes,
// so the hash affects speed only, never a result.

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "util/int128.h"

namespace scrutineer::util {

inline uint64_t MixWord(uint64_t h, uint64_t word) {
  // Multiply-fold: a 64x64->128 multiply, high and low halves xored together.
  const Uint128 product = static_cast<Uint128>(h ^ word) * 0x9E3779B97F4A7C15ULL;
  return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
}

inline uint64_t HashBytes(const char* data, size_t size) {
  uint64_t a = 0x243F6A8885A308D3ULL ^ size;
  uint64_t b = 0x13198A2E03707344ULL;
  while (size >= 16) {  // two independent lanes keep the multiplier busy
    uint64_t w0;
    uint64_t w1;
    std::memcpy(&w0, data, 8);
    std::memcpy(&w1, data + 8, 8);
    a = MixWord(a, w0);
    b = MixWord(b, w1);
    data += 16;
    size -= 16;
  }
  if (size >= 8) {
    uint64_t w;
    std::memcpy(&w, data, 8);
    a = MixWord(a, w);
    data += 8;
    size -= 8;
  }
  if (size > 0) {
    uint64_t w = 0;
    std::memcpy(&w, data, size);
    b = MixWord(b, w);
  }
  return MixWord(a, b);
}

}  // namespace scrutineer::util
