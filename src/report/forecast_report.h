// Rendering of a ForecastResult and a ForecastBacktestResult: JSON for the API and
// `--format json`, terminal tables, and the one line a marketer reads
// ("+5% retention: +31.0% revenue, +12.0% customers over 12 months").
// JSON shapes: docs/analyses/forecast.md#output.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "query/forecast_query.h"

namespace winpath {

// One JSON object (no trailing newline). Absent percentages and fit bounds are null.
std::string ForecastToJson(const ForecastResult& result);

// The levers' effect at the horizon in one line: "+5% retention: +31.0% revenue (+1,234.50),
// +12.0% customers over 12 months"; "No lever set: ..." without levers; "n/a" for a
// percentage of a zero baseline.
std::string ForecastEffectLine(const ForecastResult& result);

// Baseline vs scenario per period, the effect line and the fitted model's main rates.
std::string ForecastToTable(const ForecastResult& result);

std::string ForecastBacktestToJson(const ForecastBacktestResult& result);
// Actual vs forecast per period and the mean absolute percentage errors.
std::string ForecastBacktestToTable(const ForecastBacktestResult& result);

}  // namespace winpath
