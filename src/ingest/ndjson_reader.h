// NdjsonReader: parses NDJSON lines of Segment-shaped tracking messages into RawEvents
// (docs/import.md#ndjson describes every field it reads).
//
// One line is one message, or a Segment batch object {"batch": [message, ...]} whose elements
// share the line number; an empty batch ({"batch": []}) is one reject (empty_batch), and a
// batch that is not an array one reject (wrong_field_type, field `batch`). Blank lines yield
// nothing. A line that is not valid UTF-8, not JSON,
// not an object, or whose known fields have the wrong type or an unreadable timestamp becomes
// a Reject naming the field and what was expected. Semantic checks (ids present, plausible
// time, ...) are the validator's (message_validator.h), not the reader's.
//
// Thread-safety: not thread-safe; use one reader per thread (it owns a reusable JSON parser
// and RawEvent, so steady-state parsing does not allocate per line).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/message_sink.h"

namespace winpath {

// Bytes that must be readable (any value) after the end of a line given to ReadPaddedLine.
inline constexpr size_t kNdjsonPadding = 64;

class NdjsonReader {
 public:
  NdjsonReader();
  ~NdjsonReader();
  NdjsonReader(const NdjsonReader&) = delete;
  NdjsonReader& operator=(const NdjsonReader&) = delete;

  // Parses one line (without its '\n'; a trailing '\r' is ignored) and delivers its messages
  // to `sink`. Returns the number of messages delivered (0 for a blank line).
  // REQUIRES: kNdjsonPadding bytes after line.data() + line.size() are readable.
  size_t ReadPaddedLine(std::string_view line, uint64_t line_number, MessageSink& sink);

  // Same for a line without padding (copies it first).
  size_t ReadLine(std::string_view line, uint64_t line_number, MessageSink& sink);

  // Restricts RawEvent::properties to these keys (the importer passes the properties its
  // journey map reads: nothing else can reach the event table, and copying the others is a
  // large part of the parse cost). nullopt (the default) keeps every property.
  void KeepOnlyProperties(std::optional<std::vector<std::string>> keys);

  // Splits `text` at '\n' and reads every line; the first line is number `first_line`.
  // Returns the number of messages delivered.
  size_t ReadText(std::string_view text, MessageSink& sink, uint64_t first_line = 1);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace winpath
