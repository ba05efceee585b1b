// ChunkedFileReader: reads a file in large pieces for parsers that consume whole records —
// the caller looks at the unconsumed bytes (Fill), consumes the complete records, and the
// incomplete tail is carried into the next Fill. Memory stays bounded by the block size (or
// by the longest record, for which the buffer grows).
//
// Every view returned by Fill is followed by at least kNdjsonPadding readable bytes, so
// simdjson can parse lines in place.
//
// Double-buffered: each Fill moves the unconsumed tail into the other of two buffers and reads
// after it, so a view stays valid, unchanged, until the second Fill after the one that returned
// it. The importer parses a block on worker threads while this thread reads the next one.
//
// Thread-safety: not thread-safe (one thread calls Fill and Consume), but other threads may read
// a view while Fill reads the next one.
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
  // Marks the first `n` bytes of the last Fill's view as consumed (the view stays valid, as
  // above). REQUIRES: n <= its size.
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
  std::unique_ptr<char[]> buffers_[2];
  size_t allocated_[2] = {0, 0};  // usable bytes of each buffer, padding excluded
  int cur_ = 0;                   // the buffer of the last Fill's view
  size_t capacity_ = 0;           // bytes a Fill fills a buffer to (grows for long records)
  size_t begin_ = 0, end_ = 0;    // unconsumed bytes are buffers_[cur_][begin_, end_)
  bool eof_ = false;
  bool consumed_since_fill_ = true;
};

}  // namespace winpath
