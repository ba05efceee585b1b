#include "report/paths_report.h"

#include <nlohmann/json.hpp>

#include "model/duration.h"
#include "report/json_text.h"
#include "report/rate_interval.h"
#include "report/text_table.h"

namespace winpath {
namespace {

using Json = nlohmann::ordered_json;

Json Share(int64_t part, int64_t whole) {
  if (whole <= 0) return nullptr;
  return static_cast<double>(part) / static_cast<double>(whole);
}

std::string ShareText(int64_t part, int64_t whole) {
  return whole <= 0 ? "-" : FormatPercent(static_cast<double>(part) / static_cast<double>(whole));
}

std::string Count(int64_t n) { return FormatCount(static_cast<double>(n)); }

Json OrNull(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

Json PathRowToJson(const PathsResult& r, int rank, const PathRow& row) {
  const bool has_to = !r.to.empty();
  Json j;
  j["rank"] = rank;
  j["path"] = row.nodes;
  j["truncated"] = row.truncated;
  j["persons"] = row.persons;
  j["share"] = Share(row.persons, r.persons);
  j["converted"] = has_to ? Json(row.converted) : Json(nullptr);
  j["share_converted"] = has_to ? Share(row.converted, row.persons) : Json(nullptr);
  AddRateInterval(j, "share_converted",
                  has_to ? std::optional<int64_t>(row.converted) : std::nullopt, row.persons,
                  r.confidence);
  return j;
}

std::string PathText(const PathsResult& r, const PathRow& row) {
  if (row.nodes.empty()) {
    return r.node == PathNodeKind::kChannel ? "(no touchpoints)" : "(no events)";
  }
  std::string s;
  for (const std::string& n : row.nodes) s += (s.empty() ? "" : " → ") + n;
  return s;
}

std::string PathsTitle(const PathsResult& r) {
  std::string t = "Paths";
  if (!r.from.empty()) t += " from " + r.from;
  t += r.to.empty() ? "" : " to " + r.to;
  t += " (" + std::string(r.node == PathNodeKind::kChannel ? "channels" : "events");
  if (r.window) t += ", window " + FormatDuration(*r.window);
  t += "): " + Count(r.persons) + (r.persons == 1 ? " person" : " persons");
  if (!r.to.empty()) {
    t += ", " + Count(r.converted) + " converted (" + ShareText(r.converted, r.persons) + ")";
  }
  return t;
}

// "(other)" / "(drop-off)" so a bucket never reads like an event of that name.
std::string FlowLabel(const std::string& name, FlowNodeKind kind) {
  return kind == FlowNodeKind::kOther || kind == FlowNodeKind::kDropOff ? "(" + name + ")" : name;
}

std::string FlowTitle(const FlowResult& r) {
  return std::string("Flow: ") + (r.previous ? "previous " : "next ") + std::to_string(r.depth) +
         (r.node == PathNodeKind::kChannel ? " channels " : " events ") +
         (r.previous ? "before " : "after ") + r.anchor + " (top " + std::to_string(r.width) +
         " per step): " + Count(r.persons) + (r.persons == 1 ? " person" : " persons");
}

}  // namespace

std::string PathsToJson(const PathsResult& r) {
  const bool has_to = !r.to.empty();
  Json j;
  j["analysis"] = "paths";
  j["from"] = OrNull(r.from);
  j["to"] = OrNull(r.to);
  j["node"] = std::string(PathNodeKindName(r.node));
  j["window_ms"] = r.window ? Json(*r.window) : Json(nullptr);
  j["window"] = r.window ? Json(FormatDuration(*r.window)) : Json(nullptr);
  j["top"] = r.top;
  j["max_steps"] = r.max_steps;
  j["confidence"] = r.confidence;
  j["persons"] = r.persons;
  j["converted"] = has_to ? Json(r.converted) : Json(nullptr);
  j["conversion_rate"] = has_to ? Share(r.converted, r.persons) : Json(nullptr);
  AddRateInterval(j, "conversion_rate", has_to ? std::optional<int64_t>(r.converted) : std::nullopt,
                  r.persons, r.confidence);
  Json paths = Json::array();
  for (size_t i = 0; i < r.paths.size(); ++i) {
    paths.push_back(PathRowToJson(r, static_cast<int>(i + 1), r.paths[i]));
  }
  j["paths"] = std::move(paths);
  Json other;
  other["paths"] = r.other_paths;
  other["persons"] = r.other_persons;
  other["share"] = Share(r.other_persons, r.persons);
  other["converted"] = has_to ? Json(r.other_converted) : Json(nullptr);
  other["share_converted"] = has_to ? Share(r.other_converted, r.other_persons) : Json(nullptr);
  AddRateInterval(other, "share_converted",
                  has_to ? std::optional<int64_t>(r.other_converted) : std::nullopt,
                  r.other_persons, r.confidence);
  j["other_paths"] = std::move(other);
  return JsonText(j);
}

std::string PathsToTable(const PathsResult& r) {
  const bool has_to = !r.to.empty();
  TextTable t(PathsTitle(r));
  std::vector<std::string> header = {"#", "path", "persons", "share"};
  if (has_to) {
    header.push_back("converted");
    header.push_back("share converted");
  }
  t.SetHeader(header);
  auto add = [&](std::string rank, std::string path, int64_t persons, int64_t converted) {
    std::vector<std::string> row = {std::move(rank), std::move(path), Count(persons),
                                    ShareText(persons, r.persons)};
    if (has_to) {
      row.push_back(Count(converted));
      row.push_back(ShareText(converted, persons));
    }
    t.AddRow(std::move(row));
  };
  for (size_t i = 0; i < r.paths.size(); ++i) {
    add(std::to_string(i + 1), PathText(r, r.paths[i]), r.paths[i].persons, r.paths[i].converted);
  }
  if (r.other_paths > 0) {
    add("", "other paths (" + Count(r.other_paths) + ")", r.other_persons, r.other_converted);
  }
  return t.Render();
}

std::string FlowToJson(const FlowResult& r) {
  Json j;
  j["analysis"] = "flow";
  j["anchor"] = r.anchor;
  j["direction"] = r.previous ? "previous" : "next";
  j["node"] = std::string(PathNodeKindName(r.node));
  j["depth"] = r.depth;
  j["width"] = r.width;
  j["persons"] = r.persons;
  Json steps = Json::array();
  for (const auto& step : r.steps) {
    Json nodes = Json::array();
    for (const FlowNode& n : step) {
      Json nj;
      nj["name"] = n.name;
      nj["kind"] = std::string(FlowNodeKindName(n.kind));
      nj["persons"] = n.persons;
      nodes.push_back(std::move(nj));
    }
    steps.push_back(std::move(nodes));
  }
  j["steps"] = std::move(steps);
  Json links = Json::array();
  for (const FlowLink& l : r.links) {
    Json lj;
    lj["step"] = l.step;
    lj["source"] = l.source;
    lj["source_kind"] = std::string(FlowNodeKindName(l.source_kind));
    lj["target"] = l.target;
    lj["target_kind"] = std::string(FlowNodeKindName(l.target_kind));
    lj["persons"] = l.persons;
    links.push_back(std::move(lj));
  }
  j["links"] = std::move(links);
  return JsonText(j);
}

std::string FlowToTable(const FlowResult& r) {
  TextTable nodes(FlowTitle(r));
  nodes.SetHeader({"step", "node", "persons", "share"});
  for (size_t s = 0; s < r.steps.size(); ++s) {
    for (const FlowNode& n : r.steps[s]) {
      nodes.AddRow({std::to_string(s), FlowLabel(n.name, n.kind), Count(n.persons),
                    ShareText(n.persons, r.persons)});
    }
  }
  TextTable links("Links");
  links.SetHeader({"step", "from", "to", "persons"});
  for (const FlowLink& l : r.links) {
    links.AddRow({std::to_string(l.step) + "→" + std::to_string(l.step + 1),
                  FlowLabel(l.source, l.source_kind), FlowLabel(l.target, l.target_kind),
                  Count(l.persons)});
  }
  return nodes.Render() + "\n" + links.Render();
}

}  // namespace winpath
