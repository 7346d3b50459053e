#include "formats/election_toml.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <initializer_list>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <utility>
#include <vector>

#include "util/text.h"

namespace scrutineer::formats {
namespace {

using core::ElectionDefinition;

constexpr int64_t kSecondsPerDay = 86400;

// What one read of a file has found: its problems, each with its line (0: the whole file), and
// the line of every key, by its path ("contests[0].seats"), to place core::Validate's problems.
struct Context {
  std::vector<std::pair<uint32_t, std::string>> problems;
  std::map<std::string, uint32_t> lines;
  std::set<std::string> refused;  // paths whose value was refused, so Validate need not repeat it
};

using Keys = std::initializer_list<std::string_view>;

std::string Join(const std::string& prefix, std::string_view key) {
  return prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
}

uint32_t LineOf(const toml::node& node) { return node.source().begin.line; }

void Refuse(Context& context, const std::string& path, const toml::node& node, std::string what) {
  context.refused.insert(path);
  context.problems.emplace_back(LineOf(node), std::move(what));
}

// Records the line of each key of `table` under `prefix`, and refuses the keys not in `known`.
void IndexKeys(Context& context, const toml::table& table, const std::string& prefix, Keys known,
               std::string_view where) {
  for (const auto& [key, node] : table) {
    const uint32_t line = key.source().begin.line != 0 ? key.source().begin.line : LineOf(node);
    context.lines[Join(prefix, key.str())] = line;
    if (std::find(known.begin(), known.end(), key.str()) != known.end()) {
      continue;
    }
    std::string names;
    for (std::string_view name : known) {
      names += std::string(names.empty() ? "" : ", ") + std::string(name);
    }
    context.problems.emplace_back(line, "unknown key " + util::Quote(key.str()) + " " +
                                            std::string(where) + " (known keys: " + names + ")");
  }
}

void ReadText(Context& context, const toml::table& table, std::string_view key,
              const std::string& prefix, std::string& out) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    return;
  }
  if (!node->is_string()) {
    Refuse(context, Join(prefix, key), *node, std::string(key) + " must be a string");
    return;
  }
  out = node->as_string()->get();
}

// A whole number; one too large for `T` is clamped so that core::Validate reports its range.
template <typename T>
void ReadWhole(Context& context, const toml::table& table, std::string_view key,
               const std::string& prefix, T& out) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    return;
  }
  if (!node->is_integer()) {
    Refuse(context, Join(prefix, key), *node, std::string(key) + " must be a whole number");
    return;
  }
  out = static_cast<T>(std::clamp<int64_t>(node->as_integer()->get(), std::numeric_limits<T>::min(),
                                           std::numeric_limits<T>::max()));
}

void ReadNames(Context& context, const toml::table& table, std::string_view key,
               const std::string& prefix, std::vector<std::string>& out) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    return;
  }
  if (!node->is_array()) {
    Refuse(context, Join(prefix, key), *node, std::string(key) + " must be a list of names");
    return;
  }
  for (const toml::node& item : *node->as_array()) {
    if (!item.is_string()) {
      context.problems.emplace_back(LineOf(item),
                                    std::string(key) + " holds something that is not a name");
      continue;
    }
    out.push_back(item.as_string()->get());
  }
}

core::Date DateOf(const toml::date& date) { return core::Date{date.year, date.month, date.day}; }

// An offset date-time such as 2016-08-22T09:00:00+01:00, as UTC seconds since the epoch.
int64_t UtcSeconds(const toml::date_time& when) {
  const int64_t seconds_of_day =
      int64_t{when.time.hour} * 3600 + int64_t{when.time.minute} * 60 + int64_t{when.time.second};
  return core::DaysSinceEpoch(DateOf(when.date)) * kSecondsPerDay + seconds_of_day -
         int64_t{when.offset->minutes} * 60;
}

