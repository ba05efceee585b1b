#include "cli/exit_code.h"

#include <cstdio>

namespace winpath::cli {

int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk: return kExitOk;
    case StatusCode::kInvalidArgument:
    case StatusCode::kNotFound:
    case StatusCode::kAlreadyExists:
    case StatusCode::kOutOfRange:
    case StatusCode::kFailedPrecondition:
    case StatusCode::kResourceExhausted: return kExitInvalidInput;
    case StatusCode::kIoError: return kExitIo;
    case StatusCode::kCorruption: return kExitCorrupt;
    case StatusCode::kInternal: return kExitInternal;
  }
  return kExitInternal;
}

int ReportError(const Status& status) {
  std::fprintf(stderr, "winpath: error: %s\n", status.message().c_str());
  return ExitCodeFor(status);
}

}  // namespace winpath::cli
