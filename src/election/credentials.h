#pragma once
// Issuing voting credentials (docs/credentials.md): one secret code per voter per election,
// stored only as a keyed hash (crypto/voting_code.h); the codes themselves leave once, in the
// export for the emails and the printed postal ballot papers. Reissuing a code revokes the
// old one. Both are in the audit log (who was issued a code, never the code).

#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"
#include "util/result.h"

namespace scrutineer::election {

struct IssuedCredential {
  store::VoterRecord voter;
  std::string channel;  // "online" (the voter has an email address) or "postal"
  std::string code;     // grouped for printing
};

// Issues a code to every voter on the register of election `id`, in state ballot_open, once:
// kConflict when codes have been issued already (reissue them one at a time). `key` is the
// election's code key (crypto::NewCodeKey), kept outside the store.
util::Result<std::vector<IssuedCredential>> IssueCredentials(store::Store& store,
                                                             const std::string& id,
                                                             std::string_view key, int64_t now);

// A new code for voter `number`, revoking the old; refused once they have voted.
util::Result<IssuedCredential> ReissueCredential(store::Store& store, const std::string& id,
                                                 std::string_view key, const std::string& number,
                                                 int64_t now);

// The export for mailing and printing:
// membership_number,name,email,address,section,channel,code.
std::string CredentialsCsv(const std::vector<IssuedCredential>& issued);

}  // namespace scrutineer::election
