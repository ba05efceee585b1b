// Peer for the import benchmark: the fastest thing that still reads every message — simdjson
// On-Demand iterating each NDJSON document and touching the fields the importer reads, with
// no validation, identity, dedupe or table building. winpath's import speed is quoted as a
// ratio of this ceiling, measured in the same run (bench/run.sh).
#include <simdjson.h>

#include <chrono>
#include <cstdio>
#include <string_view>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: ndjson_parse_peer FILE.ndjson\n");
    return 2;
  }
  auto start = std::chrono::steady_clock::now();
  simdjson::padded_string data;
  if (simdjson::padded_string::load(argv[1]).get(data)) {
    std::fprintf(stderr, "cannot read %s\n", argv[1]);
    return 4;
  }
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document_stream docs;
  if (parser.iterate_many(data, 1 << 20).get(docs)) return 5;
  uint64_t n = 0, bytes_seen = 0;
  for (auto doc : docs) {
    std::string_view s;
    if (!doc["timestamp"].get_string().get(s)) bytes_seen += s.size();
    ++n;
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("{\"messages\":%llu,\"seconds\":%.3f,\"messages_per_s\":%.0f,\"check\":%llu}\n",
              static_cast<unsigned long long>(n), secs, n / secs,
              static_cast<unsigned long long>(bytes_seen));
  return 0;
}
