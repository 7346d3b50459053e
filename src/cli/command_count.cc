#include "cli/command_count.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>

#include "cli/exit_codes.h"
#include "count/irv.h"
#include "crypto/sha256_lot.h"
#include "formats/ballot_file.h"
#include "formats/contest_file.h"
#include "report/declaration.h"
#include "util/text.h"

namespace scrutineer::cli {
namespace {

using util::Error;
using util::ErrorCode;

const std::map<std::string, core::Treatment> kTreatments{{"stop", core::Treatment::kStop},
                                                         {"skip", core::Treatment::kSkip},
                                                         {"reject", core::Treatment::kReject},
                                                         {"refuse", core::Treatment::kRefuse}};

const std::map<std::string, count::TieStep> kTieSteps{{"backward", count::TieStep::kBackward},
                                                      {"forward", count::TieStep::kForward},
                                                      {"order", count::TieStep::kOrder},
                                                      {"lot", count::TieStep::kLot}};

util::Result<core::BallotRules> BallotRulesFrom(const CountOptions& options) {
  core::BallotRules rules;
  rules.skipped_rank = kTreatments.at(options.skipped_rank);
  rules.repeated_candidate = kTreatments.at(options.repeated_candidate);
  rules.overvote = kTreatments.at(options.overvote);
  rules.unknown_candidate = kTreatments.at(options.unknown_candidate);
  util::Status valid = core::ValidateBallotRules(rules);
  if (!valid.ok()) {
    return Error(ErrorCode::kInvalidArgument, valid.error().problems()[0].what,
                 "--unknown-candidate");
  }
  return rules;
}

util::Result<std::vector<count::TieStep>> TieStepsFrom(const std::string& text) {
  std::vector<count::TieStep> steps;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = text.find(',', begin);
    end = end == std::string::npos ? text.size() : end;
    const std::string step(util::Trim(std::string_view(text).substr(begin, end - begin)));
    const auto found = kTieSteps.find(step);
    if (found == kTieSteps.end()) {
      return Error(ErrorCode::kInvalidArgument,
                   "unknown tie-break step " + util::Quote(step) +
                       " (use backward, forward, order and lot, separated by commas)",
                   "--tie-break");
    }
    steps.push_back(found->second);
    begin = end + 1;
  }
  return steps;
}

// The contest's declared facts: from --contest, less what the command line overrides.
util::Result<formats::ContestFile> ContestFrom(const CountOptions& options) {
  formats::ContestFile contest;
  if (!options.contest.empty()) {
    auto read = formats::ReadContestFile(options.contest);
    if (!read.ok()) {
      return read.error();
    }
    contest = std::move(read.value());
  }
  if (!options.title.empty()) {
    if (!util::IsValidUtf8(options.title)) {
      return Error(ErrorCode::kInvalidArgument, "the title is not valid UTF-8", "--title");
    }
    contest.title = options.title;
  }
  if (options.seats) {
    contest.seats = *options.seats;
  }
  return contest;
}

util::Status CheckMethod(const CountOptions& options, const formats::ContestFile& contest) {
  const bool irv = options.method == "irv" || options.method == "instant-runoff";
  if (!irv) {
    return Error(ErrorCode::kInvalidArgument,
                 "method " + util::Quote(options.method) +
                     " is not available yet; this version counts irv (instant-runoff)",
                 "--method");
  }
  if (!contest.method.empty() && contest.method != "instant-runoff" && contest.method != "irv") {
    return Error(ErrorCode::kInvalidArgument,
                 "the contest file asks for method " + util::Quote(contest.method) +
                     ", which this version cannot count",
                 options.contest);
  }
  return {};
}

util::Result<core::BallotSet> ReadBallots(const CountOptions& options,
                                          const formats::ContestFile& contest,
                                          const core::BallotRules& rules) {
  util::Result<formats::BallotFormat> format =
      options.input_format.empty()
          ? formats::BallotFormatOfPath(options.ballots)
          : util::Result<formats::BallotFormat>(*formats::BallotFormatNamed(options.input_format));
  if (!format.ok()) {
    return format.error();
  }
  formats::ReadOptions read;
  read.rules = rules;
  read.candidates = contest.candidates;
  read.sections = contest.sections;
  read.threads = options.threads;
  return formats::ReadBallotFile(options.ballots, *format, read);
}

// Instant-runoff fills one seat; a file or contest for more is refused unless --seats 1.
util::Status CheckSeats(const CountOptions& options, const formats::ContestFile& contest,
                        const core::BallotSet& ballots) {
  const int seats = contest.seats > 0 ? contest.seats : std::max(ballots.seats, 1);
  if (seats == 1) {
    return {};
  }
  return Error(ErrorCode::kInvalidArgument,
               "the contest has " + std::to_string(seats) +
                   " seats, and instant-runoff fills one; give --seats 1 to count it for one",
               options.seats ? "--seats" : options.ballots);
}

util::Result<std::vector<count::CandidateId>> TieOrderFrom(const CountOptions& options,
                                                           const core::BallotSet& ballots) {
  if (options.tie_order.empty()) {
    return ballots.tie_order;
  }
  std::vector<count::CandidateId> order;
  for (const std::string& name : options.tie_order) {
    const auto found = std::find(ballots.candidates.begin(), ballots.candidates.end(), name);
    if (found == ballots.candidates.end()) {
      return Error(ErrorCode::kInvalidArgument, util::Quote(name) + " is not a candidate",
                   "--tie-order");
    }
    order.emplace_back(static_cast<uint16_t>(found - ballots.candidates.begin()));
  }
  return order;
}

util::Result<count::IrvRules> IrvRulesFrom(const CountOptions& options,
                                           const core::BallotSet& ballots) {
  count::IrvRules rules;
  rules.stop_at_majority = !options.continue_until_two;
  rules.batch_elimination = options.batch_elimination;
  auto steps = TieStepsFrom(options.tie_break);
  if (!steps.ok()) {
    return steps.error();
  }
  rules.tie_break.steps = std::move(steps.value());
  auto order = TieOrderFrom(options, ballots);
  if (!order.ok()) {
    return order.error();
  }
  rules.tie_break.order = std::move(order.value());
  return rules;
}

std::string Render(const std::string& format, const report::Declaration& declaration) {
  if (format == "json") {
    return report::WriteJson(declaration);
  }
  if (format == "rctab-json") {
    return report::WriteRctabJson(declaration);
  }
  if (format == "csv") {
    return report::WriteCsv(declaration);
  }
  if (format == "html") {
    return report::WriteHtml(declaration);
  }
  return report::WriteText(declaration);
}

util::Status Emit(const std::string& text, const std::string& output) {
  if (output.empty()) {
    if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout)) {
      return Error(ErrorCode::kIo, "cannot write to standard output");
    }
    return {};
  }
  std::ofstream file(output, std::ios::binary | std::ios::trunc);
  file.write(text.data(), static_cast<std::streamsize>(text.size()));
  file.close();
  if (!file) {
    return Error(ErrorCode::kIo, "cannot write the declaration", output);
  }
  return {};
}

