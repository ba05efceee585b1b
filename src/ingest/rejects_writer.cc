#include "ingest/rejects_writer.h"

#include <simdjson.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

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

RejectsWriter::~RejectsWriter() {
  if (file_ != nullptr) std::fclose(file_);
}

Status RejectsWriter::Open(const std::string& path) {
  path_ = path;
  file_ = std::fopen(path.c_str(), "wb");
  if (file_ == nullptr) {
    return Status::IoError("cannot create rejects file '" + path + "': " + std::strerror(errno));
  }
  return Status::OK();
}

Status RejectsWriter::Write(std::string_view file, const Reject& reject, std::string_view raw) {
  if (file_ == nullptr) return Status::OK();
  line_ = FormatRejectLine(file, reject, raw);
  line_ += '\n';
  if (std::fwrite(line_.data(), 1, line_.size(), file_) != line_.size()) failed_ = true;
  if (failed_) return Status::IoError("cannot write rejects file '" + path_ + "'");
  return Status::OK();
}

Status RejectsWriter::Close() {
  if (file_ == nullptr) return Status::OK();
  bool ok = std::fflush(file_) == 0;
  // Pipes and character devices (--rejects /dev/stdout) cannot be synced; that is fine.
  if (ok && ::fsync(fileno(file_)) != 0 && errno != EINVAL && errno != ENOTSUP) ok = false;
  ok = std::fclose(file_) == 0 && ok;
  file_ = nullptr;
  if (!ok || failed_) return Status::IoError("cannot write rejects file '" + path_ + "'");
  return Status::OK();
}

}  // namespace winpath
