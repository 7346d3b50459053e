#include "util/check.h"

#include <cstdio>
#include <cstdlib>

namespace scrutineer::util {

void CheckFailed(const char* file, int line, const char* condition) {
  std::fprintf(stderr, "scrutineer: internal error at %s:%d: CHECK(%s) failed\n", file, line,
               condition);
  std::fflush(stderr);
  std::abort();
}

}  // namespace scrutineer::util
