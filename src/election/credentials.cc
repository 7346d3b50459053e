#include "election/credentials.h"

#include "crypto/voting_code.h"
#include "election/lifecycle.h"
#include "util/text.h"

namespace scrutineer::election {
namespace {

using util::Error;
using util::ErrorCode;

util::Status RequireBallotOpen(const store::Store& store, const std::string& id) {
  auto election = LoadElection(store, id);
  if (!election.ok()) {
    return election.error();
  }
  if (election->state != core::ElectionState::kBallotOpen) {
    return Error(ErrorCode::kConflict,
                 "credentials are issued while the ballot is open; the election is in state '" +
                     election->record.state + "'",
                 id);
  }
  return {};
}

IssuedCredential NewCredential(store::VoterRecord voter, std::string_view key,
                               store::CredentialRecord& record) {
  IssuedCredential issued{std::move(voter), "", crypto::NewVotingCode()};
  issued.channel = issued.voter.email.empty() ? "postal" : "online";
  record = {crypto::VotingCodeHash(*crypto::NormalizeVotingCode(issued.code), key),
            issued.voter.number, issued.channel, store::CredentialState::kIssued};
  return issued;
}

}  // namespace

util::Result<std::vector<IssuedCredential>> IssueCredentials(store::Store& store,
                                                             const std::string& id,
                                                             std::string_view key, int64_t now) {
  if (util::Status open = RequireBallotOpen(store, id); !open.ok()) {
    return open.error();
  }
  auto existing = store.CountCredentials(id);
  if (!existing.ok()) {
    return existing.error();
  }
  if (!existing->empty()) {
    return Error(ErrorCode::kConflict,
                 "credentials have been issued already; reissue a voter's code on its own", id);
  }
  std::vector<IssuedCredential> issued;
  std::vector<store::CredentialRecord> records;
  util::Status walked = store.ForEachVoter(id, [&](const store::VoterRecord& voter) {
    issued.push_back(NewCredential(voter, key, records.emplace_back()));
    return true;
  });
  if (!walked.ok()) {
    return walked.error();
  }
  const store::AuditEvent event{now, "credentials issued",
                                std::to_string(records.size()) + " voting codes"};
  if (util::Status stored = store.IssueCredentials(id, records, event); !stored.ok()) {
    return stored.error();
  }
  return issued;
}

util::Result<IssuedCredential> ReissueCredential(store::Store& store, const std::string& id,
                                                 std::string_view key, const std::string& number,
                                                 int64_t now) {
  if (util::Status open = RequireBallotOpen(store, id); !open.ok()) {
    return open.error();
  }
  auto voter = store.GetVoter(id, number);
  if (!voter.ok()) {
    return voter.error();
  }
  store::CredentialRecord record;
  IssuedCredential issued = NewCredential(std::move(voter.value()), key, record);
  const store::AuditEvent event{now, "credential reissued", "voter " + number};
  if (util::Status stored = store.ReissueCredential(id, record, event); !stored.ok()) {
    return stored.error();
  }
  return issued;
}

std::string CredentialsCsv(const std::vector<IssuedCredential>& issued) {
  std::string out = "membership_number,name,email,address,section,channel,code\n";
  for (const IssuedCredential& credential : issued) {
    const store::VoterRecord& v = credential.voter;
    out += util::CsvField(v.number) + "," + util::CsvField(v.name) + "," + util::CsvField(v.email) +
           "," + util::CsvField(v.address) + "," + util::CsvField(v.section) + "," +
           credential.channel + "," + credential.code + "\n";
  }
  return out;
}

}  // namespace scrutineer::election
