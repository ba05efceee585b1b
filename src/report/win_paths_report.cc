#include "report/win_paths_report.h"

#include <nlohmann/json.hpp>

#include "model/duration.h"
#include "report/json_text.h"
#include "report/rate_interval.h"
#include "report/text_table.h"

namespace winpath {
namespace {

using Json = nlohmann::ordered_json;

Json RateOrNull(int64_t reached, int64_t persons) {
  if (persons == 0) return nullptr;
  return static_cast<double>(reached) / static_cast<double>(persons);
}

Json BestToJson(const std::optional<WinPathsBest>& best) {
  if (!best) return nullptr;
  Json j;
  j["channel"] = best->channel;
  j["reach_rate"] = best->reach_rate;
  j["runner_up"] = OrNull(best->runner_up);
  j["runner_up_reach_rate"] = OrNull(best->runner_up_reach_rate);
  j["margin_pp"] = OrNull(best->margin_pp);
  j["p_value"] = OrNull(best->p_value);
  j["significant"] = best->significant;
  return j;
}

Json WinToJson(const WinPathsWin& win, double confidence) {
  Json j;
  j["persons"] = win.persons;
  j["reached"] = win.reached;
  j["reach_rate"] = RateOrNull(win.reached, win.persons);
  AddRateInterval(j, "reach_rate", win.reached, win.persons, confidence);
  j["value"] = win.value;
  Json channels = Json::array();
  for (const WinPathsCell& c : win.channels) {
    Json cj;
    cj["channel"] = c.channel;
    cj["persons"] = c.persons;
    cj["reached"] = c.reached;
    cj["reach_rate"] = c.reach_rate;
    AddRateInterval(cj, "reach_rate", c.reached, c.persons, confidence);
    cj["value"] = c.value;
    cj["median_time_to_win_ms"] = OrNull(c.median_time_to_win_ms);
    channels.push_back(std::move(cj));
  }
  j["channels"] = std::move(channels);
  j["best"] = BestToJson(win.best);
  return j;
}

std::string ViewTitle(WinPathsView view) {
  switch (view) {
    case WinPathsView::kFirstTouch: return "First touch";
    case WinPathsView::kLastTouch: return "Last touch";
    case WinPathsView::kAnyTouch: return "Any touch";
  }
  return "";
}

std::string BestNote(const WinPathsWin& win, int64_t min_persons, double significance) {
  if (!win.best) {
    return "Best: none (no channel has " + FormatCount(static_cast<double>(min_persons)) +
           "+ persons)";
  }
  const WinPathsBest& b = *win.best;
  std::string note = "Best: " + b.channel + " " + FormatPercent(b.reach_rate);
  if (!b.runner_up) return note + " (the only channel with enough persons)";
  char p[32];
  std::snprintf(p, sizeof p, "%.3g", *b.p_value);
  note += ", " + FormatFixed(*b.margin_pp, 1) + " pp over " + *b.runner_up + " " +
          FormatPercent(*b.runner_up_reach_rate) + " (p = " + p + ", " +
          (b.significant ? "significant" : "within noise") + " at " + FormatFixed(significance, 2) +
          ")";
  return note;
}

std::string Count(int64_t n, const char* one, const char* many) {
  return FormatCount(static_cast<double>(n)) + " " + (n == 1 ? one : many);
}

std::string MedianText(const std::optional<double>& ms) { return ms ? FormatElapsed(*ms) : "-"; }

// One view x win block. The value column is shown only when the win carries value.
std::string WinTable(WinPathsView view, const WinPathsWin& w, const WinPathsResult& r) {
  bool valued = w.value != 0;
  for (const WinPathsCell& c : w.channels) valued = valued || c.value != 0;
  auto row = [&](std::string channel, int64_t persons, int64_t reached, double rate, double value,
                 std::string median) {
    std::vector<std::string> cells = {std::move(channel), FormatCount(static_cast<double>(persons)),
                                      FormatCount(static_cast<double>(reached)),
                                      FormatPercent(rate)};
    if (valued) cells.push_back(FormatMoney(value));
    cells.push_back(std::move(median));
    return cells;
  };
  TextTable t("\n" + ViewTitle(view) + " -> " + w.win);
  std::vector<std::string> header = {"channel", "persons", "reached", "reach rate"};
  if (valued) header.push_back("value");
  header.push_back("median time to win");
  t.SetHeader(header);
  for (const WinPathsCell& c : w.channels) {
    t.AddRow(row(c.channel, c.persons, c.reached, c.reach_rate, c.value,
                 MedianText(c.median_time_to_win_ms)));
  }
  if (!w.channels.empty()) {
    const double rate =
        w.persons == 0 ? 0.0 : static_cast<double>(w.reached) / static_cast<double>(w.persons);
    t.AddRow(row("(all touched)", w.persons, w.reached, rate, w.value, ""));
    t.AddNote(BestNote(w, r.min_persons, r.significance));
    if (view == WinPathsView::kAnyTouch) {
      t.AddNote("Channels overlap: a person counts for every channel that touched them.");
    }
  }
  return t.Render();
}

}  // namespace

std::string WinPathsToJson(const WinPathsResult& r) {
  Json j;
  j["analysis"] = "win_paths";
  j["window_ms"] = r.window;
  j["window"] = FormatDuration(r.window);
  j["min_persons"] = r.min_persons;
  j["significance"] = r.significance;
  j["confidence"] = r.confidence;
  j["persons"] = r.persons;
  j["touched_persons"] = r.touched_persons;
  j["wins"] = r.wins;
  Json views = Json::object();
  for (const WinPathsViewResult& v : r.views) {
    Json wins = Json::object();
    for (const WinPathsWin& w : v.wins) wins[w.win] = WinToJson(w, r.confidence);
    views[std::string(WinPathsViewName(v.view))] = std::move(wins);
  }
  j["views"] = std::move(views);
  return JsonText(j);
}

std::string WinPathsToTable(const WinPathsResult& r) {
  std::string out = "Win paths: window " + FormatDuration(r.window) + "; " +
                    Count(r.persons, "person", "persons") + ", " +
                    FormatCount(static_cast<double>(r.touched_persons)) + " touched\n";
  for (const WinPathsViewResult& v : r.views) {
    for (const WinPathsWin& w : v.wins) out += WinTable(v.view, w, r);
  }
  return out;
}

}  // namespace winpath
