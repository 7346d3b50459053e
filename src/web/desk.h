#pragma once
// The voting desk: what the web server asks of an election, without HTTP. It holds the store
// and serialises every use of it (a store is used by one thread at a time), and turns the
// library's operations into answers the API and the pages both give: the elections open to the
// public, a voting code checked before the ballot paper is shown, a paper cast (acknowledged
// only once durable: election::CastBallots commits before it returns), a tracking code looked
// up in the ballot box, and a declared election's results.
//
// Casting is group commit: a paper waits in the desk's queue, and one writer thread takes
// everything queued (up to DeskOptions::max_batch papers) and casts it, each election's papers
// as one batch in one durable transaction, then gives each caller its own paper's outcome. A
// refused paper does not fail the others; a second paper with a code earlier in the same batch
// is refused as spent; the batch's audit entries are in the order of their tracking codes, not
// of their arrival (docs/voting.md). The time a batch is cast at is read once for the batch.
//
// Errors: kNotFound for an election that is not public, kConflict when the ballot is not open
// (or, for results, not yet declared), kInvalidInput for a request that names no election
// when several are open, kStorage when the store or an election's code key fails.

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "election/lifecycle.h"
#include "election/vote.h"
#include "store/store.h"
#include "util/result.h"

namespace scrutineer::web {

// The election's code key (crypto::NewCodeKey), kept outside the store.
using KeyLookup = std::function<util::Result<std::string>(const std::string& election)>;
// Seconds since the epoch, UTC.
using Clock = std::function<int64_t()>;

// One contest's declaration as report::WriteJson writes it.
struct ContestResult {
  std::string contest;
  std::string declaration_json;
};

// Where a tracking code was found.
struct BoxEntry {
  std::string election;
  std::string title;
};

struct DeskOptions {
  // The most papers cast in one transaction (default 500); more wait for the next one.
  size_t max_batch = 500;
};

class Desk {
 public:
  // `store` must outlive the desk. Starts the writer thread, which the destructor stops once
  // every paper queued is cast.
  Desk(store::Store& store, KeyLookup keys, Clock clock, DeskOptions options = {});
  ~Desk();
  Desk(const Desk&) = delete;
  Desk& operator=(const Desk&) = delete;

  // Elections open to the public: in state ballot_open or later, in the store's order.
  util::Result<std::vector<election::Election>> PublicElections();
  // The public election `id`; with `id` empty, the one public election whose ballot is open.
  util::Result<election::Election> Find(const std::string& id);
  // Whether `code` could cast a ballot in election `id` now: an outcome refused by kind
  // (kMistypedCode, kUnknownCode, kSpentCode, kRevokedCode) or accepted (nothing is cast).
  util::Result<election::VoteOutcome> CheckCode(const std::string& id, const std::string& code);
  // Casts `paper` online in election `id` (empty: the only open one), with the other papers
  // queued meanwhile; returns once its batch is committed (or refused). Thread-safe.
  util::Result<election::VoteOutcome> Cast(const std::string& id,
                                           const election::BallotPaper& paper);
  // The public election whose ballot box holds `tracking_code` (typed in any case, with or
  // without dashes), or nothing.
  util::Result<std::optional<BoxEntry>> FindTrackingCode(const std::string& tracking_code);
  // The time on the desk's clock.
  int64_t Now() const { return clock_(); }
  // Each contest's declaration of a declared election, in the definition's order.
  util::Result<std::vector<ContestResult>> Results(const std::string& id);
  // Runs `use(store)` under the desk's lock and returns what it returns: for the other desks
  // on the same store (admin_desk.h), so that the store is still used by one thread at a time.
  template <typename Use>
  auto WithStore(Use&& use) {
    const std::lock_guard lock(mutex_);
    return use(store_);
  }

 private:
  // A paper waiting to be cast, and where its outcome goes.
  struct Queued {
    std::string election;
    election::BallotPaper paper;
    std::promise<util::Result<election::VoteOutcome>> outcome;
  };

  util::Result<election::Election> FindLocked(const std::string& id);
  util::Result<std::vector<election::Election>> PublicLocked();
  // The writer thread: casts batches until the desk is destroyed and the queue is empty.
  void WriteBatches();
  // The next batch, waiting for one; empty once stopping with nothing queued.
  std::vector<Queued> TakeBatch();
  void CastBatch(std::vector<Queued>& batch);
  // REQUIRES: mutex_ held.
  void CastGroup(const std::string& id, const std::vector<Queued*>& group, int64_t now);

  std::mutex mutex_;  // guards store_ and results_
  store::Store& store_;
  KeyLookup keys_;
  Clock clock_;
  DeskOptions options_;
  std::map<std::string, std::vector<ContestResult>> results_;  // declared results are final

  std::mutex queue_mutex_;  // guards queue_ and stopping_; never held with mutex_
  std::condition_variable queued_;
  std::deque<Queued> queue_;
  bool stopping_ = false;
  std::thread writer_;  // last: started once everything else is
};

}  // namespace scrutineer::web
