// A one-line progress bar on stderr for long imports, drawn only when stderr is a terminal
// (never in pipes, files or CI logs). Redraws at most ~10 times a second.
//
// Thread-safety: Update may be called from one thread at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace winpath::cli {

class ProgressBar {
 public:
  // `label` is shown before the bar, e.g. "importing events.ndjson".
  explicit ProgressBar(std::string label);
  ~ProgressBar();  // clears the line if anything was drawn
  void Update(uint64_t done, uint64_t total);
  bool enabled() const { return enabled_; }

 private:
  std::string label_;
  bool enabled_ = false;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace winpath::cli
