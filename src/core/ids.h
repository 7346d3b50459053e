#pragma once
// Strong index types. A CandidateId indexes BallotSet::candidates and a SectionId indexes
// BallotSet::sections; the two cannot be mixed up or used as plain integers by accident.

#include <compare>
#include <cstdint>

namespace scrutineer::core {

template <typename Tag>
struct Id {
  uint16_t value = 0;

  constexpr Id() = default;
  constexpr explicit Id(uint16_t v) : value(v) {}
  // The position in the vector this id indexes.
  constexpr size_t index() const { return value; }
  constexpr auto operator<=>(const Id&) const = default;
};

using CandidateId = Id<struct CandidateTag>;
using SectionId = Id<struct SectionTag>;

// Candidate and section ids fit 16 bits; readers refuse files that would need more.
inline constexpr size_t kMaxCandidates = 65535;
inline constexpr size_t kMaxSections = 65535;

}  // namespace scrutineer::core
