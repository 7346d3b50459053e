#include "election/audit.h"

#include "crypto/sha256_lot.h"

namespace scrutineer::election {
namespace {

void Field(std::string& text, const std::string& value) {
  text += std::to_string(value.size());
  text += ':';
  text += value;
  text += '\n';
}

}  // namespace

std::string AuditHash(const std::string& election, const store::AuditEntry& entry) {
  std::string text = "scrutineer-audit-1\n";
  Field(text, election);
  Field(text, std::to_string(entry.seq));
  Field(text, std::to_string(entry.at));
  Field(text, entry.kind);
  Field(text, entry.detail);
  Field(text, entry.prev_hash);
  return crypto::Sha256Hex(text);
}

util::Status VerifyAuditChain(const std::string& election,
                              std::span<const store::AuditEntry> entries) {
  std::string previous;
  for (size_t i = 0; i < entries.size(); ++i) {
    const store::AuditEntry& entry = entries[i];
    const std::string where = "audit entry " + std::to_string(i + 1);
    std::string problem;
    if (entry.seq != static_cast<int64_t>(i + 1)) {
      problem = "is numbered " + std::to_string(entry.seq) + ": an entry is missing or moved";
    } else if (entry.prev_hash != previous) {
      problem = "does not follow the entry before it (its previous hash differs)";
    } else if (entry.hash != AuditHash(election, entry)) {
      problem = "has been altered: its hash does not match its contents";
    }
    if (!problem.empty()) {
      return util::Error(util::ErrorCode::kConflict, "the audit log is broken: " + problem, where);
    }
    previous = entry.hash;
  }
  return {};
}

}  // namespace scrutineer::election
