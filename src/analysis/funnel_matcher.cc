#include "analysis/funnel_matcher.h"

#include <algorithm>
#include <bit>

#include "base/check.h"

namespace winpath {
// How the ordered mode stays linear (compare ClickHouse's windowFunnel, which keeps for each
// level only the latest start that reached it — enough for "how far", not for "which attempt"
// or "is it still open"):
//
// Each attempt advances greedily: from level L it takes the first later event that reaches
// step L + 1. Greedy paths are monotone in the start: an earlier attempt is at each level no
// later than a later one, so at any moment the live attempts, in start order, have
// non-increasing levels, and all attempts of one level advance together on the next event that
// reaches the step they wait for. The live attempts are therefore an array of starts cut into
// runs, one per level, held as run sizes: an advance moves a whole run up by changing two
// counters, and windows expire attempts only from the front (the earliest starts). Every
// attempt is pushed once and popped once.

FunnelMatcher::FunnelMatcher(const FunnelMatcherConfig* config) : config_(config) {
  n_ = static_cast<int>(config_->steps.size());
  WINPATH_CHECK(n_ >= 1 && n_ <= kMaxFunnelSteps);
  counters_.reserve(config_->steps.size());
  step_of_bit_.fill(-1);
  for (const JourneyStep& step : config_->steps) {
    WINPATH_CHECK(step.bit >= 0 && step.bit < 32 &&
                  step_of_bit_[static_cast<size_t>(step.bit)] < 0);
    relevant_ |= 1u << step.bit;
    step_of_bit_[static_cast<size_t>(step.bit)] = static_cast<int8_t>(counters_.size());
    counters_.emplace_back(step);
  }
  first_bit_ = 1u << config_->steps[0].bit;
}

void FunnelMatcher::Match(const PersonView& person, FunnelOutcome* out) {
  out->level = 0;
  out->excluded = false;
  out->in_progress = false;
  out->start = 0;
  had_attempt_ = false;
  best_level_ = 0;
  best_first_ = best_last_ = 0;
  if (!Collect(person)) return;
  switch (config_->mode) {
    case FunnelMode::kOrdered: RunOrdered(); break;
    case FunnelMode::kStrict: RunStrict(); break;
    case FunnelMode::kAnyOrder: RunAnyOrder(); break;
  }
  if (best_level_ == 0) {
    out->excluded = had_attempt_;
    return;
  }
  out->level = best_level_;
  out->start = events_[best_first_].pos;
  switch (config_->mode) {
    case FunnelMode::kOrdered: TraceOrdered(out); break;
    case FunnelMode::kStrict: TraceStrict(out); break;
    case FunnelMode::kAnyOrder: TraceAnyOrder(out); break;
  }
  out->in_progress =
      best_level_ < n_ && config_->data_end - events_[best_last_].time <= config_->window;
}

bool FunnelMatcher::Collect(const PersonView& person) {
  const uint32_t* mask = person.mask.data();
  const size_t size = person.size();
  // Most persons never reach step 1: one vectorizable OR over the masks rules them out before
  // any per-event work.
  uint32_t any = 0;
  for (size_t i = 0; i < size; ++i) any |= mask[i];
  const uint32_t need = config_->mode == FunnelMode::kAnyOrder ? relevant_ : first_bit_;
  if ((any & need) == 0) return false;

  events_.clear();
  for (StepCounter& c : counters_) c.Reset();
  const uint8_t* excluded = config_->excluded_name.data();
  const size_t num_excluded = config_->excluded_name.size();
  const uint16_t* name = person.name.data();
  const TimeMs* time = person.time.data();
  const uint32_t relevant = relevant_;
  // Branch-free compaction of the events that reach a step or are exclusion events first:
  // whether an event is one is a coin flip the predictor keeps missing.
  if (hits_.size() < size) hits_.resize(size);
  uint32_t* hits = hits_.data();
  size_t num_hits = 0;
  if (num_excluded == 0) {
    for (size_t i = 0; i < size; ++i) {
      hits[num_hits] = static_cast<uint32_t>(i);
      num_hits += (mask[i] & relevant) != 0 ? 1 : 0;
    }
  } else {
    for (size_t i = 0; i < size; ++i) {
      const bool x = name[i] < num_excluded && excluded[name[i]] != 0;
      hits[num_hits] = static_cast<uint32_t>(i);
      num_hits += ((mask[i] & relevant) != 0) | x ? 1 : 0;
    }
  }
  for (size_t h = 0; h < num_hits; ++h) {
    const size_t i = hits[h];
    const uint32_t m = mask[i] & relevant;
    const bool x = num_excluded != 0 && name[i] < num_excluded && excluded[name[i]] != 0;
    uint32_t steps = 0;
    // Steps have distinct bits, and a counter ignores masks without its bit: only the steps
    // of the set bits need feeding.
    for (uint32_t b = m; b != 0; b &= b - 1) {
      const int s = step_of_bit_[static_cast<size_t>(std::countr_zero(b))];
      if (counters_[static_cast<size_t>(s)].Feed(m)) steps |= 1u << s;
    }
    if (steps == 0 && !x) continue;
    events_.push_back({static_cast<uint32_t>(i), steps, x, time[i]});
  }
  return true;
}

void FunnelMatcher::Finalize(int level, uint32_t first, uint32_t last) {
  if (level > best_level_) {
    best_level_ = level;
    best_first_ = first;
    best_last_ = last;
  } else if (level == best_level_) {
    best_first_ = std::min(best_first_, first);
    best_last_ = std::max(best_last_, last);
  }
}

void FunnelMatcher::Expire(TimeMs now) {
  const TimeMs window = config_->window;
  while (head_ < starts_.size() && now - events_[starts_[head_]].time > window) {
    while (run_size_[static_cast<size_t>(top_)] == 0) --top_;
    Finalize(top_, starts_[head_], starts_[head_]);
    --run_size_[static_cast<size_t>(top_)];
    ++head_;
  }
  while (top_ > 0 && run_size_[static_cast<size_t>(top_)] == 0) --top_;
}

void FunnelMatcher::FinishRuns() {
  size_t i = head_;
  for (int level = top_; level >= 1; --level) {
    const uint32_t c = run_size_[static_cast<size_t>(level)];
    if (c == 0) continue;
    Finalize(level, starts_[i], starts_[i + c - 1]);
    i += c;
    run_size_[static_cast<size_t>(level)] = 0;
  }
  head_ = i;
  top_ = 0;
}

void FunnelMatcher::RunOrdered() {
  starts_.clear();
  head_ = 0;
  top_ = 0;
  run_size_.fill(0);
  for (uint32_t j = 0; j < events_.size(); ++j) {
    const StepEvent& e = events_[j];
    if (head_ < starts_.size()) {
      Expire(e.time);
      // Every attempt still live here is open and incomplete: the exclusion voids it.
      if (e.excluded && head_ < starts_.size()) {
        for (int level = 1; level <= top_; ++level) run_size_[static_cast<size_t>(level)] = 0;
        head_ = starts_.size();
        top_ = 0;
      }
    }
    // Highest step first, so one event moves an attempt up by one level only.
    uint32_t advance = e.steps & ~1u;
    while (advance != 0) {
      const int s = 31 - std::countl_zero(advance);
      advance &= ~(1u << s);
      const uint32_t c = run_size_[static_cast<size_t>(s)];
      if (c == 0) continue;
      run_size_[static_cast<size_t>(s)] = 0;
      if (s + 1 == n_) {
        // Level n is never stored, so the run of level n - 1 is at the front.
        Finalize(n_, starts_[head_], starts_[head_ + c - 1]);
        head_ += c;
      } else {
        run_size_[static_cast<size_t>(s + 1)] += c;
        top_ = std::max(top_, s + 1);
      }
    }
    while (top_ > 0 && run_size_[static_cast<size_t>(top_)] == 0) --top_;
    if (e.steps & 1u) {
      had_attempt_ = true;
      starts_.push_back(j);
      ++run_size_[1];
      top_ = std::max(top_, 1);
    }
  }
  FinishRuns();
}

void FunnelMatcher::RunStrict() {
  // In strict mode an attempt must take the very next event, so two attempts can never share a
  // level: at most one live attempt per level, held by level.
  const TimeMs window = config_->window;
  std::array<uint32_t, kMaxFunnelSteps + 1> at{};
  uint64_t live = 0;  // bit L: an attempt is at level L
  auto finish_all = [&] {
    for (uint64_t l = live; l != 0; l &= l - 1) {
      const int level = std::countr_zero(l);
      Finalize(level, at[static_cast<size_t>(level)], at[static_cast<size_t>(level)]);
    }
    live = 0;
  };
  for (uint32_t j = 0; j < events_.size(); ++j) {
    const StepEvent& e = events_[j];
    // A gap in positions is an event that reaches no step: it ends every live attempt.
    if (live != 0 && j > 0 && e.pos != events_[j - 1].pos + 1) finish_all();
    if (live != 0 && e.excluded) {
      for (uint64_t l = live; l != 0; l &= l - 1) {
        const size_t level = static_cast<size_t>(std::countr_zero(l));
        if (e.time - events_[at[level]].time > window) {
          Finalize(static_cast<int>(level), at[level], at[level]);
        }
      }
      live = 0;
    }
    uint64_t next = 0;
    for (uint64_t l = live; l != 0;) {
      const int level = 63 - std::countl_zero(l);
      l &= ~(uint64_t{1} << level);
      const uint32_t a = at[static_cast<size_t>(level)];
      const bool takes = ((e.steps >> level) & 1u) != 0 && e.time - events_[a].time <= window;
      if (!takes) {
        Finalize(level, a, a);
      } else if (level + 1 == n_) {
        Finalize(n_, a, a);
      } else {
        at[static_cast<size_t>(level + 1)] = a;
        next |= uint64_t{1} << (level + 1);
      }
    }
    if (e.steps & 1u) {
      had_attempt_ = true;
      at[1] = j;
      next |= 2;
    }
    live = next;
  }
  finish_all();
}

void FunnelMatcher::RunAnyOrder() {
  const TimeMs window = config_->window;
  const uint32_t size = static_cast<uint32_t>(events_.size());
  for (uint32_t i = 0; i < size; ++i) {
    if (events_[i].steps == 0) continue;
    had_attempt_ = true;
    const TimeMs t0 = events_[i].time;
    uint32_t reached = 0;
    int level = 0;
    bool valid = true;
    for (uint32_t j = i; j < size && events_[j].time - t0 <= window; ++j) {
      if (j > i && events_[j].excluded) {
        valid = false;
        break;
      }
      const uint32_t open = events_[j].steps & ~reached;
      if (open == 0) continue;
      reached |= open & (~open + 1);  // the lowest-numbered step not reached yet
      if (++level == n_) break;
    }
    if (valid) Finalize(level, i, i);
    // Attempts are tried in start order: the first complete one is the counted one.
    if (best_level_ == n_) break;
  }
}

void FunnelMatcher::TraceOrdered(FunnelOutcome* out) const {
  const uint32_t b = best_first_;
  const TimeMs t0 = events_[b].time;
  out->times[0] = t0;
  int level = 1;
  for (size_t j = b + 1; j < events_.size() && level < best_level_; ++j) {
    const StepEvent& e = events_[j];
    if (e.time - t0 > config_->window) break;
    if ((e.steps >> level) & 1u) out->times[static_cast<size_t>(level++)] = e.time;
  }
  WINPATH_DCHECK(level == best_level_);
}

void FunnelMatcher::TraceStrict(FunnelOutcome* out) const {
  const uint32_t b = best_first_;
  const TimeMs t0 = events_[b].time;
  out->times[0] = t0;
  int level = 1;
  for (size_t j = b + 1; j < events_.size() && level < best_level_; ++j) {
    const StepEvent& e = events_[j];
    if (e.pos != events_[j - 1].pos + 1 || e.time - t0 > config_->window) break;
    if (((e.steps >> level) & 1u) == 0) break;
    out->times[static_cast<size_t>(level++)] = e.time;
  }
  WINPATH_DCHECK(level == best_level_);
}

void FunnelMatcher::TraceAnyOrder(FunnelOutcome* out) const {
  const uint32_t b = best_first_;
  const TimeMs t0 = events_[b].time;
  uint32_t reached = 0;
  int level = 0;
  for (size_t j = b; j < events_.size() && level < best_level_; ++j) {
    const StepEvent& e = events_[j];
    if (e.time - t0 > config_->window) break;
    const uint32_t open = e.steps & ~reached;
    if (open == 0) continue;
    reached |= open & (~open + 1);
    out->times[static_cast<size_t>(level++)] = e.time;
  }
  WINPATH_DCHECK(level == best_level_);
}

}  // namespace winpath
