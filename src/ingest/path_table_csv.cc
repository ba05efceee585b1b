#include "ingest/path_table_csv.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <unordered_map>

#include "ingest/csv_record_splitter.h"
#include "ingest/whole_file.h"

namespace winpath {
namespace {

std::string_view Trim(std::string_view s) {
  const char* kSpace = " \t\r\n";
  size_t b = s.find_first_not_of(kSpace);
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(kSpace) - b + 1);
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

struct Columns {
  int path = -1, conversions = -1, value = -1, nulls = -1;
  size_t count = 0;
};

class Parser {
 public:
  Parser(const std::string& file, const PathTableCsvOptions& options)
      : file_(file), options_(options) {
    separator_ = std::string(Trim(options.separator));
    if (separator_.empty()) separator_ = options.separator;  // e.g. a tab or a space
  }

  Result<PathTable> Parse(std::string_view text);

 private:
  Status Error(uint64_t line, std::string_view field, const std::string& what) const {
    return Status::InvalidArgument(file_ + ":" + std::to_string(line) + ":" + std::string(field) +
                                   ": " + what);
  }
  Status ReadHeader(const CsvRecordSplitter& s);
  Status ReadRow(const CsvRecordSplitter& s);
  Result<int64_t> Count(const CsvRecordSplitter& s, int column, const std::string& name) const;
  Status SplitPath(const CsvRecordSplitter& s, std::string_view text, std::vector<uint16_t>* out);

  const std::string& file_;
  const PathTableCsvOptions& options_;
  std::string separator_;
  Columns columns_;
  bool have_header_ = false;
  std::unordered_map<std::string, uint16_t> channel_ids_;
  std::map<std::vector<uint16_t>, JourneyPath> paths_;
  PathTable table_;
};

Status Parser::ReadHeader(const CsvRecordSplitter& s) {
  const auto& fields = s.fields();
  columns_.count = fields.size();
  for (size_t i = 0; i < fields.size(); ++i) {
    std::string_view name = Trim(fields[i]);
    if (EqualsIgnoreCase(name, options_.path_column)) columns_.path = static_cast<int>(i);
    if (EqualsIgnoreCase(name, options_.conversions_column))
      columns_.conversions = static_cast<int>(i);
    if (EqualsIgnoreCase(name, options_.value_column)) columns_.value = static_cast<int>(i);
    if (EqualsIgnoreCase(name, options_.nulls_column)) columns_.nulls = static_cast<int>(i);
  }
  if (columns_.path < 0 || columns_.conversions < 0) {
    return Error(s.line(), "header",
                 "expected columns '" + options_.path_column + "' and '" +
                     options_.conversions_column + "' (optional: '" + options_.value_column +
                     "', '" + options_.nulls_column + "')");
  }
  have_header_ = true;
  return Status::OK();
}

Result<int64_t> Parser::Count(const CsvRecordSplitter& s, int column,
                              const std::string& name) const {
  if (column < 0) return int64_t{0};
  std::string_view text = Trim(s.fields()[column]);
  int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size()) {
    // "3.0" is a whole number too (spreadsheets write counts so).
    double d = 0;
    auto [dend, dec] = std::from_chars(text.data(), text.data() + text.size(), d);
    if (dec != std::errc() || dend != text.data() + text.size() || d != std::floor(d) ||
        std::fabs(d) > 9.2e18) {
      return Error(s.line(), name, "expected a whole number >= 0, got '" + std::string(text) + "'");
    }
    n = static_cast<int64_t>(d);
  }
  if (n < 0)
    return Error(s.line(), name, "negative count " + std::string(text) + "; expected >= 0");
  return n;
}

Status Parser::SplitPath(const CsvRecordSplitter& s, std::string_view text,
                         std::vector<uint16_t>* out) {
  const std::string& field = options_.path_column;
  if (Trim(text).empty()) return Error(s.line(), field, "empty path; expected 'a > b > c'");
  for (size_t start = 0;;) {
    size_t at = text.find(separator_, start);
    std::string_view name =
        Trim(text.substr(start, at == std::string_view::npos ? at : at - start));
    if (name.empty()) {
      return Error(s.line(), field,
                   "empty channel name in '" + std::string(text) +
                       "'; expected names separated by '" + separator_ + "'");
    }
    auto [it, inserted] = channel_ids_.emplace(std::string(name), table_.channel_names.size());
    if (inserted) {
      if (table_.channel_names.size() >= 65535) {
        return Error(s.line(), field, "more than 65,535 channels; expected fewer");
      }
      table_.channel_names.emplace_back(name);
    }
    out->push_back(it->second);
    if (at == std::string_view::npos) return Status::OK();
    start = at + separator_.size();
  }
}

Status Parser::ReadRow(const CsvRecordSplitter& s) {
  if (s.fields().size() != columns_.count) {
    return Error(s.line(), "row",
                 "expected " + std::to_string(columns_.count) + " fields, got " +
                     std::to_string(s.fields().size()));
  }
  std::vector<uint16_t> channels;
  WINPATH_RETURN_IF_ERROR(SplitPath(s, s.fields()[columns_.path], &channels));
  WINPATH_ASSIGN_OR_RETURN(int64_t conversions,
                           Count(s, columns_.conversions, options_.conversions_column));
  WINPATH_ASSIGN_OR_RETURN(int64_t nulls, Count(s, columns_.nulls, options_.nulls_column));
  double value = 0;
  if (columns_.value >= 0) {
    std::string_view text = Trim(s.fields()[columns_.value]);
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
      return Error(s.line(), options_.value_column,
                   "expected a number, got '" + std::string(text) + "'");
    }
    if (conversions == 0 && value != 0) {
      return Error(
          s.line(), options_.value_column,
          "value without conversions; expected 0 when " + options_.conversions_column + " is 0");
    }
  }
  JourneyPath& p = paths_[channels];
  p.channels = std::move(channels);
  if (__builtin_add_overflow(p.conversions, conversions, &p.conversions) ||
      __builtin_add_overflow(p.nulls, nulls, &p.nulls)) {
    return Error(s.line(), "row", "counts of this path overflow a 64-bit integer");
  }
  p.value += value;
  return Status::OK();
}

