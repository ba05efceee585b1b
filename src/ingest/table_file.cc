#include "ingest/table_file.h"

#include <xxhash.h>
#include <zstd.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>

#include "ingest/table_file_format.h"
#include "ingest/whole_file.h"
#include "platform/parallel.h"

namespace winpath {
namespace table_file {

std::string_view SectionName(uint32_t id) {
  static constexpr std::array<std::string_view, kNumSections + 1> kNames = {"?",
                                                                            "meta",
                                                                            "time",
                                                                            "name",
                                                                            "channel",
                                                                            "flags",
                                                                            "mask",
                                                                            "person index",
                                                                            "value index",
                                                                            "value positions",
                                                                            "value amounts",
                                                                            "event names",
                                                                            "channel names",
                                                                            "person keys",
                                                                            "dimension names",
                                                                            "dimension values",
                                                                            "dimension codes",
                                                                            "map info",
                                                                            "map fingerprint"};
  return id <= kNumSections ? kNames[id] : "unknown";
}

}  // namespace table_file

namespace {

namespace tf = table_file;
static_assert(std::endian::native == std::endian::little,
              "the table file is little-endian; big-endian hosts need byte swaps");

constexpr size_t kMinBytesToCompress = 256;

void PutU32(std::string* out, uint32_t v) { out->append(reinterpret_cast<const char*>(&v), 4); }
void PutU64(std::string* out, uint64_t v) { out->append(reinterpret_cast<const char*>(&v), 8); }

template <typename T>
std::string ColumnBytes(const std::vector<T>& v) {
  return std::string(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}

// Deltas of consecutive times are small within a person; zigzag keeps negatives small too.
std::string TimeBytes(const std::vector<TimeMs>& time) {
  std::vector<uint64_t> z(time.size());
  uint64_t prev = 0;
  for (size_t i = 0; i < time.size(); ++i) {
    uint64_t d = static_cast<uint64_t>(time[i]) - prev;
    z[i] = (d << 1) ^ static_cast<uint64_t>(static_cast<int64_t>(d) >> 63);
    prev = static_cast<uint64_t>(time[i]);
  }
  return ColumnBytes(z);
}

void PutStrings(std::string* out, const std::vector<std::string>& list) {
  PutU64(out, list.size());
  for (const std::string& s : list) {
    PutU32(out, static_cast<uint32_t>(s.size()));
    out->append(s);
  }
}

std::string Strings(const std::vector<std::string>& list) {
  std::string out;
  PutStrings(&out, list);
  return out;
}

struct Entry {
  uint32_t id = 0, encoding = 0;
  uint64_t offset = 0, stored = 0, raw = 0, checksum = 0;
};

// A section of the file: its id, the function that serializes it, and its size in bytes
// before compression, roughly (to start the largest first).
struct Section {
  uint32_t id;
  std::function<std::string()> bytes;
  size_t size_hint;
};

std::string Assemble(std::vector<Section> sections) {
  std::vector<Entry> entries(sections.size());
  std::vector<std::string> stored(sections.size());
  // Sections are serialized and compressed independently, so on all cores, the largest first
  // (each takes up to a second at 50M events: serialized one after the other before, they were
  // most of the write); the file's bytes do not depend on the thread count or the order.
  std::vector<size_t> order(sections.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return sections[a].size_hint > sections[b].size_hint;
  });
  ParallelChunks(sections.size(), HardwareThreads(), [&](int, size_t k) {
    const size_t i = order[k];
    Entry& e = entries[i];
    e.id = sections[i].id;
    std::string data = sections[i].bytes();
    sections[i].bytes = nullptr;  // frees what the function holds
    e.raw = data.size();
    if (data.size() >= kMinBytesToCompress) {
      // Uninitialized: zstd overwrites it, and zero-filling a buffer the size of the column
      // costs the kernel's page clearing and a memset.
      const size_t bound = ZSTD_compressBound(data.size());
      std::unique_ptr<char[]> z(new char[bound]);
      size_t n = ZSTD_compress(z.get(), bound, data.data(), data.size(), 1);
      if (!ZSTD_isError(n) && n < data.size()) {
        data.assign(z.get(), n);
        e.encoding = tf::kZstd;
      }
    }
    e.stored = data.size();
    e.checksum = XXH3_64bits(data.data(), data.size());
    stored[i] = std::move(data);
  });
  uint64_t offset = tf::kHeaderBytes + tf::kEntryBytes * sections.size();
  for (Entry& e : entries) {
    e.offset = offset;
    offset += e.stored;
  }
  std::string out(tf::kMagic, sizeof tf::kMagic);
  PutU32(&out, tf::kVersion);
  PutU32(&out, static_cast<uint32_t>(entries.size()));
  std::string directory;
  for (const Entry& e : entries) {
    PutU32(&directory, e.id);
    PutU32(&directory, e.encoding);
    for (uint64_t v : {e.offset, e.stored, e.raw, e.checksum}) PutU64(&directory, v);
  }
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  XXH3_64bits_update(state, out.data(), out.size());
  XXH3_64bits_update(state, directory.data(), directory.size());
  PutU64(&out, XXH3_64bits_digest(state));
  XXH3_freeState(state);
  out += directory;
  out.reserve(offset);  // the file's size: the sections are appended without regrowth
  for (const std::string& s : stored) out += s;
  return out;
}

std::string PredicateSignature(std::string_view kind, const std::string& name,
                               const EventPredicate& p, const std::string& value_property) {
  std::string s = std::string(kind) + " " + name + " <-";
  for (const std::string& e : p.events) s += " " + e;
  for (const PropertyCondition& c : p.where) {
    s += " [" + c.property + " op" + std::to_string(static_cast<int>(c.op));
    for (const std::string& v : c.values) s += " " + v;
    s += " " + std::to_string(c.threshold) + "]";
  }
  if (!value_property.empty()) s += " value=" + value_property;
  return s;
}

// What a differing MapFingerprint part means, for people.
std::string FingerprintMismatch(int part) {
  static constexpr std::array<std::string_view, MapFingerprint::kParts> kWhat = {
      "the map's channel rules differ from those",
      "the map's site_hosts differ from those",
      "the map's default_channel_grouping differs from the one",
      "the map's windows.session_timeout differs from the one",
      "the map's dimensions differ from those",
      "the map's wins or milestones differ from those",
      "the map differs from the one"};
  return std::string(kWhat[static_cast<size_t>(part)]) + " the table was imported with";
}

}  // namespace

TableFileInfo TableFileInfoFor(const JourneyMap& map) {
  TableFileInfo info;
  info.map_name = map.name;
  for (const Win& w : map.wins) {
    info.predicate_names.push_back(
        PredicateSignature("win", w.name, w.predicate, w.value_property));
  }
  for (const Milestone& m : map.milestones) {
    info.predicate_names.push_back(
        PredicateSignature("milestone", m.name, m.predicate, m.value_property));
  }
  info.fingerprint = MapFingerprintOf(map);
  return info;
}

std::string EncodeEventTable(const EventTable& table, const TableFileInfo& info) {
  const EventColumns& c = table.columns();
  const size_t dims = table.num_dimensions();
  std::string meta;
  for (uint64_t v : {uint64_t{c.time.size()}, uint64_t{table.num_persons()},
                     uint64_t{c.value_pos.size()}, uint64_t{dims}}) {
    PutU64(&meta, v);
  }
  std::string dimension_values;
  for (size_t d = 0; d < dims; ++d) {
    PutStrings(&dimension_values, table.dimension_values(d).names());
  }
  std::vector<std::string> map_info = {info.map_name};
  map_info.insert(map_info.end(), info.predicate_names.begin(), info.predicate_names.end());
  std::string fingerprint;
  for (int i = 0; i < MapFingerprint::kParts; ++i) PutU64(&fingerprint, info.fingerprint.part(i));
  // Each section serialized by the thread that compresses it (Assemble); the small ones here.
  auto ready = [](std::string bytes) {
    return [b = std::move(bytes)]() mutable { return std::move(b); };
  };
  const size_t events = c.time.size(), persons = table.num_persons();
  std::vector<Section> sections;
  sections.push_back({tf::kMeta, ready(std::move(meta)), 0});
  sections.push_back({tf::kTime, [&] { return TimeBytes(c.time); }, events * 8});
  sections.push_back({tf::kName, [&] { return ColumnBytes(c.name); }, events * 2});
  sections.push_back({tf::kChannel, [&] { return ColumnBytes(c.channel); }, events});
  sections.push_back({tf::kFlags, [&] { return ColumnBytes(c.flags); }, events});
  sections.push_back({tf::kMask, [&] { return ColumnBytes(c.mask); }, events * 4});
  sections.push_back({tf::kPersonBegin, [&] { return ColumnBytes(c.person_begin); }, persons * 8});
  sections.push_back({tf::kValueBegin, [&] { return ColumnBytes(c.value_begin); }, persons * 4});
  sections.push_back(
      {tf::kValuePos, [&] { return ColumnBytes(c.value_pos); }, c.value_pos.size() * 4});
  sections.push_back(
      {tf::kValueAmount, [&] { return ColumnBytes(c.value_amount); }, c.value_amount.size() * 8});
  sections.push_back({tf::kEventNames, [&] { return Strings(table.event_names().names()); }, 0});
  sections.push_back({tf::kChannelNames, [&] { return Strings(table.channel_names()); }, 0});
  sections.push_back({tf::kPersonKeys, [&] { return Strings(table.person_keys()); }, persons * 24});
  sections.push_back({tf::kDimensionNames, [&] { return Strings(table.dimension_names()); }, 0});
  sections.push_back({tf::kDimensionValues, ready(std::move(dimension_values)), 0});
  sections.push_back({tf::kDimensionCodes,
                      [&] {
                        std::string codes;
                        for (size_t d = 0; d < dims; ++d) codes += ColumnBytes(c.dimension[d]);
                        return codes;
                      },
                      events * 2 * dims});
  sections.push_back({tf::kMapInfo, ready(Strings(map_info)), 0});
  sections.push_back({tf::kMapFingerprint, ready(std::move(fingerprint)), 0});
  return Assemble(std::move(sections));
}

Status WriteEventTable(const std::string& path, const EventTable& table,
                       const TableFileInfo& info) {
  return WriteFileAtomically(path, EncodeEventTable(table, info));
}

Result<LoadedTable> ReadEventTableFile(const std::string& path) {
  WINPATH_ASSIGN_OR_RETURN(std::string bytes, ReadWholeFile(path));
  Result<LoadedTable> loaded = DecodeEventTable(bytes);
  if (!loaded.ok()) return loaded.status().WithPrefix(path);
  return loaded;
}

Result<EventTable> ReadEventTable(const std::string& path) {
  WINPATH_ASSIGN_OR_RETURN(LoadedTable loaded, ReadEventTableFile(path));
  return std::move(loaded.table);
}

Status CheckTableMatchesMap(const LoadedTable& loaded, const JourneyMap& map) {
  const std::string kDifferent = "the event table was imported with a different journey map: ";
  const std::string kAgain = "; import the data again with this map";
  const TableFileInfo want_info = TableFileInfoFor(map);
  const std::vector<std::string>& want = want_info.predicate_names;
  const std::vector<std::string>& have = loaded.info.predicate_names;
  for (size_t i = 0; i < std::max(want.size(), have.size()); ++i) {
    std::string w = i < want.size() ? want[i] : "(none)";
    std::string h = i < have.size() ? have[i] : "(none)";
    if (w != h) {
      return Status::FailedPrecondition(kDifferent + "predicate bit " + std::to_string(i) +
                                        " is '" + h + "' in the table but '" + w + "' in the map" +
                                        kAgain);
    }
  }
  // Every part is compared, the overall one last: it differs only if a part does.
  const MapFingerprint& f = loaded.info.fingerprint;
  for (int i = 0; i < MapFingerprint::kParts; ++i) {
    if (f.part(i) == want_info.fingerprint.part(i)) continue;
    return Status::FailedPrecondition(FingerprintMismatch(i) + kAgain);
  }
  if (map.ChannelNames() != loaded.table.channel_names()) {
    return Status::FailedPrecondition(
        "the event table was imported with different channels than the journey map declares; "
        "import the data again with this map");
  }
  return Status::OK();
}

}  // namespace winpath
