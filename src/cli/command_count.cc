#include "cli/command_count.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>

#include "cli/exit_codes.h"
#include "cli/methods.h"
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
  auto method = ChooseMethod(options, *contest);
  if (!method.ok()) {
    return method.error();
  }
  const bool weighted = !options.college.empty() || options.points || !contest->college.empty() ||
                        contest->points > 0;
  if (weighted && options.format == "rctab-json") {
    return util::Error(util::ErrorCode::kInvalidArgument,
                       "RCTab's summary has no place for a college or points; give --format json "
                       "for the weighted figures",
                       "--format");
  }
  auto ballot_rules = BallotRulesFrom(options);
  if (!ballot_rules.ok()) {
    return ballot_rules.error();
  }
  auto ballots = ReadBallots(options, *contest, *ballot_rules);
  if (!ballots.ok()) {
    return ballots.error();
  }
  std::unique_ptr<count::Lot> lot;
  if (options.seed) {
    lot = std::make_unique<crypto::Sha256Lot>(*options.seed);
  }
  auto result = CountByMethod(*method, options, *contest, *ballots, lot.get());
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
  count.add_option("--method", options.method, std::string("Counting method: ") + kMethodNames);
  count
      .add_option("--seats", options.seats,
                  "Seats to fill (default: the contest file's, else the BLT file's, else 1)")
      ->check(CLI::Range(1, 10000));
  count.add_option("--seed", options.seed, "Published seed for drawing lots (docs/rng.md)");
  count.add_option("--tie-break", options.tie_break,
                   "Tie steps in turn: backward, forward, order, lot (comma separated; default: "
                   "backward,lot, or the STV preset's own rule)");
  count.add_option("--rules", options.rules,
                   std::string("STV: the rule set, one of ") + kStvPresetNames);
  count.add_option("--quota", options.quota, "STV (gregory): droop or hare")
      ->check(CLI::IsMember({"droop", "hare"}));
  count.add_flag("--alternative-defeats", options.alternative_defeats,
                 "STV (sb1288): defeat the lowest together where they cannot change the result");
  count.add_option("--tie-order", options.tie_order,
                   "A candidate for the 'order' tie step; repeat, the first to lose ties first");
  count.add_flag("--continue-until-two", options.continue_until_two,
                 "Do not stop at a majority: count until two candidates remain");
  count.add_flag("--batch-elimination", options.batch_elimination,
                 "Exclude at once all the lowest who together cannot catch the next");
  count
      .add_option("--threshold", options.threshold,
                  "Motion: majority, two-thirds, more-than:N/D or at-least:N/D")
      ->capture_default_str();
  count.add_flag("--of-electorate", options.of_electorate,
                 "Motion: the threshold is a share of the electorate, not of the votes cast");
}

void AddWeightingOptions(CLI::App& count, CountOptions& options) {
  count.add_option("--college", options.college,
                   "Instant-runoff in an electoral college: each section's weight, as "
                   "section=weight,... (e.g. members=1,affiliates=1,mps=1 for thirds)");
  count
      .add_option("--points", options.points,
                  "Instant-runoff by points: each section (district) is worth this many points, "
                  "shared by its votes each round")
      ->check(CLI::Range(int64_t{1}, int64_t{1'000'000'000}));
  count.add_flag("--points-at-most-votes", options.points_at_most_votes,
                 "With --points: a district with fewer valid votes is worth one point a vote");
  count
      .add_option("--weighted-places", options.weighted_places,
                  "Decimal places of college shares or points in the declaration (default 2)")
      ->check(CLI::Range(0, 12));
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
  CLI::App* count = app.add_subcommand("count", "Count a ballot file and write the declaration.");
  AddInputOptions(*count, options);
  AddOutputOptions(*count, options);
  AddCountRuleOptions(*count, options);
  AddWeightingOptions(*count, options);
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
