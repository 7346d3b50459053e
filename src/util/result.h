#pragma once
// Result<T> and Error: how expected failures travel. A bad file, an unknown candidate or a
// refused operation is an Error value with a code and messages that name what and where;
// validation collects every problem it finds (Error::problems) rather than stopping at the first.
// The CLI and server turn an Error into an exit status or an HTTP status, nowhere else.

#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "util/check.h"

namespace scrutineer::util {

enum class ErrorCode {
  kInvalidInput,     // a file or request is malformed or names something that does not exist
  kInvalidArgument,  // an option or rule is not usable as given
  kNotFound,         // a file or record does not exist
  kIo,               // the operating system refused a read or write
  kUnsupported,      // valid input that this method or format cannot take
  kCountFailed,      // the count cannot finish under the rules given (e.g. an undecidable tie)
  kConflict,         // refused by what is stored: the wrong state, a record that exists already
  kStorage,          // the store failed: a corrupted database file, a server that is unreachable
};

// One thing wrong, and where: `where` is e.g. "ballots.csv:12" or "--seats"; empty when the
// problem belongs to no place in particular.
struct Problem {
  std::string where;
  std::string what;
};

class Error {
 public:
  Error(ErrorCode code, std::string what, std::string where = {});
  Error(ErrorCode code, std::vector<Problem> problems);

  ErrorCode code() const { return code_; }
  // REQUIRES: at least one problem (every constructor guarantees it).
  const std::vector<Problem>& problems() const { return problems_; }
  // Every problem, one a line, as "where: what".
  std::string ToString() const;

 private:
  ErrorCode code_;
  std::vector<Problem> problems_;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return state_.index() == 0; }
  // REQUIRES: ok().
  T& value() & {
    CHECK(ok());
    return std::get<0>(state_);
  }
  const T& value() const& {
    CHECK(ok());
    return std::get<0>(state_);
  }
  T&& value() && {
    CHECK(ok());
    return std::get<0>(std::move(state_));
  }
  // REQUIRES: !ok().
  const Error& error() const {
    CHECK(!ok());
    return std::get<1>(state_);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Error> state_;
};

// The result of an operation that returns nothing but may fail.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), failed_(true) {}  // NOLINT

  bool ok() const { return !failed_; }
  // REQUIRES: !ok().
  const Error& error() const {
    CHECK(failed_);
    return error_;
  }

 private:
  Error error_{ErrorCode::kInvalidInput, "no error"};
  bool failed_ = false;
};

}  // namespace scrutineer::util
