// The event-table file (docs/formats/event-table.md): round trip, and every damage — a flipped
// byte anywhere, a truncation anywhere, inconsistent contents behind valid checksums — is a
// Corruption status naming what is wrong, never a crash.
#include <gtest/gtest.h>
#include <unistd.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "ingest/importer.h"
#include "ingest/table_file.h"
#include "ingest/table_file_format.h"

namespace winpath {
namespace {

namespace tf = table_file;

JourneyMap Map() {
  JourneyMap map;
  map.name = "Table file test";
  map.site_hosts = {"example.com"};
  map.wins = DefaultWins();
  map.dimensions = {"plan", "utm_source"};
  return map;
}

EventTable ImportBasic(const JourneyMap& map) {
  ImportOptions options;
  options.now = 1767225600000LL + 30 * kMsPerDay;
  Importer importer(map, options);
  EXPECT_TRUE(
      importer.AddFile(std::string(WINPATH_SOURCE_DIR) + "/tests/data/import/basic.ndjson").ok());
  Result<EventTable> t = importer.Finish();
  EXPECT_TRUE(t.ok());
  return std::move(*t);
}

void ExpectSameTable(const EventTable& a, const EventTable& b) {
  const EventColumns& x = a.columns();
  const EventColumns& y = b.columns();
  EXPECT_EQ(x.time, y.time);
  EXPECT_EQ(x.name, y.name);
  EXPECT_EQ(x.channel, y.channel);
  EXPECT_EQ(x.flags, y.flags);
  EXPECT_EQ(x.mask, y.mask);
  EXPECT_EQ(x.person_begin, y.person_begin);
  EXPECT_EQ(x.value_begin, y.value_begin);
  EXPECT_EQ(x.value_pos, y.value_pos);
  EXPECT_EQ(x.value_amount, y.value_amount);
  EXPECT_EQ(x.dimension, y.dimension);
  EXPECT_EQ(a.event_names().names(), b.event_names().names());
  EXPECT_EQ(a.channel_names(), b.channel_names());
  EXPECT_EQ(a.dimension_names(), b.dimension_names());
  ASSERT_EQ(a.num_persons(), b.num_persons());
  for (size_t p = 0; p < a.num_persons(); ++p) EXPECT_EQ(a.person_key(p), b.person_key(p));
  for (size_t d = 0; d < a.num_dimensions(); ++d) {
    EXPECT_EQ(a.dimension_values(d).names(), b.dimension_values(d).names());
  }
}

TEST(TableFile, RoundTrip) {
  JourneyMap map = Map();
  EventTable table = ImportBasic(map);
  ASSERT_EQ(table.num_events(), 7u);
  std::string bytes = EncodeEventTable(table, TableFileInfoFor(map));
  Result<LoadedTable> loaded = DecodeEventTable(bytes);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ExpectSameTable(table, loaded->table);
  EXPECT_EQ(loaded->info.map_name, "Table file test");
  ASSERT_EQ(loaded->info.predicate_names.size(), 3u);
  EXPECT_EQ(loaded->info.predicate_names[0].substr(0, 11), "win Buy <- ");
  EXPECT_TRUE(CheckTableMatchesMap(*loaded, map).ok());
}

TEST(TableFile, RoundTripOfAnEmptyTableAndOfExtremeTimes) {
  Result<LoadedTable> e = DecodeEventTable(EncodeEventTable(EventTable(), {}));
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->table.num_events(), 0u);
  EXPECT_EQ(e->table.num_persons(), 0u);
  EventColumns c;
  c.time = {INT64_MIN, -1, INT64_MAX};  // deltas wrap; zigzag must round-trip them
  c.name = {0, 0, 0};
  c.channel = {0, 0, 0};
  c.flags = {0, 0, 0};
  c.mask = {0, 0, 0};
  c.person_begin = {0, 3};
  c.value_begin = {0, 1};
  c.value_pos = {2};
  c.value_amount = {-0.5};
  Dictionary names;
  names.Intern("x");
  Result<EventTable> t = EventTable::FromColumns(c, names, {}, {"p"});
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  Result<LoadedTable> back = DecodeEventTable(EncodeEventTable(*t, {}));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ExpectSameTable(*t, back->table);
}

TEST(TableFile, LargeColumnsAreCompressed) {
  EventColumns c;
  const size_t n = 100000;
  for (size_t i = 0; i < n; ++i) c.time.push_back(1767225600000LL + static_cast<TimeMs>(i) * 1000);
  c.name.assign(n, 0);
  c.channel.assign(n, 1);
  c.flags.assign(n, 0);
  c.mask.assign(n, 0);
  c.person_begin = {0, n};
  c.value_begin = {0, 0};
  Dictionary names;
  names.Intern("x");
  Result<EventTable> t = EventTable::FromColumns(c, names, {"Direct"}, {"p"});
  ASSERT_TRUE(t.ok());
  std::string bytes = EncodeEventTable(*t, {});
  EXPECT_LT(bytes.size(), n);  // 16 bytes per event in memory, far less than 1 on disk here
  Result<LoadedTable> back = DecodeEventTable(bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ExpectSameTable(*t, back->table);
}

TEST(TableFile, EveryFlippedByteIsDetected) {
  JourneyMap map = Map();
  const std::string bytes = EncodeEventTable(ImportBasic(map), TableFileInfoFor(map));
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::string damaged = bytes;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x20);
    Result<LoadedTable> r = DecodeEventTable(damaged);
    ASSERT_FALSE(r.ok()) << "byte " << i;
    EXPECT_EQ(r.status().code(), StatusCode::kCorruption) << "byte " << i;
  }
}

