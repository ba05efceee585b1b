#include "ingest/chunked_file_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "ingest/ndjson_reader.h"

namespace winpath {

ChunkedFileReader::~ChunkedFileReader() {
  if (fd_ >= 0) ::close(fd_);
}

Status ChunkedFileReader::Open(const std::string& path, size_t block_bytes) {
  path_ = path;
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) return Status::IoError("cannot open '" + path + "': " + std::strerror(errno));
  struct stat st;
  if (::fstat(fd_, &st) != 0)
    return Status::IoError("cannot stat '" + path + "': " + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) return Status::IoError("'" + path + "' is a directory, not a file");
  file_size_ = static_cast<uint64_t>(st.st_size);
  block_bytes_ = block_bytes < 16 ? 16 : block_bytes;
  capacity_ = block_bytes_;
  return Status::OK();
}

Result<std::string_view> ChunkedFileReader::Fill() {
  const size_t tail = end_ - begin_;
  if (!consumed_since_fill_ && !eof_ && tail == capacity_) {
    // The caller could not consume anything: one record is longer than the buffer.
    capacity_ *= 2;
  }
  // The other buffer held the view of the Fill before last, which is no longer valid.
  const int next = 1 - cur_;
  if (allocated_[next] < capacity_) {
    buffers_[next] = std::make_unique_for_overwrite<char[]>(capacity_ + kNdjsonPadding);
    allocated_[next] = capacity_;
  }
  char* buffer = buffers_[next].get();
  if (tail > 0) std::memcpy(buffer, buffers_[cur_].get() + begin_, tail);
  cur_ = next;
  begin_ = 0;
  end_ = tail;
  while (!eof_ && end_ < capacity_) {
    ssize_t n = ::read(fd_, buffer + end_, capacity_ - end_);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IoError("cannot read '" + path_ + "': " + std::strerror(errno));
    }
    if (n == 0) eof_ = true;
    end_ += static_cast<size_t>(n);
  }
  std::memset(buffer + end_, ' ', kNdjsonPadding);
  consumed_since_fill_ = false;
  return std::string_view(buffer, end_);
}

void ChunkedFileReader::Consume(size_t n) {
  begin_ += n;
  consumed_total_ += n;
  if (n > 0) consumed_since_fill_ = true;
}

}  // namespace winpath
