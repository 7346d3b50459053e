#pragma once
// The definition of an election (docs/formats/election.md): its timetable, the sections of its
// electorate and who in each may vote, its contests, and how its declaration is written and its
// ties broken; and the states an election passes through, draft to declared, one step at a time.
// Plain data and pure checks: reading a definition from a file is formats/election_toml.h.
//
// Validate reports every problem at once. Each problem's `where` is the key path of the field
// at fault in the documented layout (`title`, `timetable.ballot_close`, `sections[1].paid_to`,
// `contests[0].nominations.percent`; indices from 0), so that a reader can name the line.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace scrutineer::core {

// An election moves forward through these states, one at a time, and never back.
enum class ElectionState : uint8_t {
  kDraft,        // being defined; nothing is open
  kNominations,  // nominations are open
  kBallotOpen,   // credentials are issued and ballots accepted
  kClosed,       // no more ballots are accepted
  kCounted,      // the count has run; its result is not yet public
  kDeclared,     // the result is declared; final
};

// "draft", "nominations", "ballot_open", "closed", "counted", "declared".
std::string_view ElectionStateName(ElectionState state);
// The state of that name; nullopt for any other text.
std::optional<ElectionState> ElectionStateNamed(std::string_view name);
// Allows only the move to the next state; anything else is refused with a message naming
// both states and the one move that is allowed.
util::Status CheckTransition(ElectionState from, ElectionState to);

// A calendar day (proleptic Gregorian), for join and payment dates, which carry no time.
struct Date {
  int year = 1970;  // e.g. 2016
  int month = 1;    // 1 to 12
  int day = 1;      // 1 to the length of the month

  constexpr auto operator<=>(const Date&) const = default;
};

// Days from 1970-01-01 to `date` (negative before it). REQUIRES: a real day of the calendar.
int64_t DaysSinceEpoch(const Date& date);
// "2016-01-12".
std::string DateText(const Date& date);
// True for a real day of the calendar (years 1 to 9999).
bool IsCalendarDay(const Date& date);
// "2016-01-12" (exactly YYYY-MM-DD, a real day); nothing for any other text.
std::optional<Date> DateFromText(std::string_view text);

// When each stage opens and closes. Instants are UTC seconds since 1970-01-01T00:00:00Z.
// REQUIRES (Validate): nominations_open < nominations_close <= ballot_open < ballot_close.
struct Timetable {
  std::string time_zone;          // IANA name the times are shown in, e.g. "Europe/London"
  int64_t nominations_open = 0;   // nominations are accepted from this instant
  int64_t nominations_close = 0;  // ... until this one
  int64_t ballot_open = 0;        // ballots are accepted from this instant
  int64_t ballot_close = 0;       // ... until this one
};

// Who in a section may vote. Each rule left unset does not apply; a person must meet every
// rule that is set. Dates are inclusive.
struct Eligibility {
  std::optional<Date> joined_by;   // joined on or before this day (the freeze date)
  std::optional<Date> paid_from;   // paid on or after this day ...
  std::optional<Date> paid_to;     // ... and on or before this one (e.g. a supporters' window)
  std::optional<Date> arrears_by;  // any arrears paid on or before this day
};

// A part of the electorate (members, registered supporters, affiliated supporters, ...), whose
// results are declared separately. The order of ElectionDefinition::sections is the priority
// when one person is in two sections: they vote once, in the first section listed.
struct Section {
  std::string id;           // short name used in files and URLs, e.g. "members"; required
  std::string label;        // name shown in the declaration; empty shows the id
  Eligibility eligibility;  // who in the section may vote; by default everyone listed in it
};

// How candidates get on the ballot by nomination: a percentage of a nominating body, rounded
// up (e.g. 20% of the party's MPs and MEPs).
struct Nominations {
  std::string body;                    // who nominates, e.g. "MPs and MEPs"; required
  int64_t body_size = 0;               // how many the body has; at least 1
  int64_t percent_thousandths = 0;     // the percentage in thousandths: 20% is 20000, 12.5% 12500
  std::vector<std::string> automatic;  // on the ballot without nominations (e.g. an incumbent)
};

