#include "golden_specs.h"

#include <charconv>
#include <cstdlib>
#include <exception>
#include <optional>
#include <string>

#include "model/duration.h"
#include "model/timestamp.h"
#include "period_golden_header.h"

namespace winpath::golden {
namespace {

// A scan-range header time: "0", ISO-8601 (has a 'T'), else a duration after the base time.
Result<TimeMs> HeaderTime(const std::string& text) {
  if (text == "0") return kGoldenBaseTime;
  if (text.find('T') != std::string::npos) return ParseTimestamp(text);
  WINPATH_ASSIGN_OR_RETURN(TimeMs d, ParseDuration(text));
  return kGoldenBaseTime + d;
}

Result<std::optional<TimeMs>> OptionalDuration(const std::string& text) {
  if (text.empty()) return std::optional<TimeMs>();
  WINPATH_ASSIGN_OR_RETURN(TimeMs d, ParseDuration(text));
  return std::optional<TimeMs>(d);
}

// Whole-number header value or `fallback`; nullopt when the text is not a number.
std::optional<int> IntKey(const GoldenCase& c, const std::string& key, int fallback) {
  const std::string text = c.Get(key);
  if (text.empty()) return fallback;
  int v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

// A header number of type T, or `fallback` when absent; InvalidArgument when it does not parse.
template <typename T>
Result<T> NumberKey(const GoldenCase& c, const std::string& key, T fallback) {
  const std::string text = c.Get(key);
  if (text.empty()) return fallback;
  T v{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return Status::InvalidArgument(c.path + ": " + key + " must be a number, got '" + text + "'");
  }
  return v;
}

// "true" / "false", or `fallback` when absent.
Result<bool> BoolKey(const GoldenCase& c, const std::string& key, bool fallback) {
  const std::string text = c.Get(key, fallback ? "true" : "false");
  if (text != "true" && text != "false") {
    return Status::InvalidArgument(c.path + ": " + key + ": expected true or false");
  }
  return text == "true";
}

}  // namespace

Result<FunnelSpec> FunnelSpecFromHeader(const GoldenCase& c) {
  FunnelSpec spec;
  spec.steps = SplitList(c.Get("steps"));
  if (!c.Get("mode").empty()) {
    WINPATH_ASSIGN_OR_RETURN(spec.mode, ParseFunnelMode(c.Get("mode")));
  }
  WINPATH_ASSIGN_OR_RETURN(spec.window, OptionalDuration(c.Get("window")));
  spec.exclude = SplitList(c.Get("exclude"));
  spec.breakdown = c.Get("breakdown");
  return spec;
}

Result<ScanOptions> FunnelScanFromHeader(const GoldenCase& c) {
  ScanOptions options;
  try {
    options.threads = std::stoi(c.Get("threads", "2"));
  } catch (const std::exception&) {
    return Status::InvalidArgument(c.path + ": threads must be a number");
  }
  if (!c.Get("from").empty()) {
    WINPATH_ASSIGN_OR_RETURN(options.from, HeaderTime(c.Get("from")));
  }
  if (!c.Get("to").empty()) {
    WINPATH_ASSIGN_OR_RETURN(options.to, HeaderTime(c.Get("to")));
  }
  return options;
}

Result<PathsSpec> PathsSpecFromHeader(const GoldenCase& c) {
  PathsSpec spec;
  spec.from = c.Get("from");
  spec.to = c.Get("to");
  spec.node = c.Get("node", spec.node);
  spec.top = IntKey(c, "top", spec.top).value_or(-1);
  spec.max_steps = IntKey(c, "max_steps", spec.max_steps).value_or(-1);
  WINPATH_ASSIGN_OR_RETURN(spec.window, OptionalDuration(c.Get("window")));
  return spec;
}

Result<FlowSpec> FlowSpecFromHeader(const GoldenCase& c) {
  FlowSpec spec;
  spec.anchor = c.Get("anchor");
  spec.direction = c.Get("direction", spec.direction);
  spec.depth = IntKey(c, "depth", spec.depth).value_or(-1);
  spec.width = IntKey(c, "width", spec.width).value_or(-1);
  spec.node = c.Get("node", spec.node);
  return spec;
}

Result<WinPathsSpec> WinPathsSpecFromHeader(const GoldenCase& c) {
  WinPathsSpec spec;
  WINPATH_ASSIGN_OR_RETURN(spec.window, OptionalDuration(c.Get("window")));
  spec.wins = SplitList(c.Get("wins"));
  spec.views = SplitList(c.Get("views"));
  try {
    spec.min_persons = std::stoll(c.Get("min_persons", "1"));
    spec.significance = std::stod(c.Get("significance", "0.05"));
  } catch (const std::exception&) {
    return Status::InvalidArgument(c.path + ": min_persons / significance must be numbers");
  }
  return spec;
}

Result<AttributionSpec> AttributionSpecFromHeader(const GoldenCase& c) {
  AttributionSpec spec;
  spec.models = SplitList(c.Get("models"));
  spec.wins = SplitList(c.Get("wins"));
  WINPATH_ASSIGN_OR_RETURN(spec.lookback, OptionalDuration(c.Get("lookback")));
  WINPATH_ASSIGN_OR_RETURN(spec.half_life, OptionalDuration(c.Get("half_life")));
  spec.direct_channel = c.Get("direct_channel", spec.direct_channel);
  try {
    spec.position_first = std::stod(c.Get("position_first", "0.4"));
    spec.position_last = std::stod(c.Get("position_last", "0.4"));
  } catch (const std::exception&) {
    return Status::InvalidArgument(c.path + ": position_first / position_last must be numbers");
  }
  return spec;
}

Result<StepAttributionSpec> TransitionsSpecFromHeader(const GoldenCase& c) {
  StepAttributionSpec spec;
  spec.steps = SplitList(c.Get("steps"));
  WINPATH_ASSIGN_OR_RETURN(spec.window, OptionalDuration(c.Get("window")));
  return spec;
}

Result<ScanOptions> ScanRangeFromHeader(const GoldenCase& c, ScanOptions scan,
                                        const std::string& from_key, const std::string& to_key) {
  if (!c.Get(from_key).empty()) {
    WINPATH_ASSIGN_OR_RETURN(scan.from, HeaderTime(c.Get(from_key)));
  }
  if (!c.Get(to_key).empty()) {
    WINPATH_ASSIGN_OR_RETURN(scan.to, HeaderTime(c.Get(to_key)));
  }
  return scan;
}

Result<MarkovConfig> MarkovConfigFromHeader(const GoldenCase& c) {
  MarkovConfig config;
  const std::string order = c.Get("order", "1");
  auto [end, ec] = std::from_chars(order.data(), order.data() + order.size(), config.order);
  if (ec != std::errc() || end != order.data() + order.size()) {
    return Status::InvalidArgument(c.path + ": order: expected a whole number, got " + order);
  }
  WINPATH_ASSIGN_OR_RETURN(config.collapse_repeats, BoolKey(c, "collapse_repeats", true));
  return config;
}

Result<ShapleyMethod> ShapleyMethodFromHeader(const GoldenCase& c) {
  const std::string name = c.Get("method", "closed_form");
  const std::optional<ShapleyMethod> method = ParseShapleyMethod(name);
  if (!method) return Status::InvalidArgument("method: unknown method '" + name + "'");
  return *method;
}

Result<JourneyPathsSpec> JourneyPathsSpecFromHeader(const GoldenCase& c,
                                                    const std::string& wins_key) {
  JourneyPathsSpec spec;
  spec.wins = SplitList(c.Get(wins_key));
  if (!c.Get("lookback").empty()) {
    WINPATH_ASSIGN_OR_RETURN(spec.lookback, ParseDuration(c.Get("lookback")));
  }
  return spec;
}

Result<PathModelsSpec> PathModelsSpecFromHeader(const GoldenCase& c) {
  PathModelsSpec spec;
  WINPATH_ASSIGN_OR_RETURN(spec.journeys, JourneyPathsSpecFromHeader(c));
  WINPATH_ASSIGN_OR_RETURN(spec.markov, MarkovConfigFromHeader(c));
  WINPATH_ASSIGN_OR_RETURN(spec.shapley, ShapleyMethodFromHeader(c));
  return spec;
}

Result<TimeToMilestoneSpec> TimeToMilestoneSpecFromHeader(const GoldenCase& c) {
  TimeToMilestoneSpec spec;
  spec.from = c.Get("from");
  spec.to = c.Get("to");
  if (!c.Get("window").empty()) {
    WINPATH_ASSIGN_OR_RETURN(spec.window, ParseDuration(c.Get("window")));
  }
  WINPATH_ASSIGN_OR_RETURN(spec.confidence, NumberKey(c, "confidence", spec.confidence));
  WINPATH_ASSIGN_OR_RETURN(spec.max_curve_steps,
                           NumberKey(c, "max_curve_steps", spec.max_curve_steps));
  return spec;
}

Result<ScanOptions> TimeToMilestoneScanFromHeader(const GoldenCase& c, ScanOptions scan) {
  return ScanRangeFromHeader(c, scan, "scan_from", "scan_to");
}

Result<GapsSpec> GapsSpecFromHeader(const GoldenCase& c) {
  GapsSpec spec;
  WINPATH_ASSIGN_OR_RETURN(spec.alpha, NumberKey(c, "alpha", spec.alpha));
  WINPATH_ASSIGN_OR_RETURN(spec.confidence, NumberKey(c, "confidence", spec.confidence));
  return spec;
}

Result<ScanOptions> GapsScanFromHeader(const GoldenCase& c, ScanOptions scan) {
  WINPATH_ASSIGN_OR_RETURN(ScanOptions range, FunnelScanFromHeader(c));
  range.threads = scan.threads;
  return range;
}

Result<DriversSpec> DriversSpecFromHeader(const GoldenCase& c) {
  DriversSpec spec;
  spec.from = c.Get("from");
  spec.to = c.Get("to");
  spec.node = c.Get("node", spec.node);
  if (!c.Get("window").empty()) {
    WINPATH_ASSIGN_OR_RETURN(spec.window, ParseDuration(c.Get("window")));
  }
  WINPATH_ASSIGN_OR_RETURN(spec.min_support, NumberKey<int64_t>(c, "min_support", 30));
  WINPATH_ASSIGN_OR_RETURN(spec.alpha, NumberKey(c, "alpha", spec.alpha));
  WINPATH_ASSIGN_OR_RETURN(spec.confidence, NumberKey(c, "confidence", spec.confidence));
  return spec;
}

Result<ScanOptions> DriversScanFromHeader(const GoldenCase& c, ScanOptions scan) {
  const std::string scan_to = c.Get("scan_to");
  if (scan_to.empty()) return scan;
  if (scan_to.find('T') != std::string::npos) {
    WINPATH_ASSIGN_OR_RETURN(scan.to, ParseTimestamp(scan_to));
  } else {
    WINPATH_ASSIGN_OR_RETURN(TimeMs d, ParseDuration(scan_to));
    scan.to = kGoldenBaseTime + d;
  }
  return scan;
}

Result<RetentionSpec> RetentionSpecFromHeader(const GoldenCase& c) {
  RetentionSpec spec;
  spec.start = c.Get("start");
  spec.return_event = c.Get("return");
  if (!c.Get("type").empty()) {
    WINPATH_ASSIGN_OR_RETURN(spec.type, ParseRetentionType(c.Get("type")));
  }
  if (!c.Get("measure").empty()) {
    WINPATH_ASSIGN_OR_RETURN(spec.measure, ParseRetentionMeasure(c.Get("measure")));
  }
  if (!c.Get("period").empty()) {
    WINPATH_ASSIGN_OR_RETURN(spec.period, ParseRetentionPeriod(c.Get("period")));
  }
  WINPATH_ASSIGN_OR_RETURN(spec.rolling, BoolKey(c, "rolling", false));
  WINPATH_ASSIGN_OR_RETURN(spec.periods, NumberKey(c, "periods", spec.periods));
  spec.purchase = c.Get("purchase");
  spec.referral = c.Get("referral");
  spec.referral_channels = SplitList(c.Get("referral_channels"));
  return spec;
}

Result<FlywheelSpec> FlywheelSpecFromHeader(const GoldenCase& c) {
  FlywheelSpec spec;
  WINPATH_ASSIGN_OR_RETURN(spec.period, PeriodFromHeader(c));
  if (!c.Get("dormant_after").empty()) {
    WINPATH_ASSIGN_OR_RETURN(spec.dormant_after, ParseDuration(c.Get("dormant_after")));
  }
  return spec;
}

Result<LifecycleSpec> LifecycleSpecFromHeader(const GoldenCase& c) {
  LifecycleSpec spec;
  WINPATH_ASSIGN_OR_RETURN(spec.period, PeriodFromHeader(c));
  spec.event = c.Get("event");
  if (!c.Get("new").empty()) {
    WINPATH_ASSIGN_OR_RETURN(spec.new_means, ParseLifecycleNew(c.Get("new")));
  }
  return spec;
}

static Result<double> ForecastNumber(const GoldenCase& c, const std::string& key, double fallback) {
  const std::string text = c.Get(key);
  if (text.empty()) return fallback;
  char* end = nullptr;
  const double x = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) {
    return Status::InvalidArgument(key + ": not a number: '" + text + "'");
  }
  return x;
}

Result<ForecastSpec> ForecastSpecFromHeader(const GoldenCase& c) {
  ForecastSpec spec;
  WINPATH_ASSIGN_OR_RETURN(spec.period, ParsePeriodKind(c.Get("period", "month")));
  if (!c.Get("dormant_after").empty()) {
    WINPATH_ASSIGN_OR_RETURN(spec.dormant_after, ParseDuration(c.Get("dormant_after")));
  }
  WINPATH_ASSIGN_OR_RETURN(double horizon, ForecastNumber(c, "horizon", 12));
  spec.horizon = static_cast<int64_t>(horizon);
  WINPATH_ASSIGN_OR_RETURN(spec.levers.retention, ForecastNumber(c, "retention", 0));
  WINPATH_ASSIGN_OR_RETURN(spec.levers.referral, ForecastNumber(c, "referral", 0));
  WINPATH_ASSIGN_OR_RETURN(spec.levers.step_change, ForecastNumber(c, "step_change", 0));
  spec.levers.step = c.Get("step");
  spec.referral_channels = SplitList(c.Get("referral_channels"));
  return spec;
}

}  // namespace winpath::golden
