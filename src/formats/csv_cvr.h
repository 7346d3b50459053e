#pragma once
// Our CSV cast-vote record (docs/formats/csv.md). A header row names the columns: optional
// `id`, `section`, and either `count` (how many identical ballots the row stands for) or
// `weight` (a decimal weight for the ballot); then ranking columns `rank1`..`rankN` holding
// candidate names, an empty cell being no preference. A row with no preference at all is a
// blank ballot. Rankings are read under the ballot rules of ReadOptions.
//
// The reader streams the file through a fixed buffer and merges identical rows as it goes: a
// row seen before is recognised by its bytes alone (its candidates, section and weight are
// remembered), so reading a large file of repeated rankings costs little more than finding its
// line ends. Large files are read by two threads, one a half; the result does not depend on
// how many threads read it. Every problem is reported with the file, the line and what is
// wrong.

#include "core/ballot_set.h"
#include "formats/byte_source.h"
#include "formats/read_options.h"
#include "util/result.h"

namespace scrutineer::formats {

util::Result<core::BallotSet> ReadCsvCvr(const ByteSource& source, const ReadOptions& options);

// The same, with the buffer size chosen by the caller (tests use tiny buffers to exercise
// records that straddle reads).
util::Result<core::BallotSet> ReadCsvCvr(const ByteSource& source, const ReadOptions& options,
                                         size_t block_size);

}  // namespace scrutineer::formats
