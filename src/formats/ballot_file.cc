#include "formats/ballot_file.h"

#include "formats/blt.h"
#include "formats/byte_source.h"
#include "formats/csv_cvr.h"
#include "formats/preflib.h"

namespace scrutineer::formats {

std::optional<BallotFormat> BallotFormatNamed(std::string_view name) {
  if (name == "csv") {
    return BallotFormat::kCsv;
  }
  if (name == "blt") {
    return BallotFormat::kBlt;
  }
  if (name == "preflib") {
    return BallotFormat::kPreflib;
  }
  return std::nullopt;
}

util::Result<BallotFormat> BallotFormatOfPath(const std::string& path) {
  const size_t dot = path.rfind('.');
  const std::string extension = dot == std::string::npos ? "" : path.substr(dot + 1);
  if (extension == "csv") {
    return BallotFormat::kCsv;
  }
  if (extension == "blt") {
    return BallotFormat::kBlt;
  }
  if (extension == "soi" || extension == "soc" || extension == "toi" || extension == "toc") {
    return BallotFormat::kPreflib;
  }
  return util::Error(util::ErrorCode::kInvalidArgument,
                     "cannot tell the ballot format from the file name (.csv, .blt, .soi, .toi); "
                     "give it with --input-format csv|blt|preflib",
                     path);
}

util::Result<core::BallotSet> ReadBallotFile(const std::string& path, BallotFormat format,
                                             const ReadOptions& options) {
  auto source = OpenFile(path);
  if (!source.ok()) {
    return source.error();
  }
  switch (format) {
    case BallotFormat::kCsv:
      return ReadCsvCvr(**source, options);
    case BallotFormat::kBlt:
      return ReadBlt(**source, options);
    case BallotFormat::kPreflib:
      return ReadPreflib(**source, options);
  }
  UNREACHABLE();
}

}  // namespace scrutineer::formats
