#include "web/guess_guard.h"

#include <iterator>

namespace scrutineer::web {
namespace {

// Addresses kept before those with no recent refusal are swept out.
constexpr size_t kSweepAbove = 10'000;

}  // namespace

void GuessGuard::Forget(std::deque<int64_t>& refusals, int64_t now) const {
  while (!refusals.empty() && refusals.front() <= now - limits_.window) {
    refusals.pop_front();
  }
}

void GuessGuard::SweepOut(int64_t now) {
  for (auto entry = refusals_.begin(); entry != refusals_.end();) {
    Forget(entry->second, now);
    entry = entry->second.empty() ? refusals_.erase(entry) : std::next(entry);
  }
}

bool GuessGuard::Allows(const std::string& address, int64_t now) {
  if (limits_.max_refusals <= 0) {
    return true;
  }
  const std::lock_guard lock(mutex_);
  const auto found = refusals_.find(address);
  if (found == refusals_.end()) {
    return true;
  }
  Forget(found->second, now);
  return found->second.size() < static_cast<size_t>(limits_.max_refusals);
}

void GuessGuard::Refused(const std::string& address, int64_t now) {
  if (limits_.max_refusals <= 0) {
    return;
  }
  const std::lock_guard lock(mutex_);
  if (refusals_.size() > kSweepAbove) {
    SweepOut(now);
  }
  std::deque<int64_t>& refusals = refusals_[address];
  Forget(refusals, now);
  refusals.push_back(now);
}

}  // namespace scrutineer::web
