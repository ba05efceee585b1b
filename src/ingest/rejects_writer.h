// RejectsWriter: the rejects file — NDJSON, one object per rejected message, holding the
// original text so that nothing read is lost (docs/formats/rejects.md):
//   {"file":"events.ndjson","line":17,"code":"bad_timestamp","field":"timestamp",
//    "reason":"line 17: field 'timestamp': expected ...","raw":"{...}"}
// plus "batch_index" for elements of a batch line and "raw_base64" (the exact bytes) when the
// raw text is not valid UTF-8 ("raw" then has U+FFFD for each invalid byte).
//
// Thread-safety: not thread-safe.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "base/status.h"
#include "ingest/reject.h"

namespace winpath {

// `text` as a JSON string literal (with quotes); invalid UTF-8 bytes become U+FFFD.
void AppendJsonString(std::string_view text, std::string* out);
// Standard base64 (RFC 4648, with padding).
std::string Base64Encode(std::string_view bytes);
// One rejects-file line (without the newline).
std::string FormatRejectLine(std::string_view file, const Reject& reject, std::string_view raw);

class RejectsWriter {
 public:
  RejectsWriter() = default;
  ~RejectsWriter();
  RejectsWriter(const RejectsWriter&) = delete;
  RejectsWriter& operator=(const RejectsWriter&) = delete;

  // Creates (truncates) `path`. Returns IoError naming it on failure.
  Status Open(const std::string& path);
  bool is_open() const { return file_ != nullptr; }
  Status Write(std::string_view file, const Reject& reject, std::string_view raw);
  // Flushes, fsyncs and closes. Returns IoError when any earlier write failed.
  Status Close();

 private:
  std::FILE* file_ = nullptr;
  std::string path_;
  std::string line_;
  bool failed_ = false;
};

}  // namespace winpath
