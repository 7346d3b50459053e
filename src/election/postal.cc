#include "election/postal.h"

#include <sstream>

#include "formats/csv_table.h"
#include "util/text.h"

namespace scrutineer::election {
namespace {

using util::Error;
using util::ErrorCode;

// Where each contest's preferences are in the file: a column per contest, or rank columns.
struct Layout {
  int code = -1;
  std::vector<int> contest_columns;  // by contest, -1 when absent
  std::vector<int> rank_columns;     // rank1, rank2, ... (one contest only)
};

util::Result<Layout> LayoutOf(const formats::CsvTable& table,
                              const core::ElectionDefinition& definition) {
  Layout layout;
  layout.code = table.Column({"code", "voting_code"});
  bool all = true;
  for (const core::Contest& contest : definition.contests) {
    layout.contest_columns.push_back(table.Column(contest.id));
    all = all && layout.contest_columns.back() >= 0;
  }
  for (int rank = 1; definition.contests.size() == 1; ++rank) {
    const int column = table.Column("rank" + std::to_string(rank));
    if (column < 0) {
      break;
    }
    layout.rank_columns.push_back(column);
  }
  if (layout.code < 0 || (!all && layout.rank_columns.empty())) {
    return Error(ErrorCode::kInvalidInput,
                 "the header needs a code column and a column for each contest (or rank1, "
                 "rank2, ... for an election of one contest)",
                 table.name() + ":1");
  }
  return layout;
}

// One contest's marks from its column ("A>B") or from the rank columns.
std::vector<std::string> MarksOf(const formats::CsvTable& table, const Layout& layout,
                                 size_t contest) {
  std::vector<std::string> marks;
  if (layout.contest_columns[contest] >= 0) {
    std::stringstream text{std::string(table.Field(layout.contest_columns[contest]))};
    for (std::string name; std::getline(text, name, '>');) {
      marks.push_back(name);
    }
    return marks;
  }
  for (int column : layout.rank_columns) {
    if (!table.Field(column).empty()) {
      marks.emplace_back(table.Field(column));
    }
  }
  return marks;
}

BallotPaper PaperOf(const formats::CsvTable& table, const Layout& layout,
                    const core::ElectionDefinition& definition) {
  BallotPaper paper{std::string(table.Field(layout.code)), {}};
  for (size_t c = 0; c < definition.contests.size(); ++c) {
    paper.choices.push_back({definition.contests[c].id, MarksOf(table, layout, c)});
  }
  return paper;
}

}  // namespace

util::Result<std::vector<PostalOutcome>> ImportPostal(store::Store& store, const Election& election,
                                                      std::string_view key, const std::string& path,
                                                      int64_t now) {
  auto table = formats::CsvTable::OpenPath(path);
  if (!table.ok()) {
    return table.error();
  }
  auto layout = LayoutOf(**table, election.definition);
  if (!layout.ok()) {
    return layout.error();
  }
  std::vector<BallotPaper> papers;
  std::vector<PostalOutcome> outcomes;
  while (true) {
    auto row = (*table)->Next();
    if (!row.ok()) {
      return row.error();
    }
    if (!*row) {
      break;
    }
    papers.push_back(PaperOf(**table, *layout, election.definition));
    outcomes.push_back({(*table)->line(), {}});
  }
  auto cast = CastBallots(store, election, key, papers, "postal", now);
  if (!cast.ok()) {
    return cast.error();
  }
  for (size_t i = 0; i < outcomes.size(); ++i) {
    outcomes[i].outcome = (*cast)[i];
  }
  return outcomes;
}

std::string PostalOutcomesCsv(const std::vector<PostalOutcome>& outcomes) {
  std::string out = "line,outcome,tracking_code,reason\n";
  for (const PostalOutcome& o : outcomes) {
    out += std::to_string(o.line) + "," + (o.outcome.accepted ? "accepted" : "refused") + "," +
           o.outcome.tracking_code + "," + util::CsvField(o.outcome.refusal) + "\n";
  }
  return out;
}

}  // namespace scrutineer::election
