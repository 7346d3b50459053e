#include "core/election.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>

#include "util/text.h"

namespace scrutineer::core {
namespace {

using util::Problem;

constexpr std::array<std::string_view, 6> kStateNames{"draft",  "nominations", "ballot_open",
                                                      "closed", "counted",     "declared"};

constexpr int64_t kMaxBodySize = 1'000'000'000;
constexpr int64_t kMaxPercentThousandths = 100 * kPercentScale;
constexpr int kMaxSeats = 10000;
constexpr int kMaxFinalists = 100;
constexpr int kMaxPercentPlaces = 4;

template <size_t N>
bool IsOneOf(std::string_view text, const std::string_view (&names)[N]) {
  return std::find(std::begin(names), std::end(names), text) != std::end(names);
}

template <size_t N>
std::string Listed(const std::string_view (&names)[N]) {
  std::string text;
  for (std::string_view name : names) {
    text += text.empty() ? "" : ", ";
    text += name;
  }
  return text;
}

// Ids appear in file names, URLs and CSV columns: ASCII letters, digits, '-' and '_'.
bool IsId(std::string_view id) {
  const auto allowed = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  };
  return !id.empty() && std::all_of(id.begin(), id.end(), allowed);
}

void CheckId(std::string_view id, const std::string& where, std::string_view what,
             std::vector<Problem>& problems) {
  if (!IsId(id)) {
    problems.push_back({where, std::string(what) + " id " + util::Quote(id) +
                                   " must be letters, digits, '-' and '_' (at least one)"});
  }
}

void CheckTimetable(const Timetable& timetable, std::vector<Problem>& problems) {
  if (util::Trim(timetable.time_zone).empty()) {
    problems.push_back({"timetable.time_zone", "time_zone must name a time zone"});
  }
  if (timetable.nominations_close <= timetable.nominations_open) {
    problems.push_back(
        {"timetable.nominations_close", "nominations_close must be after nominations_open"});
  }
  if (timetable.ballot_open < timetable.nominations_close) {
    problems.push_back(
        {"timetable.ballot_open", "ballot_open must not be before nominations_close"});
  }
  if (timetable.ballot_close <= timetable.ballot_open) {
    problems.push_back({"timetable.ballot_close", "ballot_close must be after ballot_open"});
  }
}

void CheckDate(const std::optional<Date>& date, const std::string& path, std::string_view key,
               std::vector<Problem>& problems) {
  if (date.has_value() && !IsCalendarDay(*date)) {
    problems.push_back({path + "." + std::string(key), std::string(key) + " " + DateText(*date) +
                                                           " is not a day of the calendar"});
  }
}

void CheckEligibility(const Eligibility& rules, const std::string& path,
                      std::vector<Problem>& problems) {
  CheckDate(rules.joined_by, path, "joined_by", problems);
  CheckDate(rules.paid_from, path, "paid_from", problems);
  CheckDate(rules.paid_to, path, "paid_to", problems);
  CheckDate(rules.arrears_by, path, "arrears_by", problems);
  if (rules.paid_from.has_value() && rules.paid_to.has_value() &&
      *rules.paid_to < *rules.paid_from) {
    problems.push_back({path + ".paid_to", "paid_to " + DateText(*rules.paid_to) +
                                               " is before paid_from " +
                                               DateText(*rules.paid_from)});
  }
}

void CheckSections(const std::vector<Section>& sections, std::vector<Problem>& problems) {
  if (sections.empty()) {
    problems.push_back({"sections", "the election needs at least one section ([[sections]])"});
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < sections.size(); ++i) {
    const std::string path = "sections[" + std::to_string(i) + "]";
    const Section& section = sections[i];
    CheckId(section.id, path + ".id", "section", problems);
    if (!section.id.empty() && !seen.insert(section.id).second) {
      problems.push_back({path + ".id", "section id " + util::Quote(section.id) +
                                            " is used by an earlier section"});
    }
    CheckEligibility(section.eligibility, path, problems);
  }
}

// The names listed at `path` must be names, each listed once.
void CheckNames(const std::vector<std::string>& names, const std::string& path,
                std::vector<Problem>& problems) {
  std::set<std::string_view> seen;
  for (const std::string& name : names) {
    if (util::Trim(name).empty()) {
      problems.push_back({path, "an empty name is listed"});
    } else if (!seen.insert(name).second) {
      problems.push_back({path, util::Quote(name) + " is listed twice"});
    }
  }
}

void CheckNominations(const Contest& contest, const std::string& path,
                      std::vector<Problem>& problems) {
  const Nominations& nominations = *contest.nominations;
  if (util::Trim(nominations.body).empty()) {
    problems.push_back({path + ".body", "body must say who nominates, e.g. \"MPs and MEPs\""});
  }
  if (nominations.body_size < 1 || nominations.body_size > kMaxBodySize) {
    problems.push_back({path + ".body_size", "body_size must be a whole number from 1 to " +
                                                 std::to_string(kMaxBodySize)});
  }
  if (nominations.percent_thousandths < 1 ||
      nominations.percent_thousandths > kMaxPercentThousandths) {
    problems.push_back({path + ".percent", "percent must be more than 0 and at most 100"});
  }
  CheckNames(nominations.automatic, path + ".automatic", problems);
  for (const std::string& name : nominations.automatic) {
    if (!contest.candidates.empty() &&
        std::find(contest.candidates.begin(), contest.candidates.end(), name) ==
            contest.candidates.end()) {
      problems.push_back({path + ".automatic", util::Quote(name) +
                                                   " is on the ballot automatically but is "
                                                   "not among the candidates"});
    }
  }
}

void CheckEliminatingBallots(const Contest& contest, const std::string& path,
                             std::vector<Problem>& problems) {
  const EliminatingBallots& ballots = *contest.eliminating_ballots;
  if (!contest.nominations) {
    problems.push_back({path, "eliminating ballots are held by the nominating body: the contest "
                              "needs [contests.nominations]"});
  }
  if (ballots.finalists < 2 || ballots.finalists > kMaxFinalists) {
    problems.push_back({path + ".finalists", "finalists must be a whole number from 2 to " +
                                                 std::to_string(kMaxFinalists)});
  }
  const int64_t body = contest.nominations ? contest.nominations->body_size : kMaxBodySize;
  for (int64_t threshold : ballots.thresholds) {
    if (threshold < 0 || threshold > body) {
      problems.push_back({path + ".thresholds", "a threshold must be from 0 to the body's size, " +
                                                    std::to_string(body) + " (not " +
                                                    std::to_string(threshold) + ")"});
    }
  }
}

void CheckMethod(const Contest& contest, const std::string& path, std::vector<Problem>& problems) {
  if (contest.method.empty()) {
    problems.push_back(
        {path + ".method", "the contest needs a method (use " + Listed(kMethods) + ")"});
  } else if (!IsOneOf(contest.method, kMethods)) {
    problems.push_back({path + ".method", "unknown method " + util::Quote(contest.method) +
                                              " (use " + Listed(kMethods) + ")"});
  }
  if (contest.method == "stv" && !contest.stv_rules.empty() &&
      !IsOneOf(contest.stv_rules, kStvRules)) {
    problems.push_back({path + ".stv_rules", "unknown STV rules " + util::Quote(contest.stv_rules) +
                                                 " (use " + Listed(kStvRules) + ")"});
  }
  if (contest.method != "stv" && !contest.stv_rules.empty()) {
    problems.push_back({path + ".stv_rules", "stv_rules applies only to method \"stv\""});
  }
}

void CheckContest(const Contest& contest, const std::string& path, std::vector<Problem>& problems) {
  CheckId(contest.id, path + ".id", "contest", problems);
  if (util::Trim(contest.title).empty()) {
    problems.push_back({path + ".title", "the contest needs a title"});
  }
  CheckMethod(contest, path, problems);
  if (contest.seats < 1 || contest.seats > kMaxSeats) {
    problems.push_back(
        {path + ".seats", "seats must be a whole number from 1 to " + std::to_string(kMaxSeats)});
  }
  CheckNames(contest.candidates, path + ".candidates", problems);
  if (contest.candidates.empty() && !contest.nominations.has_value()) {
    problems.push_back({path, "contest " + util::Quote(contest.id) +
                                  " needs candidates or nominations ([contests.nominations])"});
  }
  if (contest.nominations.has_value()) {
    CheckNominations(contest, path + ".nominations", problems);
  }
  if (contest.eliminating_ballots.has_value()) {
    CheckEliminatingBallots(contest, path + ".eliminating_ballots", problems);
  }
}

void CheckContests(const std::vector<Contest>& contests, std::vector<Problem>& problems) {
  if (contests.empty()) {
    problems.push_back({"contests", "the election needs at least one contest ([[contests]])"});
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < contests.size(); ++i) {
    const std::string path = "contests[" + std::to_string(i) + "]";
    if (!contests[i].id.empty() && !seen.insert(contests[i].id).second) {
      problems.push_back({path + ".id", "contest id " + util::Quote(contests[i].id) +
                                            " is used by an earlier contest"});
    }
    CheckContest(contests[i], path, problems);
  }
}

void CheckTieBreak(const std::string& tie_break, std::vector<Problem>& problems) {
  size_t begin = 0;
  while (begin <= tie_break.size()) {
    const size_t comma = std::min(tie_break.find(',', begin), tie_break.size());
    const std::string_view step =
        util::Trim(std::string_view(tie_break).substr(begin, comma - begin));
    if (!IsOneOf(step, kTieSteps)) {
      problems.push_back({"tie_break", "unknown tie-break step " + util::Quote(step) + " (use " +
                                           Listed(kTieSteps) + ", separated by commas)"});
    }
    begin = comma + 1;
  }
}

void CheckDeclaration(const DeclarationRules& rules, std::vector<Problem>& problems) {
  if (rules.percent_places < 0 || rules.percent_places > kMaxPercentPlaces) {
    problems.push_back(
        {"declaration.percent_places",
         "percent_places must be a whole number from 0 to " + std::to_string(kMaxPercentPlaces)});
  }
  if (rules.turnout_rule != "returned" && rules.turnout_rule != "valid") {
    problems.push_back({"declaration.turnout", "unknown turnout rule " +
                                                   util::Quote(rules.turnout_rule) +
                                                   " (use \"returned\" or \"valid\")"});
  }
}

}  // namespace