// Each step of a count, failing with the first error.
util::Status Count(const CountOptions& options) {
  auto contest = ContestFrom(options);
  if (!contest.ok()) {
    return contest.error();
  }
  if (util::Status method = CheckMethod(options, *contest); !method.ok()) {
    return method;
  }
  auto ballot_rules = BallotRulesFrom(options);
  if (!ballot_rules.ok()) {
    return ballot_rules.error();
  }
  auto ballots = ReadBallots(options, *contest, *ballot_rules);
  if (!ballots.ok()) {
    return ballots.error();
  }
  if (util::Status seats = CheckSeats(options, *contest, *ballots); !seats.ok()) {
    return seats;
  }
  auto rules = IrvRulesFrom(options, *ballots);
  if (!rules.ok()) {
    return rules.error();
  }
  std::unique_ptr<count::Lot> lot;
  if (options.seed) {
    lot = std::make_unique<crypto::Sha256Lot>(*options.seed);
  }
  auto result = count::CountIrv(*ballots, *rules, lot.get());
  if (!result.ok()) {
    return result.error();
  }
  report::Declaration declaration(*ballots, *result);
  if (!contest->title.empty()) {
    declaration.title = contest->title;
  }
  declaration.ballot_rules = *ballot_rules;
  declaration.electorate = options.electorate;
  return Emit(Render(options.format, declaration), options.output);
}

