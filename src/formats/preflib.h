#pragma once
// PrefLib election files (docs/formats/preflib.md): `.soi`, `.soc` (strict orders, incomplete
// or complete), `.toi`, `.toc` (orders with ties). Metadata lines start with `#`
// (`# TITLE: ...`, `# NUMBER ALTERNATIVES: n`, `# ALTERNATIVE NAME i: name`); each data line is
// `COUNT: a,b,c` with alternatives numbered from 1, `{a,b}` marking a tie. Ties are refused:
// no supported method takes them yet.

#include "core/ballot_set.h"
#include "formats/byte_source.h"
#include "formats/read_options.h"
#include "util/result.h"

namespace scrutineer::formats {

util::Result<core::BallotSet> ReadPreflib(const ByteSource& source, const ReadOptions& options);

}  // namespace scrutineer::formats
