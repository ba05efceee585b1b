// RejectsWriter: the rejects file — NDJSON, one object per rejected message, holding the
// original text so that nothing read is lost (docs/formats/rejects.md):
//   {"file":"events.ndjson","line":17,"code":"bad_timestamp","field":"timestamp",
//    "reason":"line 17: field 'timestamp': expected ...","raw":"{...}"}
// plus "batch_index" for elements of a batch line and "raw_base64" (the exact bytes) when the
// raw text is not valid UTF-8 ("raw" then has U+FFFD for each invalid byte).
//
// Thread-safety: not thread-safe.
#pragma once

#include <cstdint>
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

// Writes the rejects file without ever destroying data before there is something to write:
// nothing is created until the first reject; the lines go to "<path>.tmp", which Commit()
// fsyncs and renames onto `path`. So an import without rejects leaves `path` as it was (absent,
// or a previous run's file), and an import that fails or is abandoned before Commit() removes
// its temporary file and leaves `path` as it was too. A `path` that exists and is not a
// regular file (a pipe, /dev/stdout) is written directly: it cannot be replaced by a rename.
class RejectsWriter {
 public:
  RejectsWriter() = default;
  // Removes the temporary file unless Commit() succeeded.
  ~RejectsWriter();
  RejectsWriter(const RejectsWriter&) = delete;
  RejectsWriter& operator=(const RejectsWriter&) = delete;

  // Where rejects go; empty = nowhere (Write does nothing). Creates nothing.
  void set_path(const std::string& path) { path_ = path; }
  const std::string& path() const { return path_; }
  // The file being written ("<path>.tmp", or `path` when it is not a regular file).
  static std::string TemporaryPath(const std::string& path) { return path + ".tmp"; }
  uint64_t lines() const { return lines_; }

  // Appends one line, creating the temporary file on the first call. Returns IoError naming
  // the file when it cannot be created or written (and for every later call).
  Status Write(std::string_view file, const Reject& reject, std::string_view raw);
  // When anything was written: flushes, fsyncs, closes and renames the temporary file onto
  // `path` (then fsyncs the directory). Without rejects it does nothing. Returns IoError when
  // a write failed (the temporary file is removed) or the rename failed (the temporary file is
  // kept, and named in the message).
  Status Commit();

 private:
  Status OpenNow();
  void Discard();

  std::FILE* file_ = nullptr;
  std::string path_;
  std::string open_path_;  // what file_ writes: TemporaryPath(path_) or path_
  bool direct_ = false;    // file_ writes path_ itself (not a regular file)
  std::string line_;
  uint64_t lines_ = 0;
  bool failed_ = false;
};

}  // namespace winpath
