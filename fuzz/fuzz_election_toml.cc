// libFuzzer target for the election definition reader: any input is refused with problems or
// read into a definition that passes core::Validate, whose nominations can be worked out.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/election.h"
#include "formats/election_toml.h"
#include "util/check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto definition = scrutineer::formats::ParseElectionToml(text, "fuzz.toml");
  if (!definition.ok()) {
    CHECK(!definition.error().problems().empty());
    return 0;
  }
  CHECK(scrutineer::core::Validate(*definition).ok());
  for (const scrutineer::core::Contest& contest : definition->contests) {
    if (contest.nominations.has_value()) {
      CHECK(scrutineer::core::NominationsNeeded(*contest.nominations) >= 1);
    }
  }
  return 0;
}
