#pragma once
// Mail to voters (docs/mailing.md): the credential letter with the voting code, the letter of a
// reissued code, and reminders to those who have not voted, sent by SMTP (mail/smtp.h) at a
// steady rate, each delivery's outcome reported and the totals in the audit log. A letter holds
// the voter's own code; nothing ever sent holds anything of a ballot.

#include <string>
#include <string_view>
#include <vector>

#include "election/lifecycle.h"
#include "mail/smtp.h"
#include "util/result.h"

namespace scrutineer::election {

enum class Letter : uint8_t {
  kCredential,  // the voting code, first issued
  kReissue,     // a new code, replacing the old
  kReminder,    // you have not voted yet (no code)
};

struct MailSettings {
  mail::SmtpSettings smtp;
  double per_second = 10;  // at most this many messages a second
};

// What happened to one voter's message.
struct MailOutcome {
  std::string number;
  std::string email;
  bool sent = false;
  std::string reason;  // why not sent
};

// Sends each voter with an email address in `codes_path` (the export of `credentials issue`
// or `reissue`: membership_number,...,channel,code) their letter. A code is sent only while it
// is that voter's live code (checked against its keyed hash with `key`): an export made
// before a reissue cannot send the revoked code. Only while the ballot is open.
util::Result<std::vector<MailOutcome>> MailCodes(store::Store& store, const std::string& id,
                                                 std::string_view key,
                                                 const std::string& codes_path, Letter letter,
                                                 const MailSettings& settings, int64_t now);

// Sends a reminder to each voter with an email address who holds a code not yet used; only
// while the ballot is open.
util::Result<std::vector<MailOutcome>> MailReminders(store::Store& store, const std::string& id,
                                                     const MailSettings& settings, int64_t now);

// The message a voter gets (the texts of docs/mailing.md). `code` is empty for a reminder.
mail::Message LetterFor(Letter letter, const Election& election, const store::VoterRecord& voter,
                        const std::string& code);

// membership_number,email,outcome,reason: a line a message.
std::string MailOutcomesCsv(const std::vector<MailOutcome>& outcomes);

}  // namespace scrutineer::election
