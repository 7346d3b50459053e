// The single transferable vote against counts made by others:
//  - the official stage reports of Scottish council wards (Glasgow 2007, Dundee 2022), in
//    ../shared/conformance/stv/scottish-official: every candidate's votes and the
//    non-transferable papers at every stage, to the fifth decimal place, who was elected and
//    excluded at each stage, and whose surplus moved;
//  - the Droop package's reports of the same rules (scotland, fixed point to 5 places) and of
//    exact weighted inclusive Gregory (rational, shown to 12 places) in
//    ../shared/conformance/stv/droop-reference: every stage's votes and the elected.
// Where our count and a report part (ties broken differently) docs/methods/ says why.

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "count/stv.h"
#include "formats/ballot_file.h"
#include "tests/run_command.h"

namespace scrutineer::testing {
namespace {

using count::CandidateId;
using count::Result;
using count::Stage;
using count::StvPreset;
using count::StvRules;
using Json = nlohmann::json;

core::BallotSet ReadBlt(const std::string& path) {
  auto ballots = formats::ReadBallotFile(path, formats::BallotFormat::kBlt, {});
  EXPECT_TRUE(ballots.ok()) << path << ": " << ballots.error().ToString();
  return std::move(ballots.value());
}

Result Count(const core::BallotSet& ballots, StvPreset preset, int seats,
             std::optional<count::TieBreakRules> tie_break = std::nullopt) {
  StvRules rules;
  rules.preset = preset;
  rules.seats = seats;
  if (tie_break.has_value()) {
    rules.custom_tie_break = true;
    rules.tie_break = *tie_break;
  }
  auto result = count::CountStv(ballots, rules, nullptr);
  EXPECT_TRUE(result.ok()) << result.error().ToString();
  return std::move(result.value());
}

std::string Figure(core::Votes votes, int places) { return core::FormatVotes(votes, places); }

// A name with its runs of spaces made one ("Ellen   Hurcombe" in a ballot file is printed
// "Ellen Hurcombe" in Droop's reports).
std::string OneSpaced(const std::string& name) {
  std::string text;
  for (char ch : name) {
    if (ch != ' ' || (!text.empty() && text.back() != ' ')) {
      text += ch;
    }
  }
  if (!text.empty() && text.back() == ' ') {
    text.pop_back();
  }
  return text;
}

std::map<std::string, CandidateId> NameIndex(const core::BallotSet& ballots) {
  std::map<std::string, CandidateId> index;
  for (size_t c = 0; c < ballots.candidates.size(); ++c) {
    index.emplace(OneSpaced(ballots.candidates[c]), CandidateId(static_cast<uint16_t>(c)));
  }
  return index;
}

std::vector<std::string> Names(const core::BallotSet& ballots,
                               const std::vector<CandidateId>& candidates) {
  std::vector<std::string> names;
  for (CandidateId c : candidates) {
    names.push_back(OneSpaced(ballots.candidates[c.index()]));
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> SortedStrings(const Json& list) {
  std::vector<std::string> names = list.get<std::vector<std::string>>();
  std::sort(names.begin(), names.end());
  return names;
}

// One official stage: the votes of each candidate still listed, the non-transferable papers
// (set aside with no further preference, and the fractions lost), and the stage's decisions.
void CheckOfficialStage(const core::BallotSet& ballots, const Stage& stage, const Json& official) {
  const auto index = NameIndex(ballots);
  for (const auto& [name, figure] : official["votes"].items()) {
    ASSERT_TRUE(index.count(name)) << name;
    if (figure.is_null()) {
      continue;  // excluded at an earlier stage: the report leaves the cell empty
    }
    EXPECT_EQ(Figure(stage.votes[index.at(name).index()], 5), figure.get<std::string>()) << name;
  }
  EXPECT_EQ(Figure(stage.exhausted_total() + stage.loss, 5),
            official["non_transferable"].get<std::string>());
  EXPECT_EQ(Names(ballots, stage.elected), SortedStrings(official["elected"]));
  EXPECT_EQ(Names(ballots, stage.excluded), SortedStrings(official["excluded"]));
  if (official["surplus"].is_null()) {
    EXPECT_FALSE(stage.surplus_of.has_value());
  } else {
    ASSERT_TRUE(stage.surplus_of.has_value());
    EXPECT_EQ(ballots.candidates[stage.surplus_of->index()],
              official["surplus"].get<std::string>());
  }
}

class ScottishOfficialTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ScottishOfficialTest, EveryStageToTheFifthDecimalPlace) {
  const std::string dir = "conformance/stv/scottish-official/";
  const core::BallotSet ballots = ReadBlt(SharedPath(dir + GetParam() + ".blt"));
  const Json official = Json::parse(ReadFile(SharedPath(dir + GetParam() + "_stages.json")));
  const Result result = Count(ballots, StvPreset::kScottish, official["seats"].get<int>());
  // The quota is a whole number (rule 46), printed "1914.00000" or "1914".
  std::string quota = official["quota"].get<std::string>();
  if (quota.find('.') == std::string::npos) {
    quota += ".00000";
  }
  EXPECT_EQ(Figure(result.quota, 5), quota);
  ASSERT_EQ(result.stages.size(), official["stages"].size());
  for (size_t s = 0; s < result.stages.size(); ++s) {
    SCOPED_TRACE("stage " + std::to_string(s + 1));
    CheckOfficialStage(ballots, result.stages[s], official["stages"][s]);
  }
}

INSTANTIATE_TEST_SUITE_P(Wards, ScottishOfficialTest,
                         ::testing::Values("linn07", "dundee22_coldside", "dundee22_north_east",
                                           "dundee22_strathmartine", "dundee22_west_end"));

// A Droop dump: tab-separated rows "round, action, quota, non-transferable, then name, state
// (H hopeful, E elected, D defeated), vote for each candidate". The count's stages are the
// "begin" row and each "transfer" row after it; the "end" row gives the final states.
// Droop also "transfers" the surplus of a candidate elected with exactly the quota, a stage
// that moves nothing; the rules transfer only a surplus that exceeds the quota (Scottish rule
// 48(1)), so such rows (a transfer straight after an "unpend", changing no figure) are
// passed over.
struct DumpRow {
  std::string action;
  std::string quota;
  std::string non_transferable;
  std::map<std::string, std::pair<std::string, std::string>> candidates;  // state, vote
};

bool SameVotes(const DumpRow& a, const DumpRow& b) {
  for (const auto& [name, state_vote] : a.candidates) {
    auto other = b.candidates.find(name);
    if (other == b.candidates.end() || other->second.second != state_vote.second) {
      return false;
    }
  }
  return true;
}

std::vector<DumpRow> ReadDump(const std::string& path) {
  std::vector<DumpRow> rows;
  std::istringstream in(ReadFile(path));
  std::string line;
  std::getline(in, line);  // header
  bool after_unpend = false;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::istringstream fields(line);
    for (std::string cell; std::getline(fields, cell, '\t');) {
      cells.push_back(cell);
    }
    if (cells.size() >= 2 && cells[1] == "unpend") {
      after_unpend = true;
    }
    if (cells.size() < 4 || (cells[1] != "begin" && cells[1] != "transfer" && cells[1] != "end")) {
      continue;
    }
    DumpRow row;
    row.action = cells[1];
    row.quota = cells[2];
    row.non_transferable = cells[3];
    for (size_t i = 4; i + 2 < cells.size(); i += 3) {
      row.candidates[OneSpaced(cells[i])] = {cells[i + 1], cells[i + 2]};
    }
    if (row.action == "transfer" && after_unpend && !rows.empty() && SameVotes(rows.back(), row) &&
        rows.back().non_transferable == row.non_transferable) {
      continue;  // a surplus of nothing
    }
    after_unpend = false;
    rows.push_back(std::move(row));
  }
  return rows;
}

struct DumpCase {
  std::string dump;  // under ref/dump/
  std::string blt;   // under blt/
};

// Droop draws its lots from a fixed order: the file's [tie] order, else the order the
// candidates are listed in, the first listed losing (or, between equal surpluses, going
// first). `look_back` adds the rule's look at earlier stages before it (scotland); Droop's
// generic Gregory goes straight to the order.
count::TieBreakRules DroopTies(const core::BallotSet& ballots, bool look_back) {
  count::TieBreakRules rules;
  rules.steps = {count::TieStep::kOrder};
  if (look_back) {
    rules.steps.insert(rules.steps.begin(), count::TieStep::kBackward);
  }
  rules.order = ballots.tie_order;
  if (rules.order.empty()) {
    for (size_t c = 0; c < ballots.candidates.size(); ++c) {
      rules.order.emplace_back(static_cast<uint16_t>(c));
    }
  }
  return rules;
}

// What a Droop dump and our count must agree on: the stages, every vote at every stage, the
// non-transferable votes, and the elected. `places` is the dump's.
void CheckAgainstDump(const DumpCase& c, StvPreset preset, int places) {
  const std::string dir = "conformance/stv/droop-reference/";
  const core::BallotSet ballots = ReadBlt(SharedPath(dir + "blt/" + c.blt));
  const std::vector<DumpRow> rows = ReadDump(SharedPath(dir + "ref/dump/" + c.dump));
  ASSERT_GE(rows.size(), 2u);
  const Result result =
      Count(ballots, preset, ballots.seats, DroopTies(ballots, preset == StvPreset::kScottish));
  std::vector<const DumpRow*> stages;
  for (const DumpRow& row : rows) {
    if (row.action != "end") {
      stages.push_back(&row);
    }
  }
  ASSERT_EQ(result.stages.size(), stages.size());
  EXPECT_EQ(Figure(result.quota, places), stages.front()->quota);
  const auto index = NameIndex(ballots);
  for (size_t s = 0; s < stages.size(); ++s) {
    SCOPED_TRACE("stage " + std::to_string(s + 1));
    const Stage& stage = result.stages[s];
    for (const auto& [name, state_vote] : stages[s]->candidates) {
      ASSERT_TRUE(index.count(name)) << "no candidate " << name;
      EXPECT_EQ(Figure(stage.votes[index.at(name).index()], places), state_vote.second) << name;
    }
    // Droop's non-transferable column leaves out the fractions lost (its "residual").
    EXPECT_EQ(Figure(stage.exhausted_total(), places), stages[s]->non_transferable);
  }
  std::vector<std::string> elected;
  for (const auto& [name, state_vote] : rows.back().candidates) {
    if (state_vote.first == "E") {
      elected.push_back(name);
    }
  }
  std::sort(elected.begin(), elected.end());
  EXPECT_EQ(Names(ballots, result.elected), elected);
}

std::vector<DumpCase> DumpCases(const std::string& rule) {
  const std::string dir = SharedPath("conformance/stv/droop-reference/");
  std::vector<DumpCase> cases;
  for (const std::string sub : {"", "scotland/"}) {
    for (const auto& entry : std::filesystem::directory_iterator(dir + "ref/dump/" + sub)) {
      const std::string name = entry.path().filename().string();
      const size_t at = name.find("-" + rule + ".txt");
      if (at != std::string::npos) {
        cases.push_back({sub + name, sub + name.substr(0, at) + ".blt"});
      }
    }
  }
  std::sort(cases.begin(), cases.end(),
            [](const DumpCase& a, const DumpCase& b) { return a.dump < b.dump; });
  return cases;
}

TEST(DroopReferenceTest, ScotlandFixedPointToFivePlaces) {
  const std::vector<DumpCase> cases = DumpCases("scotland-fixed-p5-d5");
  EXPECT_EQ(cases.size(), 32u);
  for (const DumpCase& c : cases) {
    SCOPED_TRACE(c.dump);
    CheckAgainstDump(c, StvPreset::kScottish, 5);
  }
}

TEST(DroopReferenceTest, ExactGregoryToTwelvePlaces) {
  const std::vector<DumpCase> cases = DumpCases("wigm-rational-d12");
  EXPECT_EQ(cases.size(), 5u);
  for (const DumpCase& c : cases) {
    SCOPED_TRACE(c.dump);
    CheckAgainstDump(c, StvPreset::kGregory, 12);
  }
}

}  // namespace
}  // namespace scrutineer::testing
