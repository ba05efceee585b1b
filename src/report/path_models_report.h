// Renders the path-based models run over events (query/path_models_query.h): JSON
// (docs/api.md#markov, docs/api.md#shapley) with, per win, the journey counts and the model's
// own result (MarkovToJson / ShapleyToJson) or why it was skipped; and one terminal table per
// win.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "query/path_models_query.h"

namespace winpath {

std::string PathModelsToJson(const PathModelsResult& result);
std::string PathModelsToTable(const PathModelsResult& result);

}  // namespace winpath
