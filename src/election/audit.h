#pragma once
// The audit log's hash chain (docs/audit.md). Every change to an election appends an entry;
// each entry's hash covers the election's id, its sequence number, time, kind, detail and the
// previous entry's hash, so that removing, reordering or editing any entry breaks every hash
// after it. Anyone can recompute the chain from an export of the log with sha256sum.

#include <span>
#include <string>

#include "store/store.h"
#include "util/result.h"

namespace scrutineer::election {

// The lowercase hex SHA-256 of the entry's canonical encoding: the text
//   "scrutineer-audit-1\n" + for each of election, seq, at, kind, detail, prev_hash:
//   its length in bytes, ":", the bytes, "\n"
// (seq and at in decimal). The entry's own `hash` is not read.
std::string AuditHash(const std::string& election, const store::AuditEntry& entry);

// Checks `entries` (oldest first) as a chain: numbered 1, 2, ..., each prev_hash the hash
// before it (empty for the first), each hash as AuditHash computes it. The error names the
// first entry that fails and how.
util::Status VerifyAuditChain(const std::string& election,
                              std::span<const store::AuditEntry> entries);

}  // namespace scrutineer::election
