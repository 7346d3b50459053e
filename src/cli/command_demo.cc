// `scrutineer demo`: a contest shaped like Labour's 2016 leadership election, run from
// register to declaration through the same library calls as every other command, on a fresh
// SQLite store: a synthetic register of 654,006 voters in three sections, voting codes issued,
// 506,438 valid ballots cast with the published split by section (and 1,042 spoilt), the
// ballot closed, counted and declared. The election runs on its own timetable: the clock the
// library is given is the contest's, from the opening of nominations to the close of the
// ballot, so the demo takes minutes, not weeks.

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "cli/command_election.h"
#include "cli/store_command.h"
#include "crypto/voting_code.h"
#include "election/credentials.h"
#include "election/nominations.h"
#include "election/record.h"
#include "election/register.h"
#include "election/vote.h"

namespace scrutineer::cli {
namespace {

using util::Error;
using util::ErrorCode;

// One section of the demo: its voters on the register, and the ballots its voters return.
struct DemoSection {
  const char* id;
  int64_t voters;
  int64_t corbyn;  // published first preferences
  int64_t smith;
  int64_t spoilt;  // (synthetic: the published 1,042 spread over the sections)
};

// The register splits the 654,006 ballots issued in proportion to the electorate reported
// when the ballot opened (343,500 members, 129,000 registered and 168,000 affiliated
// supporters); the votes are the published ones.
constexpr DemoSection kSections[] = {
    {"members", 350'739, 168'216, 116'960, 587},
    {"registered_supporters", 131'717, 84'918, 36'599, 250},
    {"affiliated_supporters", 171'550, 60'075, 39'670, 205},
};

// Seconds since the demo started, for its progress lines: "12.3 s".
std::string Elapsed() {
  static const auto start = std::chrono::steady_clock::now();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  char text[32];
  std::snprintf(text, sizeof text, "%.1f s", seconds);
  return text;
}

// The synthetic register: every voter eligible under the 2016 rules.
util::Result<std::string> WriteRegister(const std::string& dir) {
  const std::string path = dir + "/register.csv";
  std::ofstream out(path);
  out << "membership_number,name,email,address,section,joined,paid\n";
  int64_t number = 0;
  for (const DemoSection& section : kSections) {
    const bool supporter = std::string_view(section.id) == "registered_supporters";
    for (int64_t i = 0; i < section.voters; ++i) {
      ++number;
      out << 'L' << number << ",Voter " << number << ",";
      if (number % 5 != 0) {  // one in five has no email address: a postal ballot
        out << "voter" << number << "@example.org";
      }
      out << ",\"" << number << " High Street, Leeds\"," << section.id << ","
          << (supporter ? "2016-07-19,2016-07-19" : "2015-06-01,") << "\n";
    }
  }
  return out ? util::Result<std::string>(path) : Error(ErrorCode::kIo, "cannot write", path);
}

// The marks of a section's i-th returned paper: its published votes for Corbyn, then for
// Smith, then its spoilt (blank) papers.
std::vector<std::string> MarksOf(const DemoSection& section, int64_t i) {
  if (i < section.corbyn) {
    return {"Jeremy Corbyn"};
  }
  if (i < section.corbyn + section.smith) {
    return {"Owen Smith"};
  }
  return {};
}

// Casts `papers` on the day of the ballot its progress has reached, by each code's channel.
util::Status CastBatch(store::Store& store, const election::Election& election,
                       const std::string& key, const std::vector<election::BallotPaper>& papers,
                       const std::vector<std::string>& channels, double progress) {
  const core::Timetable& timetable = election.definition.timetable;
  const auto now =
      timetable.ballot_open +
      static_cast<int64_t>(static_cast<double>(timetable.ballot_close - timetable.ballot_open - 1) *
                           progress);
  for (const char* channel : {"online", "postal"}) {
    std::vector<election::BallotPaper> batch;
    for (size_t p = 0; p < papers.size(); ++p) {
      if (channels[p] == channel) {
        batch.push_back(papers[p]);
      }
    }
    auto outcomes = election::CastBallots(store, election, key, batch, channel, now);
    if (!outcomes.ok()) {
      return outcomes.error();
    }
  }
  return {};
}

// Casts each section's published votes with the first voters' codes, 2,000 at a time, as
// the ballot's days pass.
util::Status CastDemoBallots(store::Store& store, const election::Election& election,
                             const std::string& key,
                             const std::vector<election::IssuedCredential>& codes) {
  std::map<std::string, std::vector<const election::IssuedCredential*>> by_section;
  for (const auto& code : codes) {
    by_section[code.voter.section].push_back(&code);
  }
  constexpr int64_t kTotal = 507'480;
  int64_t cast = 0;
  for (const DemoSection& section : kSections) {
    const auto& voters = by_section[section.id];
    const int64_t returned = section.corbyn + section.smith + section.spoilt;
    for (int64_t i = 0; i < returned;) {
      std::vector<election::BallotPaper> papers;
      std::vector<std::string> channels;
      for (; papers.size() < 2000 && i < returned; ++i) {
        const election::IssuedCredential& voter = *voters[static_cast<size_t>(i)];
        papers.push_back({voter.code, {{"leader", MarksOf(section, i)}}});
        channels.push_back(voter.channel);
      }
      const double progress = static_cast<double>(cast) / kTotal;
      if (util::Status done = CastBatch(store, election, key, papers, channels, progress);
          !done.ok()) {
        return done;
      }
      const int64_t before = cast;
      cast += static_cast<int64_t>(papers.size());
      if (cast * 10 / kTotal != before * 10 / kTotal) {
        std::fprintf(stderr, "  ballots cast: %lld of %lld (%s)\n", static_cast<long long>(cast),
                     static_cast<long long>(kTotal), Elapsed().c_str());
      }
    }
  }
  return {};
}

util::Status Step(const char* what, util::Status status) {
  if (status.ok()) {
    std::fprintf(stderr, "%s (%s)\n", what, Elapsed().c_str());
  }
  return status;
}

// The nominations of 2016: the 251 Labour MPs and MEPs are the body; the incumbent is on the
// ballot automatically; Owen Smith was nominated by 172 of them (20% of 251 rounds up to 51)
// and consented.
util::Status RunNominations(store::Store& store, const std::string& id,
                            const core::Timetable& timetable, const std::string& dir) {
  const std::string path = dir + "/nominators.csv";
  {
    std::ofstream out(path);
    out << "id,name\n";
    for (int i = 1; i <= 251; ++i) {
      out << "MP" << i << ",Member " << i << "\n";
    }
  }
  auto body = election::ImportNominators(store, id, "leader", path, timetable.nominations_open);
  if (!body.ok()) {
    return body.error();
  }
  if (util::Status moved = election::AdvanceElection(store, id, core::ElectionState::kNominations,
                                                     timetable.nominations_open);
      !moved.ok()) {
    return moved;
  }
  for (int i = 1; i <= 172; ++i) {
    if (util::Status nominated = election::Nominate(store, id, "leader", "MP" + std::to_string(i),
                                                    "Owen Smith", timetable.nominations_open + i);
        !nominated.ok()) {
      return nominated;
    }
  }
  return Step(
      "Nominations: Jeremy Corbyn on the ballot as the incumbent, Owen Smith with 172",
      election::Consent(store, id, "leader", "Owen Smith", timetable.nominations_open + 200));
}

util::Result<std::string> ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Error(ErrorCode::kNotFound, "cannot open the election definition", path);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

util::Status RunDemo(store::Store& store, const ElectionOptions& options) {
  auto definition = ReadText(options.definition);
  if (!definition.ok()) {
    return definition.error();
  }
  auto created = election::CreateElection(store, *definition, options.definition, 0);
  if (!created.ok()) {
    return created.error();
  }
  const std::string id = created->record.id;
  const core::Timetable timetable = created->definition.timetable;
  const std::string dir = std::filesystem::path(StoreLocation(options)).parent_path().string();
  Elapsed();
  auto register_file = WriteRegister(dir.empty() ? "." : dir);
  if (!register_file.ok()) {
    return register_file.error();
  }
  auto imported =
      election::ImportRegister(store, id, *register_file, timetable.nominations_open - 60);
  if (!imported.ok()) {
    return imported.error();
  }
  std::fprintf(stderr, "Register imported: %lld voters (%s)\n",
               static_cast<long long>(imported->accepted), Elapsed().c_str());
  if (util::Status nominated = RunNominations(store, id, timetable, dir.empty() ? "." : dir);
      !nominated.ok()) {
    return nominated;
  }
  if (util::Status opened = election::AdvanceElection(store, id, core::ElectionState::kBallotOpen,
                                                      timetable.ballot_open);
      !opened.ok()) {
    return opened;
  }
  const std::string key = crypto::NewCodeKey();
  auto codes = election::IssueCredentials(store, id, key, timetable.ballot_open);
  if (!codes.ok()) {
    return codes.error();
  }
  std::fprintf(stderr, "Voting codes issued: %zu (%s)\n", codes->size(), Elapsed().c_str());
  auto open = election::LoadElection(store, id);
  if (util::Status cast = CastDemoBallots(store, *open, key, *codes); !cast.ok()) {
    return cast;
  }
  return Step("Ballot closed.", election::AdvanceElection(store, id, core::ElectionState::kClosed,
                                                          timetable.ballot_close));
}

// The published record beside the store, recounted from its files as anyone would.
util::Status WriteAndVerifyRecord(store::Store& store, const ElectionOptions& options) {
  auto election = election::LoadElection(store, "labour-2016-leader");
  if (!election.ok()) {
    return election.error();
  }
  const std::string dir = StoreLocation(options) + ".record";
  if (util::Status written = election::WriteRecord(store, *election, dir); !written.ok()) {
    return written;
  }
  auto report = election::VerifyRecord(dir);
  if (!report.ok()) {
    return report.error();
  }
  std::fprintf(stderr, "\nThe published record is in %s; scrutineer verify recounts it:\n%s",
               dir.c_str(), report->c_str());
  return {};
}

}  // namespace

void AddDemoCommand(CLI::App& app, ElectionOptions& options, int& status) {
  CLI::App* demo = app.add_subcommand(
      "demo", "Run a Labour-2016-shaped leadership election end to end on a fresh SQLite store.");
  // (No default_val here: it would set the store of every other command too.)
  demo->add_option("--store", options.store,
                   "The SQLite file to create, replaced if present (default scrutineer-demo.db)");
  demo->add_option("--definition", options.definition, "The election definition")
      ->default_val("examples/labour_2016_leader/election.toml");
  demo->callback([&options, &status] {
    if (options.store.empty()) {
      options.store = "scrutineer-demo.db";
    }
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(options.store + suffix);
    }
    std::filesystem::remove_all(options.store + ".record");
    status = kExitOk;
    auto store = election::OpenElectionStore(options.store);
    util::Status done = store.ok() ? RunDemo(**store, options) : util::Status(store.error());
    if (done.ok()) {
      ElectionOptions declare = options;
      declare.id = "labour-2016-leader";
      done = DeclareElection(**store, declare);
    }
    if (done.ok()) {
      done = WriteAndVerifyRecord(**store, options);
    }
    if (!done.ok()) {
      PrintError(done.error());
      status = ExitCodeFor(done.error());
    }
  });
}

}  // namespace scrutineer::cli