bool IsCalendarDay(const Date& date) {
  constexpr std::array<int, 12> kDays{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (date.year < 1 || date.year > 9999 || date.month < 1 || date.month > 12 || date.day < 1) {
    return false;
  }
  const bool leap = (date.year % 4 == 0 && date.year % 100 != 0) || date.year % 400 == 0;
  const int days = date.month == 2 && !leap ? 28 : kDays[static_cast<size_t>(date.month - 1)];
  return date.day <= days;
}

std::optional<Date> DateFromText(std::string_view text) {
  Date date;
  const auto number = [&](size_t at, size_t length, int& out) {
    return std::from_chars(text.data() + at, text.data() + at + length, out).ptr ==
           text.data() + at + length;
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !number(0, 4, date.year) ||
      !number(5, 2, date.month) || !number(8, 2, date.day) || !IsCalendarDay(date)) {
    return std::nullopt;
  }
  return date;
}

std::string_view ElectionStateName(ElectionState state) {
  const auto index = static_cast<size_t>(state);
  CHECK(index < kStateNames.size());
  return kStateNames[index];
}

std::optional<ElectionState> ElectionStateNamed(std::string_view name) {
  const auto found = std::find(kStateNames.begin(), kStateNames.end(), name);
  if (found == kStateNames.end()) {
    return std::nullopt;
  }
  return static_cast<ElectionState>(found - kStateNames.begin());
}

util::Status CheckTransition(ElectionState from, ElectionState to) {
  const std::string now = "the election is in state '" + std::string(ElectionStateName(from));
  if (from == ElectionState::kDeclared) {
    return util::Error(util::ErrorCode::kConflict, now + "', which is final; it cannot move to '" +
                                                       std::string(ElectionStateName(to)) + "'");
  }
  const auto next = static_cast<ElectionState>(static_cast<uint8_t>(from) + 1);
  if (to != next) {
    return util::Error(util::ErrorCode::kConflict,
                       now + "'; it can move only to '" + std::string(ElectionStateName(next)) +
                           "', not to '" + std::string(ElectionStateName(to)) + "'");
  }
  return {};
}

int64_t DaysSinceEpoch(const Date& date) {
  // H. Hinnant, "chrono-Compatible Low-Level Date Algorithms", days_from_civil: years begin
  // on 1 March so that the leap day comes last.
  const int64_t year = date.year - (date.month <= 2 ? 1 : 0);
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t year_of_era = year - era * 400;
  const int64_t month = date.month;
  const int64_t day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + date.day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

std::string DateText(const Date& date) {
  const auto padded = [](int value, size_t width) {
    std::string text = std::to_string(value);
    return std::string(text.size() < width ? width - text.size() : 0, '0') + text;
  };
  return padded(date.year, 4) + "-" + padded(date.month, 2) + "-" + padded(date.day, 2);
}

std::optional<int64_t> PercentThousandthsFrom(std::string_view text) {
  const size_t point = std::min(text.find('.'), text.size());
  const std::string_view whole = text.substr(0, point);
  const std::string_view fraction = point < text.size() ? text.substr(point + 1) : "";
  const auto digits = [](std::string_view part) {
    return std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (whole.empty() || whole.size() > 3 || !digits(whole) || fraction.size() > 3 ||
      !digits(fraction) || (point < text.size() && fraction.empty())) {
    return std::nullopt;
  }
  int64_t value = 0;
  for (char c : whole) {
    value = value * 10 + (c - '0');
  }
  int64_t scale = kPercentScale;
  for (char c : fraction) {
    scale /= 10;
    value = value * 10 + (c - '0');
  }
  value *= scale;
  if (value > kMaxPercentThousandths) {
    return std::nullopt;
  }
  return value;
}

int64_t NominationsNeeded(const Nominations& nominations) {
  CHECK(nominations.body_size >= 0 && nominations.body_size <= kMaxBodySize);
  CHECK(nominations.percent_thousandths >= 0 &&
        nominations.percent_thousandths <= kMaxPercentThousandths);
  // Exact: body_size * percent / 100, rounded up. At most 10^9 * 10^5, well inside int64.
  constexpr int64_t kWhole = 100 * kPercentScale;
  return (nominations.body_size * nominations.percent_thousandths + kWhole - 1) / kWhole;
}

util::Status Validate(const ElectionDefinition& definition) {
  std::vector<Problem> problems;
  CheckId(definition.id, "id", "the election", problems);
  if (util::Trim(definition.title).empty()) {
    problems.push_back({"title", "the election needs a title"});
  }
  CheckTimetable(definition.timetable, problems);
  CheckSections(definition.sections, problems);
  CheckContests(definition.contests, problems);
  CheckDeclaration(definition.declaration, problems);
  CheckTieBreak(definition.tie_break, problems);
  if (problems.empty()) {
    return {};
  }
  return util::Error(util::ErrorCode::kInvalidInput, std::move(problems));
}

}  // namespace scrutineer::core
