#include "web/admin_desk.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "crypto/sha256_lot.h"
#include "election/count.h"
#include "election/credentials.h"
#include "election/record.h"
#include "report/declaration.h"
#include "web/html.h"
#include "web/results_page.h"

namespace scrutineer::web {
namespace {

using util::Error;
using util::ErrorCode;

// A private temporary file holding `text`, removed when this goes.
class TempFile {
 public:
  explicit TempFile(const std::string& text) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "scrutineer-upload-XXXXXX").string();
    const int fd = mkstemp(pattern.data());  // created readable by its owner only
    if (fd < 0) {
      return;
    }
    close(fd);
    path_ = pattern;
    std::ofstream out(path_, std::ios::binary);
    out << text;
    if (!out) {
      path_.clear();
    }
  }
  ~TempFile() {
    if (!path_.empty()) {
      std::filesystem::remove(path_);
    }
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  // Empty when it could not be written.
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

util::Error CannotWrite() {
  return Error(ErrorCode::kIo, "cannot write the uploaded file to a temporary file", "upload");
}

// Each contest's declaration's SHA-256, as the audit log records a count or a declaration
// ("leader 1f2e...; deputy 9a8b...").
util::Result<std::string> DeclarationDigests(const store::Store& store,
                                             const election::Election& election) {
  std::string digests;
  for (const core::Contest& contest : election.definition.contests) {
    auto counted = election::CountContest(store, election, contest.id);
    if (!counted.ok()) {
      return counted.error();
    }
    digests += (digests.empty() ? "" : "; ") + contest.id + " " +
               crypto::Sha256Hex(
                   report::WriteJson(election::DeclarationOf(*counted, election.definition)));
  }
  return digests;
}

std::vector<SectionFigures> FiguresOf(
    const election::Election& election, const std::map<std::string, int64_t>& voters,
    const std::map<std::pair<std::string, store::CredentialState>, int64_t>& credentials,
    const std::vector<store::ReturnCount>& returns) {
  std::vector<SectionFigures> figures;
  const std::string first_contest =
      election.definition.contests.empty() ? "" : election.definition.contests.front().id;
  for (const core::Section& section : election.definition.sections) {
    SectionFigures f{section.id, section.label.empty() ? section.id : section.label};
    f.registered = voters.contains(section.id) ? voters.at(section.id) : 0;
    for (const auto& [key, n] : credentials) {
      if (key.first == section.id) {
        (key.second == store::CredentialState::kRevoked ? f.revoked : f.codes) += n;
      }
    }
    for (const store::ReturnCount& r : returns) {
      if (r.section == section.id && r.contest == first_contest) {
        (r.channel == "postal" ? f.postal : f.online) += r.ballots;
      }
    }
    figures.push_back(std::move(f));
  }
  return figures;
}

// The files WriteRecord writes into `dir`, read back, by name.
util::Result<std::vector<RecordFile>> ReadRecord(const std::filesystem::path& dir) {
  std::vector<RecordFile> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    if (!in) {
      return Error(ErrorCode::kIo, "cannot read the record back", entry.path().string());
    }
    files.push_back({entry.path().filename().string(), content.str()});
  }
  std::sort(files.begin(), files.end(),
            [](const RecordFile& a, const RecordFile& b) { return a.name < b.name; });
  return files;
}

// The links at the top of a results page: back to the start, and each other contest.
std::string ResultLinks(const election::Election& election, const std::string& shown) {
  std::string links = "<nav>\n<p><a href=\"/\">Scrutineer</a>";
  for (const core::Contest& contest : election.definition.contests) {
    if (contest.id != shown) {
      links += " · <a href=\"/elections/" + Escape(election.record.id) + "/results/" +
               Escape(contest.id) + "\">" + Escape(contest.title) + "</a>";
    }
  }
  return links + "</p>\n</nav>\n";
}

util::Result<std::vector<ResultPage>> DrawResults(const store::Store& store,
                                                  const election::Election& election) {
  std::vector<ResultPage> pages;
  for (const core::Contest& contest : election.definition.contests) {
    auto counted = election::CountContest(store, election, contest.id);
    if (!counted.ok()) {
      return counted.error();
    }
    const std::string href =
        "/elections/" + election.record.id + "/results/" + contest.id + "/style.css";
    StrictPage page = WithoutInlineStyle(
        report::WriteHtml(election::DeclarationOf(*counted, election.definition)), href,
        ResultLinks(election, contest.id));
    pages.push_back({contest.id, contest.title, std::move(page.html), std::move(page.css)});
  }
  return pages;
}

}  // namespace

AdminDesk::AdminDesk(Desk& desk, KeyLookup make_key)
    : desk_(desk), make_key_(std::move(make_key)) {}

