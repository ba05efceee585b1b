// Byte layout of the event-table file (`winpath import --out data.wpt`); the grammar and the
// rules are in docs/formats/event-table.md. Everything is little-endian.
//
//   file      := header directory section*
//   header    := magic[8] version:u32 section_count:u32 header_checksum:u64      (24 bytes)
//   directory := entry[section_count]
//   entry     := id:u32 encoding:u32 offset:u64 stored_size:u64 raw_size:u64 checksum:u64
//                                                                                (40 bytes)
// header_checksum = XXH3-64 of the header's first 16 bytes followed by the directory.
// checksum        = XXH3-64 of the section's stored bytes (after compression).
#pragma once

#include <cstdint>
#include <string_view>

namespace winpath::table_file {

inline constexpr char kMagic[8] = {'W', 'P', 'T', 'A', 'B', 'L', 'E', '\x1a'};
// Version 2 added kMapFingerprint; version 1 files are refused (re-import them).
inline constexpr uint32_t kVersion = 2;
inline constexpr size_t kHeaderBytes = 24;
inline constexpr size_t kEntryBytes = 40;
inline constexpr uint32_t kMaxSections = 64;

enum Encoding : uint32_t {
  kRaw = 0,   // stored bytes are the raw bytes
  kZstd = 1,  // stored bytes are one zstd frame of raw_size bytes
};

// Section ids. Sizes are in elements of the listed type; E = events, P = persons,
// V = values, D = dimensions.
enum SectionId : uint32_t {
  kMeta = 1,              // u64 E, u64 P, u64 V, u64 D
  kTime = 2,              // E x u64: zigzag(time[i] - time[i-1]), time[-1] = 0
  kName = 3,              // E x u16
  kChannel = 4,           // E x u8
  kFlags = 5,             // E x u8
  kMask = 6,              // E x u32
  kPersonBegin = 7,       // (P + 1) x u64
  kValueBegin = 8,        // (P + 1) x u32
  kValuePos = 9,          // V x u32
  kValueAmount = 10,      // V x f64 (IEEE 754 binary64)
  kEventNames = 11,       // string list
  kChannelNames = 12,     // string list
  kPersonKeys = 13,       // string list (P strings)
  kDimensionNames = 14,   // string list (D strings)
  kDimensionValues = 15,  // D string lists, one after another
  kDimensionCodes = 16,   // D x E x u16, dimension-major
  kMapInfo = 17,          // string list: map name, then predicate names in bit order
  kMapFingerprint = 18,   // 7 x u64: MapFingerprint parts in declaration order
};
inline constexpr uint32_t kNumSections = 18;

// string list := count:u64 (length:u32 bytes[length])*count

// A name for messages: "time", "person keys", ...
std::string_view SectionName(uint32_t id);

}  // namespace winpath::table_file
