#pragma once
// The administrator's desk: what the administrator's pages and API ask of the store, without
// HTTP, through the same library calls as the command line (src/cli/command_*.cc): accounts'
// sessions, the elections and each one's figures, creating one from its definition, the
// register, nominations, eliminating ballots, voting codes, moving the state on, counting and
// declaring, and the published record; and the public results page of a declared election.
//
// It shares the voting Desk's store and lock (Desk::WithStore): the store is used by one
// thread at a time. Uploaded files (a register, a nominating body, eliminating ballot papers)
// are written to a private temporary file for the library's readers, and removed after.
// Roles are checked by the caller (election::Allowed), not here.
//
// Errors are the library's, as the command line reports them: kNotFound, kConflict (the wrong
// state or time), kInvalidInput / kInvalidArgument (a bad file or request), kStorage / kIo.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "election/accounts.h"
#include "election/eliminating.h"
#include "election/nominations.h"
#include "election/register.h"
#include "web/desk.h"

namespace scrutineer::web {

// One section's figures: the register, the codes and the ballots returned so far.
struct SectionFigures {
  std::string section;  // its id
  std::string label;    // as the declaration names it
  int64_t registered = 0;
  int64_t codes = 0;    // voting codes live (issued, spent) by section
  int64_t revoked = 0;  // codes revoked on reissue
  int64_t online = 0;   // ballots returned online (the first contest's)
  int64_t postal = 0;   // ballots returned by post
};

struct Overview {
  election::Election election;
  std::vector<SectionFigures> sections;  // in the definition's order
};

// A declared contest's public page (report::WriteHtml), its inline style taken out so that it
// can be served under a strict Content-Security-Policy (results_page.h).
struct ResultPage {
  std::string contest;
  std::string title;
  std::string html;  // the report's page, linking its style sheet
  std::string css;   // the report's style, plus a class per swatch colour
};

// A file of the published record (docs/record.md).
struct RecordFile {
  std::string name;
  std::string content;
};

class AdminDesk {
 public:
  // `desk` must outlive this. `make_key` reads an election's code key, making it when there
  // is none (for issuing codes); without it, codes cannot be issued here.
  AdminDesk(Desk& desk, KeyLookup make_key);

  // The time on the desk's clock.
  int64_t Now() const { return desk_.Now(); }

  util::Result<election::Session> SignIn(const std::string& name, const std::string& password);
  util::Result<election::Session> SessionOf(const std::string& token);
  util::Status SignOut(const std::string& token);

  // Every election in the store, in the store's order.
  util::Result<std::vector<election::Election>> Elections();
  util::Result<Overview> OverviewOf(const std::string& id);
  // Stores a new election from its definition (TOML text).
  util::Result<election::Election> Create(const std::string& definition);
  util::Status Advance(const std::string& id, core::ElectionState to);
  // Counts a closed election (to `counted`) or declares a counted one (to `declared`), logging
  // each contest's declaration's SHA-256, as `scrutineer election count|declare` do.
  util::Status CountOrDeclare(const std::string& id, core::ElectionState to);

  util::Result<election::RegisterImport> ImportRegister(const std::string& id,
                                                        const std::string& csv);
  // Issues every voter a code: the export (election::CredentialsCsv), to be shown once.
  util::Result<std::string> IssueCodes(const std::string& id);
  util::Result<std::string> ReissueCode(const std::string& id, const std::string& number);

  // The nominations of each contest that has them.
  util::Result<std::vector<election::NominationsStatus>> Nominations(const std::string& id);
  util::Result<int64_t> ImportNominators(const std::string& id, const std::string& contest,
                                         const std::string& csv);
  util::Status Nominate(const std::string& id, const std::string& contest,
                        const std::string& nominator, const std::string& candidate);
  // The candidate consents (`withdraw` false) or withdraws.
  util::Status Candidacy(const std::string& id, const std::string& contest,
                         const std::string& candidate, bool withdraw);
  // The eliminating ballots of each contest that has them.
  util::Result<std::vector<election::EliminatingStatus>> Eliminating(const std::string& id);
  util::Status RecordEliminating(const std::string& id, const std::string& contest,
                                 const std::string& csv);

  // The published record of a counted or declared election.
  util::Result<std::vector<RecordFile>> Record(const std::string& id);
  // The public page of each contest of a declared election (kConflict before; kNotFound for
  // an election that is not public).
  util::Result<std::vector<ResultPage>> Results(const std::string& id);

 private:
  util::Result<std::string> Key(const std::string& id);

  Desk& desk_;
  KeyLookup make_key_;
  std::mutex results_mutex_;                                // guards results_
  std::map<std::string, std::vector<ResultPage>> results_;  // declared results are final
};

}  // namespace scrutineer::web
