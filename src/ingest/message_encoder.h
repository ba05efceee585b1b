// MessageEncoder: the per-thread step between a reader and the importer. It validates each
// parsed message (message_validator.h) and encodes it into a compact EncodedRow — interned
// ids, event name and dimension values (thread-local ids), predicate mask, value, channel from
// rules and acquisition data (channel_assigner.h) — or keeps the reject with its raw text.
//
// The importer merges the EncodedChunks of all threads in file order, mapping the local ids
// to global ones; identity links, deduplication and sessions happen there (a row's ids link
// only if the row is not a duplicate, which only the merge knows).
//
// Thread-safety: one encoder per thread; the JourneyMap is shared read-only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ingest/channel_assigner.h"
#include "ingest/message_sink.h"
#include "ingest/message_validator.h"
#include "ingest/string_interner.h"
#include "model/journey_map.h"

namespace winpath {

enum class RowKind : uint8_t { kEvent = 0, kIdentify = 1, kAlias = 2 };

inline constexpr uint32_t kNoLocalId = UINT32_MAX;
inline constexpr uint8_t kRowHasMessageId = 1;
inline constexpr uint8_t kRowHasValue = 2;

struct EncodedRow {
  TimeMs time;
  uint64_t message_hash;  // MessageIdHash(messageId) when bits & kRowHasMessageId
  uint32_t user;          // local id of userId, or kNoLocalId
  uint32_t other;         // anonymousId (events, identify) or previousId (alias), or kNoLocalId
  uint32_t name;          // local event-name id (events)
  uint32_t mask;
  RowKind kind;
  uint8_t channel;  // from rules / acquisition data; kNoChannel = none yet
  uint8_t flags;    // kEventFlagPageView
  uint8_t bits;     // kRowHas*
};

struct EncodedReject {
  Reject reject;
  std::string raw;
};

// What one thread produced from one range of input, in input order. Values and dimension
// codes are consumed in row order: one value per row with kRowHasValue, `num_dimensions`
// codes per event row.
struct EncodedChunk {
  std::vector<EncodedRow> rows;
  std::vector<double> values;
  std::vector<uint32_t> dimension_codes;
  std::vector<EncodedReject> rejects;
  // Strings first interned while encoding this chunk, in local-id order. They are views into
  // the encoder's append-only arenas, so another thread may read them while the encoder goes
  // on with the next chunk.
  std::vector<std::string_view> new_ids;
  std::vector<std::string_view> new_names;
  std::vector<std::vector<std::string_view>> new_dimension_values;  // [d]
  void Clear();
};

class MessageEncoder : public MessageSink {
 public:
  // REQUIRES: `map` outlives the encoder and has <= 255 channel names.
  MessageEncoder(const JourneyMap& map, ValidationOptions options);

  // Names used in reject messages; nullptr = the NDJSON names. The pointee must outlive use.
  void set_field_names(const MessageFieldNames* names) {
    names_ = names != nullptr ? names : &default_names_;
  }

  void OnMessage(RawEvent& event, int batch_index, std::string_view raw) override;
  void OnReject(const Reject& reject, std::string_view raw) override;
  void Prefetch(std::string_view user_id, std::string_view anonymous_id) override;

  // The chunk being filled. The importer swaps it out (with an empty one) to merge it while
  // the encoder fills the next; local ids keep growing across chunks.
  EncodedChunk& chunk() { return chunk_; }

 private:
  uint32_t InternId(const std::string& id);
  uint32_t InternNew(StringInterner& interner, std::string_view text,
                     std::vector<std::string_view>* fresh);
  uint32_t Mask(const RawEvent& event, uint32_t name);
  void EncodeEvent(const RawEvent& event, EncodedRow* row);

  const JourneyMap& map_;
  ValidationOptions options_;
  const MessageFieldNames default_names_;
  const MessageFieldNames* names_ = &default_names_;
  ChannelAssigner channels_;
  StringInterner ids_;
  StringInterner names_interner_;
  // Predicates without `where` depend on the event name only: their bits are cached per name.
  std::vector<uint32_t> name_mask_;
  uint32_t where_bits_ = 0;
  std::vector<StringInterner> dimension_values_;
  EncodedChunk chunk_;
  std::string text_;
};

}  // namespace winpath
