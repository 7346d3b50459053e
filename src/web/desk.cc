#include "web/desk.h"

#include <algorithm>
#include <cctype>

#include "crypto/voting_code.h"
#include "election/count.h"
#include "report/declaration.h"

namespace scrutineer::web {
namespace {

using util::Error;
using util::ErrorCode;

bool IsPublic(const election::Election& election) {
  return election.state >= core::ElectionState::kBallotOpen;
}

// A tracking code as compared: lowercase, without dashes or spaces.
std::string Plain(const std::string& code) {
  std::string plain;
  for (const char c : code) {
    if (c != '-' && c != ' ') {
      plain += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return plain;
}

election::Refusal KindOf(store::CredentialState state) {
  switch (state) {
    case store::CredentialState::kIssued:
      return election::Refusal::kNone;
    case store::CredentialState::kSpent:
      return election::Refusal::kSpentCode;
    case store::CredentialState::kRevoked:
      return election::Refusal::kRevokedCode;
  }
  return election::Refusal::kNone;
}

// Whether any contest's ballots in `election` carry `plain` (a Plain tracking code). Every
// contest of a paper carries its code, so the first contest's ballots are enough.
util::Result<bool> BoxHolds(const store::Store& store, const election::Election& election,
                            const std::string& plain) {
  if (election.definition.contests.empty()) {
    return false;
  }
  bool found = false;
  util::Status walked =
      store.ForEachBallot(election.record.id, election.definition.contests.front().id,
                          [&](const store::BallotRecord& ballot) {
                            found = Plain(ballot.tracking_code) == plain;
                            return !found;
                          });
  if (!walked.ok()) {
    return walked.error();
  }
  return found;
}

}  // namespace

Desk::Desk(store::Store& store, KeyLookup keys, Clock clock, DeskOptions options)
    : store_(store), keys_(std::move(keys)), clock_(std::move(clock)), options_(options) {
  options_.max_batch = std::max<size_t>(options_.max_batch, 1);
  writer_ = std::thread([this] { WriteBatches(); });
}

Desk::~Desk() {
  {
    const std::lock_guard lock(queue_mutex_);
    stopping_ = true;
  }
  queued_.notify_one();
  writer_.join();
}

util::Result<std::vector<election::Election>> Desk::PublicLocked() {
  auto records = store_.ListElections();
  if (!records.ok()) {
    return records.error();
  }
  std::vector<election::Election> elections;
  for (const store::ElectionRecord& record : *records) {
    auto loaded = election::LoadElection(store_, record.id);
    if (!loaded.ok()) {
      return loaded.error();
    }
    if (IsPublic(*loaded)) {
      elections.push_back(std::move(loaded.value()));
    }
  }
  return elections;
}

util::Result<std::vector<election::Election>> Desk::PublicElections() {
  const std::lock_guard lock(mutex_);
  return PublicLocked();
}

util::Result<election::Election> Desk::FindLocked(const std::string& id) {
  if (!id.empty()) {
    auto loaded = election::LoadElection(store_, id);
    if (!loaded.ok() && loaded.error().code() != ErrorCode::kNotFound) {
      return loaded.error();
    }
    if (!loaded.ok() || !IsPublic(*loaded)) {
      return Error(ErrorCode::kNotFound, "there is no public election '" + id + "'", "election");
    }
    return loaded;
  }
  auto elections = PublicLocked();
  if (!elections.ok()) {
    return elections.error();
  }
  std::erase_if(*elections, [](const election::Election& e) {
    return e.state != core::ElectionState::kBallotOpen;
  });
  if (elections->size() != 1) {
    return Error(elections->empty() ? ErrorCode::kNotFound : ErrorCode::kInvalidInput,
                 elections->empty() ? "no election is open for voting"
                                    : "several elections are open: say which",
                 "election");
  }
  return std::move(elections->front());
}

util::Result<election::Election> Desk::Find(const std::string& id) {
  const std::lock_guard lock(mutex_);
  return FindLocked(id);
}

util::Result<election::VoteOutcome> Desk::CheckCode(const std::string& id,
                                                    const std::string& code) {
  const std::lock_guard lock(mutex_);
  auto found = FindLocked(id);
  if (!found.ok()) {
    return found.error();
  }
  if (util::Status open = election::CheckVotingOpen(*found, clock_()); !open.ok()) {
    return open.error();
  }
  auto key = keys_(found->record.id);
  if (!key.ok()) {
    return Error(ErrorCode::kStorage, key.error().ToString(), "the election's code key");
  }
  election::VoteOutcome outcome;
  auto normalized = crypto::NormalizeVotingCode(code);
  if (!normalized.ok()) {
    outcome.kind = election::Refusal::kMistypedCode;
    outcome.refusal = normalized.error().problems().front().what;
    return outcome;
  }
  auto credential =
      store_.FindCredential(found->record.id, crypto::VotingCodeHash(*normalized, *key));
  if (!credential.ok() && credential.error().code() != ErrorCode::kNotFound) {
    return credential.error();
  }
  outcome.kind = credential.ok() ? KindOf(credential->state) : election::Refusal::kUnknownCode;
  outcome.accepted = outcome.kind == election::Refusal::kNone;
  return outcome;
}

util::Result<election::VoteOutcome> Desk::Cast(const std::string& id,
                                               const election::BallotPaper& paper) {
  Queued queued{id, paper, {}};
  auto outcome = queued.outcome.get_future();
  {
    const std::lock_guard lock(queue_mutex_);
    queue_.push_back(std::move(queued));
  }
  queued_.notify_one();
  return outcome.get();
}

void Desk::WriteBatches() {
  for (std::vector<Queued> batch = TakeBatch(); !batch.empty(); batch = TakeBatch()) {
    CastBatch(batch);
  }
}

std::vector<Desk::Queued> Desk::TakeBatch() {
  std::unique_lock lock(queue_mutex_);
  queued_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
  const auto end =
      queue_.begin() + static_cast<std::ptrdiff_t>(std::min(queue_.size(), options_.max_batch));
  std::vector<Queued> batch(std::make_move_iterator(queue_.begin()), std::make_move_iterator(end));
  queue_.erase(queue_.begin(), end);
  return batch;
}

void Desk::CastBatch(std::vector<Queued>& batch) {
  // Each election's papers, in the order they came: the first paper with a code is the one
  // that counts.
  std::map<std::string, std::vector<Queued*>> by_election;
  for (Queued& queued : batch) {
    by_election[queued.election].push_back(&queued);
  }
  const std::lock_guard lock(mutex_);
  const int64_t now = clock_();
  for (const auto& [id, group] : by_election) {
    CastGroup(id, group, now);
  }
}

void Desk::CastGroup(const std::string& id, const std::vector<Queued*>& group, int64_t now) {
  auto cast = [&]() -> util::Result<std::vector<election::VoteOutcome>> {
    auto found = FindLocked(id);
    if (!found.ok()) {
      return found.error();
    }
    auto key = keys_(found->record.id);
    if (!key.ok()) {
      return Error(ErrorCode::kStorage, key.error().ToString(), "the election's code key");
    }
    std::vector<election::BallotPaper> papers;
    papers.reserve(group.size());
    for (Queued* queued : group) {
      papers.push_back(std::move(queued->paper));
    }
    return election::CastBallots(store_, *found, *key, papers, "online", now);
  }();
  for (size_t i = 0; i < group.size(); ++i) {
    group[i]->outcome.set_value(cast.ok() ? util::Result<election::VoteOutcome>((*cast)[i])
                                          : util::Result<election::VoteOutcome>(cast.error()));
  }
}

util::Result<std::optional<BoxEntry>> Desk::FindTrackingCode(const std::string& tracking_code) {
  const std::lock_guard lock(mutex_);
  const std::string plain = Plain(tracking_code);
  auto elections = PublicLocked();
  if (!elections.ok()) {
    return elections.error();
  }
  for (const election::Election& election : *elections) {
    auto holds = plain.empty() ? util::Result<bool>(false) : BoxHolds(store_, election, plain);
    if (!holds.ok()) {
      return holds.error();
    }
    if (*holds) {
      return std::optional(BoxEntry{election.record.id, election.record.title});
    }
  }
  return std::optional<BoxEntry>();
}

util::Result<std::vector<ContestResult>> Desk::Results(const std::string& id) {
  const std::lock_guard lock(mutex_);
  if (auto cached = results_.find(id); cached != results_.end()) {
    return cached->second;
  }
  auto found = FindLocked(id);
  if (!found.ok()) {
    return found.error();
  }
  if (found->state != core::ElectionState::kDeclared) {
    return Error(ErrorCode::kConflict, "the result of '" + id + "' is not declared yet",
                 "election");
  }
  std::vector<ContestResult> results;
  for (const core::Contest& contest : found->definition.contests) {
    auto counted = election::CountContest(store_, *found, contest.id);
    if (!counted.ok()) {
      return counted.error();
    }
    results.push_back(
        {contest.id, report::WriteJson(election::DeclarationOf(*counted, found->definition))});
  }
  results_[id] = results;
  return results;
}

}  // namespace scrutineer::web
