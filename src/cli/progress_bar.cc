#include "cli/progress_bar.h"

#include <unistd.h>

#include <cstdio>

namespace winpath::cli {

ProgressBar::ProgressBar(std::string label)
    : label_(std::move(label)),
      enabled_(isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

ProgressBar::~ProgressBar() {
  if (drawn_) std::fprintf(stderr, "\r\033[K");
}

void ProgressBar::Update(uint64_t done, uint64_t total) {
  if (!enabled_ || total == 0) return;
  auto now = std::chrono::steady_clock::now();
  if (done < total && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  double frac = static_cast<double>(done) / static_cast<double>(total);
  if (frac > 1) frac = 1;
  constexpr int kWidth = 30;
  int filled = static_cast<int>(frac * kWidth);
  double secs = std::chrono::duration<double>(now - start_).count();
  double mb_s = secs > 0 ? static_cast<double>(done) / 1e6 / secs : 0;
  std::string bar(static_cast<size_t>(filled), '#');
  bar.resize(kWidth, '.');
  std::fprintf(stderr, "\r\033[K%s [%s] %3.0f%% %.0f MB/s", label_.c_str(), bar.c_str(), frac * 100,
               mb_s);
  std::fflush(stderr);
  drawn_ = true;
}

}  // namespace winpath::cli
