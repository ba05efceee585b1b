// EventCollector: the sequential half of an import. It merges the EncodedChunks of the parser
// threads in input order — deduplicating by messageId (first occurrence wins), mapping
// thread-local ids to global ones, collecting the identity links of the messages it keeps (a
// dropped duplicate links nothing), counting and writing rejects — and at the end stitches
// identities (IdentityGraph), sorts each person's events by time (ties keep input order),
// marks sessions and Direct touches (MarkSessions) and builds the EventTable columns.
//
// Thread-safety: not thread-safe; called from the importing thread only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "ingest/identity_graph.h"
#include "ingest/import_options.h"
#include "ingest/link_table.h"
#include "ingest/message_encoder.h"
#include "ingest/message_id_set.h"
#include "ingest/rejects_writer.h"
#include "ingest/string_interner.h"
#include "model/event_table.h"
#include "model/journey_map.h"
#include "platform/huge_pages.h"

namespace winpath {

// Local (per encoder) -> global id maps; they grow with the encoder's interners.
struct LocalIdMaps {
  std::vector<uint32_t> ids;                      // -> IdentityGraph node
  std::vector<uint32_t> names;                    // -> global event-name id
  std::vector<std::vector<uint16_t>> dimensions;  // [d] -> dimension code
};

class EventCollector {
 public:
  // REQUIRES: `map`, `stats` and `rejects` outlive the collector.
  EventCollector(const JourneyMap& map, ImportStats* stats, RejectsWriter* rejects);

  // Takes everything in `chunk` (then clears it); `maps` belongs to the encoder that filled
  // it. `file` labels rejects; `line_base` is added to the (range-relative) line numbers of
  // the chunk's rejects.
  Status Merge(EncodedChunk& chunk, LocalIdMaps* maps, const std::string& file, uint64_t line_base);

  // Makes room for `messages` more messages in the per-event buffers, so they need not grow
  // (copying GBs) on the way. An estimate: more or fewer may come; best effort (an estimate
  // the OS refuses to map is ignored).
  void Reserve(uint64_t messages);

  // Resolves identities (the links of every imported message) and builds the table, sorting and
  // writing persons on `threads` threads. Call once.
  Result<EventTable> Build(int threads);

 private:
  struct Event {  // 24 bytes
    TimeMs time;
    uint32_t node;  // identity-graph node of the id that names the person
    uint32_t mask;
    uint32_t value_slot;  // index into values_, or kNoValue
    uint32_t name;        // global event-name id
  };
  static constexpr uint32_t kNoValue = UINT32_MAX;

  void MapNewLocalIds(const EncodedChunk& chunk, LocalIdMaps* maps);
  Status TakeRejects(EncodedChunk& chunk, const std::string& file, uint64_t line_base);
  void AddIdentity(const EncodedRow& row, const LocalIdMaps& maps);

  uint16_t DimensionCode(size_t d, std::string_view value);
  HugeVector<uint32_t> SortedOrder(std::vector<uint64_t>* person_begin, int threads) const;
  void Offsets(const std::vector<uint64_t>& begin, std::vector<uint32_t>* persons,
               EventColumns* c) const;
  // `order_end`: the end of the whole order, up to which rows ahead are prefetched.
  void WritePerson(const uint32_t* first, const uint32_t* last, const uint32_t* order_end,
                   size_t out, size_t value_out, uint8_t direct_channel, EventColumns* c) const;
  Result<Dictionary> EventNames() const;

  const JourneyMap& map_;
  ImportStats* stats_;
  RejectsWriter* rejects_;
  const size_t num_dimensions_;
  IdentityGraph graph_;
  MessageIdSet seen_;
  // Distinct links between graph nodes with their earliest time: [0] userId with anonymousId,
  // [1] alias previousId into userId. Fed to graph_ in Build.
  LinkTable links_[2];
  StringInterner names_;
  std::vector<StringInterner> dimension_values_;
  // Per event, in input order; on huge pages (platform/huge_pages.h), as they grow to GBs.
  HugeVector<Event> events_;
  HugeVector<uint8_t> channels_, flags_;  // per event, beside events_ to keep Event at 24 B
  HugeVector<double> values_;
  HugeVector<uint32_t> value_nodes_;      // per value: the node of its event (to count per person)
  HugeVector<uint16_t> dimension_codes_;  // num_dimensions_ per event
};

}  // namespace winpath
