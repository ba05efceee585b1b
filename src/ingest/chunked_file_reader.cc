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
  buffer_ = std::make_unique_for_overwrite<char[]>(capacity_ + kNdjsonPadding);
  return Status::OK();
}

Result<std::string_view> ChunkedFileReader::Fill() {
  if (begin_ > 0) {
    std::memmove(buffer_.get(), buffer_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (!consumed_since_fill_ && !eof_ && end_ == capacity_) {
    // The caller could not consume anything: one record is longer than the buffer.
    size_t capacity = capacity_ * 2;
    auto bigger = std::make_unique_for_overwrite<char[]>(capacity + kNdjsonPadding);
    std::memcpy(bigger.get(), buffer_.get(), end_);
    buffer_ = std::move(bigger);
    capacity_ = capacity;
  }
  while (!eof_ && end_ < capacity_) {
    ssize_t n = ::read(fd_, buffer_.get() + end_, capacity_ - end_);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IoError("cannot read '" + path_ + "': " + std::strerror(errno));
    }
    if (n == 0) eof_ = true;
    end_ += static_cast<size_t>(n);
  }
  std::memset(buffer_.get() + end_, ' ', kNdjsonPadding);
  consumed_since_fill_ = false;
  return std::string_view(buffer_.get() + begin_, end_ - begin_);
}

void ChunkedFileReader::Consume(size_t n) {
  begin_ += n;
  consumed_total_ += n;
  if (n > 0) consumed_since_fill_ = true;
}

}  // namespace winpath
