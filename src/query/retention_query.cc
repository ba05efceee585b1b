#include "query/retention_query.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <memory>

#include "model/name_suggestion.h"
#include "query/funnel_query.h"
#include "query/spec_checks.h"

namespace winpath {
namespace {

Status CheckShape(const RetentionSpec& spec) {
  if (static_cast<int>(spec.type) > 1) {
    return Status::InvalidArgument("type: unknown retention type; valid: first_time, recurring");
  }
  if (static_cast<int>(spec.measure) > 1) {
    return Status::InvalidArgument("measure: unknown measure; valid: on, on_or_after");
  }
  if (static_cast<int>(spec.period) > 2) {
    return Status::InvalidArgument("period: unknown period; valid: day, week, month");
  }
  if (spec.periods < 1 || spec.periods > kMaxRetentionPeriods) {
    return Status::InvalidArgument("periods: must be a whole number from 1 to " +
                                   std::to_string(kMaxRetentionPeriods) + ", got " +
                                   std::to_string(spec.periods));
  }
  if (spec.rolling && spec.period == RetentionPeriod::kMonth) {
    return Status::InvalidArgument(
        "rolling: rolling periods are 24 hours (period day) or 7 x 24 hours (period week); "
        "months have no fixed length, so use calendar months or rolling weeks");
  }
  return Status::OK();
}

// The purchase win and the referral milestone: named ones must exist; the defaults ("Buy",
// "Referral") apply only when the map has them.
Status ResolveExtras(const JourneyMap& map, const RetentionSpec& spec, RetentionConfig* c,
                     std::vector<std::string>* notes) {
  const std::string purchase = spec.purchase.empty() ? "Buy" : spec.purchase;
  const int w = map.FindWin(purchase);
  if (w >= 0) {
    c->purchase_bit = map.win_bit(static_cast<size_t>(w));
    c->purchase_name = purchase;
  } else if (!spec.purchase.empty()) {
    std::vector<std::string> wins;
    for (const Win& win : map.wins) wins.push_back(win.name);
    return Status::InvalidArgument("purchase: unknown win '" + spec.purchase +
                                   "'; wins: " + QuoteList(wins) + DidYouMean(spec.purchase, wins));
  } else {
    notes->push_back("the map has no win 'Buy': no repeat-purchase rate (name a win as purchase)");
  }
  if (!spec.referral.empty()) {
    WINPATH_ASSIGN_OR_RETURN(JourneyStep step, ResolveJourneyStep(map, spec.referral, "referral"));
    c->referral_name = step.name;
    c->referral = std::move(step);
  } else if (map.FindMilestone("Referral") >= 0) {
    WINPATH_ASSIGN_OR_RETURN(JourneyStep step, ResolveJourneyStep(map, "Referral", "referral"));
    c->referral_name = step.name;
    c->referral = std::move(step);
  } else {
    notes->push_back(
        "the map has no milestone 'Referral': no referral rate (name one as referral)");
  }
  for (size_t i = 0; i < map.wins.size(); ++i) c->win_mask |= 1u << map.win_bit(i);
  return Status::OK();
}

Status ResolveReferralChannels(const EventTable& table, const RetentionSpec& spec,
                               RetentionConfig* c, std::vector<std::string>* notes) {
  std::vector<std::string> names = spec.referral_channels;
  WINPATH_ASSIGN_OR_RETURN(c->referral_channel, winpath::ResolveReferralChannels(table, &names));
  if (names.empty()) notes->push_back("no referral channel in the data: no viral coefficient");
  c->referral_channel_names = std::move(names);
  return Status::OK();
}

// The data end and the cohort rows: the last `periods` periods of the data, or the first ones
// from the scan's `from`, never before the first event.
void ResolveRange(const EventTable& table, const ScanOptions& options, RetentionConfig* c) {
  const bool has_from = options.from != std::numeric_limits<TimeMs>::min();
  if (options.to != std::numeric_limits<TimeMs>::max()) {
    c->data_end = options.to;
  } else if (auto last = table.max_time()) {
    c->data_end = *last + 1;
  } else {
    return;
  }
  c->has_data_end = true;
  const std::optional<TimeMs> min_time = table.min_time();
  if (!min_time) return;
  const TimeMs data_start = has_from ? std::max(options.from, *min_time) : *min_time;
  if (data_start >= c->data_end) return;
  const int64_t last = CalendarPeriodOf(c->period, c->data_end - 1);
  const int64_t first_data = CalendarPeriodOf(c->period, data_start);
  const int64_t n = c->periods;
  c->first_cohort = has_from ? first_data : std::max(first_data, last - n + 1);
  c->rows = static_cast<int>(std::min(n, last - c->first_cohort + 1));
}

}  // namespace

Result<RetentionPeriod> ParseRetentionPeriod(std::string_view text) {
  if (text == "day" || text == "daily") return RetentionPeriod::kDay;
  if (text == "week" || text == "weekly") return RetentionPeriod::kWeek;
  if (text == "month" || text == "monthly") return RetentionPeriod::kMonth;
  return Status::InvalidArgument("period: unknown period '" + std::string(text) +
                                 "'; valid: day, week, month");
}

Result<RetentionType> ParseRetentionType(std::string_view text) {
  if (text == "first_time" || text == "first-time") return RetentionType::kFirstTime;
  if (text == "recurring") return RetentionType::kRecurring;
  return Status::InvalidArgument("type: unknown retention type '" + std::string(text) +
                                 "'; valid: first_time, recurring");
}

Result<RetentionMeasure> ParseRetentionMeasure(std::string_view text) {
  if (text == "on") return RetentionMeasure::kOn;
  if (text == "on_or_after" || text == "on-or-after") return RetentionMeasure::kOnOrAfter;
  return Status::InvalidArgument("measure: unknown measure '" + std::string(text) +
                                 "'; valid: on, on_or_after");
}

Result<RetentionResult> RunRetention(const EventTable& table, const JourneyMap& map,
                                     const RetentionSpec& spec, const ScanOptions& options) {
  if (!(spec.confidence > 0 && spec.confidence < 1)) {
    return Status::InvalidArgument("confidence: must be in (0, 1), e.g. 0.95");
  }
  WINPATH_RETURN_IF_ERROR(CheckShape(spec));
  auto config = std::make_shared<RetentionConfig>();
  RetentionConfig& c = *config;
  c.type = spec.type;
  c.measure = spec.measure;
  c.period = spec.period;
  c.rolling = spec.rolling;
  c.periods = spec.periods;
  if (!spec.start.empty()) {
    WINPATH_ASSIGN_OR_RETURN(c.start, ResolveJourneyStep(map, spec.start, "start"));
    c.start_name = c.start->name;
  }
  if (!spec.return_event.empty()) {
    WINPATH_ASSIGN_OR_RETURN(c.return_step,
                             ResolveJourneyStep(map, spec.return_event, "return_event"));
    c.return_name = c.return_step->name;
  }
  std::vector<std::string> notes;
  WINPATH_RETURN_IF_ERROR(ResolveExtras(map, spec, &c, &notes));
  WINPATH_RETURN_IF_ERROR(ResolveReferralChannels(table, spec, &c, &notes));
  ResolveRange(table, options, &c);

  ScanOptions scan = options;
  scan.dimension = -1;
  RetentionState empty(config);
  RetentionResult result = RunKernel(table, empty, scan).Finalize();
  result.notes = std::move(notes);
  result.confidence = spec.confidence;
  return result;
}

}  // namespace winpath
