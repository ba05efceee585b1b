// libFuzzer target: DecodeEventTable on arbitrary bytes. When the first byte is odd the
// remaining bytes get valid checksums first, so the fuzzer also reaches the checks behind
// them (sizes, indexes, dictionaries) instead of stopping at the first checksum.
#include <xxhash.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "ingest/table_file.h"
#include "ingest/table_file_format.h"

namespace {

namespace tf = winpath::table_file;

void FixChecksums(std::string* b) {
  if (b->size() < tf::kHeaderBytes) return;
  uint32_t count;
  std::memcpy(&count, b->data() + 12, 4);
  if (count > tf::kMaxSections || b->size() < tf::kHeaderBytes + count * tf::kEntryBytes) return;
  for (uint32_t i = 0; i < count; ++i) {
    char* p = b->data() + tf::kHeaderBytes + i * tf::kEntryBytes;
    uint64_t offset, stored;
    std::memcpy(&offset, p + 8, 8);
    std::memcpy(&stored, p + 16, 8);
    if (offset > b->size() || stored > b->size() - offset) continue;
    uint64_t sum = XXH3_64bits(b->data() + offset, stored);
    std::memcpy(p + 32, &sum, 8);
  }
  std::string head = b->substr(0, 16) + b->substr(tf::kHeaderBytes, count * tf::kEntryBytes);
  uint64_t sum = XXH3_64bits(head.data(), head.size());
  std::memcpy(b->data() + 16, &sum, 8);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] & 1) FixChecksums(&bytes);
  // A small memory limit: forged counts must not make the fuzzer allocate gigabytes.
  auto loaded = winpath::DecodeEventTableWithLimit(bytes, 64 << 20);
  if (loaded.ok()) {
    // Whatever decodes must encode and decode to the same table.
    std::string again = winpath::EncodeEventTable(loaded->table, loaded->info);
    if (!winpath::DecodeEventTable(again).ok()) __builtin_trap();
  }
  return 0;
}