util::Result<std::string> AdminDesk::Key(const std::string& id) {
  if (!make_key_) {
    return Error(ErrorCode::kIo, "this server has no place for code keys", "--keys");
  }
  return make_key_(id);
}

util::Result<election::Session> AdminDesk::SignIn(const std::string& name,
                                                  const std::string& password) {
  return desk_.WithStore(
      [&](store::Store& store) { return election::SignIn(store, name, password, desk_.Now()); });
}

util::Result<election::Session> AdminDesk::SessionOf(const std::string& token) {
  return desk_.WithStore(
      [&](store::Store& store) { return election::SessionOf(store, token, desk_.Now()); });
}

util::Status AdminDesk::SignOut(const std::string& token) {
  return desk_.WithStore(
      [&](store::Store& store) { return election::SignOut(store, token, desk_.Now()); });
}

util::Result<std::vector<election::Election>> AdminDesk::Elections() {
  return desk_.WithStore([&](store::Store& store) -> util::Result<std::vector<election::Election>> {
    auto records = store.ListElections();
    if (!records.ok()) {
      return records.error();
    }
    std::vector<election::Election> elections;
    for (const store::ElectionRecord& record : *records) {
      auto loaded = election::LoadElection(store, record.id);
      if (!loaded.ok()) {
        return loaded.error();
      }
      elections.push_back(std::move(loaded.value()));
    }
    return elections;
  });
}

util::Result<Overview> AdminDesk::OverviewOf(const std::string& id) {
  return desk_.WithStore([&](store::Store& store) -> util::Result<Overview> {
    auto loaded = election::LoadElection(store, id);
    if (!loaded.ok()) {
      return loaded.error();
    }
    auto voters = store.CountVoters(id);
    auto credentials = store.CountCredentials(id);
    auto returns = store.CountBallots(id);
    if (!voters.ok() || !credentials.ok() || !returns.ok()) {
      return !voters.ok() ? voters.error()
                          : (!credentials.ok() ? credentials.error() : returns.error());
    }
    std::vector<SectionFigures> figures = FiguresOf(*loaded, *voters, *credentials, *returns);
    return Overview{std::move(loaded.value()), std::move(figures)};
  });
}

util::Result<election::Election> AdminDesk::Create(const std::string& definition) {
  return desk_.WithStore([&](store::Store& store) {
    return election::CreateElection(store, definition, "definition", desk_.Now());
  });
}

util::Status AdminDesk::Advance(const std::string& id, core::ElectionState to) {
  return desk_.WithStore(
      [&](store::Store& store) { return election::AdvanceElection(store, id, to, desk_.Now()); });
}

util::Status AdminDesk::CountOrDeclare(const std::string& id, core::ElectionState to) {
  return desk_.WithStore([&](store::Store& store) -> util::Status {
    auto loaded = election::LoadElection(store, id);
    if (!loaded.ok()) {
      return loaded.error();
    }
    if (to != core::ElectionState::kCounted && to != core::ElectionState::kDeclared) {
      return Error(ErrorCode::kInvalidArgument, "only a count or a declaration", "to");
    }
    auto digests = DeclarationDigests(store, *loaded);
    if (!digests.ok()) {
      return digests.error();
    }
    const int64_t now = desk_.Now();
    if (util::Status moved = election::AdvanceElection(store, id, to, now); !moved.ok()) {
      return moved;
    }
    const char* kind = to == core::ElectionState::kCounted ? "counted" : "declared";
    return store.AppendAudit(id, {now, kind, "declaration SHA-256: " + *digests});
  });
}

util::Result<election::RegisterImport> AdminDesk::ImportRegister(const std::string& id,
                                                                 const std::string& csv) {
  const TempFile file(csv);
  if (file.path().empty()) {
    return CannotWrite();
  }
  return desk_.WithStore([&](store::Store& store) {
    return election::ImportRegister(store, id, file.path(), desk_.Now());
  });
}

util::Result<std::string> AdminDesk::IssueCodes(const std::string& id) {
  auto key = Key(id);
  if (!key.ok()) {
    return key.error();
  }
  auto issued = desk_.WithStore([&](store::Store& store) {
    return election::IssueCredentials(store, id, *key, desk_.Now());
  });
  if (!issued.ok()) {
    return issued.error();
  }
  return election::CredentialsCsv(*issued);
}

util::Result<std::string> AdminDesk::ReissueCode(const std::string& id, const std::string& number) {
  auto key = Key(id);
  if (!key.ok()) {
    return key.error();
  }
  auto issued = desk_.WithStore([&](store::Store& store) {
    return election::ReissueCredential(store, id, *key, number, desk_.Now());
  });
  if (!issued.ok()) {
    return issued.error();
  }
  return election::CredentialsCsv({*issued});
}

