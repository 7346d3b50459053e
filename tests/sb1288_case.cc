#include "tests/sb1288_case.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "core/ballot_rules.h"
#include "tests/run_command.h"

namespace scrutineer::testing::sb1288 {
namespace {

using core::CandidateId;

const std::string kRoot = "conformance/stv/ca-sb1288/";

Json ReadCase(const std::string& relative) {
  return Json::parse(ReadFile(SharedPath(kRoot + relative)));
}

// A rank as a mark: "" skipped, "#" an overvote, else a candidate's name.
core::Mark MarkOf(const std::string& code, const std::vector<std::string>& names) {
  if (code.empty()) {
    return {};
  }
  if (code == "#") {
    return {core::MarkKind::kOvervote, {}};
  }
  const auto found = std::find(names.begin(), names.end(), code);
  if (found == names.end()) {
    return {core::MarkKind::kUnknown, {}};
  }
  return {core::MarkKind::kCandidate, CandidateId(static_cast<uint16_t>(found - names.begin()))};
}

}  // namespace

Json LoadCase(const std::string& relative) {
  const Json spec = ReadCase(relative);
  Json merged = Json::object();
  for (const Json& include : spec.value("include", Json::array())) {
    merged.update(ReadCase(include.get<std::string>()));
  }
  merged.update(spec);
  for (const Json& ballot : merged.value("ballots_more", Json::array())) {
    merged["ballots"].push_back(ballot);
  }
  return merged;
}

std::vector<std::string> CaseNames(const std::string& folder) {
  std::vector<std::string> cases;
  for (const auto& entry : std::filesystem::directory_iterator(SharedPath(kRoot + folder))) {
    const std::string stem = entry.path().stem().string();
    if (entry.path().extension() == ".json" && !stem.ends_with("-base")) {
      cases.push_back(stem);
    }
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

std::vector<std::string> Strings(const Json& value) {
  if (value.is_array()) {
    return value.get<std::vector<std::string>>();
  }
  const std::string text = value.get<std::string>();
  std::vector<std::string> items;
  if (text.empty()) {
    return items;
  }
  size_t begin = 1;
  while (begin <= text.size()) {
    const size_t end = std::min(text.find(text[0], begin), text.size());
    items.push_back(text.substr(begin, end - begin));
    begin = end + 1;
  }
  return items;
}

core::BallotSet BallotsOf(const Json& spec, const std::vector<std::string>& names) {
  core::BallotSet ballots;
  ballots.candidates = names;
  core::BallotRules rules;
  rules.skipped_rank = core::Treatment::kSkip;
  rules.repeated_candidate = core::Treatment::kSkip;
  rules.overvote = core::Treatment::kStop;
  const size_t ranks_allowed =
      spec["max_ranking_levels"].is_null() ? 0 : spec["max_ranking_levels"].get<size_t>();
  core::BallotSetBuilder builder;
  std::vector<CandidateId> ranking;
  std::vector<uint8_t> seen(names.size(), 0);
  for (const Json& group : spec["ballots"]) {
    const int64_t papers = group[0].get<int64_t>();
    std::vector<core::Mark> marks;
    for (const std::string& code : Strings(group[1])) {
      marks.push_back(MarkOf(code, names));
    }
    const core::Verdict verdict = core::ReadRanking(marks, rules, ranks_allowed, ranking, seen);
    if (verdict.kind == core::Verdict::Kind::kBlank) {
      builder.AddBlank(core::SectionId(0), papers);
    } else if (verdict.kind == core::Verdict::Kind::kBallot) {
      builder.Add(core::SectionId(0), ranking, verdict.end, core::Votes::FromUnits(papers), papers);
    } else {
      ADD_FAILURE() << "a ballot names someone who is not a candidate: " << group.dump();
    }
  }
  builder.MoveInto(ballots);
  return ballots;
}

count::TieBreakRules TieBreakerOf(const Json& spec, const std::vector<std::string>& names) {
  count::TieBreakRules rules;
  rules.steps = {count::TieStep::kOrder};
  for (const std::string& name : Strings(spec["tie_breaker"])) {
    const core::Mark mark = MarkOf(name, names);
    EXPECT_EQ(mark.kind, core::MarkKind::kCandidate) << "tie_breaker names " << name;
    rules.order.push_back(mark.candidate);
  }
  return rules;
}

}  // namespace scrutineer::testing::sb1288
