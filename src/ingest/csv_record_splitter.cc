#include "ingest/csv_record_splitter.h"

namespace winpath {

CsvRecordSplitter::Outcome CsvRecordSplitter::Fail(std::string_view text, size_t start, size_t at,
                                                   size_t* pos, uint64_t lines, std::string error) {
  size_t nl = text.find('\n', at);
  size_t next = text.size();
  if (nl != std::string_view::npos) {
    next = nl + 1;
    ++lines;
  } else if (at < text.size()) {
    // The record's line has not fully arrived; resynchronize only on a whole line.
    return Outcome::kNeedMore;
  }
  size_t end = nl == std::string_view::npos ? text.size() : nl;
  if (end > start && text[end - 1] == '\r') --end;
  raw_ = text.substr(start, end - start);
  line_ = next_line_;
  next_line_ += lines;
  fields_.clear();
  error_ = std::move(error);
  *pos = next;
  return Outcome::kBadQuote;
}

// One state machine over the bytes of a record (in or out of quotes, after a closing quote);
// kept in one function because the states share the loop position and the field buffer.
CsvRecordSplitter::Outcome CsvRecordSplitter::Next(std::string_view text, size_t* pos, bool eof) {
  const size_t start = *pos;
  if (start >= text.size()) return eof ? Outcome::kEnd : Outcome::kNeedMore;
  buffer_.clear();
  spans_.clear();
  size_t i = start, field_begin = 0, end = 0, next = 0;
  uint64_t lines = 0;
  bool in_quotes = false, closed_quote = false;
  while (true) {
    if (i >= text.size()) {
      if (!eof) return Outcome::kNeedMore;
      if (in_quotes) return Fail(text, start, i, pos, lines, "quoted field is never closed");
      end = next = i;
      break;
    }
    char c = text[i];
    if (in_quotes) {
      if (c != '"') {
        lines += c == '\n';
        buffer_ += c;
        ++i;
        continue;
      }
      if (i + 1 >= text.size() && !eof) return Outcome::kNeedMore;
      if (i + 1 < text.size() && text[i + 1] == '"') {
        buffer_ += '"';
        i += 2;
      } else {
        in_quotes = false;
        closed_quote = true;
        ++i;
      }
      continue;
    }
    if (c == ',') {
      spans_.emplace_back(field_begin, buffer_.size());
      field_begin = buffer_.size();
      closed_quote = false;
      ++i;
      continue;
    }
    if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 >= text.size() && !eof) return Outcome::kNeedMore;
      end = i;
      next = (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ? i + 2 : i + 1;
      ++lines;
      break;
    }
    if (c == '"' && buffer_.size() == field_begin && !closed_quote &&
        (i == start || text[i - 1] == ',')) {
      in_quotes = true;
      ++i;
      continue;
    }
    if (c == '"') {
      return Fail(text, start, i, pos, lines,
                  "a quote inside an unquoted field (quote the whole field and double the "
                  "quotes inside it)");
    }
    if (closed_quote) return Fail(text, start, i, pos, lines, "text after a closing quote");
    buffer_ += c;
    ++i;
  }
  spans_.emplace_back(field_begin, buffer_.size());
  fields_.clear();
  for (const auto& [b, e] : spans_) fields_.emplace_back(buffer_.data() + b, e - b);
  raw_ = text.substr(start, end - start);
  line_ = next_line_;
  next_line_ += lines;
  error_.clear();
  *pos = next;
  return Outcome::kRecord;
}

}  // namespace winpath
