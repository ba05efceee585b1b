// libFuzzer target: NdjsonReader on arbitrary bytes, then the validator and the encoder (what
// the importer runs on each line). Build with -DWINPATH_FUZZ=ON (src/ingest/CMakeLists.txt).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/message_encoder.h"
#include "ingest/ndjson_reader.h"
#include "model/journey_map.h"

namespace {

winpath::JourneyMap FuzzMap() {
  winpath::JourneyMap map;
  map.site_hosts = {"example.com"};
  map.wins = winpath::DefaultWins();
  map.dimensions = {"plan", "utm_source"};
  winpath::ChannelRule rule;
  rule.channel = "Blog";
  rule.property = {"blog.*"};
  map.channels.push_back(rule);
  return map;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const winpath::JourneyMap map = FuzzMap();
  winpath::MessageEncoder encoder(map, {1767225600000LL, winpath::kMsPerDay});
  winpath::NdjsonReader reader;
  reader.ReadText(std::string_view(reinterpret_cast<const char*>(data), size), encoder);
  return 0;
}