Result<PathTable> Parser::Parse(std::string_view text) {
  CsvRecordSplitter splitter;
  size_t pos = 0;
  for (;;) {
    CsvRecordSplitter::Outcome out = splitter.Next(text, &pos, /*eof=*/true);
    if (out == CsvRecordSplitter::Outcome::kEnd || out == CsvRecordSplitter::Outcome::kNeedMore) {
      break;
    }
    if (out == CsvRecordSplitter::Outcome::kBadQuote) {
      return Error(splitter.line(), "row", "malformed CSV: " + splitter.error());
    }
    if (Trim(splitter.raw()).empty()) continue;
    WINPATH_RETURN_IF_ERROR(have_header_ ? ReadRow(splitter) : ReadHeader(splitter));
  }
  if (!have_header_) {
    return Error(1, "header",
                 "empty file; expected a header with '" + options_.path_column + "' and '" +
                     options_.conversions_column + "'");
  }
  for (auto& [unused, p] : paths_) table_.paths.push_back(std::move(p));
  WINPATH_RETURN_IF_ERROR(ValidatePathTable(table_).WithPrefix(file_));
  return std::move(table_);
}

}  // namespace

Result<PathTable> ParsePathTableCsv(std::string_view text, const std::string& file_name,
                                    const PathTableCsvOptions& options) {
  return Parser(file_name, options).Parse(text);
}

Result<PathTable> ReadPathTableCsv(const std::string& path, const PathTableCsvOptions& options) {
  WINPATH_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(path));
  return ParsePathTableCsv(text, path, options);
}

}  // namespace winpath
