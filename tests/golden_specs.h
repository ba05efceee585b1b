// Analysis specs read from a golden case's header keys (golden_harness.h), shared by the golden
// tests of every analysis and by api_docs_test, so a header key means the same everywhere.
//
// Header keys per analysis (all optional; a missing key keeps the spec's default unless noted):
//   funnel:      steps (comma list), mode, window, exclude (comma list), breakdown;
//                scan: threads (default 2), from / to (scan range: "0", a duration after
//                kGoldenBaseTime, or ISO-8601; `to` is also the data end)
//   paths:       from, to (milestones or wins), node, top, max_steps, window
//   flow:        anchor, direction, depth, width, node
//   win paths:   window, wins, views, min_persons (default 1, so tiny cases can name a best
//                channel), significance
//   attribution: models, wins, lookback, half_life, position_first, position_last,
//                direct_channel
//   transitions: steps (comma list), window
//   markov:      order (default 1), collapse_repeats (true | false, default true)
//   shapley:     method (closed_form | enumeration, default closed_form)
//   journeys:    wins (comma list; the shapley cases name one win with `win`), lookback
//   time to milestone: from, to (milestones or wins), window, confidence, max_curve_steps;
//                scan: scan_from / scan_to (as funnel's from / to)
//   gaps:        alpha, confidence; scan: from / to (FunnelScanFromHeader)
//   drivers:     from, to, window, node, min_support (default 30), alpha, confidence;
//                scan: scan_to (a duration after kGoldenBaseTime, or ISO-8601)
//   retention:   start, return, type, measure, period, rolling (true | false), periods,
//                purchase, referral, referral_channels (comma list); scan: from / to
//   flywheel:    period (default week), dormant_after; scan: from / to (period_golden_header.h)
//   lifecycle:   period (default week), event, new; scan: from / to (period_golden_header.h)
//
// Failures are values: a header value that does not parse (a bad duration, mode or number)
// returns InvalidArgument naming it. Integer keys of paths / flow that are not whole numbers
// become -1, so the query's own range check reports them.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "analysis/markov_attribution.h"
#include "analysis/shapley_attribution.h"
#include "base/result.h"
#include "golden_harness.h"
#include "query/attribution_query.h"
#include "query/drivers_query.h"
#include "query/flywheel_query.h"
#include "query/forecast_query.h"
#include "query/funnel_query.h"
#include "query/gaps_query.h"
#include "query/journey_paths_query.h"
#include "query/lifecycle_query.h"
#include "query/path_models_query.h"
#include "query/paths_query.h"
#include "query/retention_query.h"
#include "query/run_kernel.h"
#include "query/step_attribution_query.h"
#include "query/time_to_milestone_query.h"
#include "query/win_paths_query.h"

namespace winpath::golden {

Result<FunnelSpec> FunnelSpecFromHeader(const GoldenCase& c);
// threads (default 2) and the scan range from / to. Only for funnel cases: paths cases use
// `from` / `to` as milestone names.
Result<ScanOptions> FunnelScanFromHeader(const GoldenCase& c);

Result<PathsSpec> PathsSpecFromHeader(const GoldenCase& c);
// Never fails today; a Result so a future key with a parsed value needs no caller change.
Result<FlowSpec> FlowSpecFromHeader(const GoldenCase& c);

Result<WinPathsSpec> WinPathsSpecFromHeader(const GoldenCase& c);
Result<AttributionSpec> AttributionSpecFromHeader(const GoldenCase& c);
Result<StepAttributionSpec> TransitionsSpecFromHeader(const GoldenCase& c);
// forecast: period (default month), dormant_after, horizon, retention, referral, step,
// step_change, referral_channels; the fit range and `split` are read by the caller.
Result<ForecastSpec> ForecastSpecFromHeader(const GoldenCase& c);

// `scan` with the case's scan range read from the keys `from_key` / `to_key`: "0", a duration
// after kGoldenBaseTime, or ISO-8601. Keys left out keep `scan`'s range.
Result<ScanOptions> ScanRangeFromHeader(const GoldenCase& c, ScanOptions scan,
                                        const std::string& from_key = "from",
                                        const std::string& to_key = "to");

Result<MarkovConfig> MarkovConfigFromHeader(const GoldenCase& c);
Result<ShapleyMethod> ShapleyMethodFromHeader(const GoldenCase& c);
// The wins are read from `wins_key` as a comma list ("win" in the shapley cases).
Result<JourneyPathsSpec> JourneyPathsSpecFromHeader(const GoldenCase& c,
                                                    const std::string& wins_key = "wins");
// The journeys spec (`wins`), the Markov config and the Shapley method together, as
// `winpath analyze` runs the path models over events.
Result<PathModelsSpec> PathModelsSpecFromHeader(const GoldenCase& c);

Result<TimeToMilestoneSpec> TimeToMilestoneSpecFromHeader(const GoldenCase& c);
// `scan` with scan_from / scan_to.
Result<ScanOptions> TimeToMilestoneScanFromHeader(const GoldenCase& c, ScanOptions scan);

Result<GapsSpec> GapsSpecFromHeader(const GoldenCase& c);
// The range of FunnelScanFromHeader with `scan`'s thread count.
Result<ScanOptions> GapsScanFromHeader(const GoldenCase& c, ScanOptions scan);

Result<DriversSpec> DriversSpecFromHeader(const GoldenCase& c);
// `scan` with scan_to (ISO-8601 when it has a 'T', else a duration after kGoldenBaseTime).
Result<ScanOptions> DriversScanFromHeader(const GoldenCase& c, ScanOptions scan);

Result<RetentionSpec> RetentionSpecFromHeader(const GoldenCase& c);
Result<FlywheelSpec> FlywheelSpecFromHeader(const GoldenCase& c);
Result<LifecycleSpec> LifecycleSpecFromHeader(const GoldenCase& c);

}  // namespace winpath::golden
