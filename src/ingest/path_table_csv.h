// Reading a PathTable from CSV in ChannelAttribution's shape (docs/analyses/markov.md#input):
//
//   path,total_conversions,total_conversion_value,total_null
//   search > email,3,30.5,2
//
// The header names the columns (matched case-insensitively after trimming; names configurable).
// The path and conversions columns are required; the value and null columns are optional (0
// when the header lacks them). A path is channel names joined by the separator (default " > ";
// the separator is matched without its surrounding spaces and each name is trimmed, so "a>b"
// and "a > b" read alike). Counts are whole numbers >= 0 ("3" or "3.0"), the value a finite
// number; a path with no conversions must have value 0. The same path on several rows is summed.
// Channel names are interned in order of first appearance; paths are sorted by their channel
// indexes. Blank lines are skipped.
//
// Every error is InvalidArgument naming "file:line:field" and what was expected (IoError for an
// unreadable file).
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "model/path_table.h"

namespace winpath {

struct PathTableCsvOptions {
  std::string path_column = "path";
  std::string conversions_column = "total_conversions";
  std::string value_column = "total_conversion_value";  // optional column
  std::string nulls_column = "total_null";              // optional column
  std::string separator = " > ";                        // REQUIRES: not empty
};

// Parses CSV `text`; `file_name` only labels messages.
Result<PathTable> ParsePathTableCsv(std::string_view text, const std::string& file_name,
                                    const PathTableCsvOptions& options = {});

// Reads and parses the file at `path`.
Result<PathTable> ReadPathTableCsv(const std::string& path,
                                   const PathTableCsvOptions& options = {});

}  // namespace winpath
