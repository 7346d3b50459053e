#include "election/register.h"

#include <algorithm>
#include <unordered_map>

#include "election/lifecycle.h"
#include "formats/csv_table.h"
#include "util/text.h"

namespace scrutineer::election {
namespace {

using util::Error;
using util::ErrorCode;

// The register's columns in the file.
struct Columns {
  int number, name, email, address, section, joined, paid;
};

util::Result<Columns> ColumnsOf(const formats::CsvTable& table) {
  const Columns columns{table.Column({"membership_number", "number"}),
                        table.Column("name"),
                        table.Column("email"),
                        table.Column({"address", "postal_address"}),
                        table.Column("section"),
                        table.Column({"joined", "join_date"}),
                        table.Column({"paid", "paid_date"})};
  std::vector<util::Problem> missing;
  for (const auto& [column, name] :
       {std::pair{columns.number, "membership_number"}, std::pair{columns.section, "section"},
        std::pair{columns.joined, "joined"}}) {
    if (column < 0) {
      missing.push_back({table.name() + ":1", std::string("the header has no column ") + name});
    }
  }
  if (!missing.empty()) {
    return Error(ErrorCode::kInvalidInput, std::move(missing));
  }
  return columns;
}

store::VoterRecord VoterFrom(const formats::CsvTable& table, const Columns& c) {
  return {std::string(table.Field(c.number)),  std::string(table.Field(c.name)),
          std::string(table.Field(c.email)),   std::string(table.Field(c.address)),
          std::string(table.Field(c.section)), std::string(table.Field(c.joined)),
          std::string(table.Field(c.paid))};
}

// The import's working state: the people accepted so far by number, with their line and
// their section's priority.
struct Accepted {
  store::VoterRecord voter;
  uint64_t line;
  size_t priority;
};

class Importer {
 public:
  explicit Importer(const core::ElectionDefinition& definition) : definition_(definition) {}

  void Row(store::VoterRecord voter, uint64_t line);
  // The result, and the people to put on the register.
  RegisterImport Finish(std::vector<store::VoterRecord>& voters);

 private:
  const core::Section* SectionOf(const std::string& id, size_t& priority) const;
  void Note(uint64_t line, const std::string& number, const char* outcome, std::string reason) {
    result_.notes.push_back({line, number, outcome, std::move(reason)});
  }
  void Merge(store::VoterRecord voter, uint64_t line, size_t priority);