// 1000: thousandths of a percent in one percent.
inline constexpr int64_t kPercentScale = 1000;

// The text of a percentage, "20" or "12.5" (at most three decimals, at most 100), as
// thousandths of a percent; nullopt for anything else. Read exactly: no floating point.
std::optional<int64_t> PercentThousandthsFrom(std::string_view text);

// The nominations a candidate needs: the percentage of body_size, rounded up (20% of 229 is
// 45.8, so 46). REQUIRES: 0 <= body_size <= 10^9 and 0 <= percent_thousandths <= 100000.
int64_t NominationsNeeded(const Nominations& nominations);

// Successive ballots of the nominating body (e.g. the party's MPs, voting on paper in a
// committee room) that narrow the nominated candidates down to the finalists of the members'
// ballot (docs/eliminating-ballots.md). In each, a candidate needs the round's threshold of
// votes to stay; when all reach it, the one with the fewest votes is eliminated.
struct EliminatingBallots {
  int finalists = 2;  // how many go on to the members' ballot; 2 to 100
  // Votes needed to stay in ballot 1, 2, ...; 0, or a ballot past the list, needs none.
  std::vector<int64_t> thresholds;
};

// One contest of the election (a leader, a deputy, a committee).
struct Contest {
  std::string id;                          // short name, e.g. "leader"; required
  std::string title;                       // shown in the declaration; required
  std::string method;                      // kMethods: irv, stv, plurality, ...; required
  int seats = 1;                           // how many are elected; 1 to 10000
  std::vector<std::string> candidates;     // in ballot-paper order; empty until nominated
  std::string stv_rules;                   // with method "stv": the preset; empty for others
  std::optional<Nominations> nominations;  // how candidates are nominated; none: listed only
  // Ballots of the nominating body before the members' ballot; requires nominations.
  std::optional<EliminatingBallots> eliminating_ballots;
};

// The counting methods a contest may name.
inline constexpr std::string_view kMethods[] = {"irv",    "stv",     "plurality",   "approval",
                                                "motion", "schulze", "ranked-pairs"};
// The STV presets stv_rules may name.
inline constexpr std::string_view kStvRules[] = {"scottish-stv", "ers97", "meek", "gregory",
                                                 "sb1288"};
// The steps a tie_break may list, tried in turn (count/tie_break.h).
inline constexpr std::string_view kTieSteps[] = {"backward", "forward", "order", "lot"};

// How the declaration is written.
struct DeclarationRules {
  int percent_places = 1;  // decimal places of percentages, 0 to 4: 61.8%
  // The turnout: "returned" is (valid + spoilt) / electorate (Labour 2016: 77.6%); "valid"
  // is valid / electorate.
  std::string turnout_rule = "returned";
};

// An election as defined before it opens (docs/formats/election.md).
struct ElectionDefinition {
  std::string id;                 // short name, e.g. "labour-2016-leader"; required
  std::string title;              // shown on every page and declaration; required
  Timetable timetable;            // when each stage opens and closes
  std::vector<Section> sections;  // at least one; the first listed wins for a person in two
  std::vector<Contest> contests;  // at least one
  DeclarationRules declaration;   // how results are written
  // Steps from kTieSteps, separated by commas, tried in turn. Default: look back through
  // earlier rounds, then draw lots.
  std::string tie_break = "backward,lot";
  std::string seed;  // the published seed for lots (docs/rng.md); may be empty until published
};

// Every problem with `definition`, at once: a required field empty, the timetable out of order,
// an id repeated, a contest with no candidates and no nominations, an unknown method, STV preset
// or tie-break step, a payment window backwards, a declaration rule out of range.
util::Status Validate(const ElectionDefinition& definition);

}  // namespace scrutineer::core
