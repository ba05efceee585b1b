// Renders transition-level attribution (docs/analyses/step-attribution.md): JSON
// (docs/api.md#transitions) and a terminal table per transition.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "analysis/step_attribution.h"

namespace winpath {

std::string StepAttributionToJson(const StepAttributionResult& result);
std::string StepAttributionToTable(const StepAttributionResult& result);

}  // namespace winpath
