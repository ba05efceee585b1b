#include "analysis/channel_set_counter.h"

#include "base/check.h"

namespace winpath {

ChannelSetCounter::ChannelSetCounter(size_t channels)
    : channels_(channels), groups_((channels + 7) / 8) {
  WINPATH_CHECK(channels <= 64);
}

void ChannelSetCounter::Flush() {
  for (size_t c = 0; c < channels_; ++c) {
    counts_[c] += static_cast<int64_t>((lanes_[c / 8] >> (8 * (c % 8))) & 0xFF);
  }
  lanes_.fill(0);
  pending_ = 0;
}

void ChannelSetCounter::Merge(const ChannelSetCounter& other) {
  WINPATH_CHECK(channels_ == other.channels_);
  for (size_t c = 0; c < channels_; ++c) counts_[c] += other.count(c);
}

}  // namespace winpath
