#pragma once
// CHECK(condition): a broken invariant aborts the program in every build type. A wrong count
// is worse than a crash, so these are never compiled out. Never use CHECK for anything user
// input can reach: bad input is an Error (util/result.h).

namespace scrutineer::util {

[[noreturn]] void CheckFailed(const char* file, int line, const char* condition);

}  // namespace scrutineer::util

// UNREACHABLE(): marks the end of a switch over every enum value; aborts if reached.
#define UNREACHABLE() ::scrutineer::util::CheckFailed(__FILE__, __LINE__, "unreachable")

#define CHECK(condition)                                               \
  do {                                                                 \
    if (!(condition)) [[unlikely]] {                                   \
      ::scrutineer::util::CheckFailed(__FILE__, __LINE__, #condition); \
    }                                                                  \
  } while (false)
