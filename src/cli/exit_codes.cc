#include "cli/exit_codes.h"

#include <cstdio>

namespace scrutineer::cli {

int ExitCodeFor(const util::Error& error) {
  switch (error.code()) {
    case util::ErrorCode::kInvalidInput:
    case util::ErrorCode::kNotFound:
    case util::ErrorCode::kUnsupported:
      return kExitBadInput;
    case util::ErrorCode::kInvalidArgument:
      return kExitUsage;
    case util::ErrorCode::kCountFailed:
      return kExitCountFailed;
    case util::ErrorCode::kIo:
      return kExitIo;
    case util::ErrorCode::kConflict:
      return kExitConflict;
    case util::ErrorCode::kStorage:
      return kExitStorage;
  }
  return kExitBadInput;
}

void PrintError(const util::Error& error) {
  for (const util::Problem& problem : error.problems()) {
    if (problem.where.empty()) {
      std::fprintf(stderr, "scrutineer: error: %s\n", problem.what.c_str());
    } else {
      std::fprintf(stderr, "scrutineer: error: %s: %s\n", problem.where.c_str(),
                   problem.what.c_str());
    }
  }
}

}  // namespace scrutineer::cli
