#include "crypto/sha256_lot.h"

#include <sodium.h>

#include <algorithm>

#include "util/check.h"

namespace scrutineer::crypto {

std::string Sha256Hex(std::string_view text) {
  CHECK(sodium_init() >= 0);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

Sha256Lot::Sha256Lot(std::string seed) : seed_(std::move(seed)) {}

std::vector<count::Lot::Ticket> Sha256Lot::Draw(int draw, std::span<const count::CandidateId> tied,
                                                std::span<const std::string> names) const {
  std::vector<Ticket> tickets;
  for (count::CandidateId c : tied) {
    tickets.push_back(
        Ticket{c, Sha256Hex(seed_ + "|" + std::to_string(draw) + "|" + names[c.index()])});
  }
  // Equal digests would need equal names; candidate order settles even that.
  std::sort(tickets.begin(), tickets.end(), [](const Ticket& a, const Ticket& b) {
    return a.ticket != b.ticket ? a.ticket < b.ticket : a.candidate < b.candidate;
  });
  return tickets;
}

std::string Sha256Lot::Describe() const {
  return "SHA-256 of 'SEED|DRAW|NAME', lowest ticket loses (docs/rng.md); seed '" + seed_ + "'";
}

}  // namespace scrutineer::crypto
