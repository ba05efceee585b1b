#include "ingest/rejects_writer.h"

#include <fcntl.h>
#include <simdjson.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace winpath {
namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 when the byte there starts none.
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (n == 0 || c > 0xF4 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  unsigned char c1 = byte(i + 1);
  if (c == 0xE0 && c1 < 0xA0) return 0;  // overlong
  if (c == 0xED && c1 > 0x9F) return 0;  // surrogates
  if (c == 0xF0 && c1 < 0x90) return 0;  // overlong
  if (c == 0xF4 && c1 > 0x8F) return 0;  // > U+10FFFF
  return n;
}

}  // namespace

void AppendJsonString(std::string_view text, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  const bool valid = simdjson::validate_utf8(text.data(), text.size());
  *out += '"';
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      size_t n = valid ? 0 : Utf8SequenceLength(text, i);
      if (!valid && n == 0) {
        *out += "\xEF\xBF\xBD";  // U+FFFD
        ++i;
        continue;
      }
      n = valid ? 1 : n;
      out->append(text.data() + i, n);
      i += n;
      continue;
    }
    if (c == '"' || c == '\\') {
      *out += '\\';
      *out += static_cast<char>(c);
    } else if (c == '\n') {
      *out += "\\n";
    } else if (c == '\r') {
      *out += "\\r";
    } else if (c == '\t') {
      *out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      *out += "\\u00";
      *out += kHex[c >> 4];
      *out += kHex[c & 15];
    } else {
      *out += static_cast<char>(c);
    }
    ++i;
  }
  *out += '"';
}

std::string Base64Encode(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t v = static_cast<unsigned char>(bytes[i]) << 16 |
                 static_cast<unsigned char>(bytes[i + 1]) << 8 |
                 static_cast<unsigned char>(bytes[i + 2]);
    for (int k = 18; k >= 0; k -= 6) out += kAlphabet[(v >> k) & 63];
  }
  if (i < bytes.size()) {
    uint32_t v = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string FormatRejectLine(std::string_view file, const Reject& reject, std::string_view raw) {
  std::string out = "{\"file\":";
  AppendJsonString(file, &out);
  out += ",\"line\":" + std::to_string(reject.line);
  if (reject.batch_index >= 0) out += ",\"batch_index\":" + std::to_string(reject.batch_index);
  out += ",\"code\":\"";
  out += RejectReasonName(reject.reason);
  out += "\",\"field\":";
  AppendJsonString(reject.field, &out);
  out += ",\"reason\":";
  AppendJsonString(reject.ToString(), &out);
  out += ",\"raw\":";
  AppendJsonString(raw, &out);
  if (!simdjson::validate_utf8(raw.data(), raw.size())) {
    out += ",\"raw_base64\":\"" + Base64Encode(raw) + "\"";
  }
  out += '}';
  return out;
}

RejectsWriter::~RejectsWriter() { Discard(); }

void RejectsWriter::Discard() {
  if (file_ == nullptr) return;
  std::fclose(file_);
  file_ = nullptr;
  if (!direct_) ::unlink(open_path_.c_str());
}

Status RejectsWriter::OpenNow() {
  std::error_code ec;
  const auto st = std::filesystem::status(path_, ec);
  direct_ = std::filesystem::exists(st) && !std::filesystem::is_regular_file(st) &&
            !std::filesystem::is_directory(st);
  open_path_ = direct_ ? path_ : TemporaryPath(path_);
  file_ = std::fopen(open_path_.c_str(), "wb");
  if (file_ == nullptr) {
    failed_ = true;
    return Status::IoError("cannot create rejects file '" + open_path_ +
                           "': " + std::strerror(errno));
  }
  return Status::OK();
}

Status RejectsWriter::Write(std::string_view file, const Reject& reject, std::string_view raw) {
  if (path_.empty()) return Status::OK();
  if (file_ == nullptr && !failed_) WINPATH_RETURN_IF_ERROR(OpenNow());
  if (failed_) return Status::IoError("cannot write rejects file '" + open_path_ + "'");
  line_ = FormatRejectLine(file, reject, raw);
  line_ += '\n';
  if (std::fwrite(line_.data(), 1, line_.size(), file_) != line_.size()) failed_ = true;
  if (failed_) return Status::IoError("cannot write rejects file '" + open_path_ + "'");
  ++lines_;
  return Status::OK();
}

Status RejectsWriter::Commit() {
  if (failed_) {
    Discard();
    return Status::IoError("cannot write rejects file '" + open_path_ + "'");
  }
  if (file_ == nullptr) return Status::OK();
  bool ok = std::fflush(file_) == 0;
  // Pipes and character devices (--rejects /dev/stdout) cannot be synced; that is fine.
  if (ok && ::fsync(fileno(file_)) != 0 && errno != EINVAL && errno != ENOTSUP) ok = false;
  ok = std::fclose(file_) == 0 && ok;
  file_ = nullptr;
  if (!ok) {
    if (!direct_) ::unlink(open_path_.c_str());
    return Status::IoError("cannot write rejects file '" + open_path_ + "'");
  }
  if (direct_) return Status::OK();
  if (::rename(open_path_.c_str(), path_.c_str()) != 0) {
    return Status::IoError("cannot rename '" + open_path_ + "' onto '" + path_ + "': " +
                           std::strerror(errno) + "; the rejects are in '" + open_path_ + "'");
  }
  // The rename is durable only once the directory entry is on disk.
  std::filesystem::path dir = std::filesystem::path(path_).parent_path();
  int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return Status::OK();
}

}  // namespace winpath
