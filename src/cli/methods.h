#pragma once
// The counting methods `scrutineer count` offers, by name, and the rules each takes from the
// command line and the contest file.

#include <string>

#include "cli/command_count.h"
#include "core/ballot_set.h"
#include "count/result.h"
#include "count/tie_break.h"
#include "formats/contest_file.h"
#include "util/result.h"

namespace scrutineer::cli {

// The method to use: --method, else the contest file's, else instant-runoff; in its canonical
// name (irv, stv, plurality, approval, motion, schulze, ranked-pairs). Fails for an unknown
// name.
util::Result<std::string> ChooseMethod(const CountOptions& options,
                                       const formats::ContestFile& contest);

// Counts `ballots` by `method` under the rules the options give.
util::Result<count::Result> CountByMethod(const std::string& method, const CountOptions& options,
                                          const formats::ContestFile& contest,
                                          const core::BallotSet& ballots, const count::Lot* lot);

// The method names --method accepts, for --help.
inline constexpr const char* kMethodNames =
    "irv (instant-runoff), stv (single transferable vote, with --rules), plurality (fptp; with "
    "--seats N the block vote), approval, motion, schulze, ranked-pairs";

// The STV presets --rules accepts.
inline constexpr const char* kStvPresetNames = "scottish-stv, ers97, meek, gregory, sb1288";

}  // namespace scrutineer::cli
