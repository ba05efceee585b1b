#include "golden_specs.h"

#include <charconv>
#include <exception>
#include <optional>
#include <string>

#include "model/duration.h"
#include "model/timestamp.h"

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

}  // namespace winpath::golden
