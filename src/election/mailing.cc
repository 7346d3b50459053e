#include "election/mailing.h"

#include <chrono>
#include <thread>

#include "crypto/voting_code.h"
#include "formats/csv_table.h"
#include "util/text.h"

namespace scrutineer::election {
namespace {

using util::Error;
using util::ErrorCode;

// The texts, with {name}, {title}, {code} and {close} filled in.
struct LetterText {
  const char* subject;
  const char* body;
};

constexpr LetterText kCredentialLetter{
    "Your voting code: {title}",
    "Dear {name},\n\nYou may vote in {title}. Your voting code is:\n\n    {code}\n\n"
    "Enter it on the voting page to cast your ballot. Voting closes at {close}.\n\n"
    "Keep this code to yourself: it can be used once, by whoever has it. We never ask for it\n"
    "by email or telephone. If you lose it, ask the returning officer for a new one.\n\n"
    "The returning officer\n"};
constexpr LetterText kReissueLetter{
    "Your new voting code: {title}",
    "Dear {name},\n\nAs you asked, here is a new voting code for {title}:\n\n    {code}\n\n"
    "It replaces the code sent to you before, which no longer works. Voting closes at "
    "{close}.\n\nKeep this code to yourself: it can be used once, by whoever has it.\n\n"
    "The returning officer\n"};
constexpr LetterText kReminderLetter{
    "Reminder: you have not yet voted in {title}",
    "Dear {name},\n\nOur records show that you have not yet voted in {title}. Voting closes at\n"
    "{close}.\n\nUse the voting code sent to you. If you have lost it, ask the returning officer\n"
    "for a new one. If you have voted since this reminder was sent, thank you.\n\n"
    "The returning officer\n"};

std::string Filled(std::string text, const std::vector<std::pair<std::string, std::string>>& with) {
  for (const auto& [key, value] : with) {
    for (size_t at = text.find(key); at != std::string::npos;
         at = text.find(key, at + value.size())) {
      text.replace(at, key.size(), value);
    }
  }
  return text;
}

const char* Kind(Letter letter) {
  switch (letter) {
    case Letter::kCredential:
      return "credential letters";
    case Letter::kReissue:
      return "reissue letters";
    case Letter::kReminder:
      return "reminders";
  }
  return "";
}

util::Result<Election> OpenForMail(const store::Store& store, const std::string& id, int64_t now) {
  auto election = LoadElection(store, id);
  if (!election.ok()) {
    return election.error();
  }
  if (election->state != core::ElectionState::kBallotOpen ||
      now >= election->definition.timetable.ballot_close) {
    return Error(ErrorCode::kConflict,
                 "mail goes to voters only while the ballot is open (state '" +
                     election->record.state + "', closing at " +
                     IsoTime(election->definition.timetable.ballot_close) + ")",
                 id);
  }
  return election;
}

// Sends messages no faster than the settings allow, and counts what happened.
class Mailing {
 public:
  Mailing(std::unique_ptr<mail::SmtpClient> client, double per_second)
      : client_(std::move(client)),
        gap_(std::chrono::duration_cast<std::chrono::steady_clock::duration>(
            std::chrono::duration<double>(per_second > 0 ? 1.0 / per_second : 0.0))),
        next_(std::chrono::steady_clock::now()) {}

  // Sends `message` to `voter`; a failure that stops everything (no server) is returned.
  util::Status Send(const store::VoterRecord& voter, const mail::Message& message, int64_t now) {
    std::this_thread::sleep_until(next_);
    next_ = std::max(next_ + gap_, std::chrono::steady_clock::now());
    util::Status sent = client_->Send(message, now);
    if (!sent.ok() && sent.error().code() == ErrorCode::kIo) {
      return sent;
    }
    outcomes_.push_back({voter.number, voter.email, sent.ok(),
                         sent.ok() ? "" : sent.error().problems().front().what});
    return {};
  }
  void Refuse(const std::string& number, const std::string& email, std::string reason) {
    outcomes_.push_back({number, email, false, std::move(reason)});
  }
  std::vector<MailOutcome>& outcomes() { return outcomes_; }

  // The audit log's line: "credential letters: 2 sent, 1 not sent".
  std::string Summary(Letter letter) const {
    int64_t sent = 0;
    for (const MailOutcome& o : outcomes_) {
      sent += o.sent ? 1 : 0;
    }
    return std::string(Kind(letter)) + ": " + util::WithThousands(sent) + " sent, " +
           util::WithThousands(static_cast<int64_t>(outcomes_.size()) - sent) + " not sent";
  }

