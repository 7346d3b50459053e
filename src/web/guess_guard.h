#pragma once
// Slowing down the guessing of voting codes: an address whose codes are refused as mistyped or
// unknown `max_refusals` times within `window` seconds may try no more codes until the oldest
// of those refusals is `window` seconds old (the server answers 429). A voter who mistypes a
// few times is not held up; a guesser gets `max_refusals` tries a window.
//
// The address is the connection's: behind a proxy, every voter shares the proxy's.
// Thread-safe.

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace scrutineer::web {

struct GuessLimits {
  int max_refusals = 20;  // refused codes an address may have within the window; 0: no limit
  int64_t window = 600;   // seconds
};

class GuessGuard {
 public:
  explicit GuessGuard(GuessLimits limits) : limits_(limits) {}

  // Whether `address` may try a code at `now`.
  bool Allows(const std::string& address, int64_t now);
  // Records that a code from `address` was refused at `now`.
  void Refused(const std::string& address, int64_t now);

 private:
  // Forgets the refusals of `address` older than the window.
  void Forget(std::deque<int64_t>& refusals, int64_t now) const;
  // Forgets every address with no refusal in the window. REQUIRES: mutex_ held.
  void SweepOut(int64_t now);

  GuessLimits limits_;
  std::mutex mutex_;                                     // guards refusals_
  std::map<std::string, std::deque<int64_t>> refusals_;  // by address, oldest first
};

}  // namespace scrutineer::web
