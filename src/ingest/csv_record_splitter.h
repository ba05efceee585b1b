// CsvRecordSplitter: cuts RFC 4180 CSV text into records and unescaped fields — quoted fields,
// doubled quotes ("" inside quotes), CRLF or LF line ends, and line breaks inside quoted
// fields — while keeping physical line numbers right for messages.
//
// Input may arrive in pieces: Next() reports kNeedMore when the record at `pos` is not complete
// in `text` and the text is not the end of the file; call again with more bytes (the unconsumed
// tail first). A quote RFC 4180 does not allow (in the middle of an unquoted field, text after a
// closing quote) makes the record kBadQuote: it ends at the next line break and reading
// resynchronizes there. A quote never closed makes the rest of the file one kBadQuote record.
//
// Thread-safety: not thread-safe; one splitter per file being read.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace winpath {

class CsvRecordSplitter {
 public:
  enum class Outcome { kRecord, kBadQuote, kNeedMore, kEnd };

  // Reads the record starting at text[*pos] and advances *pos past it and its line end.
  // `eof`: `text` ends where the file ends. On kNeedMore and kEnd *pos is unchanged.
  Outcome Next(std::string_view text, size_t* pos, bool eof);

  // Of the last record (kRecord or kBadQuote): its 1-based first line, its bytes without the
  // line end, its unescaped fields (kRecord only) and, for kBadQuote, what was wrong.
  uint64_t line() const { return line_; }
  std::string_view raw() const { return raw_; }
  const std::vector<std::string_view>& fields() const { return fields_; }
  const std::string& error() const { return error_; }

 private:
  Outcome Fail(std::string_view text, size_t start, size_t at, size_t* pos, uint64_t lines,
               std::string error);

  uint64_t next_line_ = 1;
  uint64_t line_ = 0;
  std::string_view raw_;
  std::string buffer_;  // unescaped field bytes
  std::vector<std::pair<size_t, size_t>> spans_;
  std::vector<std::string_view> fields_;
  std::string error_;
};

}  // namespace winpath
