// Result<T>: a value of type T or the Status saying why there is none.
//
// REQUIRES: a Result built from a Status is built from a non-OK Status (an OK Status without a
// value is a bug and becomes Status::Internal).
// Thread-safety: like T.
#pragma once

#include <optional>
#include <utility>

#include "base/check.h"
#include "base/status.h"

namespace winpath {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    if (status_.ok()) status_ = Status::Internal("Result built from an OK Status without a value");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  // REQUIRES: ok().
  T& value() & {
    WINPATH_DCHECK(ok());
    return *value_;
  }
  const T& value() const& {
    WINPATH_DCHECK(ok());
    return *value_;
  }
  T&& value() && {
    WINPATH_DCHECK(ok());
    return std::move(*value_);
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace winpath

#define WINPATH_CONCAT_INNER(a, b) a##b
#define WINPATH_CONCAT(a, b) WINPATH_CONCAT_INNER(a, b)
#define WINPATH_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                  \
  if (!tmp.ok()) return tmp.status();                 \
  lhs = std::move(tmp).value()
// `lhs = value of expr`, or return expr's Status from the enclosing function.
#define WINPATH_ASSIGN_OR_RETURN(lhs, expr) \
  WINPATH_ASSIGN_OR_RETURN_IMPL(WINPATH_CONCAT(_wp_result_, __LINE__), lhs, expr)
