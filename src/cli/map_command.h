// `winpath map check FILE...`: validates journey maps and prints every problem as
// file:line:column: error|warning: message. Exit 0 when all maps are valid, 3 otherwise.
#pragma once

#include <string>
#include <vector>

namespace winpath::cli {

int RunMapCheck(const std::vector<std::string>& files, bool quiet);

}  // namespace winpath::cli
