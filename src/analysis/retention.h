// Retention cohorts: persons grouped by the calendar period of their start event (first-time) or
// of every period they do it (recurring), and for each later period the share who came back
// (returned on period k exactly, or on k or later), with partial periods at the data end
// marked, plus per cohort the repeat-purchase rate, the referral rate, the referred newcomers
// per existing person (viral coefficient) and the cumulative win value.
// Exact semantics: docs/analyses/retention.md.
//
// RetentionState is an analysis kernel (kernel.h): Add one person at a time, Merge partial
// states, Finalize into a RetentionResult that carries names and labels (no ids).
//
// Cost: Add is O(events + cohorts joined x periods) for the person, with no allocation once
// the state's scratch buffers have grown; persons with no start event cost one pass over their
// masks. Memory: rows x periods counters (at most 400 x 400), allocated on the first Add.
//
// Thread-safety: a state is used by one thread at a time; the config is shared read-only.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/exact_sum.h"
#include "analysis/funnel_step.h"
#include "analysis/retention_period.h"
#include "model/person_view.h"
#include "model/timestamp.h"

namespace winpath {

inline constexpr int kMaxRetentionPeriods = 400;

enum class RetentionType : uint8_t {
  kFirstTime = 0,  // one cohort per person: the period of the first start event
  kRecurring = 1,  // a cohort for every period in which the person does the start event
};
enum class RetentionMeasure : uint8_t {
  kOn = 0,         // returned in period k exactly
  kOnOrAfter = 1,  // returned in period k or any later one
};

// "first_time", "recurring"; "on", "on_or_after".
std::string_view RetentionTypeName(RetentionType type);
std::string_view RetentionMeasureName(RetentionMeasure measure);

struct RetentionConfig {
  RetentionType type = RetentionType::kFirstTime;
  RetentionMeasure measure = RetentionMeasure::kOn;
  RetentionPeriod period = RetentionPeriod::kWeek;
  bool rolling = false;  // REQUIRES: false for kMonth
  int periods = 12;      // columns 0 .. periods - 1; REQUIRES: 1..kMaxRetentionPeriods
  // The start and return events: a milestone or win, or none = any event.
  std::optional<JourneyStep> start, return_step;
  // Cohort rows: calendar periods first_cohort .. first_cohort + rows - 1 (rows >= 0).
  int64_t first_cohort = 0;
  int rows = 0;
  // The first instant the data does not cover. REQUIRES: every event shown is before it, and
  // rows > 0 only when has_data_end.
  TimeMs data_end = 0;
  bool has_data_end = false;
  // Extras: the purchase win's bit (-1 = none), the referral milestone (none = no referral
  // rate), which channel ids are referral channels ([id] != 0; empty = none), and the mask of
  // every win bit (whose events' values are customer value).
  int purchase_bit = -1;
  std::optional<JourneyStep> referral;
  std::vector<uint8_t> referral_channel;
  uint32_t win_mask = 0;
  // Names for the result.
  std::string start_name, return_name, purchase_name, referral_name;
  std::vector<std::string> referral_channel_names;
};

// One cell of the triangle: cohort row x period k.
struct RetentionCell {
  int period = 0;
  int64_t returned = 0;        // period 0: the cohort's persons
  std::optional<double> rate;  // returned / persons; null for an empty cohort
  bool complete = false;       // period k had ended, for every member, by the data end
  double value = 0;            // win value of the members from their start through period k
  std::optional<double> value_per_person;  // value / persons
  bool operator==(const RetentionCell&) const = default;
};

struct RetentionCohort {
  std::string label;  // "2026-01-05" or "2026-01"
  TimeMs start = 0;   // first instant of the cohort's period
  int64_t persons = 0;
  // Periods 0 .. the last one that had begun (for some member) by the data end.
  std::vector<RetentionCell> cells;
  // Repeat purchase: members with a 1st / 2nd purchase-win event before the horizon end; null
  // without a purchase win.
  std::optional<int64_t> buyers, repeat_buyers;
  std::optional<double> repeat_purchase_rate;  // repeat_buyers / buyers
  // Members who reached the referral milestone before the horizon end; null without one.
  std::optional<int64_t> referrers;
  std::optional<double> referral_rate;  // referrers / persons
  int64_t referred = 0;                 // members whose first touch is a referral channel
  // Viral coefficient: persons first seen in this period through a referral channel, per
  // person first seen before it.
  int64_t new_persons = 0, new_referred = 0, existing_persons = 0;
  std::optional<double> viral_coefficient;
  bool operator==(const RetentionCohort&) const = default;
};

// Retention over every cohort whose cell k is complete, weighted by cohort size.
struct RetentionAverage {
  int period = 0;
  int cohorts = 0;
  int64_t persons = 0, returned = 0;
  std::optional<double> rate;
  bool operator==(const RetentionAverage&) const = default;
};

struct RetentionResult {
  double confidence = 0.95;  // of the rates' Wilson intervals (set by the query)
  RetentionType type = RetentionType::kFirstTime;
  RetentionMeasure measure = RetentionMeasure::kOn;
  RetentionPeriod period = RetentionPeriod::kWeek;
  bool rolling = false;
  int periods = 0;
  std::string start, return_event;  // "" = any event
  std::string purchase, referral;   // "" = none
  std::vector<std::string> referral_channels;
  std::optional<TimeMs> data_end;
  int64_t persons = 0;  // cohort members summed over rows (recurring: person-periods)
  // First-time only: persons whose first start event falls before the first cohort row.
  int64_t persons_before_range = 0;
  std::vector<RetentionCohort> cohorts;
  std::vector<RetentionAverage> average;  // periods 0 .. periods - 1
  std::vector<std::string> notes;
  bool operator==(const RetentionResult&) const = default;
};

class RetentionState {
 public:
  // REQUIRES: config satisfies RetentionConfig's REQUIRES (the query layer checks them).
  explicit RetentionState(std::shared_ptr<const RetentionConfig> config);

