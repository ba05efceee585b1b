// libFuzzer target: CsvReader on arbitrary bytes, fed whole and in two pieces (the split point
// taken from the first byte), which must not crash and must deliver the same messages.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/csv_reader.h"

namespace {

class Count : public winpath::MessageSink {
 public:
  void OnMessage(winpath::RawEvent& event, int, std::string_view raw) override {
    lines.push_back(event.source_line);
  }
  void OnReject(const winpath::Reject& reject, std::string_view raw) override {
    lines.push_back(reject.line + (uint64_t{1} << 63));
  }
  std::vector<uint64_t> lines;
};

bool ReadInPieces(std::string_view text, size_t cut, Count* sink) {
  winpath::CsvReader reader;
  std::string pending(text.substr(0, cut));
  winpath::Result<size_t> n = reader.Read(pending, false, *sink);
  if (!n.ok()) return false;
  pending = pending.substr(*n) + std::string(text.substr(cut));
  return reader.Read(pending, true, *sink).ok();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  Count whole, pieces;
  bool ok_whole = winpath::CsvReader().ReadText(text, whole).ok();
  bool ok_pieces = ReadInPieces(text, text.empty() ? 0 : data[0] % (text.size() + 1), &pieces);
  if (ok_whole != ok_pieces || (ok_whole && whole.lines != pieces.lines)) std::abort();
  return 0;
}
