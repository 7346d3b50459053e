#include "election/lifecycle.h"

#include <cstdio>

#include "crypto/sha256_lot.h"
#include "election/audit.h"
#include "election/nominations.h"
#include "formats/election_toml.h"

namespace scrutineer::election {
namespace {

using core::ElectionState;
using util::Error;
using util::ErrorCode;

// The instant before which the election may not move to `to`, with what it is called.
std::pair<int64_t, const char*> NotBefore(const core::Timetable& timetable, ElectionState to) {
  switch (to) {
    case ElectionState::kNominations:
      return {timetable.nominations_open, "nominations open"};
    case ElectionState::kBallotOpen:
      return {timetable.ballot_open, "the ballot opens"};
    case ElectionState::kClosed:
      return {timetable.ballot_close, "the ballot closes"};
    default:
      return {INT64_MIN, ""};
  }
}

}  // namespace

std::string IsoTime(int64_t unix_seconds) {
  const int64_t days = unix_seconds >= 0 ? unix_seconds / 86400 : (unix_seconds - 86399) / 86400;
  const int64_t seconds = unix_seconds - days * 86400;
  // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  char text[96];
  std::snprintf(text, sizeof text, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ",
                static_cast<long long>(year), static_cast<long long>(month),
                static_cast<long long>(day), static_cast<long long>(seconds / 3600),
                static_cast<long long>(seconds / 60 % 60), static_cast<long long>(seconds % 60));
  return text;
}

util::Result<std::unique_ptr<store::Store>> OpenElectionStore(const std::string& location) {
  return store::OpenStore(location, AuditHash);
}

util::Result<Election> LoadElection(const store::Store& store, const std::string& id) {
  auto record = store.GetElection(id);
  if (!record.ok()) {
    return record.error();
  }
  auto definition = formats::ParseElectionToml(record->definition, "election " + id);
  if (!definition.ok()) {
    return Error(ErrorCode::kStorage,
                 "the stored definition no longer reads: " + definition.error().ToString(), id);
  }
  const auto state = core::ElectionStateNamed(record->state);
  if (!state) {
    return Error(ErrorCode::kStorage, "the stored state '" + record->state + "' is unknown", id);
  }
  // A contest's ballot paper, once fixed by its nominations, is its candidates.
  for (core::Contest& contest : definition->contests) {
    auto paper = store.BallotPaper(id, contest.id);
    if (!paper.ok()) {
      return paper.error();
    }
    if (paper->has_value()) {
      contest.candidates = **paper;
    }
  }
  return Election{std::move(record.value()), std::move(definition.value()), *state};
}

util::Result<Election> CreateElection(store::Store& store, std::string_view definition,
                                      const std::string& name, int64_t now) {
  auto parsed = formats::ParseElectionToml(definition, name);
  if (!parsed.ok()) {
    return parsed.error();
  }
  store::ElectionRecord record{parsed->id, parsed->title, std::string(definition),
                               std::string(core::ElectionStateName(ElectionState::kDraft))};
  const store::AuditEvent event{
      now, "election created", "definition " + name + ", SHA-256 " + crypto::Sha256Hex(definition)};
  if (util::Status created = store.CreateElection(record, event); !created.ok()) {
    return created.error();
  }
  return Election{std::move(record), std::move(parsed.value()), ElectionState::kDraft};
}

util::Status AdvanceElection(store::Store& store, const std::string& id, ElectionState to,
                             int64_t now) {
  auto election = LoadElection(store, id);
  if (!election.ok()) {
    return election.error();
  }
  if (util::Status allowed = core::CheckTransition(election->state, to); !allowed.ok()) {
    return Error(ErrorCode::kConflict, allowed.error().problems().front().what, id);
  }
  const auto [not_before, what] = NotBefore(election->definition.timetable, to);
  if (now < not_before) {
    return Error(ErrorCode::kConflict,
                 std::string("too early: ") + what + " at " + IsoTime(not_before) +
                     " and it is now " + IsoTime(now),
                 id);
  }
  if (to == ElectionState::kBallotOpen) {
    if (util::Status fixed = FixBallotPapers(store, *election, now); !fixed.ok()) {
      return fixed;
    }
  }
  if (to == ElectionState::kClosed) {
    // No ballot can come now (CastBallots refuses after the close): the storage forgets the
    // order ballots came in before the state changes.
    if (util::Status forgotten = store.ForgetArrivals(id); !forgotten.ok()) {
      return forgotten;
    }
  }
  const std::string from(core::ElectionStateName(election->state));
  const std::string next(core::ElectionStateName(to));
  return store.ChangeState(id, from, next, {now, "state changed", from + " -> " + next});
}

util::Result<size_t> VerifyAudit(const store::Store& store, const std::string& id) {
  auto entries = store.ReadAudit(id);
  if (!entries.ok()) {
    return entries.error();
  }
  if (util::Status verified = VerifyAuditChain(id, *entries); !verified.ok()) {
    return verified.error();
  }
  return entries->size();
}

}  // namespace scrutineer::election