std::vector<std::string> Keys(const auto& map) {
  std::vector<std::string> keys;
  keys.reserve(map.size());
  for (const auto& [key, value] : map) {
    keys.push_back(key);
  }
  return keys;
}

void AddInputOptions(CLI::App& count, CountOptions& options) {
  count.add_option("ballots", options.ballots, "Ballot file: .csv, .blt, or PrefLib .soi/.toi")
      ->required();
  count
      .add_option("--input-format", options.input_format,
                  "csv, blt or preflib (default: by extension)")
      ->check(CLI::IsMember({"csv", "blt", "preflib"}));
  count.add_option("--contest", options.contest,
                   "Contest file (JSON): title, seats, candidates, sections");
  count.add_option("--threads", options.threads, "Threads for reading (0: automatic)")
      ->check(CLI::Range(0, 64));
}

void AddOutputOptions(CLI::App& count, CountOptions& options) {
  count.add_option("--format", options.format, "Output: text, json, rctab-json, csv or html")
      ->check(CLI::IsMember({"text", "json", "rctab-json", "csv", "html"}))
      ->capture_default_str();
  count.add_option("-o,--output", options.output, "Write here instead of standard output");
  count.add_option("--title", options.title, "Title for the declaration");
  count.add_option("--electorate", options.electorate, "Ballots issued, for the turnout")
      ->check(CLI::Range(int64_t{1}, int64_t{1} << 50));
}

void AddCountRuleOptions(CLI::App& count, CountOptions& options) {
  count.add_option("--method", options.method, "Counting method (irv)")->capture_default_str();
  count.add_option("--seats", options.seats, "Seats to fill (instant-runoff: 1)")
      ->check(CLI::Range(1, 10000));
  count.add_option("--seed", options.seed, "Published seed for drawing lots (docs/rng.md)");
  count
      .add_option("--tie-break", options.tie_break,
                  "Tie steps in turn: backward, forward, order, lot (comma separated)")
      ->capture_default_str();
  count.add_option("--tie-order", options.tie_order,
                   "A candidate for the 'order' tie step; repeat, the first to lose ties first");
  count.add_flag("--continue-until-two", options.continue_until_two,
                 "Do not stop at a majority: count until two candidates remain");
  count.add_flag("--batch-elimination", options.batch_elimination,
                 "Exclude at once all the lowest who together cannot catch the next");
}

void AddBallotRuleOptions(CLI::App& count, CountOptions& options) {
  const std::vector<std::string> treatments = Keys(kTreatments);
  const std::pair<const char*, std::string*> irregularities[] = {
      {"--skipped-rank", &options.skipped_rank},
      {"--repeated-candidate", &options.repeated_candidate},
      {"--overvote", &options.overvote}};
  for (const auto& [flag, value] : irregularities) {
    count.add_option(flag, *value, "stop, skip, reject or refuse")
        ->check(CLI::IsMember(treatments))
        ->capture_default_str();
  }
  count.add_option("--unknown-candidate", options.unknown_candidate, "skip, reject or refuse")
      ->check(CLI::IsMember({"skip", "reject", "refuse"}))
      ->capture_default_str();
}

}  // namespace

CLI::App* AddCountCommand(CLI::App& app, CountOptions& options) {
  CLI::App* count = app.add_subcommand(
      "count", "Count a ballot file and write the declaration (instant-runoff).");
  AddInputOptions(*count, options);
  AddOutputOptions(*count, options);
  AddCountRuleOptions(*count, options);
  AddBallotRuleOptions(*count, options);
  return count;
}

int RunCount(const CountOptions& options) {
  util::Status status = Count(options);
  if (!status.ok()) {
    PrintError(status.error());
    return ExitCodeFor(status.error());
  }
  return kExitOk;
}

}  // namespace scrutineer::cli
