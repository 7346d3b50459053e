// libFuzzer target for the PrefLib reader.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "formats/preflib.h"
#include "fuzz/fuzz_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto source = scrutineer::formats::MemorySource(text, "fuzz.soi");
  auto ballots = scrutineer::formats::ReadPreflib(*source, {});
  if (ballots.ok()) {
    scrutineer::fuzz::CountAndWrite(*ballots);
  }
  return 0;
}
