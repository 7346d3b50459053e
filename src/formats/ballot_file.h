#pragma once
// Reading a ballot file of any supported format, chosen by name or by the file's extension.

#include <optional>
#include <string>
#include <string_view>

#include "core/ballot_set.h"
#include "formats/read_options.h"
#include "util/result.h"

namespace scrutineer::formats {

enum class BallotFormat : uint8_t { kCsv, kBlt, kPreflib };

// "csv", "blt" or "preflib".
std::optional<BallotFormat> BallotFormatNamed(std::string_view name);
// By extension: .csv, .blt, .soi/.soc/.toi/.toc.
util::Result<BallotFormat> BallotFormatOfPath(const std::string& path);

util::Result<core::BallotSet> ReadBallotFile(const std::string& path, BallotFormat format,
                                             const ReadOptions& options);

}  // namespace scrutineer::formats
