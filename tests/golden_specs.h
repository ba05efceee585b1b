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
//
// Failures are values: a header value that does not parse (a bad duration, mode or number)
// returns InvalidArgument naming it. Integer keys of paths / flow that are not whole numbers
// become -1, so the query's own range check reports them.
//
// Thread-safety: pure functions.
#pragma once

#include "base/result.h"
#include "golden_harness.h"
#include "query/attribution_query.h"
#include "query/funnel_query.h"
#include "query/paths_query.h"
#include "query/run_kernel.h"
#include "query/step_attribution_query.h"
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

}  // namespace winpath::golden
