#pragma once
// RecordBallot: what every reader does with one ballot line once the ballot rules have judged
// its marks (core::ReadRanking): an entry, a blank or a rejection goes into the builder; a
// refusal becomes a problem at its line.

#include <cstdint>
#include <optional>
#include <span>

#include "core/ballot_rules.h"
#include "core/ballot_set.h"
#include "formats/problems.h"

namespace scrutineer::formats {

// What one ballot line added to the ballot set (and what each repeat of it adds).
struct LineTarget {
  enum class Kind : uint8_t { kEntry, kBlank, kRejected };
  Kind kind = Kind::kEntry;
  uint32_t index = 0;  // the entry, the section (kBlank) or the rejection
  core::Votes weight;
  int64_t papers = 0;
};

// Adds `papers` papers of total `weight` judged by `verdict` (with `ranking` for a ballot) to
// the builder; nothing (and a problem at `line`) when the rules refuse them.
std::optional<LineTarget> RecordBallot(const core::Verdict& verdict, core::SectionId section,
                                       std::span<const core::CandidateId> ranking,
                                       core::Votes weight, int64_t papers, uint64_t line,
                                       core::BallotSetBuilder& builder, ProblemList& problems);

}  // namespace scrutineer::formats