TEST(TableFile, EveryTruncationIsDetected) {
  JourneyMap map = Map();
  const std::string bytes = EncodeEventTable(ImportBasic(map), TableFileInfoFor(map));
  for (size_t n = 0; n < bytes.size(); ++n) {
    Result<LoadedTable> r = DecodeEventTable(std::string_view(bytes).substr(0, n));
    ASSERT_FALSE(r.ok()) << "length " << n;
    EXPECT_EQ(r.status().code(), StatusCode::kCorruption) << "length " << n;
  }
}

struct Entry {
  uint32_t id;
  uint64_t offset, stored, raw;
};

Entry FindSection(const std::string& bytes, uint32_t id) {
  uint32_t count;
  std::memcpy(&count, bytes.data() + 12, 4);
  for (uint32_t i = 0; i < count; ++i) {
    const char* p = bytes.data() + tf::kHeaderBytes + i * tf::kEntryBytes;
    Entry e;
    std::memcpy(&e.id, p, 4);
    std::memcpy(&e.offset, p + 8, 8);
    std::memcpy(&e.stored, p + 16, 8);
    std::memcpy(&e.raw, p + 24, 8);
    if (e.id == id) return e;
  }
  ADD_FAILURE() << "no section " << id;
  return {};
}

// Recomputes every checksum, as a writer with a bug (or a forger) would.
void FixChecksums(std::string* bytes) {
  uint32_t count;
  std::memcpy(&count, bytes->data() + 12, 4);
  for (uint32_t i = 0; i < count; ++i) {
    char* p = bytes->data() + tf::kHeaderBytes + i * tf::kEntryBytes;
    uint64_t offset, stored;
    std::memcpy(&offset, p + 8, 8);
    std::memcpy(&stored, p + 16, 8);
    uint64_t sum = XXH3_64bits(bytes->data() + offset, stored);
    std::memcpy(p + 32, &sum, 8);
  }
  std::string head =
      bytes->substr(0, 16) + bytes->substr(tf::kHeaderBytes, count * tf::kEntryBytes);
  uint64_t sum = XXH3_64bits(head.data(), head.size());
  std::memcpy(bytes->data() + 16, &sum, 8);
}

TEST(TableFile, CorruptionNamesTheSection) {
  JourneyMap map = Map();
  const std::string bytes = EncodeEventTable(ImportBasic(map), TableFileInfoFor(map));
  for (uint32_t id = tf::kMeta; id <= tf::kNumSections; ++id) {
    Entry e = FindSection(bytes, id);
    if (e.stored == 0) continue;
    std::string damaged = bytes;
    damaged[e.offset] = static_cast<char>(damaged[e.offset] ^ 1);
    Result<LoadedTable> r = DecodeEventTable(damaged);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("section '" + std::string(tf::SectionName(id)) + "'"),
              std::string::npos)
        << r.status().message();
  }
}

