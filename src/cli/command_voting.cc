// `scrutineer register import`, `credentials issue|reissue` and `vote`: the electorate, its
// voting codes, and casting a ballot (docs/cli.md).

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "cli/command_election.h"
#include "cli/store_command.h"
#include "crypto/voting_code.h"
#include "election/credentials.h"
#include "election/mailing.h"
#include "election/postal.h"
#include "election/register.h"
#include "election/vote.h"

namespace scrutineer::cli {
namespace {

using util::Error;
using util::ErrorCode;

std::string KeyPath(const ElectionOptions& options) {
  return options.key_file.empty() ? options.id + ".key" : options.key_file;
}

}  // namespace

util::Result<std::string> ReadKey(const ElectionOptions& options, bool create) {
  const std::string path = KeyPath(options);
  std::ifstream in(path);
  if (!in && create) {
    const std::string key = crypto::NewCodeKey();
    std::string hex;
    for (const char byte : key) {
      const auto c = static_cast<unsigned char>(byte);
      static constexpr char kHex[] = "0123456789abcdef";
      hex += kHex[c >> 4];
      hex += kHex[c & 15];
    }
    std::ofstream(path) << hex << "\n";
    chmod(path.c_str(), S_IRUSR | S_IWUSR);
    return key;
  }
  std::string hex;
  in >> hex;
  if (!in || hex.size() != crypto::kCodeKeyBytes * 2 ||
      hex.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return Error(ErrorCode::kInvalidInput,
                 in ? "is not an election's code key (64 hex digits)"
                    : "cannot read the election's code key",
                 path);
  }
  std::string key;
  for (size_t i = 0; i < hex.size(); i += 2) {
    key += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  }
  return key;
}

namespace {

util::Status WriteTo(const std::string& path, const std::string& text) {
  if (path.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return {};
  }
  std::ofstream out(path, std::ios::binary);
  out << text;
  return out ? util::Status() : Error(ErrorCode::kIo, "cannot write", path);
}

util::Status Import(store::Store& store, const ElectionOptions& options) {
  auto imported = election::ImportRegister(store, options.id, options.file, Now());
  if (!imported.ok()) {
    return imported.error();
  }
  std::fprintf(stderr, "%lld rows: %lld on the register", static_cast<long long>(imported->rows),
               static_cast<long long>(imported->accepted));
  for (const auto& [section, count] : imported->by_section) {
    std::fprintf(stderr, ", %s %lld", section.c_str(), static_cast<long long>(count));
  }
  std::fprintf(stderr, "; %zu rows noted (added %lld, updated %lld, removed %lld)\n",
               imported->notes.size(), static_cast<long long>(imported->changes.added),
               static_cast<long long>(imported->changes.updated),
               static_cast<long long>(imported->changes.removed));
  return WriteTo(options.report, election::RegisterNotesCsv(*imported));
}

util::Status Issue(store::Store& store, const ElectionOptions& options) {
  auto key = ReadKey(options, true);
  if (!key.ok()) {
    return key.error();
  }
  auto issued = election::IssueCredentials(store, options.id, *key, Now());
  if (!issued.ok()) {
    return issued.error();
  }
  std::fprintf(stderr, "%zu voting codes issued; the key is in %s\n", issued->size(),
               KeyPath(options).c_str());
  return WriteTo(options.out, election::CredentialsCsv(*issued));
}

util::Status Reissue(store::Store& store, const ElectionOptions& options) {
  auto key = ReadKey(options, false);
  if (!key.ok()) {
    return key.error();
  }
  auto issued = election::ReissueCredential(store, options.id, *key, options.number, Now());
  if (!issued.ok()) {
    return issued.error();
  }
  return WriteTo(options.out, election::CredentialsCsv({*issued}));
}

// "leader=Jeremy Corbyn>Owen Smith": a contest and its preferences in order.
util::Result<election::Choice> ChoiceFrom(const std::string& text) {
  const size_t equals = text.find('=');
  if (equals == std::string::npos || equals == 0) {
    return Error(ErrorCode::kInvalidArgument,
                 "'" + text + "' is not CONTEST=NAME>NAME>... (a contest and its preferences)",
                 "--choice");
  }
  election::Choice choice{text.substr(0, equals), {}};
  std::stringstream rest(text.substr(equals + 1));
  for (std::string name; std::getline(rest, name, '>');) {
    choice.preferences.push_back(name);
  }
  return choice;
}

util::Status Vote(store::Store& store, const ElectionOptions& options) {
  auto key = ReadKey(options, false);
  auto loaded = election::LoadElection(store, options.id);
  if (!key.ok() || !loaded.ok()) {
    return key.ok() ? loaded.error() : key.error();
  }
  election::BallotPaper paper{options.code, {}};
  for (const std::string& text : options.choices) {
    auto choice = ChoiceFrom(text);
    if (!choice.ok()) {
      return choice.error();
    }
    paper.choices.push_back(std::move(choice.value()));
  }
  auto cast = election::CastBallots(store, *loaded, *key, {paper}, options.channel, Now());
  if (!cast.ok()) {
    return cast.error();
  }
  const election::VoteOutcome& outcome = cast->front();
  if (!outcome.accepted) {
    return Error(ErrorCode::kConflict, "the ballot is refused: " + outcome.refusal, "--code");
  }
  std::printf("Your ballot is cast. Tracking code: %s\n", outcome.tracking_code.c_str());
  return {};
}

util::Status Postal(store::Store& store, const ElectionOptions& options) {
  auto key = ReadKey(options, false);
  auto loaded = election::LoadElection(store, options.id);
  if (!key.ok() || !loaded.ok()) {
    return key.ok() ? loaded.error() : key.error();
  }
  auto outcomes = election::ImportPostal(store, *loaded, *key, options.file, Now());
  if (!outcomes.ok()) {
    return outcomes.error();
  }
  const auto accepted = std::count_if(outcomes->begin(), outcomes->end(),
                                      [](const auto& o) { return o.outcome.accepted; });
  std::fprintf(stderr, "%zu postal ballot papers: %lld accepted, %lld refused\n", outcomes->size(),
               static_cast<long long>(accepted),
               static_cast<long long>(outcomes->size()) - static_cast<long long>(accepted));
  return WriteTo(options.report, election::PostalOutcomesCsv(*outcomes));
}

election::MailSettings MailSettingsOf(const ElectionOptions& options) {
  const char* password = std::getenv("SCRUTINEER_SMTP_PASSWORD");
  return {{options.smtp, options.mail_from, options.smtp_user, password ? password : ""},
          options.rate};
}

// Reports what was sent on standard error, and each message's outcome as CSV.
util::Status ReportMail(const util::Result<std::vector<election::MailOutcome>>& outcomes,
                        const ElectionOptions& options) {
  if (!outcomes.ok()) {
    return outcomes.error();
  }
  const auto sent = std::count_if(outcomes->begin(), outcomes->end(),
                                  [](const election::MailOutcome& o) { return o.sent; });
  std::fprintf(stderr, "%zu messages: %lld sent, %lld not sent\n", outcomes->size(),
               static_cast<long long>(sent),
               static_cast<long long>(outcomes->size()) - static_cast<long long>(sent));
  return WriteTo(options.report, election::MailOutcomesCsv(*outcomes));
}

util::Status MailLetters(store::Store& store, const ElectionOptions& options) {
  auto key = ReadKey(options, false);
  if (!key.ok()) {
    return key.error();
  }
  return ReportMail(
      election::MailCodes(store, options.id, *key, options.file,
                          options.reissue ? election::Letter::kReissue
                                          : election::Letter::kCredential,
                          MailSettingsOf(options), Now()),
      options);
}

util::Status MailReminders(store::Store& store, const ElectionOptions& options) {
  return ReportMail(election::MailReminders(store, options.id, MailSettingsOf(options), Now()),
                    options);
}

void AddMailCommands(CLI::App& app, ElectionOptions& options, int& status) {
  CLI::App* mail = app.add_subcommand("mail", "Mail voting codes and reminders (SMTP).");
  mail->require_subcommand(1);
  CLI::App* letters = StoreSubcommand(
      *mail, "letters", "Mail each voter with an email address their code from an export.",
      options, status, MailLetters);
  letters->add_option("id", options.id, "The election's id")->required();
  letters->add_option("file", options.file, "The codes (the CSV of credentials issue/reissue)")
      ->required();
  letters->add_flag("--reissue", options.reissue, "The codes replace earlier ones");
  letters->add_option("--key-file", options.key_file, "The election's code key (default ID.key)");
  CLI::App* reminders =
      StoreSubcommand(*mail, "reminders", "Remind each voter who has not voted (no code sent).",
                      options, status, MailReminders);
  reminders->add_option("id", options.id, "The election's id")->required();
  for (CLI::App* command : {letters, reminders}) {
    command->add_option("--smtp", options.smtp, "The mail server: smtp://HOST:PORT or smtps://")
        ->required();
    command->add_option("--from", options.mail_from, "The From: address")->required();
    command->add_option("--smtp-user", options.smtp_user,
                        "Login (password from $SCRUTINEER_SMTP_PASSWORD)");
    command->add_option("--rate", options.rate, "At most this many messages a second")
        ->check(CLI::Range(0.01, 10000.0));
    command->add_option("--report", options.report, "Where each message's outcome goes (CSV)");
  }
}

}  // namespace

void AddVotingCommands(CLI::App& app, ElectionOptions& options, int& status) {
  AddMailCommands(app, options, status);
  CLI::App* reg = app.add_subcommand("register", "Import the electorate.");
  reg->require_subcommand(1);
  CLI::App* import = StoreSubcommand(*reg, "import", "Import the register from a CSV file.",
                                     options, status, Import);
  import->add_option("id", options.id, "The election's id")->required();
  import->add_option("file", options.file, "The register (docs/formats/register.md)")->required();
  import->add_option("--report", options.report, "Where the rows' report goes (CSV)");
  CLI::App* credentials = app.add_subcommand("credentials", "Issue and reissue voting codes.");
  credentials->require_subcommand(1);
  for (CLI::App* command :
       {StoreSubcommand(*credentials, "issue", "Issue a voting code to every voter.", options,
                        status, Issue),
        StoreSubcommand(*credentials, "reissue", "Replace a voter's code, revoking the old.",
                        options, status, Reissue)}) {
    command->add_option("id", options.id, "The election's id")->required();
    command->add_option("--key-file", options.key_file, "The election's code key (default ID.key)");
    command->add_option("--out", options.out, "Where the codes go (CSV; default standard output)");
  }
  credentials->get_subcommand("reissue")
      ->add_option("number", options.number, "The voter's membership number")
      ->required();
  CLI::App* postal = app.add_subcommand("postal", "Import postal ballot papers.");
  postal->require_subcommand(1);
  CLI::App* batch = StoreSubcommand(*postal, "import", "Cast a batch of postal ballot papers.",
                                    options, status, Postal);
  batch->add_option("id", options.id, "The election's id")->required();
  batch->add_option("file", options.file, "The papers (docs/formats/postal.md)")->required();
  batch->add_option("--report", options.report, "Where each paper's outcome goes (CSV)");
  batch->add_option("--key-file", options.key_file, "The election's code key (default ID.key)");
  CLI::App* vote =
      StoreSubcommand(app, "vote", "Cast a ballot with a voting code.", options, status, Vote);
  vote->add_option("id", options.id, "The election's id")->required();
  vote->add_option("--code", options.code, "The voting code")->required();
  vote->add_option("--choice", options.choices, "CONTEST=NAME>NAME>...; repeat for each contest")
      ->required();
  vote->add_option("--channel", options.channel, "online or postal")
      ->check(CLI::IsMember({"online", "postal"}));
  vote->add_option("--key-file", options.key_file, "The election's code key (default ID.key)");
}

}  // namespace scrutineer::cli