// A required instant: an offset date-time, to the second. A local date-time is refused: the
// same wall-clock time is a different instant in each zone.
void ReadInstant(Context& context, const toml::table& table, std::string_view key,
                 const std::string& prefix, int64_t& out) {
  const std::string path = Join(prefix, key);
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    context.refused.insert(path);
    context.problems.emplace_back(LineOf(table), "[timetable] needs " + std::string(key) +
                                                     ", e.g. 2016-08-22T09:00:00+01:00");
    return;
  }
  const toml::date_time* when = node->is_date_time() ? &node->as_date_time()->get() : nullptr;
  if (when == nullptr) {
    Refuse(context, path, *node,
           std::string(key) +
               " must be a date and time with a zone offset, e.g. "
               "2016-08-22T09:00:00+01:00");
  } else if (!when->offset.has_value()) {
    Refuse(context, path, *node,
           std::string(key) +
               " needs a zone offset (e.g. +01:00 or Z): a time without one "
               "is a different instant in every zone");
  } else if (when->time.nanosecond != 0) {
    Refuse(context, path, *node, std::string(key) + " must be a whole second");
  } else {
    out = UtcSeconds(*when);
  }
}

// An optional calendar day such as 2016-01-12, with no time.
void ReadDate(Context& context, const toml::table& table, std::string_view key,
              const std::string& prefix, std::optional<core::Date>& out) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    return;
  }
  if (!node->is_date()) {
    Refuse(context, Join(prefix, key), *node,
           std::string(key) + " must be a date with no time, e.g. 2016-01-12");
    return;
  }
  out = DateOf(node->as_date()->get());
}

// "20", "12.5" or 20: read exactly, never through a floating-point number.
void ReadPercent(Context& context, const toml::table& table, const std::string& prefix,
                 int64_t& out) {
  const toml::node* node = table.get("percent");
  if (node == nullptr) {
    return;
  }
  const std::string path = Join(prefix, "percent");
  std::optional<int64_t> thousandths;
  if (node->is_string()) {
    thousandths = core::PercentThousandthsFrom(node->as_string()->get());
  } else if (node->is_integer()) {
    thousandths = core::PercentThousandthsFrom(std::to_string(node->as_integer()->get()));
  }
  if (node->is_floating_point()) {
    Refuse(context, path, *node,
           "percent must be a whole number or a string such as \"12.5\", so that it is read "
           "exactly");
  } else if (!thousandths.has_value()) {
    Refuse(context, path, *node,
           "percent must be a number from 0 to 100 with at most three decimals, e.g. \"12.5\"");
  } else {
    out = *thousandths;
  }
}

// A sub-table such as [timetable]: nullptr, and a problem, when the key holds something else.
const toml::table* TableAt(Context& context, const toml::table& parent, std::string_view key,
                           const std::string& path, std::string_view header) {
  const toml::node* node = parent.get(key);
  if (node == nullptr) {
    return nullptr;
  }
  if (!node->is_table()) {
    Refuse(context, path, *node,
           std::string(key) + " must be a table (" + std::string(header) + ")");
    return nullptr;
  }
  return node->as_table();
}

void ReadTimetable(Context& context, const toml::table& root, core::Timetable& timetable) {
  const toml::table* table = TableAt(context, root, "timetable", "timetable", "[timetable]");
  if (table == nullptr) {
    if (root.get("timetable") == nullptr) {
      context.problems.emplace_back(0, "the election needs a [timetable]");
    }
    context.refused.insert("timetable");
    return;
  }
  const std::string prefix = "timetable";
  IndexKeys(context, *table, prefix,
            {"time_zone", "nominations_open", "nominations_close", "ballot_open", "ballot_close"},
            "in [timetable]");
  ReadText(context, *table, "time_zone", prefix, timetable.time_zone);
  ReadInstant(context, *table, "nominations_open", prefix, timetable.nominations_open);
  ReadInstant(context, *table, "nominations_close", prefix, timetable.nominations_close);
  ReadInstant(context, *table, "ballot_open", prefix, timetable.ballot_open);
  ReadInstant(context, *table, "ballot_close", prefix, timetable.ballot_close);
}

void ReadDeclaration(Context& context, const toml::table& root, core::DeclarationRules& rules) {
  const toml::table* table = TableAt(context, root, "declaration", "declaration", "[declaration]");
  if (table == nullptr) {
    return;
  }
  const std::string prefix = "declaration";
  IndexKeys(context, *table, prefix, {"percent_places", "turnout"}, "in [declaration]");
  ReadWhole(context, *table, "percent_places", prefix, rules.percent_places);
  ReadText(context, *table, "turnout", prefix, rules.turnout_rule);
}