TEST(TableFile, InconsistentContentsBehindValidChecksums) {
  JourneyMap map = Map();
  const std::string bytes = EncodeEventTable(ImportBasic(map), TableFileInfoFor(map));
  // The small test table is stored uncompressed, so its values can be edited in place.
  Entry person = FindSection(bytes, tf::kPersonBegin);
  ASSERT_EQ(person.stored, person.raw);
  std::string damaged = bytes;
  uint64_t huge = 1000;  // person 0 would end past the last event
  std::memcpy(damaged.data() + person.offset + 8, &huge, 8);
  FixChecksums(&damaged);
  Result<LoadedTable> r = DecodeEventTable(damaged);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
  EXPECT_NE(r.status().message().find("person index"), std::string::npos) << r.status().message();

  Entry name = FindSection(bytes, tf::kName);
  damaged = bytes;
  uint16_t bad_name = 999;
  std::memcpy(damaged.data() + name.offset, &bad_name, 2);
  FixChecksums(&damaged);
  r = DecodeEventTable(damaged);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption);

  Entry meta = FindSection(bytes, tf::kMeta);
  damaged = bytes;
  uint64_t events = uint64_t{1} << 39;  // asks for a huge allocation
  std::memcpy(damaged.data() + meta.offset, &events, 8);
  FixChecksums(&damaged);
  r = DecodeEventTableWithLimit(damaged, 1 << 20);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption);  // sizes disagree with the counts
}

TEST(TableFile, OtherVersionsAreRejected) {
  JourneyMap map;
  std::string bytes = EncodeEventTable(ImportBasic(map), {});
  uint32_t version = tf::kVersion + 1;
  std::memcpy(bytes.data() + 8, &version, 4);
  Result<LoadedTable> r = DecodeEventTable(bytes);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
  EXPECT_NE(r.status().message().find("version 3; this build reads version 2"), std::string::npos)
      << r.status().message();
}

TEST(TableFile, VersionOneFilesMustBeImportedAgain) {
  JourneyMap map;
  std::string bytes = EncodeEventTable(ImportBasic(map), TableFileInfoFor(map));
  uint32_t version = 1;
  std::memcpy(bytes.data() + 8, &version, 4);
  FixChecksums(&bytes);
  Result<LoadedTable> r = DecodeEventTable(bytes);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(r.status().message().find("version 1"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("import the events again"), std::string::npos)
      << r.status().message();
}

JourneyMap MapWithRules() {
  JourneyMap map = Map();
  ChannelRule partner;
  partner.channel = "Partner";
  partner.utm_source = {"partner*"};
  PropertyCondition c;
  c.property = "plan";
  c.values = {"pro"};
  partner.where = {c};
  map.channels.push_back(partner);
  return map;
}

TEST(TableFile, MapMismatchIsDetected) {
  const JourneyMap map = MapWithRules();
  Result<LoadedTable> loaded =
      DecodeEventTable(EncodeEventTable(ImportBasic(map), TableFileInfoFor(map)));
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_TRUE(CheckTableMatchesMap(*loaded, map).ok());
  JourneyMap renamed = map;  // the name, targets and analysis windows do not change the table
  renamed.name = "Another name";
  renamed.windows.conversion = 7 * kMsPerDay;
  renamed.channels[0].location.line = 99;
  EXPECT_TRUE(CheckTableMatchesMap(*loaded, renamed).ok());

  JourneyMap other = map;
  other.wins[0].predicate.events = {"order_completed"};
  Status s = CheckTableMatchesMap(*loaded, other);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("predicate bit 0"), std::string::npos) << s.message();

  struct Case {
    std::string what;
    std::function<void(JourneyMap*)> change;
    std::string message;
  };
  const std::string kRules =
      "the map's channel rules differ from those the table was imported with";
  const std::vector<Case> cases = {
      {"rule condition value", [](JourneyMap* m) { m->channels[0].where[0].values = {"free"}; },
       kRules},
      {"rule condition operator",
       [](JourneyMap* m) { m->channels[0].where[0].op = CompareOp::kNotEquals; }, kRules},
      {"rule glob", [](JourneyMap* m) { m->channels[0].utm_source = {"partner"}; }, kRules},
      {"rule glob field",
       [](JourneyMap* m) {
         m->channels[0].utm_medium = m->channels[0].utm_source;
         m->channels[0].utm_source.clear();
       },
       kRules},
      {"rule order",
       [](JourneyMap* m) {
         ChannelRule first = m->channels[0];
         first.channel = "Affiliate";
         m->channels.insert(m->channels.begin(), first);
       },
       kRules},
      {"session timeout", [](JourneyMap* m) { m->windows.session_timeout = 10 * kMsPerMinute; },
       "the map's windows.session_timeout differs from the one the table was imported with"},
      {"site hosts", [](JourneyMap* m) { m->site_hosts.push_back("shop.example.com"); },
       "the map's site_hosts differ from those the table was imported with"},
      {"default grouping", [](JourneyMap* m) { m->default_grouping = DefaultGrouping::kNone; },
       "the map's default_channel_grouping differs from the one the table was imported with"},
      {"dimensions", [](JourneyMap* m) { std::swap(m->dimensions[0], m->dimensions[1]); },
       "the map's dimensions differ from those the table was imported with"},
      {"value property", [](JourneyMap* m) { m->wins[0].value_property = "amount"; },
       "predicate bit 0"},
      {"condition threshold",
       [](JourneyMap* m) {
         PropertyCondition c;
         c.property = "amount";
         c.op = CompareOp::kGreater;
         c.threshold = 100;
         m->wins[1].predicate.where = {c};
       },
       "predicate bit 1"},
  };
  for (const Case& c : cases) {
    JourneyMap changed = map;
    c.change(&changed);
    Status st = CheckTableMatchesMap(*loaded, changed);
    EXPECT_EQ(st.code(), StatusCode::kFailedPrecondition) << c.what;
    EXPECT_NE(st.message().find(c.message), std::string::npos) << c.what << ": " << st.message();
    EXPECT_NE(MapFingerprintOf(changed), MapFingerprintOf(map)) << c.what;
  }
}

