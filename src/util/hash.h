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

// Reads 8 (or, below 8 bytes, fewer) bytes without a byte loop.
inline uint64_t Load64(const char* data) {
  uint64_t word;
  std::memcpy(&word, data, 8);
  return word;
}

inline uint64_t Load32(const char* data) {
  uint32_t word;
  std::memcpy(&word, data, 4);
  return word;
}

// The last 1 to 16 bytes of a string of `size` bytes ending at `end`, folded into two words
// with overlapping loads (no loop over single bytes).
inline void LoadTail(const char* end, size_t size, uint64_t& first, uint64_t& second) {
  if (size >= 8) {
    first = Load64(end - size);
    second = Load64(end - 8);
  } else if (size >= 4) {
    first = Load32(end - size);
    second = Load32(end - 4);
  } else {
    const char* start = end - size;
    const auto byte = [](char c) { return static_cast<uint64_t>(static_cast<uint8_t>(c)); };
    first = (byte(start[0]) << 16) | (byte(start[size / 2]) << 8) | byte(end[-1]);
    second = 0;
  }
}

inline uint64_t HashBytes(const char* data, size_t size) {
  uint64_t a = 0x243F6A8885A308D3ULL ^ size;
  uint64_t b = 0x13198A2E03707344ULL;
  while (size > 16) {  // two independent lanes keep the multiplier busy
    a = MixWord(a, Load64(data));
    b = MixWord(b, Load64(data + 8));
    data += 16;
    size -= 16;
  }
  if (size > 0) {
    uint64_t first = 0;
    uint64_t second = 0;
    LoadTail(data + size, size, first, second);
    a = MixWord(a, first);
    b = MixWord(b, second);
  }
  return MixWord(a, b);
}

}  // namespace scrutineer::util