util::Result<std::vector<election::NominationsStatus>> AdminDesk::Nominations(
    const std::string& id) {
  return desk_.WithStore(
      [&](store::Store& store) -> util::Result<std::vector<election::NominationsStatus>> {
        auto loaded = election::LoadElection(store, id);
        if (!loaded.ok()) {
          return loaded.error();
        }
        std::vector<election::NominationsStatus> all;
        for (const core::Contest& contest : loaded->definition.contests) {
          if (!contest.nominations) {
            continue;
          }
          auto status = election::NominationsOf(store, *loaded, contest.id);
          if (!status.ok()) {
            return status.error();
          }
          all.push_back(std::move(status.value()));
        }
        return all;
      });
}

util::Result<int64_t> AdminDesk::ImportNominators(const std::string& id, const std::string& contest,
                                                  const std::string& csv) {
  const TempFile file(csv);
  if (file.path().empty()) {
    return CannotWrite();
  }
  return desk_.WithStore([&](store::Store& store) {
    return election::ImportNominators(store, id, contest, file.path(), desk_.Now());
  });
}

util::Status AdminDesk::Nominate(const std::string& id, const std::string& contest,
                                 const std::string& nominator, const std::string& candidate) {
  return desk_.WithStore([&](store::Store& store) {
    return election::Nominate(store, id, contest, nominator, candidate, desk_.Now());
  });
}

util::Status AdminDesk::Candidacy(const std::string& id, const std::string& contest,
                                  const std::string& candidate, bool withdraw) {
  return desk_.WithStore([&](store::Store& store) {
    return withdraw ? election::Withdraw(store, id, contest, candidate, desk_.Now())
                    : election::Consent(store, id, contest, candidate, desk_.Now());
  });
}

util::Result<std::vector<election::EliminatingStatus>> AdminDesk::Eliminating(
    const std::string& id) {
  return desk_.WithStore(
      [&](store::Store& store) -> util::Result<std::vector<election::EliminatingStatus>> {
        auto loaded = election::LoadElection(store, id);
        if (!loaded.ok()) {
          return loaded.error();
        }
        std::vector<election::EliminatingStatus> all;
        for (const core::Contest& contest : loaded->definition.contests) {
          if (!contest.eliminating_ballots) {
            continue;
          }
          auto status = election::EliminatingBallotsOf(store, *loaded, contest.id);
          if (!status.ok()) {
            return status.error();
          }
          all.push_back(std::move(status.value()));
        }
        return all;
      });
}

util::Status AdminDesk::RecordEliminating(const std::string& id, const std::string& contest,
                                          const std::string& csv) {
  const TempFile file(csv);
  if (file.path().empty()) {
    return CannotWrite();
  }
  return desk_.WithStore([&](store::Store& store) -> util::Status {
    auto recorded = election::RecordEliminatingBallot(store, id, contest, file.path(), desk_.Now());
    return recorded.ok() ? util::Status() : util::Status(recorded.error());
  });
}

util::Result<std::vector<RecordFile>> AdminDesk::Record(const std::string& id) {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "scrutineer-record-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    return Error(ErrorCode::kIo, "cannot make a temporary directory", "record");
  }
  const std::filesystem::path dir = std::filesystem::path(pattern) / "record";
  auto written = desk_.WithStore([&](store::Store& store) -> util::Status {
    auto loaded = election::LoadElection(store, id);
    return loaded.ok() ? election::WriteRecord(store, *loaded, dir.string())
                       : util::Status(loaded.error());
  });
  auto files =
      written.ok() ? ReadRecord(dir) : util::Result<std::vector<RecordFile>>(written.error());
  std::error_code ignored;
  std::filesystem::remove_all(pattern, ignored);
  return files;
}

util::Result<std::vector<ResultPage>> AdminDesk::Results(const std::string& id) {
  {
    const std::lock_guard lock(results_mutex_);
    if (auto cached = results_.find(id); cached != results_.end()) {
      return cached->second;
    }
  }
  auto drawn = desk_.WithStore([&](store::Store& store) -> util::Result<std::vector<ResultPage>> {
    auto loaded = election::LoadElection(store, id);
    if (!loaded.ok() && loaded.error().code() != ErrorCode::kNotFound) {
      return loaded.error();
    }
    if (!loaded.ok() || loaded->state < core::ElectionState::kBallotOpen) {
      return Error(ErrorCode::kNotFound, "there is no public election '" + id + "'", "election");
    }
    if (loaded->state != core::ElectionState::kDeclared) {
      return Error(ErrorCode::kConflict, "the result of '" + id + "' is not declared yet",
                   "election");
    }
    return DrawResults(store, *loaded);
  });
  if (drawn.ok()) {
    const std::lock_guard lock(results_mutex_);
    results_[id] = *drawn;
  }
  return drawn;
}

}  // namespace scrutineer::web
