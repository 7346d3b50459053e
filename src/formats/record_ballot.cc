#include "formats/record_ballot.h"

#include <string>

namespace scrutineer::formats {

std::optional<LineTarget> RecordBallot(const core::Verdict& verdict, core::SectionId section,
                                       std::span<const core::CandidateId> ranking,
                                       core::Votes weight, int64_t papers, uint64_t line,
                                       core::BallotSetBuilder& builder, ProblemList& problems) {
  LineTarget target;
  target.weight = weight;
  target.papers = papers;
  const std::string_view irregularity = core::IrregularityName(verdict.irregularity);
  switch (verdict.kind) {
    case core::Verdict::Kind::kBallot:
      target.kind = LineTarget::Kind::kEntry;
      target.index = builder.Add(section, ranking, verdict.end, weight, papers);
      return target;
    case core::Verdict::Kind::kBlank:
      target.kind = LineTarget::Kind::kBlank;
      target.index = section.value;
      builder.AddBlank(section, papers);
      return target;
    case core::Verdict::Kind::kRejected:
      target.kind = LineTarget::Kind::kRejected;
      target.index = builder.AddRejected(section, irregularity, papers, line);
      return target;
    case core::Verdict::Kind::kRefused:
      problems.Add(line, "rank " + std::to_string(verdict.rank) + ": " + std::string(irregularity) +
                             ", which the ballot rules refuse");
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace scrutineer::formats
