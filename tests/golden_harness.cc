#include "golden_harness.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "model/channel_groups.h"
#include "model/duration.h"
#include "model/journey_map_loader.h"

namespace winpath::golden {
namespace {

std::string Trim(std::string s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

// Splits on spaces, keeping double-quoted runs together (quotes removed).
std::vector<std::string> Tokens(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false, any = false;
  for (char c : line) {
    if (c == '"') {
      quoted = !quoted;
      any = true;
    } else if ((c == ' ' || c == '\t') && !quoted) {
      if (any) out.push_back(cur);
      cur.clear();
      any = false;
    } else {
      cur += c;
      any = true;
    }
  }
  if (any) out.push_back(cur);
  return out;
}

Result<TimeMs> GoldenTime(const std::string& text) {
  if (text == "0") return kGoldenBaseTime;
  if (text.find('T') != std::string::npos || std::count(text.begin(), text.end(), '-') >= 2) {
    return ParseTimestamp(text);
  }
  WINPATH_ASSIGN_OR_RETURN(TimeMs d, ParseDuration(text));
  return kGoldenBaseTime + d;
}

::testing::AssertionResult Match(const nlohmann::json& e, const nlohmann::json& a,
                                 const std::string& where) {
  if (e.is_number() && a.is_number()) {
    double x = e.get<double>(), y = a.get<double>();
    if (std::fabs(x - y) <= 1e-9 * std::max({1.0, std::fabs(x), std::fabs(y)})) {
      return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure()
           << where << ": expected " << e.dump() << ", got " << a.dump();
  }
  if (e.is_object()) {
    if (!a.is_object())
      return ::testing::AssertionFailure() << where << ": expected an object, got " << a.dump();
    for (auto it = e.begin(); it != e.end(); ++it) {
      if (!a.contains(it.key())) {
        return ::testing::AssertionFailure()
               << where << "." << it.key() << ": missing in " << a.dump();
      }
      auto r = Match(it.value(), a.at(it.key()), where + "." + it.key());
      if (!r) return r;
    }
    return ::testing::AssertionSuccess();
  }
  if (e.is_array()) {
    if (!a.is_array() || a.size() != e.size()) {
      return ::testing::AssertionFailure()
             << where << ": expected " << e.dump() << ", got " << a.dump();
    }
    for (size_t i = 0; i < e.size(); ++i) {
      auto r = Match(e[i], a[i], where + "[" + std::to_string(i) + "]");
      if (!r) return r;
    }
    return ::testing::AssertionSuccess();
  }
  if (e == a) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << where << ": expected " << e.dump() << ", got " << a.dump();
}

}  // namespace

std::string GoldenCase::Get(const std::string& key, const std::string& fallback) const {
  auto it = header.find(key);
  return it == header.end() ? fallback : it->second;
}

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    item = Trim(item);
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

std::vector<std::string> ListGoldenFiles(const std::string& dir) {
  std::vector<std::string> files;
  std::filesystem::path root = std::filesystem::path(WINPATH_SOURCE_DIR) / "tests/golden" / dir;
  if (!std::filesystem::exists(root)) return files;
  for (const auto& entry : std::filesystem::directory_iterator(root)) {
    if (entry.path().extension() == ".golden") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

Result<GoldenCase> ReadGoldenFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::IoError("cannot open golden file " + path);
  GoldenCase c;
  c.path = path;
  std::string line;
  int number = 0;
  bool in_events = false, in_journeys = false, in_expected = false;
  std::string expected;
  while (std::getline(in, line)) {
    ++number;
    if (in_expected) {
      expected += line + "\n";
      continue;
    }
    std::string t = Trim(line);
    if (t == "----") {
      in_expected = true;
      continue;
    }
    if (t.empty()) continue;
    if (t[0] == '#') {
      if (c.title.empty()) c.title = Trim(t.substr(1));
      continue;
    }
    if (t == "events:" || t == "journeys:") {
      in_events = t == "events:";
      in_journeys = !in_events;
      (in_events ? c.events_first_line : c.journeys_first_line) = number + 1;
      continue;
    }
    if (in_events || in_journeys) {
      (in_events ? c.event_lines : c.journey_lines).push_back(t);
      continue;
    }
    size_t colon = t.find(':');
    if (colon == std::string::npos) {
      return Status::InvalidArgument(path + ":" + std::to_string(number) +
                                     ": expected 'key: value', 'events:', 'journeys:' or '----'");
    }
    c.header[Trim(t.substr(0, colon))] = Trim(t.substr(colon + 1));
  }
  if (!in_expected)
    return Status::InvalidArgument(path + ": no '----' separator before the expected output");
  c.expected = expected;
  return c;
}

Result<JourneyMap> LoadGoldenMap(const GoldenCase& c) {
  std::string name = c.Get("map", "basic.yaml");
  return LoadJourneyMapFile(std::string(WINPATH_SOURCE_DIR) + "/tests/golden/maps/" + name);
}

Result<EventTable> BuildGoldenTable(const GoldenCase& c, const JourneyMap& map) {
  EventTableBuilder builder(map.ChannelNames(), map.dimensions);
  const std::vector<std::string> channels = map.ChannelNames();
  for (size_t i = 0; i < c.event_lines.size(); ++i) {
    std::string where = c.path + ":" + std::to_string(c.events_first_line + static_cast<int>(i));
    std::vector<std::string> tok = Tokens(c.event_lines[i]);
    if (tok.size() < 3)
      return Status::InvalidArgument(where + ": expected 'person time event [k=v ...]'");
    auto time = GoldenTime(tok[1]);
    if (!time.ok()) return time.status().WithPrefix(where);
    RawEvent e;
    e.name = tok[2];
    e.time = *time;
    uint8_t channel = kNoChannel, flags = 0;
    for (size_t k = 3; k < tok.size(); ++k) {
      size_t eq = tok[k].find('=');
      if (eq == std::string::npos)
        return Status::InvalidArgument(where + ": expected key=value, got " + tok[k]);
      std::string key = tok[k].substr(0, eq), value = tok[k].substr(eq + 1);
      if (key == "channel") {
        auto it = std::find(channels.begin(), channels.end(), value);
        if (it == channels.end())
          return Status::InvalidArgument(where + ": unknown channel " + value);
        channel = static_cast<uint8_t>(it - channels.begin() + 1);
      } else if (key == "page") {
        flags |= kEventFlagPageView;
      } else {
        PropertyValue v{value, ParsePropertyNumber(value)};
        e.properties.emplace_back(key, v);
      }
    }
    uint32_t mask = map.MatchMask(e);
    std::vector<uint16_t> dims;
    for (size_t d = 0; d < map.dimensions.size(); ++d) {
      std::string text;
      const PropertyValue* pv = nullptr;
      dims.push_back(LookupEventField(e, map.dimensions[d], &text, &pv)
                         ? builder.InternDimensionValue(d, text)
                         : 0);
    }
    builder.Add(builder.InternPerson(tok[0]), e.time, builder.InternEventName(e.name), channel,
                flags, mask, map.EventValue(e, mask), dims);
  }
  return std::move(builder).Build();
}

Result<PathTable> BuildGoldenPathTable(const GoldenCase& c) {
  PathTable table;
  for (size_t i = 0; i < c.journey_lines.size(); ++i) {
    std::string where =
        c.path + ":" + std::to_string(c.journeys_first_line + static_cast<int>(i)) + ": ";
    const std::string& line = c.journey_lines[i];
    size_t bar = line.find('|');
    if (bar == std::string::npos)
      return Status::InvalidArgument(where + "expected 'a > b | conversions=N value=X nulls=N'");
    JourneyPath path;
    std::string rest = line.substr(0, bar);
    for (size_t start = 0;;) {
      size_t gt = rest.find('>', start);
      std::string name = Trim(rest.substr(start, gt == std::string::npos ? gt : gt - start));
      auto it = std::find(table.channel_names.begin(), table.channel_names.end(), name);
      if (it == table.channel_names.end()) it = table.channel_names.insert(it, name);
      path.channels.push_back(static_cast<uint16_t>(it - table.channel_names.begin()));
      if (gt == std::string::npos) break;
      start = gt + 1;
    }
    for (const std::string& kv : Tokens(line.substr(bar + 1))) {
      size_t eq = kv.find('=');
      std::string key = kv.substr(0, eq);
      std::optional<double> number;
      if (eq != std::string::npos) number = ParsePropertyNumber(kv.substr(eq + 1));
      if (!number || (key != "conversions" && key != "value" && key != "nulls"))
        return Status::InvalidArgument(where + "expected conversions=N, value=X or nulls=N, got " +
                                       kv);
      if (key == "value")
        path.value = *number;
      else
        (key == "conversions" ? path.conversions : path.nulls) = static_cast<int64_t>(*number);
    }
    table.paths.push_back(std::move(path));
  }
  return table;
}

::testing::AssertionResult JsonMatches(const std::string& expected_json,
                                       const std::string& actual_json) {
  nlohmann::json e, a;
  try {
    e = nlohmann::json::parse(expected_json);
  } catch (const std::exception& ex) {
    return ::testing::AssertionFailure() << "expected output is not JSON: " << ex.what();
  }
  try {
    a = nlohmann::json::parse(actual_json);
  } catch (const std::exception& ex) {
    return ::testing::AssertionFailure() << "actual output is not JSON: " << ex.what() << "\n"
                                         << actual_json;
  }
  auto r = Match(e, a, "$");
  if (!r) r << "\nactual: " << a.dump(2);
  return r;
}

}  // namespace winpath::golden
