#pragma once
// `scrutineer count BALLOTS`: reads a ballot file, counts it and writes the declaration to
// standard output (or --output) as text, json, rctab-json, csv or html.

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

namespace scrutineer::cli {

struct CountOptions {
  std::string ballots;
  std::string method;  // empty: the contest file's, else instant-runoff
  std::string format = "text";
  std::string input_format;  // empty: from the file name
  std::string contest;       // contest file
  std::string title;
  std::string output;  // empty: standard output
  std::optional<int> seats;
  std::optional<int64_t> electorate;
  std::optional<std::string> seed;
  // Tie steps ("backward,lot"); empty: the method's own (STV presets follow their rulebook,
  // every other method backward then lot).
  std::optional<std::string> tie_break;
  std::vector<std::string> tie_order;
  bool continue_until_two = false;
  bool batch_elimination = false;
  std::string rules;                 // STV: the preset (scottish-stv, gregory, ...)
  std::optional<std::string> quota;  // STV (gregory): droop or hare
  bool alternative_defeats = false;  // STV (sb1288): defeat groups, deferring surpluses
  // Instant-runoff weighted by section: a college ("members=1,affiliates=1") or points per
  // district (section), and the places weighted figures are shown to.
  std::string college;
  std::optional<int64_t> points;
  bool points_at_most_votes = false;
  std::optional<int> weighted_places;
  std::string threshold = "majority";  // motions
  bool of_electorate = false;          // motions: the threshold is a share of the electorate
  std::string skipped_rank = "stop";
  std::string repeated_candidate = "stop";
  std::string overvote = "stop";
  std::string unknown_candidate = "refuse";
  int threads = 0;
};

// Adds the subcommand and its options to `app`; they fill `options` when parsed.
CLI::App* AddCountCommand(CLI::App& app, CountOptions& options);

// Runs the count; returns the exit status.
int RunCount(const CountOptions& options);

}  // namespace scrutineer::cli
