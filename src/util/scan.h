#pragma once
// Byte scanning for the hot loops of readers, inlined so that a short line costs no call:
// finding a line end sixteen bytes at a time, and comparing short byte strings a word at a
// time.

#include <cstddef>
#include <cstdint>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace scrutineer::util {

// The first '\n' in [p, end), or end when there is none.
inline const char* FindNewline(const char* p, const char* end) {
#ifdef __SSE2__
  const __m128i newline = _mm_set1_epi8('\n');
  while (end - p >= 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, newline)));
    if (mask != 0) {
      return p + __builtin_ctz(mask);
    }
    p += 16;
  }
#endif
  while (p < end && *p != '\n') {
    ++p;
  }
  return p;
}

// True when the `size` bytes at a and b are equal: whole words, then an overlapping last
// word, so short strings need no call and no byte loop.
inline bool BytesEqual(const char* a, const char* b, size_t size) {
  const auto load64 = [](const char* p) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    return word;
  };
  const auto load32 = [](const char* p) {
    uint32_t word;
    std::memcpy(&word, p, 4);
    return word;
  };
  if (size >= 8) {
    for (size_t i = 0; i + 8 < size; i += 8) {
      if (load64(a + i) != load64(b + i)) {
        return false;
      }
    }
    return load64(a + size - 8) == load64(b + size - 8);
  }
  if (size >= 4) {
    return load32(a) == load32(b) && load32(a + size - 4) == load32(b + size - 4);
  }
  for (size_t i = 0; i < size; ++i) {
    if (a[i] != b[i]) {
      return false;
    }
  }
  return true;
}

// LineHash: a hash of a line's bytes for in-memory tables, computed in the same pass that
// finds the line's end (HashToNewline) or over bytes already delimited (HashLine); the two
// give the same value for the same bytes. Words of eight bytes go alternately to two lanes so
// that the multiplies overlap; a finaliser mixes every bit into the top half, which tables use
// for tags and slots. Not for anything an adversary must not collide: tables compare bytes.
class LineHash {
 public:
  void Pair(uint64_t even, uint64_t odd) {
    a_ = Mix(a_, even);
    b_ = Mix(b_, odd);
  }
  void Last(uint64_t even) { a_ = Mix(a_, even); }
  uint64_t Finish(size_t size) const {
    uint64_t h = a_ ^ ((b_ << 32) | (b_ >> 32)) ^ size;
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDULL;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53ULL;
    h ^= h >> 33;
    return h;
  }

 private:
  static uint64_t Mix(uint64_t lane, uint64_t word) {
    lane = (lane ^ word) * 0x9E3779B97F4A7C15ULL;
    return lane ^ (lane >> 29);
  }
  uint64_t a_ = 0x243F6A8885A308D3ULL;
  uint64_t b_ = 0x13198A2E03707344ULL;
};

// The little-endian word of the `size` (1 to 7) bytes at `data`, zero above them, read with
// at most two loads and no call.
inline uint64_t PartialWord(const char* data, size_t size) {
  if (size >= 4) {
    uint32_t low;
    uint32_t high;
    std::memcpy(&low, data, 4);
    std::memcpy(&high, data + size - 4, 4);
    return uint64_t{low} | (uint64_t{high} << (8 * (size - 4)));
  }
  uint64_t word = static_cast<uint8_t>(data[0]);
  if (size > 1) {
    word |= uint64_t{static_cast<uint8_t>(data[1])} << 8;
  }
  if (size > 2) {
    word |= uint64_t{static_cast<uint8_t>(data[2])} << 16;
  }
  return word;
}

inline uint64_t LoadWord(const char* data) {
  uint64_t word;
  std::memcpy(&word, data, 8);
  return word;
}

// The words of the last `size` (1 to 15) bytes of a string: whole then partial, as
// (even, odd) in the string's word order; `odd` is 0 and `pair` false when one word.
inline void TailWords(const char* data, size_t size, uint64_t& even, uint64_t& odd, bool& pair) {
  pair = size > 8;
  if (size >= 8) {
    even = LoadWord(data);
    odd = pair ? PartialWord(data + 8, size - 8) : 0;
  } else {
    even = PartialWord(data, size);
    odd = 0;
  }
}

inline uint64_t HashLine(const char* data, size_t size) {
  LineHash hash;
  size_t i = 0;
  for (; i + 16 <= size; i += 16) {
    hash.Pair(LoadWord(data + i), LoadWord(data + i + 8));
  }
  if (i < size) {
    uint64_t even = 0;
    uint64_t odd = 0;
    bool pair = false;
    TailWords(data + i, size - i, even, odd, pair);
    pair ? hash.Pair(even, odd) : hash.Last(even);
  }
  return hash.Finish(size);
}

// Finds the first '\n' in [p, end) (or end) and returns the hash of the bytes before it, as
// HashLine would give, sixteen bytes a step.
inline uint64_t HashToNewline(const char* p, const char* end, const char*& newline) {
  const char* start = p;
  LineHash hash;
#ifdef __SSE2__
  const __m128i newlines = _mm_set1_epi8('\n');
  for (; end - p >= 16; p += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, newlines)));
    if (mask != 0) {
      newline = p + __builtin_ctz(mask);
      break;
    }
    hash.Pair(LoadWord(p), LoadWord(p + 8));
  }
  if (end - p < 16) {
    newline = FindNewline(p, end);
  }
#else
  newline = FindNewline(p, end);
  for (; newline - p >= 16; p += 16) {
    hash.Pair(LoadWord(p), LoadWord(p + 8));
  }
#endif
  const auto rest = static_cast<size_t>(newline - p);
  if (rest > 0) {
    uint64_t even = 0;
    uint64_t odd = 0;
    bool pair = false;
    TailWords(p, rest, even, odd, pair);
    pair ? hash.Pair(even, odd) : hash.Last(even);
  }
  return hash.Finish(static_cast<size_t>(newline - start));
}

}  // namespace scrutineer::util
