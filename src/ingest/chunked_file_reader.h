// ChunkedFileReader: reads a file in large pieces for parsers that consume whole records —
// the caller looks at the unconsumed bytes (Fill), consumes the complete records, and the
// incomplete tail is carried into the next Fill. Memory stays bounded by the block size (or
// by the longest record, for which the buffer grows).
//
// Every view returned by Fill is followed by at least kNdjsonPadding readable bytes, so
// simdjson can parse lines in place.
//
// Thread-safety: not thread-safe; views are valid until the next Fill or Consume.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"

namespace winpath {

class ChunkedFileReader {
 public:
  ChunkedFileReader() = default;
  ~ChunkedFileReader();
  ChunkedFileReader(const ChunkedFileReader&) = delete;
  ChunkedFileReader& operator=(const ChunkedFileReader&) = delete;

  // Opens `path`. Returns IoError naming the path when it cannot be opened or is a directory.
  Status Open(const std::string& path, size_t block_bytes);

  // The unconsumed bytes plus up to about block_bytes newly read. When the caller consumed
  // nothing since the last Fill and the file has more, the view grows (the tail is a record
  // longer than the buffer). Returns IoError on a failed read.
  Result<std::string_view> Fill();
  // Marks the first `n` bytes of the last Fill's view as consumed. REQUIRES: n <= its size.
  void Consume(size_t n);
  // True when the last Fill's view reaches the end of the file.
  bool eof() const { return eof_; }

  uint64_t file_size() const { return file_size_; }
  uint64_t bytes_consumed() const { return consumed_total_; }
  const std::string& path() const { return path_; }

 private:
  int fd_ = -1;
  std::string path_;
  uint64_t file_size_ = 0;
  uint64_t consumed_total_ = 0;
  size_t block_bytes_ = 0;
  std::unique_ptr<char[]> buffer_;
  size_t capacity_ = 0;         // usable bytes, padding excluded
  size_t begin_ = 0, end_ = 0;  // unconsumed bytes are buffer_[begin_, end_)
  bool eof_ = false;
  bool consumed_since_fill_ = true;
};

}  // namespace winpath