 private:
  std::unique_ptr<mail::SmtpClient> client_;
  std::chrono::steady_clock::duration gap_;
  std::chrono::steady_clock::time_point next_;
  std::vector<MailOutcome> outcomes_;
};

// Logs what was sent (also when the server stopped answering part way), then returns the
// outcomes or the failure that stopped the mailing.
util::Result<std::vector<MailOutcome>> Finish(store::Store& store, const std::string& id,
                                              Letter letter, Mailing& mailing,
                                              const util::Status& stopped, int64_t now) {
  std::string detail = mailing.Summary(letter);
  if (!stopped.ok()) {
    detail += "; stopped: " + stopped.error().problems().front().what;
  }
  if (util::Status logged = store.AppendAudit(id, {now, "mail", detail}); !logged.ok()) {
    return logged.error();
  }
  if (!stopped.ok()) {
    return stopped.error();
  }
  return std::move(mailing.outcomes());
}

// Why the code on this row may not be sent to `number`, or "".
std::string CodeProblem(const store::Store& store, const std::string& id, std::string_view key,
                        const std::string& number, std::string_view code) {
  auto normalized = crypto::NormalizeVotingCode(code);
  if (!normalized.ok()) {
    return "the code is not a voting code";
  }
  auto credential = store.FindCredential(id, crypto::VotingCodeHash(*normalized, key));
  if (!credential.ok() || credential->voter != number) {
    return "the code is not this voter's (or not issued with this key)";
  }
  return credential->state == store::CredentialState::kIssued
             ? ""
             : "the code is no longer live (used or replaced)";
}

// Mails the codes of `table`'s rows.
util::Status MailRows(store::Store& store, const Election& election, std::string_view key,
                      formats::CsvTable& table, Letter letter, Mailing& mailing, int64_t now) {
  const int number_at = table.Column({"membership_number", "number"});
  const int code_at = table.Column("code");
  const int channel_at = table.Column("channel");
  if (number_at < 0 || code_at < 0) {
    return Error(ErrorCode::kInvalidInput,
                 "the header needs membership_number and code (the export of credentials issue)",
                 table.name() + ":1");
  }
  for (auto row = table.Next(); row.ok() && *row; row = table.Next()) {
    const std::string number(table.Field(number_at));
    auto voter = store.GetVoter(election.record.id, number);
    if (table.Field(channel_at) == "postal" || (voter.ok() && voter->email.empty())) {
      continue;  // printed and posted, not mailed
    }
    const std::string problem =
        voter.ok() ? CodeProblem(store, election.record.id, key, number, table.Field(code_at))
                   : "not on the register";
    if (!problem.empty()) {
      mailing.Refuse(number, voter.ok() ? voter->email : "", problem);
      continue;
    }
    const mail::Message message = LetterFor(letter, election, *voter, std::string(table.Field(code_at)));
    if (util::Status sent = mailing.Send(*voter, message, now); !sent.ok()) {
      return sent;
    }
  }
  return {};
}

}  // namespace

mail::Message LetterFor(Letter letter, const Election& election, const store::VoterRecord& voter,
                        const std::string& code) {
  const LetterText& text = letter == Letter::kCredential ? kCredentialLetter
                           : letter == Letter::kReissue  ? kReissueLetter
                                                         : kReminderLetter;
  const std::vector<std::pair<std::string, std::string>> with{
      {"{name}", voter.name.empty() ? "member" : voter.name},
      {"{title}", election.definition.title},
      {"{code}", code},
      {"{close}", IsoTime(election.definition.timetable.ballot_close)}};
  return {voter.email, Filled(text.subject, with), Filled(text.body, with)};
}

util::Result<std::vector<MailOutcome>> MailCodes(store::Store& store, const std::string& id,
                                                 std::string_view key,
                                                 const std::string& codes_path, Letter letter,
                                                 const MailSettings& settings, int64_t now) {
  auto election = OpenForMail(store, id, now);
  auto table = election.ok() ? formats::CsvTable::OpenPath(codes_path)
                             : util::Result<std::unique_ptr<formats::CsvTable>>(election.error());
  auto client = table.ok() ? mail::SmtpClient::Open(settings.smtp)
                           : util::Result<std::unique_ptr<mail::SmtpClient>>(table.error());
  if (!client.ok()) {
    return client.error();
  }
  Mailing mailing(std::move(client.value()), settings.per_second);
  const util::Status stopped = MailRows(store, *election, key, **table, letter, mailing, now);
  if (!stopped.ok() && stopped.error().code() != ErrorCode::kIo) {
    return stopped.error();  // a malformed file: nothing sent
  }
  return Finish(store, id, letter, mailing, stopped, now);
}

util::Result<std::vector<MailOutcome>> MailReminders(store::Store& store, const std::string& id,
                                                     const MailSettings& settings, int64_t now) {
  auto election = OpenForMail(store, id, now);
  auto client = election.ok() ? mail::SmtpClient::Open(settings.smtp)
                              : util::Result<std::unique_ptr<mail::SmtpClient>>(election.error());
  if (!client.ok()) {
    return client.error();
  }
  std::vector<store::VoterRecord> voters;
  util::Status walked = store.ForEachVoterNotVoted(id, [&](const store::VoterRecord& voter) {
    if (!voter.email.empty()) {
      voters.push_back(voter);
    }
    return true;
  });
  if (!walked.ok()) {
    return walked.error();
  }
  Mailing mailing(std::move(client.value()), settings.per_second);
  util::Status stopped;
  for (const store::VoterRecord& voter : voters) {
    stopped = mailing.Send(voter, LetterFor(Letter::kReminder, *election, voter, ""), now);
    if (!stopped.ok()) {
      break;
    }
  }
  return Finish(store, id, Letter::kReminder, mailing, stopped, now);
}

std::string MailOutcomesCsv(const std::vector<MailOutcome>& outcomes) {
  std::string out = "membership_number,email,outcome,reason\n";
  for (const MailOutcome& o : outcomes) {
    out += util::CsvField(o.number);
    out += ',';
    out += util::CsvField(o.email);
    out += o.sent ? ",sent," : ",not sent,";
    out += util::CsvField(o.reason);
    out += '\n';
  }
  return out;
}

}  // namespace scrutineer::election
