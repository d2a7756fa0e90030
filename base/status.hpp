#pragma once
// Status and Result<T>: how every folder reports an expected failure (not found, version conflict,
// refused, invalid input, corruption, I/O, a store in use). Returned, never thrown; callers test
// `is_ok()` and return early. Assertions are for our own bugs only. Modelled on LevelDB's Status.
#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace mentorflow {

class Status {
 public:
  enum class Code {
    kOk, kNotFound, kConflict, kInvalidArgument, kRefused, kWrongState, kForbidden, kNotAParty, kCorruption, kAltered, kIOError, kBusy
  };

  Status() = default;  // ok

  static Status ok() { return {}; }
  static Status not_found(std::string message) { return {Code::kNotFound, std::move(message)}; }
  // Another writer got there first (e.g. an expected stream version that no longer holds).
  static Status conflict(std::string message) { return {Code::kConflict, std::move(message)}; }
  static Status invalid_argument(std::string message) { return {Code::kInvalidArgument, std::move(message)}; }
  // A well-formed request that the rules or the current state do not allow.
  static Status refused(std::string message) { return {Code::kRefused, std::move(message)}; }
  // A refusal because of the case's state (a command allowed only from other states), so that a
  // caller can tell it from a rule's refusal without reading the case again. It is a refusal:
  // is_refused() holds for it too.
  static Status wrong_state(std::string message) { return {Code::kWrongState, std::move(message)}; }
  // A refusal because of who asks: a role the command does not allow, an auditor writing, the
  // engine's own role. A refusal: is_refused() holds.
  static Status forbidden(std::string message) { return {Code::kForbidden, std::move(message)}; }
  // A refusal because the participant asking is not a party of the case. A refusal, and forbidden.
  static Status not_a_party(std::string message) { return {Code::kNotAParty, std::move(message)}; }
  static Status corruption(std::string message) { return {Code::kCorruption, std::move(message)}; }
  // Corruption of a particular kind: a recorded event no longer matches its hash (the store was
  // changed behind its back). Its message names the position and says to run verify; it holds no
  // internals, so the API shows it. A corruption: is_corruption() holds for it too.
  static Status altered(std::string message) { return {Code::kAltered, std::move(message)}; }
  static Status io_error(std::string message) { return {Code::kIOError, std::move(message)}; }
  // The resource is held by someone else (e.g. a store locked by another process).
  static Status busy(std::string message) { return {Code::kBusy, std::move(message)}; }

  bool is_ok() const { return code_ == Code::kOk; }
  bool is_not_found() const { return code_ == Code::kNotFound; }
  bool is_conflict() const { return code_ == Code::kConflict; }
  bool is_invalid_argument() const { return code_ == Code::kInvalidArgument; }
  // Any refusal: by a rule (refused), for the case's state (wrong_state) or for who asks
  // (forbidden, not_a_party).
  bool is_refused() const {
    return code_ == Code::kRefused || code_ == Code::kWrongState || code_ == Code::kForbidden ||
           code_ == Code::kNotAParty;
  }
  bool is_wrong_state() const { return code_ == Code::kWrongState; }
  bool is_forbidden() const { return code_ == Code::kForbidden || code_ == Code::kNotAParty; }
  bool is_not_a_party() const { return code_ == Code::kNotAParty; }
  bool is_corruption() const { return code_ == Code::kCorruption || code_ == Code::kAltered; }
  bool is_altered() const { return code_ == Code::kAltered; }
  bool is_io_error() const { return code_ == Code::kIOError; }
  bool is_busy() const { return code_ == Code::kBusy; }

  Code code() const { return code_; }
  // One sentence for a human, naming the stream, position or file concerned.
  const std::string& message() const { return message_; }
  // "conflict: <message>", for logs and test failures.
  std::string to_string() const { return is_ok() ? "ok" : std::string(code_name()) + ": " + message_; }

 private:
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  const char* code_name() const {
    switch (code_) {
      case Code::kOk: return "ok";
      case Code::kNotFound: return "not found";
      case Code::kConflict: return "conflict";
      case Code::kInvalidArgument: return "invalid argument";
      case Code::kRefused:
      case Code::kWrongState:
      case Code::kForbidden:
      case Code::kNotAParty: return "refused";
      case Code::kCorruption: return "corruption";
      case Code::kAltered: return "altered";
      case Code::kIOError: return "I/O error";
      case Code::kBusy: return "busy";
    }
    return "unknown";
  }

  Code code_ = Code::kOk;
  std::string message_;
};

// A value, or the Status saying why there is none. Asking a failed Result for its value is a bug.
template <class T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit, so `return value;` reads well
  Result(Status status) : status_(std::move(status)) { assert(!status_.is_ok()); }  // NOLINT: likewise

  bool is_ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  T& value() & { assert(is_ok()); return *value_; }
  const T& value() const& { assert(is_ok()); return *value_; }
  // By value, so that `for (auto& x : *store.read_all(...))` owns what it walks over.
  T value() && { assert(is_ok()); return std::move(*value_); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  Status status_;  // ok exactly when value_ holds a value
  std::optional<T> value_;
};

}  // namespace mentorflow
