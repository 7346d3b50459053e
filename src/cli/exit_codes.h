#pragma once
// The exit statuses of every scrutineer command (docs/cli.md).

#include "util/result.h"

namespace scrutineer::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 1;        // a bad option or argument
inline constexpr int kExitBadInput = 2;     // an input file is malformed or missing
inline constexpr int kExitCountFailed = 3;  // the count cannot finish under the rules given
inline constexpr int kExitIo = 4;           // an output cannot be written
inline constexpr int kExitConflict = 5;     // refused by the election's state or its records
inline constexpr int kExitStorage = 6;  // the store failed (a corrupted or unreachable database)

int ExitCodeFor(const util::Error& error);

// Prints "scrutineer: error: " and every problem, one a line, to standard error.
void PrintError(const util::Error& error);

}  // namespace scrutineer::cli