// The tables of an array of tables such as [[sections]], each with its path ("sections[1]").
std::vector<std::pair<const toml::table*, std::string>> TablesAt(Context& context,
                                                                 const toml::table& root,
                                                                 std::string_view key) {
  std::vector<std::pair<const toml::table*, std::string>> tables;
  const toml::node* node = root.get(key);
  if (node == nullptr) {
    return tables;
  }
  const std::string name(key);
  if (!node->is_array_of_tables()) {
    Refuse(context, name, *node, name + " must be a list of tables, each headed [[" + name + "]]");
    return tables;
  }
  for (const toml::node& item : *node->as_array()) {
    const std::string path = name + "[" + std::to_string(tables.size()) + "]";
    context.lines[path] = LineOf(item);
    tables.emplace_back(item.as_table(), path);
  }
  return tables;
}

void ReadSections(Context& context, const toml::table& root, std::vector<core::Section>& out) {
  for (const auto& [table, path] : TablesAt(context, root, "sections")) {
    IndexKeys(context, *table, path,
              {"id", "label", "joined_by", "paid_from", "paid_to", "arrears_by"},
              "in [[sections]]");
    core::Section& section = out.emplace_back();
    ReadText(context, *table, "id", path, section.id);
    ReadText(context, *table, "label", path, section.label);
    ReadDate(context, *table, "joined_by", path, section.eligibility.joined_by);
    ReadDate(context, *table, "paid_from", path, section.eligibility.paid_from);
    ReadDate(context, *table, "paid_to", path, section.eligibility.paid_to);
    ReadDate(context, *table, "arrears_by", path, section.eligibility.arrears_by);
  }
}

void ReadNominations(Context& context, const toml::table& contest_table, const std::string& path,
                     core::Contest& contest) {
  const std::string prefix = Join(path, "nominations");
  const toml::table* table =
      TableAt(context, contest_table, "nominations", prefix, "[contests.nominations]");
  if (table == nullptr) {
    return;
  }
  IndexKeys(context, *table, prefix, {"body", "body_size", "percent", "automatic"},
            "in [contests.nominations]");
  core::Nominations& nominations = contest.nominations.emplace();
  ReadText(context, *table, "body", prefix, nominations.body);
  ReadWhole(context, *table, "body_size", prefix, nominations.body_size);
  ReadPercent(context, *table, prefix, nominations.percent_thousandths);
  ReadNames(context, *table, "automatic", prefix, nominations.automatic);
}

// A list of whole numbers, e.g. thresholds = [30, 0, 33].
void ReadWholes(Context& context, const toml::table& table, std::string_view key,
                const std::string& prefix, std::vector<int64_t>& out) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    return;
  }
  if (!node->is_array()) {
    Refuse(context, Join(prefix, key), *node, std::string(key) + " must be a list of whole numbers");
    return;
  }
  for (const toml::node& item : *node->as_array()) {
    if (!item.is_integer()) {
      context.problems.emplace_back(LineOf(item),
                                    std::string(key) + " holds something that is not a whole number");
      continue;
    }
    out.push_back(item.as_integer()->get());
  }
}

void ReadEliminatingBallots(Context& context, const toml::table& contest_table,
                            const std::string& path, core::Contest& contest) {
  const std::string prefix = Join(path, "eliminating_ballots");
  const toml::table* table = TableAt(context, contest_table, "eliminating_ballots", prefix,
                                     "[contests.eliminating_ballots]");
  if (table == nullptr) {
    return;
  }
  IndexKeys(context, *table, prefix, {"finalists", "thresholds"},
            "in [contests.eliminating_ballots]");
  core::EliminatingBallots& ballots = contest.eliminating_ballots.emplace();
  ReadWhole(context, *table, "finalists", prefix, ballots.finalists);
  ReadWholes(context, *table, "thresholds", prefix, ballots.thresholds);
}

