// `winpath attribute`: the path-based attribution models (Markov chain, Shapley value) on an
// aggregated journey table in ChannelAttribution's shape (path "a > b > c",
// total_conversions, total_conversion_value, total_null) instead of events. Flags and output:
// docs/cli.md#winpath-attribute; JSON shapes: docs/api.md#markovresult, docs/api.md#shapleyresult.
#pragma once

#include <string>

namespace winpath::cli {

struct AttributeOptions {
  std::string journeys;  // CSV file
  std::string models = "markov,shapley";
  int order = 1;
  bool keep_repeats = false;
  std::string method = "closed_form";  // Shapley: closed_form | enumeration
  std::string format = "table";        // table | json
  // Column names and path separator of the CSV file.
  std::string path_column = "path";
  std::string conversions_column = "total_conversions";
  std::string value_column = "total_conversion_value";
  std::string nulls_column = "total_null";
  std::string separator = " > ";
};

// Returns the exit code (cli/exit_code.h).
int RunAttribute(const AttributeOptions& options);

}  // namespace winpath::cli
