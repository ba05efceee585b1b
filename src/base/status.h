// Status: the outcome of an operation that can fail for an expected reason.
//
// Errors are values in winpath (architecture.md, habit 1): I/O, corrupt bytes, bad user input
// and limits are reported as a Status, never by an exception or an assert. Only server/ maps a
// Status to an HTTP code and only cli/ to an exit code.
//
// Thread-safety: a Status is an immutable value; copies may be used from any thread.
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace winpath {

// The closed list of error codes. Pick by what the caller can do about it.
enum class StatusCode : int {
  kOk = 0,
  // The caller's input is wrong (a field, a flag, a map entry, a row). Fix the input and retry.
  kInvalidArgument = 1,
  // A named thing (file, milestone, channel, person) does not exist.
  kNotFound = 2,
  // A thing that must be unique already exists (duplicate name in a map).
  kAlreadyExists = 3,
  // The operating system refused or failed an I/O operation (open, read, write, fsync).
  kIoError = 4,
  // Bytes read back from disk or a peer do not decode (bad checksum, truncated record).
  kCorruption = 5,
  // A value is outside the range the operation supports (timestamp before 1971, too many
  // predicates for a bitmask).
  kOutOfRange = 6,
  // The operation is valid but the system is not in the state it needs (no data loaded).
  kFailedPrecondition = 7,
  // A configured limit was hit (memory budget, batch size). Retry later or with less.
  kResourceExhausted = 8,
  // A winpath bug surfaced as a value rather than a crash. Report it.
  kInternal = 9,
};

// Returns "InvalidArgument", "NotFound", ... for messages and JSON.
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status OK() { return Status(); }
  static Status InvalidArgument(std::string msg) {
    return {StatusCode::kInvalidArgument, std::move(msg)};
  }
  static Status NotFound(std::string msg) { return {StatusCode::kNotFound, std::move(msg)}; }
  static Status AlreadyExists(std::string msg) {
    return {StatusCode::kAlreadyExists, std::move(msg)};
  }
  static Status IoError(std::string msg) { return {StatusCode::kIoError, std::move(msg)}; }
  static Status Corruption(std::string msg) { return {StatusCode::kCorruption, std::move(msg)}; }
  static Status OutOfRange(std::string msg) { return {StatusCode::kOutOfRange, std::move(msg)}; }
  static Status FailedPrecondition(std::string msg) {
    return {StatusCode::kFailedPrecondition, std::move(msg)};
  }
  static Status ResourceExhausted(std::string msg) {
    return {StatusCode::kResourceExhausted, std::move(msg)};
  }
  static Status Internal(std::string msg) { return {StatusCode::kInternal, std::move(msg)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "InvalidArgument: map.yaml:3:5: ..." or "OK".
  std::string ToString() const;

  // Returns a copy whose message is "<prefix>: <message>"; OK stays OK.
  Status WithPrefix(std::string_view prefix) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

}  // namespace winpath

// Returns the Status from the enclosing function if `expr` is not OK.
#define WINPATH_RETURN_IF_ERROR(expr)        \
  do {                                       \
    ::winpath::Status _wp_status = (expr);   \
    if (!_wp_status.ok()) return _wp_status; \
  } while (0)
