// libFuzzer target for the CSV cast-vote-record reader. The first byte picks the buffer size
// and the thread count, so records straddling reads and the two-thread split are exercised.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "formats/csv_cvr.h"
#include "fuzz/fuzz_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) {
    return 0;
  }
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto source = scrutineer::formats::MemorySource(text, "fuzz.csv");
  scrutineer::formats::ReadOptions options;
  options.threads = 1 + (data[0] & 1);
  options.rules.skipped_rank = static_cast<scrutineer::core::Treatment>((data[0] >> 1) & 3);
  const size_t block = 16 + (data[0] >> 3);
  auto ballots = scrutineer::formats::ReadCsvCvr(*source, options, block);
  if (ballots.ok()) {
    scrutineer::fuzz::CountAndWrite(*ballots);
  }
  return 0;
}