  const core::ElectionDefinition& definition_;
  std::unordered_map<std::string, Accepted> people_;
  RegisterImport result_;
};

// "2016-07-18 to 2016-07-20" (an open end shown as "...").
std::string WindowText(const core::Eligibility& rules) {
  return (rules.paid_from ? core::DateText(*rules.paid_from) : std::string("...")) + " to " +
         (rules.paid_to ? core::DateText(*rules.paid_to) : std::string("..."));
}

// Why a payment date breaks the section's payment rules, or "".
std::string PaymentProblem(const std::string& text, const core::Eligibility& rules) {
  const bool window = rules.paid_from.has_value() || rules.paid_to.has_value();
  if (text.empty()) {
    return window ? "not paid within " + WindowText(rules) + " (no paid date)" : "";
  }
  const auto parsed = core::DateFromText(text);
  if (!parsed.has_value()) {
    return "the paid date '" + text + "' is not a date (YYYY-MM-DD)";
  }
  const core::Date paid = *parsed;
  if ((rules.paid_from.has_value() && paid < *rules.paid_from) ||
      (rules.paid_to.has_value() && paid > *rules.paid_to)) {
    return "not paid within " + WindowText(rules) + " (paid " + text + ")";
  }
  if (rules.arrears_by.has_value() && paid > *rules.arrears_by) {
    return "arrears paid " + text + ", after " + core::DateText(*rules.arrears_by);
  }
  return "";
}

}  // namespace

std::string IneligibleBecause(const store::VoterRecord& voter, const core::Section& section) {
  const core::Eligibility& rules = section.eligibility;
  const auto joined = core::DateFromText(voter.joined);
  if (!joined.has_value()) {
    return "the join date '" + voter.joined + "' is not a date (YYYY-MM-DD)";
  }
  if (rules.joined_by.has_value() && *joined > *rules.joined_by) {
    return "joined " + voter.joined + ", after the freeze date " + core::DateText(*rules.joined_by);
  }
  return PaymentProblem(voter.paid, rules);
}

const core::Section* Importer::SectionOf(const std::string& id, size_t& priority) const {
  for (size_t i = 0; i < definition_.sections.size(); ++i) {
    if (definition_.sections[i].id == id) {
      priority = i;
      return &definition_.sections[i];
    }
  }
  return nullptr;
}

void Importer::Row(store::VoterRecord voter, uint64_t line) {
  ++result_.rows;
  size_t priority = 0;
  const core::Section* section = SectionOf(voter.section, priority);
  std::string reason;
  if (voter.number.empty()) {
    reason = "no membership number";
  } else if (section == nullptr) {
    reason = "section '" + voter.section + "' is not a section of the election";
  } else {
    reason = IneligibleBecause(voter, *section);
  }
  if (!reason.empty()) {
    Note(line, voter.number, "rejected", std::move(reason));
    return;
  }
  Merge(std::move(voter), line, priority);
}

// One person in two sections votes once, in the section listed first; the same person twice
// in one section is a mistake in the file.
void Importer::Merge(store::VoterRecord voter, uint64_t line, size_t priority) {
  auto [at, inserted] = people_.try_emplace(voter.number, Accepted{voter, line, priority});
  if (inserted) {
    return;
  }
  Accepted& first = at->second;
  if (first.priority == priority) {
    Note(line, voter.number, "rejected",
         "appears twice in section '" + voter.section + "' (first at line " +
             std::to_string(first.line) + ")");
    return;
  }
  const bool replaces = priority < first.priority;
  const uint64_t other_line = replaces ? first.line : line;  // the row that does not count
  const std::string kept = replaces ? voter.section : first.voter.section;
  const std::string dropped = replaces ? first.voter.section : voter.section;
  Note(other_line, voter.number, "in another section",
       "also in section '" + kept + "', which comes first: votes there, not in '" + dropped + "'");
  if (replaces) {
    first = Accepted{std::move(voter), line, priority};
  }
}

RegisterImport Importer::Finish(std::vector<store::VoterRecord>& voters) {
  voters.reserve(people_.size());
  for (auto& [number, person] : people_) {
    ++result_.by_section[person.voter.section];
    voters.push_back(std::move(person.voter));
  }
  result_.accepted = static_cast<int64_t>(voters.size());
  std::stable_sort(result_.notes.begin(), result_.notes.end(),
                   [](const RegisterNote& a, const RegisterNote& b) { return a.line < b.line; });
  return std::move(result_);
}

namespace {

// Reads every row of the file through `importer`.
util::Status ReadRows(const std::string& path, Importer& importer) {
  auto table = formats::CsvTable::OpenPath(path);
  if (!table.ok()) {
    return table.error();
  }
  auto columns = ColumnsOf(**table);
  if (!columns.ok()) {
    return columns.error();
  }
  while (true) {
    auto row = (*table)->Next();
    if (!row.ok()) {
      return row.error();
    }
    if (!*row) {
      return {};
    }
    importer.Row(VoterFrom(**table, *columns), (*table)->line());
  }
}

}  // namespace

util::Result<RegisterImport> ImportRegister(store::Store& store, const std::string& id,
                                            const std::string& path, int64_t now) {
  auto election = LoadElection(store, id);
  if (!election.ok()) {
    return election.error();
  }
  if (election->state != core::ElectionState::kDraft &&
      election->state != core::ElectionState::kNominations) {
    return Error(ErrorCode::kConflict,
                 "the register can be imported only before ballots are issued; the election is "
                 "in state '" +
                     election->record.state + "'",
                 id);
  }
  Importer importer(election->definition);
  if (util::Status read = ReadRows(path, importer); !read.ok()) {
    return read.error();
  }
  std::vector<store::VoterRecord> voters;
  RegisterImport result = importer.Finish(voters);
  const int64_t rejected = static_cast<int64_t>(
      std::count_if(result.notes.begin(), result.notes.end(),
                    [](const RegisterNote& note) { return note.outcome == "rejected"; }));
  const store::AuditEvent event{now, "register imported",
                                "file " + path + ": " + std::to_string(result.rows) + " rows, " +
                                    std::to_string(result.accepted) + " on the register, " +
                                    std::to_string(rejected) + " rejected"};
  auto changes = store.UpsertVoters(id, voters, store::ReplaceRegister::kYes, event);
  if (!changes.ok()) {
    return changes.error();
  }
  result.changes = *changes;
  return result;
}

std::string RegisterNotesCsv(const RegisterImport& import) {
  std::string out = "line,membership_number,outcome,reason\n";
  for (const RegisterNote& note : import.notes) {
    out += std::to_string(note.line) + "," + util::CsvField(note.number) + "," + note.outcome +
           "," + util::CsvField(note.reason) + "\n";
  }
  return out;
}

}  // namespace scrutineer::election
