// DecodeEventTable (table_file.h): every size, offset and index is checked before use, so a
// damaged file becomes a Corruption status naming the section, never a crash.
#include <xxhash.h>
#include <zstd.h>

#include <array>
#include <cstring>
#include <optional>

#include "ingest/table_file.h"
#include "ingest/table_file_format.h"

namespace winpath {
namespace {

namespace tf = table_file;

constexpr uint64_t kMaxCount = uint64_t{1} << 40;

uint64_t GetU64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
uint32_t GetU32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

Status Bad(std::string what) { return Status::Corruption("event-table file: " + what); }
Status BadSection(uint32_t id, std::string what) {
  return Bad("section '" + std::string(tf::SectionName(id)) + "': " + what);
}

struct Entry {
  uint32_t encoding = 0;
  uint64_t offset = 0, stored = 0, raw = 0, checksum = 0;
};

class Decoder {
 public:
  Decoder(std::string_view bytes, uint64_t budget) : bytes_(bytes), budget_(budget) {}
  Status ReadDirectory();
  // The section's raw bytes; `expected` = the size the meta counts imply (nullopt: any).
  Result<std::string> Section(uint32_t id, std::optional<uint64_t> expected);

 private:
  std::string_view bytes_;
  uint64_t budget_;
  std::array<std::optional<Entry>, tf::kNumSections + 1> entries_;
};

Status Decoder::ReadDirectory() {
  if (bytes_.size() < tf::kHeaderBytes) {
    return Bad("header: truncated (" + std::to_string(bytes_.size()) + " bytes)");
  }
  if (std::memcmp(bytes_.data(), tf::kMagic, sizeof tf::kMagic) != 0) {
    return Bad("header: not a winpath event-table file (bad magic)");
  }
  uint32_t version = GetU32(bytes_.data() + 8);
  if (version == 1) {
    return Status::FailedPrecondition(
        "event-table file: version 1, written by an earlier winpath, is no longer read: it does "
        "not record the channel rules, site_hosts, session timeout and dimensions it was "
        "imported with; import the events again (winpath import ... --out) to write version " +
        std::to_string(tf::kVersion));
  }
  if (version != tf::kVersion) {
    return Bad("header: version " + std::to_string(version) + "; this build reads version " +
               std::to_string(tf::kVersion));
  }
  uint32_t count = GetU32(bytes_.data() + 12);
  if (count > tf::kMaxSections) return Bad("header: " + std::to_string(count) + " sections");
  const size_t dir_end = tf::kHeaderBytes + size_t{count} * tf::kEntryBytes;
  if (bytes_.size() < dir_end) return Bad("directory: truncated");
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  XXH3_64bits_update(state, bytes_.data(), 16);
  XXH3_64bits_update(state, bytes_.data() + tf::kHeaderBytes, dir_end - tf::kHeaderBytes);
  uint64_t sum = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  if (sum != GetU64(bytes_.data() + 16)) return Bad("header: checksum mismatch");
  for (uint32_t i = 0; i < count; ++i) {
    const char* p = bytes_.data() + tf::kHeaderBytes + size_t{i} * tf::kEntryBytes;
    uint32_t id = GetU32(p);
    Entry e{GetU32(p + 4), GetU64(p + 8), GetU64(p + 16), GetU64(p + 24), GetU64(p + 32)};
    if (id == 0 || id > tf::kNumSections) continue;  // unknown sections are skipped
    if (entries_[id]) return BadSection(id, "appears twice");
    if (e.offset < dir_end || e.offset > bytes_.size() || e.stored > bytes_.size() - e.offset) {
      return BadSection(id, "extends past the end of the file (truncated?)");
    }
    entries_[id] = e;
  }
  return Status::OK();
}

Result<std::string> Decoder::Section(uint32_t id, std::optional<uint64_t> expected) {
  if (!entries_[id]) return BadSection(id, "missing");
  const Entry& e = *entries_[id];
  if (expected && e.raw != *expected) {
    return BadSection(
        id, "holds " + std::to_string(e.raw) + " bytes, expected " + std::to_string(*expected));
  }
  std::string_view stored = bytes_.substr(e.offset, e.stored);
  if (XXH3_64bits(stored.data(), stored.size()) != e.checksum) {
    return BadSection(id, "checksum mismatch");
  }
  if (e.raw > budget_) {
    return Status::ResourceExhausted("event-table file: section '" +
                                     std::string(tf::SectionName(id)) + "' needs " +
                                     std::to_string(e.raw) + " bytes, over the memory limit");
  }
  budget_ -= e.raw;
  if (e.encoding == tf::kRaw) {
    if (e.stored != e.raw) return BadSection(id, "raw size differs from stored size");
    return std::string(stored);
  }
  if (e.encoding != tf::kZstd) return BadSection(id, "unknown encoding");
  if (ZSTD_getFrameContentSize(stored.data(), stored.size()) != e.raw) {
    return BadSection(id, "compressed frame does not hold the declared size");
  }
  std::string raw(e.raw, '\0');
  size_t n = ZSTD_decompress(raw.data(), raw.size(), stored.data(), stored.size());
  if (ZSTD_isError(n) || n != e.raw) return BadSection(id, "does not decompress");
  return raw;
}

Status ParseStrings(uint32_t id, std::string_view* data, std::vector<std::string>* out) {
  if (data->size() < 8) return BadSection(id, "truncated string list");
  uint64_t count = GetU64(data->data());
  data->remove_prefix(8);
  if (count > data->size() / 4) return BadSection(id, "string count exceeds the section");
  out->clear();
  out->reserve(count);
  for (uint64_t i = 0; i < count; ++i) {
    if (data->size() < 4) return BadSection(id, "truncated string list");
    uint32_t len = GetU32(data->data());
    data->remove_prefix(4);
    if (len > data->size()) return BadSection(id, "string longer than the section");
    out->emplace_back(data->substr(0, len));
    data->remove_prefix(len);
  }
  return Status::OK();
}

Result<std::vector<std::string>> StringSection(Decoder& d, uint32_t id) {
  WINPATH_ASSIGN_OR_RETURN(std::string raw, d.Section(id, std::nullopt));
  std::string_view data = raw;
  std::vector<std::string> list;
  WINPATH_RETURN_IF_ERROR(ParseStrings(id, &data, &list));
  if (!data.empty()) return BadSection(id, "trailing bytes");
  return list;
}

Result<Dictionary> DictionaryFrom(uint32_t id, const std::vector<std::string>& names) {
  Dictionary dict;
  for (size_t i = 0; i < names.size(); ++i) {
    if (dict.Intern(names[i]) != i) return BadSection(id, "duplicate name '" + names[i] + "'");
  }
  return dict;
}

template <typename T>
Result<std::vector<T>> Column(Decoder& d, uint32_t id, uint64_t count) {
  WINPATH_ASSIGN_OR_RETURN(std::string raw, d.Section(id, count * sizeof(T)));
  std::vector<T> v(count);
  if (count > 0) std::memcpy(v.data(), raw.data(), count * sizeof(T));
  return v;
}

// The offsets must start at 0, never decrease and end at `total`: EventTable::FromColumns
// reads through them.
template <typename T>
Status CheckIndex(uint32_t id, const std::vector<T>& begin, uint64_t total) {
  if (begin.empty() || begin.front() != 0 || begin.back() != total) {
    return BadSection(id, "does not cover the table");
  }
  for (size_t i = 1; i < begin.size(); ++i) {
    if (begin[i] < begin[i - 1]) return BadSection(id, "decreases at " + std::to_string(i));
  }
  return Status::OK();
}

struct Counts {
  uint64_t events, persons, values, dimensions;
};

Result<Counts> ReadMeta(Decoder& d) {
  WINPATH_ASSIGN_OR_RETURN(std::string meta, d.Section(tf::kMeta, 32));
  Counts c{GetU64(meta.data()), GetU64(meta.data() + 8), GetU64(meta.data() + 16),
           GetU64(meta.data() + 24)};
  if (c.events > kMaxCount || c.persons > kMaxCount || c.values > c.events ||
      c.dimensions > static_cast<uint64_t>(kMaxDimensions)) {
    return BadSection(tf::kMeta, "counts out of range");
  }
  return c;
}

Status ReadColumns(Decoder& d, const Counts& n, EventColumns* c) {
  WINPATH_ASSIGN_OR_RETURN(std::vector<uint64_t> zig, Column<uint64_t>(d, tf::kTime, n.events));
  c->time.resize(zig.size());
  uint64_t prev = 0;
  for (size_t i = 0; i < zig.size(); ++i) {
    prev += (zig[i] >> 1) ^ (~(zig[i] & 1) + 1);
    c->time[i] = static_cast<TimeMs>(prev);
  }
  WINPATH_ASSIGN_OR_RETURN(c->name, Column<uint16_t>(d, tf::kName, n.events));
  WINPATH_ASSIGN_OR_RETURN(c->channel, Column<uint8_t>(d, tf::kChannel, n.events));
  WINPATH_ASSIGN_OR_RETURN(c->flags, Column<uint8_t>(d, tf::kFlags, n.events));
  WINPATH_ASSIGN_OR_RETURN(c->mask, Column<uint32_t>(d, tf::kMask, n.events));
  WINPATH_ASSIGN_OR_RETURN(c->person_begin, Column<uint64_t>(d, tf::kPersonBegin, n.persons + 1));
  WINPATH_RETURN_IF_ERROR(CheckIndex(tf::kPersonBegin, c->person_begin, n.events));
  WINPATH_ASSIGN_OR_RETURN(c->value_begin, Column<uint32_t>(d, tf::kValueBegin, n.persons + 1));
  WINPATH_RETURN_IF_ERROR(CheckIndex(tf::kValueBegin, c->value_begin, n.values));
  WINPATH_ASSIGN_OR_RETURN(c->value_pos, Column<uint32_t>(d, tf::kValuePos, n.values));
  WINPATH_ASSIGN_OR_RETURN(c->value_amount, Column<double>(d, tf::kValueAmount, n.values));
  WINPATH_ASSIGN_OR_RETURN(std::vector<uint16_t> codes,
                           Column<uint16_t>(d, tf::kDimensionCodes, n.dimensions * n.events));
  c->dimension.resize(n.dimensions);
  for (uint64_t k = 0; k < n.dimensions; ++k) {
    auto first = codes.begin() + static_cast<ptrdiff_t>(k * n.events);
    c->dimension[k].assign(first, first + static_cast<ptrdiff_t>(n.events));
  }
  return Status::OK();
}

Result<std::vector<Dictionary>> ReadDimensionValues(Decoder& d, uint64_t dimensions) {
  WINPATH_ASSIGN_OR_RETURN(std::string raw, d.Section(tf::kDimensionValues, std::nullopt));
  std::string_view data = raw;
  std::vector<Dictionary> out;
  std::vector<std::string> list;
  for (uint64_t k = 0; k < dimensions; ++k) {
    WINPATH_RETURN_IF_ERROR(ParseStrings(tf::kDimensionValues, &data, &list));
    if (list.empty() || !list[0].empty()) {
      return BadSection(tf::kDimensionValues, "code 0 of a dimension must be the empty value");
    }
    WINPATH_ASSIGN_OR_RETURN(Dictionary dict, DictionaryFrom(tf::kDimensionValues, list));
    out.push_back(std::move(dict));
  }
  if (!data.empty()) return BadSection(tf::kDimensionValues, "trailing bytes");
  return out;
}

}  // namespace

Result<LoadedTable> DecodeEventTable(std::string_view bytes) {
  return DecodeEventTableWithLimit(bytes, uint64_t{1} << 46);
}

Result<LoadedTable> DecodeEventTableWithLimit(std::string_view bytes, uint64_t max_raw_bytes) {
  Decoder d(bytes, max_raw_bytes);
  WINPATH_RETURN_IF_ERROR(d.ReadDirectory());
  WINPATH_ASSIGN_OR_RETURN(Counts n, ReadMeta(d));
  EventColumns columns;
  WINPATH_RETURN_IF_ERROR(ReadColumns(d, n, &columns));
  WINPATH_ASSIGN_OR_RETURN(std::vector<std::string> names, StringSection(d, tf::kEventNames));
  WINPATH_ASSIGN_OR_RETURN(Dictionary event_names, DictionaryFrom(tf::kEventNames, names));
  WINPATH_ASSIGN_OR_RETURN(std::vector<std::string> channels, StringSection(d, tf::kChannelNames));
  WINPATH_ASSIGN_OR_RETURN(std::vector<std::string> keys, StringSection(d, tf::kPersonKeys));
  WINPATH_ASSIGN_OR_RETURN(std::vector<std::string> dim_names,
                           StringSection(d, tf::kDimensionNames));
  if (dim_names.size() != n.dimensions) return BadSection(tf::kDimensionNames, "wrong count");
  WINPATH_ASSIGN_OR_RETURN(std::vector<Dictionary> dim_values,
                           ReadDimensionValues(d, n.dimensions));
  WINPATH_ASSIGN_OR_RETURN(std::vector<std::string> map_info, StringSection(d, tf::kMapInfo));
  if (map_info.empty()) return BadSection(tf::kMapInfo, "empty");
  WINPATH_ASSIGN_OR_RETURN(std::string fingerprint,
                           d.Section(tf::kMapFingerprint, MapFingerprint::kParts * 8));
  if (channels.size() > 255) return BadSection(tf::kChannelNames, "more than 255 channels");
  Result<EventTable> table =
      EventTable::FromColumns(std::move(columns), std::move(event_names), std::move(channels),
                              std::move(keys), std::move(dim_names), std::move(dim_values));
  if (!table.ok()) return table.status().WithPrefix("event-table file");
  LoadedTable loaded{std::move(*table), {}};
  loaded.info.map_name = map_info[0];
  loaded.info.predicate_names.assign(map_info.begin() + 1, map_info.end());
  for (int i = 0; i < MapFingerprint::kParts; ++i) {
    *loaded.info.fingerprint.mutable_part(i) = GetU64(fingerprint.data() + 8 * i);
  }
  return loaded;
}

}  // namespace winpath
