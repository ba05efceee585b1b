#include "cli/attribute_command.h"

#include <cstdio>

#include "analysis/markov_attribution.h"
#include "analysis/shapley_attribution.h"
#include "cli/analysis_sections.h"
#include "cli/exit_code.h"
#include "ingest/path_table_csv.h"
#include "report/markov_report.h"
#include "report/shapley_report.h"

namespace winpath::cli {

int RunAttribute(const AttributeOptions& o) {
  bool markov = false, shapley = false;
  for (const std::string& m : SplitCommaList(o.models)) {
    if (m == "markov") {
      markov = true;
    } else if (m == "shapley") {
      shapley = true;
    } else {
      return ReportError(Status::InvalidArgument("--models: unknown model '" + m +
                                                 "'; expected markov, shapley or both"));
    }
  }
  if (!markov && !shapley) {
    return ReportError(Status::InvalidArgument("--models: name markov, shapley or both"));
  }
  auto method = ParseShapleyMethod(o.method);
  if (!method) {
    return ReportError(Status::InvalidArgument("--method: unknown method '" + o.method +
                                               "'; expected closed_form or enumeration"));
  }
  PathTableCsvOptions csv{o.path_column, o.conversions_column, o.value_column, o.nulls_column,
                          o.separator};
  auto table = ReadPathTableCsv(o.journeys, csv);
  if (!table.ok()) return ReportError(table.status());
  std::string json = "{\"analysis\":\"path_attribution\"", text;
  if (markov) {
    MarkovConfig config;
    config.order = o.order;
    config.collapse_repeats = !o.keep_repeats;
    auto r = RunMarkovAttribution(*table, config);
    if (!r.ok()) return ReportError(r.status().WithPrefix("markov"));
    json += ",\"markov\":" + MarkovToJson(*r);
    text += MarkovToTable(*r) + "\n";
  }
  if (shapley) {
    auto r = ComputeShapley(*table, *method);
    if (!r.ok()) return ReportError(r.status().WithPrefix("shapley"));
    json += ",\"shapley\":" + ShapleyToJson(*r);
    text += ShapleyToTable(*r, "Shapley attribution: " + o.journeys) + "\n";
  }
  const std::string& out = o.format == "json" ? json + "}\n" : text;
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace winpath::cli
