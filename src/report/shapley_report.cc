#include "report/shapley_report.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "report/json_text.h"
#include "report/text_table.h"

namespace winpath {
namespace {

using Json = nlohmann::ordered_json;

double Share(double part, int64_t whole) {
  return whole == 0 ? 0.0 : part / static_cast<double>(whole);
}

// Conversions credited at position p (0-based) of the table; the last column sums the rest.
double PositionColumn(const ShapleyCredit& c, size_t column, size_t columns) {
  double sum = 0;
  for (size_t p = column; p < c.conversions_by_position.size(); ++p) {
    sum += c.conversions_by_position[p];
    if (column + 1 < columns) break;
  }
  return sum;
}

}  // namespace

std::string ShapleyToJson(const ShapleyResult& r) {
  Json j;
  j["analysis"] = "shapley";
  j["method"] = std::string(ShapleyMethodName(r.method));
  j["paths"] = r.paths;
  j["conversions"] = r.conversions;
  j["value"] = r.value;
  j["nulls"] = r.nulls;
  j["players"] = r.players;
  j["max_position"] = r.max_position;
  Json channels = Json::array();
  for (const ShapleyCredit& c : r.channels) {
    channels.push_back({{"channel", c.channel},
                        {"conversions", c.conversions},
                        {"share", Share(c.conversions, r.conversions)},
                        {"value", c.value},
                        {"conversions_by_position", c.conversions_by_position},
                        {"value_by_position", c.value_by_position}});
  }
  j["channels"] = std::move(channels);
  return JsonText(j);
}

std::string ShapleyToTable(const ShapleyResult& r, const std::string& title) {
  std::string head = title.empty() ? "" : title + ": ";
  head += "Shapley value (" + std::string(ShapleyMethodName(r.method)) + "), " +
          FormatCount(static_cast<double>(r.conversions)) +
          (r.conversions == 1 ? " conversion" : " conversions") + " on " +
          FormatCount(static_cast<double>(r.paths)) + " paths";
  TextTable t(head);
  const size_t columns = std::min(static_cast<size_t>(r.max_position), kShapleyTablePositions);
  std::vector<std::string> header = {"channel", "conversions", "share", "value"};
  for (size_t p = 0; p < columns; ++p) {
    header.push_back(p + 1 == columns && r.max_position > static_cast<int64_t>(columns)
                         ? "pos " + std::to_string(p + 1) + "+"
                         : "pos " + std::to_string(p + 1));
  }
  t.SetHeader(header);
  std::vector<const ShapleyCredit*> rows;
  for (const ShapleyCredit& c : r.channels) rows.push_back(&c);
  std::stable_sort(rows.begin(), rows.end(), [](const ShapleyCredit* a, const ShapleyCredit* b) {
    return a->conversions > b->conversions;
  });
  double value = 0;
  for (const ShapleyCredit* c : rows) {
    std::vector<std::string> row = {c->channel, FormatFixed(c->conversions, 2),
                                    FormatPercent(Share(c->conversions, r.conversions)),
                                    FormatMoney(c->value)};
    for (size_t p = 0; p < columns; ++p)
      row.push_back(FormatFixed(PositionColumn(*c, p, columns), 2));
    t.AddRow(std::move(row));
    value += c->value;
  }
  if (!rows.empty()) {
    std::vector<std::string> total = {"total", FormatFixed(static_cast<double>(r.conversions), 2),
                                      FormatPercent(r.conversions == 0 ? 0.0 : 1.0),
                                      FormatMoney(r.value)};
    total.resize(header.size(), "");
    t.AddRow(std::move(total));
  }
  t.AddNote("pos N: credit earned where the channel was the N-th distinct channel of the journey");
  if (r.nulls > 0) {
    t.AddNote(FormatCount(static_cast<double>(r.nulls)) +
              " journeys without a conversion add nothing to any coalition");
  }
  return t.Render();
}

}  // namespace winpath
