#pragma once
// BLT, the ballot format of STV counting programs (docs/formats/blt.md):
//
//   4 2                  candidates and seats
//   -3                   optional: withdrawn candidates, as negative numbers
//   [tie 2 1 3 4]        optional: an order for breaking ties ([withdrawn ...], [nick ...] too)
//   12 1 3 2 0           a weight (whole: that many ballots; decimal: one weighted ballot),
//   5 2 0                then candidate numbers in order of preference, then 0 (which may
//   0                    be left off); a line holding 0 ends the ballots
//   "Ann Smith"          one line per candidate: the name, quoted or not, and optionally the
//   "Bob Jones" "Lab"    party ("Name" "Party" or "Name ""Party"""); or, as some files have
//   ...                  them, comments "# ALTERNATIVE NAME 1: Ann Smith"
//   "Title"              the election's title
//
// `#` starts a comment in the header and ballot lines. Equal preferences (`2=3`) are refused:
// no supported method takes them yet. Problems are reported with file and line.

#include "core/ballot_set.h"
#include "formats/byte_source.h"
#include "formats/read_options.h"
#include "util/result.h"

namespace scrutineer::formats {

// Declared candidates and sections in `options` are not used: a BLT file declares its own
// candidates and has no sections.
util::Result<core::BallotSet> ReadBlt(const ByteSource& source, const ReadOptions& options);

}  // namespace scrutineer::formats