TEST(TableFile, FingerprintIsStoredAndCanonical) {
  const JourneyMap map = MapWithRules();
  Result<LoadedTable> loaded =
      DecodeEventTable(EncodeEventTable(ImportBasic(map), TableFileInfoFor(map)));
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->info.fingerprint, MapFingerprintOf(map));
  EXPECT_NE(loaded->info.fingerprint.all, 0u);
  // Texts are length-prefixed: moving a character between two list items is a change.
  JourneyMap a = map, b = map;
  a.site_hosts = {"ab", "c"};
  b.site_hosts = {"a", "bc"};
  EXPECT_NE(MapFingerprintOf(a).site_hosts, MapFingerprintOf(b).site_hosts);
  // A fingerprint differs in its own part (and the whole) only.
  MapFingerprint fa = MapFingerprintOf(a), fm = MapFingerprintOf(map);
  EXPECT_EQ(fa.channel_rules, fm.channel_rules);
  EXPECT_EQ(fa.predicates, fm.predicates);
  EXPECT_NE(fa.all, fm.all);
}

TEST(TableFile, WriteIsAtomicAndReadBack) {
  std::string dir = ::testing::TempDir() + "winpath_table_file_test_" + std::to_string(::getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  JourneyMap map = Map();
  EventTable table = ImportBasic(map);
  std::string path = dir + "/data.wpt";
  ASSERT_TRUE(WriteEventTable(path, table, TableFileInfoFor(map)).ok());
  ASSERT_TRUE(WriteEventTable(path, table, TableFileInfoFor(map)).ok());  // replaces
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    (void)entry;
    ++files;
  }
  EXPECT_EQ(files, 1u);  // no temporary file left behind
  Result<EventTable> back = ReadEventTable(path);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ExpectSameTable(table, *back);
  Result<EventTable> missing = ReadEventTable(dir + "/missing.wpt");
  EXPECT_EQ(missing.status().code(), StatusCode::kIoError);
  EXPECT_NE(missing.status().message().find("missing.wpt"), std::string::npos);
  EXPECT_EQ(WriteEventTable(dir + "/no/such/dir/x.wpt", table, {}).code(), StatusCode::kIoError);
  std::filesystem::resize_file(path, std::filesystem::file_size(path) - 1);
  Result<EventTable> truncated = ReadEventTable(path);
  EXPECT_EQ(truncated.status().code(), StatusCode::kCorruption);
  EXPECT_NE(truncated.status().message().find(path), std::string::npos);
}

}  // namespace
}  // namespace winpath
