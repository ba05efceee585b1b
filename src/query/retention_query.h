// Retention cohorts as a query: checks a RetentionSpec against the journey map and the table,
// runs RetentionState over the table in parallel and returns the named RetentionResult.
// Semantics: docs/analyses/retention.md.
//
// Thread-safety: RunRetention reads the table and the map concurrently from
// ScanOptions::threads threads; both must stay unchanged during the call.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analysis/retention.h"
#include "base/result.h"
#include "model/event_table.h"
#include "model/journey_map.h"
#include "query/run_kernel.h"

namespace winpath {

struct RetentionSpec {
  // Milestone or win names (a name that is both is the milestone); "" = any event.
  std::string start;
  std::string return_event;
  RetentionType type = RetentionType::kFirstTime;
  RetentionMeasure measure = RetentionMeasure::kOn;
  RetentionPeriod period = RetentionPeriod::kWeek;
  bool rolling = false;  // periods of 24 h (day) or 7 x 24 h (week) from each start time
  int periods = 12;      // columns 0 .. periods - 1, and at most this many cohort rows
  // The win whose 1st and 2nd events give the repeat-purchase rate; "" = the win "Buy" when
  // the map has one, else none.
  std::string purchase;
  // The milestone whose persons give the referral rate; "" = the milestone "Referral" when the
  // map has one, else none.
  std::string referral;
  // Channels whose first-touch persons count as referred; empty = every channel of the table
  // whose name contains "referral" (any case).
  std::vector<std::string> referral_channels;
  double confidence = 0.95;  // of the rates' Wilson intervals; in (0, 1)
};

// "day", "week", "month" (also "daily", "weekly", "monthly").
Result<RetentionPeriod> ParseRetentionPeriod(std::string_view text);
// "first_time" (also "first-time"), "recurring".
Result<RetentionType> ParseRetentionType(std::string_view text);
// "on", "on_or_after" (also "on-or-after").
Result<RetentionMeasure> ParseRetentionMeasure(std::string_view text);

// Runs the retention analysis. `options.from` / `options.to` limit the events the analysis
// sees; `to` is also the data end, and `from` anchors the first cohort row (else the rows are
// the last `periods` periods of the data). Returns InvalidArgument naming the field and listing
// the valid values for: an unknown start, return, purchase win, referral milestone or referral
// channel; periods outside 1..400; rolling with month periods; an enum out of range.
Result<RetentionResult> RunRetention(const EventTable& table, const JourneyMap& map,
                                     const RetentionSpec& spec, const ScanOptions& options);

}  // namespace winpath