void ReadContests(Context& context, const toml::table& root, std::vector<core::Contest>& out) {
  for (const auto& [table, path] : TablesAt(context, root, "contests")) {
    IndexKeys(context, *table, path,
              {"id", "title", "method", "seats", "candidates", "stv_rules", "nominations",
               "eliminating_ballots"},
              "in [[contests]]");
    core::Contest& contest = out.emplace_back();
    ReadText(context, *table, "id", path, contest.id);
    ReadText(context, *table, "title", path, contest.title);
    ReadText(context, *table, "method", path, contest.method);
    ReadWhole(context, *table, "seats", path, contest.seats);
    ReadNames(context, *table, "candidates", path, contest.candidates);
    ReadText(context, *table, "stv_rules", path, contest.stv_rules);
    ReadNominations(context, *table, path, contest);
    ReadEliminatingBallots(context, *table, path, contest);
  }
}

ElectionDefinition ReadDefinition(Context& context, const toml::table& root) {
  ElectionDefinition definition;
  IndexKeys(
      context, root, "",
      {"id", "title", "tie_break", "seed", "timetable", "declaration", "sections", "contests"},
      "at the top level");
  ReadText(context, root, "id", "", definition.id);
  ReadText(context, root, "title", "", definition.title);
  ReadText(context, root, "tie_break", "", definition.tie_break);
  ReadText(context, root, "seed", "", definition.seed);
  ReadTimetable(context, root, definition.timetable);
  ReadDeclaration(context, root, definition.declaration);
  ReadSections(context, root, definition.sections);
  ReadContests(context, root, definition.contests);
  return definition;
}

// The line of the key at `path`, else of the nearest table holding it; 0 when none is in the
// file.
uint32_t LineOfPath(const Context& context, std::string path) {
  while (!path.empty()) {
    const auto found = context.lines.find(path);
    if (found != context.lines.end()) {
      return found->second;
    }
    const size_t cut = path.find_last_of(".[");
    path.resize(cut == std::string::npos ? 0 : cut);
  }
  return 0;
}

// True when the value at `path`, or a table holding it, was refused.
bool WasRefused(const Context& context, std::string path) {
  while (!path.empty()) {
    if (context.refused.count(path) != 0) {
      return true;
    }
    const size_t cut = path.find_last_of(".[");
    path.resize(cut == std::string::npos ? 0 : cut);
  }
  return false;
}

// Adds core::Validate's problems, each on its line, except those about a value already refused.
void AddValidationProblems(Context& context, const ElectionDefinition& definition) {
  const util::Status status = core::Validate(definition);
  if (status.ok()) {
    return;
  }
  for (const util::Problem& problem : status.error().problems()) {
    if (!WasRefused(context, problem.where)) {
      context.problems.emplace_back(LineOfPath(context, problem.where), problem.what);
    }
  }
}

// Every problem, in line order; those of the whole file last.
util::Error ToError(Context& context, const std::string& name) {
  std::stable_sort(
      context.problems.begin(), context.problems.end(), [](const auto& a, const auto& b) {
        return (a.first == 0 ? UINT32_MAX : a.first) < (b.first == 0 ? UINT32_MAX : b.first);
      });
  std::vector<util::Problem> problems;
  for (auto& [line, what] : context.problems) {
    problems.push_back({line == 0 ? name : name + ":" + std::to_string(line), std::move(what)});
  }
  return util::Error(util::ErrorCode::kInvalidInput, std::move(problems));
}

}  // namespace

util::Result<ElectionDefinition> ParseElectionToml(std::string_view text, const std::string& name) {
  toml::table root;
  try {
    root = toml::parse(text, name);
  } catch (const toml::parse_error& error) {
    return util::Error(util::ErrorCode::kInvalidInput,
                       "not valid TOML: " + std::string(error.description()),
                       name + ":" + std::to_string(error.source().begin.line));
  }
  Context context;
  ElectionDefinition definition = ReadDefinition(context, root);
  AddValidationProblems(context, definition);
  if (!context.problems.empty()) {
    return ToError(context, name);
  }
  return definition;
}

util::Result<ElectionDefinition> ReadElectionToml(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return util::Error(util::ErrorCode::kNotFound, "cannot open the election definition", path);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return ParseElectionToml(text.str(), path);
}

}  // namespace scrutineer::formats
