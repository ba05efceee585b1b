#include "ingest/import_options.h"

namespace winpath {

Result<ImportFormat> ParseImportFormat(std::string_view text) {
  if (text == "auto") return ImportFormat::kAuto;
  if (text == "ndjson" || text == "jsonl" || text == "json") return ImportFormat::kNdjson;
  if (text == "csv") return ImportFormat::kCsv;
  return Status::InvalidArgument("unknown import format '" + std::string(text) +
                                 "'; expected auto, ndjson or csv");
}

}  // namespace winpath
