#include "election/record.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "crypto/sha256_lot.h"
#include "election/audit.h"
#include "election/count.h"
#include "election/eliminating.h"
#include "formats/ballot_file.h"
#include "formats/csv_table.h"
#include "formats/election_toml.h"
#include "report/declaration.h"
#include "util/text.h"

namespace scrutineer::election {
namespace {

using util::Error;
using util::ErrorCode;

util::Status Write(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  return out ? util::Status() : Error(ErrorCode::kIo, "cannot write", path);
}

util::Result<std::string> Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Error(ErrorCode::kNotFound, "cannot open", path);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The ballot box of one contest as CSV, in key order.
util::Result<std::string> BallotBox(const store::Store& store, const Election& election,
                                    const core::Contest& contest) {
  std::string out = "id,section";  // the id is the paper's tracking code
  for (size_t rank = 1; rank <= contest.candidates.size(); ++rank) {
    out += ",rank" + std::to_string(rank);
  }
  out += "\n";
  util::Status walked =
      store.ForEachBallot(election.record.id, contest.id, [&](const store::BallotRecord& ballot) {
        out += ballot.tracking_code + "," + util::CsvField(ballot.section);
        std::stringstream names(ballot.preferences);
        size_t marks = 0;
        for (std::string name; std::getline(names, name); ++marks) {
          out += ',';  // (appended in parts: GCC 12 warns falsely on "," + std::string)
          out += util::CsvField(name);
        }
        out += std::string(contest.candidates.size() - marks, ',') + "\n";
        return true;
      });
  return walked.ok() ? util::Result<std::string>(out) : walked.error();
}

std::string AuditCsv(const std::vector<store::AuditEntry>& entries) {
  std::string out = "seq,at,kind,detail,prev_hash,hash\n";
  for (const store::AuditEntry& e : entries) {
    out += std::to_string(e.seq) + "," + std::to_string(e.at) + "," + util::CsvField(e.kind) + "," +
           util::CsvField(e.detail) + "," + e.prev_hash + "," + e.hash + "\n";
  }
  return out;
}

// The audit log from audit.csv.
util::Result<std::vector<store::AuditEntry>> ReadAuditCsv(const std::string& path) {
  auto table = formats::CsvTable::OpenPath(path);
  if (!table.ok()) {
    return table.error();
  }
  formats::CsvTable& t = **table;
  const int columns[] = {t.Column("seq"),    t.Column("at"),        t.Column("kind"),
                         t.Column("detail"), t.Column("prev_hash"), t.Column("hash")};
  std::vector<store::AuditEntry> entries;
  while (true) {
    auto row = t.Next();
    if (!row.ok()) {
      return row.error();
    }
    if (!*row) {
      return entries;
    }
    const auto number = [&](int column) {
      return std::strtoll(std::string(t.Field(column)).c_str(), nullptr, 10);
    };
    entries.push_back({number(columns[0]), number(columns[1]), std::string(t.Field(columns[2])),
                       std::string(t.Field(columns[3])), std::string(t.Field(columns[4])),
                       std::string(t.Field(columns[5]))});
  }
}

// The tracking codes in the first column of a ballot box, sorted.
util::Result<std::vector<std::string>> TrackingCodes(const std::string& path) {
  auto table = formats::CsvTable::OpenPath(path);
  if (!table.ok()) {
    return table.error();
  }
  std::vector<std::string> codes;
  const int id = (*table)->Column("id");
  while (true) {
    auto row = (*table)->Next();
    if (!row.ok()) {
      return row.error();
    }
    if (!*row) {
      std::sort(codes.begin(), codes.end());
      return codes;
    }
    codes.emplace_back((*table)->Field(id));
  }
}

// The accepted ballots' tracking codes in the audit log, sorted.
std::vector<std::string> LoggedCodes(const std::vector<store::AuditEntry>& entries) {
  std::vector<std::string> codes;
  const std::string prefix = "tracking code ";
  for (const store::AuditEntry& entry : entries) {
    if (entry.kind == "ballot accepted" && entry.detail.starts_with(prefix)) {
      codes.push_back(entry.detail.substr(prefix.size()));
    }
  }
  std::sort(codes.begin(), codes.end());
  return codes;
}

// True when some entry of `kind` records `contest`'s declaration with this SHA-256.
bool Logged(const std::vector<store::AuditEntry>& entries, const std::string& kind,
            const std::string& what) {
  return std::any_of(entries.begin(), entries.end(), [&](const store::AuditEntry& e) {
    return e.kind == kind && e.detail.find(what) != std::string::npos;
  });
}

// The register's size by section from electorate.csv.
util::Result<std::map<std::string, int64_t>> ReadElectorate(const std::string& path) {
  auto text = Read(path);
  if (!text.ok()) {
    return text.error();
  }
  std::map<std::string, int64_t> voters;
  std::stringstream lines(*text);
  std::string line;
  std::getline(lines, line);  // the header
  while (std::getline(lines, line)) {
    const size_t comma = line.find(',');
    if (comma != std::string::npos) {
      voters[line.substr(0, comma)] = std::strtoll(line.c_str() + comma + 1, nullptr, 10);
    }
  }
  return voters;
}

// One contest's files: its ballot box, ballot paper and declaration.
util::Status WriteContest(const store::Store& store, const Election& election,
                          const core::Contest& contest, const std::string& dir) {
  auto box = BallotBox(store, election, contest);
  auto counted = CountContest(store, election, contest.id);
  if (!box.ok() || !counted.ok()) {
    return box.ok() ? counted.error() : box.error();
  }
  std::string paper;
  for (const std::string& candidate : contest.candidates) {
    paper += candidate + "\n";
  }
  const std::pair<std::string, std::string> files[] = {
      {"ballots-" + contest.id + ".csv", *box},
      {"ballot-paper-" + contest.id + ".txt", paper},
      {"declaration-" + contest.id + ".json",
       report::WriteJson(DeclarationOf(*counted, election.definition))}};
  std::vector<std::pair<std::string, std::string>> outputs(std::begin(files), std::end(files));
  if (contest.eliminating_ballots) {
    auto tallies = store.EliminatingBallots(election.record.id, contest.id);
    if (!tallies.ok()) {
      return tallies.error();
    }
    std::string lines;
    for (const std::string& tally : *tallies) {
      lines += tally + "\n";
    }
    outputs.emplace_back("eliminating-" + contest.id + ".txt", lines);
  }
  for (const auto& [name, text] : outputs) {
    std::string path = dir;
    path += '/';
    path += name;
    if (util::Status written = Write(path, text); !written.ok()) {
      return written;
    }
  }
  return {};
}

}  // namespace

util::Status WriteRecord(const store::Store& store, const Election& election,
                         const std::string& dir) {
  if (election.state < core::ElectionState::kCounted) {
    return Error(ErrorCode::kConflict, "the record is written once the election is counted",
                 election.record.id);
  }
  std::filesystem::create_directories(dir);
  auto voters = store.CountVoters(election.record.id);
  auto log = store.ReadAudit(election.record.id);
  if (!voters.ok() || !log.ok()) {
    return voters.ok() ? log.error() : voters.error();
  }
  std::string electorate = "section,voters\n";
  for (const core::Section& section : election.definition.sections) {
    electorate += section.id + "," +
                  std::to_string(voters->contains(section.id) ? voters->at(section.id) : 0) + "\n";
  }
  for (const auto& [name, text] :
       {std::pair{"election.toml", election.record.definition},
        std::pair{"electorate.csv", electorate}, std::pair{"audit.csv", AuditCsv(*log)}}) {
    if (util::Status written = Write(dir + "/" + name, text); !written.ok()) {
      return written;
    }
  }
  for (const core::Contest& contest : election.definition.contests) {
    if (util::Status written = WriteContest(store, election, contest, dir); !written.ok()) {
      return written;
    }
  }
  return {};
}

namespace {

// A contest's ballot box read as a ballot set, with its ballot paper's candidates and the
// definition's sections.
util::Result<core::BallotSet> ReadBox(const std::string& dir,
                                      const core::ElectionDefinition& definition,
                                      const core::Contest& contest) {
  formats::ReadOptions read;
  auto paper = Read(dir + "/ballot-paper-" + contest.id + ".txt");
  if (!paper.ok()) {
    return paper.error();
  }
  std::stringstream names(*paper);
  for (std::string name; std::getline(names, name);) {
    read.candidates.push_back(name);
  }
  for (const core::Section& section : definition.sections) {
    read.sections.push_back(section.id);
  }
  return formats::ReadBallotFile(dir + "/ballots-" + contest.id + ".csv",
                                 formats::BallotFormat::kCsv, read);
}

// Decides a contest's eliminating ballots again from their tallies, and checks that the
// ballot paper has only candidates they left standing.
util::Status VerifyEliminating(const std::string& dir, const core::ElectionDefinition& definition,
                               const core::Contest& contest,
                               const std::vector<store::AuditEntry>& log, std::string& report) {
  const std::string path = dir + "/eliminating-" + contest.id + ".txt";
  auto text = Read(path);
  auto paper = Read(dir + "/ballot-paper-" + contest.id + ".txt");
  if (!text.ok() || !paper.ok()) {
    return text.ok() ? paper.error() : text.error();
  }
  std::vector<std::string> tallies;
  std::stringstream lines(*text);
  for (std::string line; std::getline(lines, line);) {
    tallies.push_back(line);
  }
  auto standing = CheckEliminatingBallots(definition, contest, tallies, log);
  if (!standing.ok()) {
    // (A tally that cannot be read is bad input here, not a damaged store.)
    const ErrorCode code = standing.error().code() == ErrorCode::kStorage
                               ? ErrorCode::kInvalidInput
                               : standing.error().code();
    return Error(code, standing.error().ToString(), path);
  }
  std::stringstream names(*paper);
  for (std::string name; std::getline(names, name);) {
    if (!tallies.empty() && std::find(standing->begin(), standing->end(), name) == standing->end()) {
      return Error(ErrorCode::kConflict,
                   util::Quote(name) + " is on the ballot paper but was not left standing by "
                                       "the eliminating ballots",
                   path);
    }
  }
  report += "Contest " + contest.id + ": " + std::to_string(tallies.size()) +
            " eliminating ballots decided again as published\n";
  return {};
}

// Recounts one contest from its ballot box and checks the declaration and the log.
util::Status VerifyContest(const std::string& dir, const core::ElectionDefinition& definition,
                           const core::Contest& contest,
                           const std::map<std::string, int64_t>& voters,
                           const std::vector<store::AuditEntry>& log, std::string& report) {
  const std::string box = dir + "/ballots-" + contest.id + ".csv";
  auto ballots = ReadBox(dir, definition, contest);
  auto published = Read(dir + "/declaration-" + contest.id + ".json");
  auto codes = TrackingCodes(box);
  if (!ballots.ok() || !published.ok() || !codes.ok()) {
    return !ballots.ok() ? ballots.error() : !published.ok() ? published.error() : codes.error();
  }
  ContestCount counted{contest.id, contest.title, std::move(ballots.value()), {}, {}, 0};
  counted.ballots.seats = contest.seats;
  for (const core::Section& section : definition.sections) {
    const int64_t n = voters.contains(section.id) ? voters.at(section.id) : 0;
    counted.electorate_by_section.push_back(n);
    counted.electorate += n;
  }
  if (util::Status done = CountBallots(definition, counted); !done.ok()) {
    return done;
  }
  const std::string json = report::WriteJson(DeclarationOf(counted, definition));
  const std::string digest = crypto::Sha256Hex(json);
  if (json != *published) {
    return Error(
        ErrorCode::kConflict,
        "the recount does not give the published declaration (recount's SHA-256 " + digest + ")",
        dir + "/declaration-" + contest.id + ".json");
  }
  if (!Logged(log, "counted", contest.id + " " + digest)) {
    return Error(ErrorCode::kConflict, "the audit log does not record this declaration's hash",
                 dir + "/declaration-" + contest.id + ".json");
  }
  if (*codes != LoggedCodes(log)) {
    return Error(ErrorCode::kConflict,
                 "the ballot box's tracking codes are not those the audit log accepted", box);
  }
  report += "Contest " + contest.id + ": " +
            util::WithThousands(static_cast<int64_t>(codes->size())) +
            " ballots, each tracking code accepted once in the log; recounted to the "
            "published declaration byte for byte (SHA-256 " +
            digest + ")\n";
  return {};
}

}  // namespace

util::Result<std::string> VerifyRecord(const std::string& dir) {
  auto text = Read(dir + "/election.toml");
  if (!text.ok()) {
    return text.error();
  }
  auto definition = formats::ParseElectionToml(*text, dir + "/election.toml");
  auto log = ReadAuditCsv(dir + "/audit.csv");
  auto voters = ReadElectorate(dir + "/electorate.csv");
  if (!definition.ok() || !log.ok() || !voters.ok()) {
    return !definition.ok() ? definition.error() : !log.ok() ? log.error() : voters.error();
  }
  if (util::Status chained = VerifyAuditChain(definition->id, *log); !chained.ok()) {
    return chained.error();
  }
  const std::string digest = crypto::Sha256Hex(*text);
  if (log->empty() || log->front().detail.find("SHA-256 " + digest) == std::string::npos) {
    return Error(ErrorCode::kConflict,
                 "the definition is not the one the audit log says the election was created from",
                 dir + "/election.toml");
  }
  std::string report = "Audit log: " + std::to_string(log->size()) +
                       " entries, the hash chain holds (last " + log->back().hash + ")\n" +
                       "Definition: the one the election was created from (SHA-256 " + digest +
                       ")\n";
  for (const core::Contest& contest : definition->contests) {
    if (contest.eliminating_ballots) {
      if (util::Status checked = VerifyEliminating(dir, *definition, contest, *log, report);
          !checked.ok()) {
        return checked.error();
      }
    }
    if (util::Status checked = VerifyContest(dir, *definition, contest, *voters, *log, report);
        !checked.ok()) {
      return checked.error();
    }
  }
  return report;
}

}  // namespace scrutineer::election