  void Add(const PersonView& person);
  // REQUIRES: `other` was built from the same config.
  void Merge(const RetentionState& other);
  RetentionResult Finalize() const;

 private:
  struct Membership {
    int32_t row;
    uint32_t index;  // the start event
    TimeMs start;
  };
  // What the extras need to know about one person.
  struct Facts {
    TimeMs first_buy, second_buy, referral;  // kNever when absent
    bool referred;
  };

  void Allocate();
  std::span<const TimeMs> CollectReturns(const PersonView& p);
  int64_t RowOf(TimeMs t) const;
  // first_row: RowOf(p.time[0]), which the caller has already computed.
  void CollectMemberships(const PersonView& p, int64_t first_row);
  Facts CollectFacts(const PersonView& p) const;
  void AddArrival(int64_t row, bool referred);
  void AddMembership(const PersonView& p, const Membership& m, std::span<const TimeMs> returns,
                     const Facts& f);
  void CountOn(const Membership& m, std::span<const TimeMs> returns, int64_t* returned) const;
  int LastPeriod(const Membership& m, TimeMs t) const;
  void AddValues(const PersonView& p, const Membership& m, TimeMs horizon);
  void FinalizeCells(size_t r, RetentionCohort* out) const;
  RetentionCohort FinalizeRow(int r, int64_t existing) const;
  std::vector<RetentionAverage> FinalizeAverage(const std::vector<RetentionCohort>& rows) const;

  std::shared_ptr<const RetentionConfig> config_;
  TimeMs rolling_length_ = 0;
  TimeMs fixed_length_ = 0;     // calendar day or week length; 0 for months
  std::vector<TimeMs> bounds_;  // calendar period starts: bounds_[i] = start(first_cohort + i)
  size_t n_ = 0;                // periods
  // Per row; per row x period (row-major) for returned_ and value_ (non-cumulative).
  std::vector<int64_t> persons_, buyers_, repeat_buyers_, referrers_, referred_;
  std::vector<int64_t> new_persons_, new_referred_;
  std::vector<TimeMs> min_start_, max_start_;
  std::vector<int64_t> returned_;
  std::vector<ValueSum::Units> value_;
  int64_t new_before_range_ = 0, before_range_ = 0;
  bool allocated_ = false;
  // Scratch, reused across persons.
  std::vector<TimeMs> returns_scratch_;
  std::vector<Membership> members_;
};

}  // namespace winpath
