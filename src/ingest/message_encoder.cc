#include "ingest/message_encoder.h"

#include "ingest/message_id_set.h"
#include "model/predicate.h"

namespace winpath {

void EncodedChunk::Clear() {
  rows.clear();
  values.clear();
  dimension_codes.clear();
  rejects.clear();
  new_ids.clear();
  new_names.clear();
  for (auto& d : new_dimension_values) d.clear();
}

MessageEncoder::MessageEncoder(const JourneyMap& map, ValidationOptions options)
    : map_(map), options_(options), channels_(map), dimension_values_(map.dimensions.size()) {
  // Code 0 of every dimension is "" (absent), as in EventTable; the importer maps it fixed.
  for (StringInterner& d : dimension_values_) d.Intern("");
  for (size_t i = 0; i < map.wins.size(); ++i) {
    if (!map.wins[i].predicate.where.empty()) where_bits_ |= 1u << map.win_bit(i);
  }
  for (size_t i = 0; i < map.milestones.size(); ++i) {
    if (!map.milestones[i].predicate.where.empty()) where_bits_ |= 1u << map.milestone_bit(i);
  }
}

uint32_t MessageEncoder::Mask(const RawEvent& event, uint32_t name) {
  if (name == name_mask_.size()) name_mask_.push_back(map_.MatchMask(event) & ~where_bits_);
  uint32_t mask = name_mask_[name];
  if (where_bits_ == 0) return mask;
  for (size_t i = 0; i < map_.wins.size(); ++i) {
    uint32_t bit = 1u << map_.win_bit(i);
    if ((where_bits_ & bit) && map_.wins[i].predicate.Matches(event)) mask |= bit;
  }
  for (size_t i = 0; i < map_.milestones.size(); ++i) {
    uint32_t bit = 1u << map_.milestone_bit(i);
    if ((where_bits_ & bit) && map_.milestones[i].predicate.Matches(event)) mask |= bit;
  }
  return mask;
}

uint32_t MessageEncoder::InternNew(StringInterner& interner, std::string_view text,
                                   std::vector<std::string_view>* fresh) {
  const size_t before = interner.size();
  uint32_t id = interner.Intern(text);
  if (interner.size() != before) fresh->push_back(interner.Get(id));
  return id;
}

uint32_t MessageEncoder::InternId(const std::string& id) {
  if (id.empty()) return kNoLocalId;
  return InternNew(ids_, id, &chunk_.new_ids);
}

void MessageEncoder::Prefetch(std::string_view user_id, std::string_view anonymous_id) {
  // The id table outgrows the caches; the parse of the rest of the message hides the load.
  if (!user_id.empty()) ids_.Prefetch(user_id);
  if (!anonymous_id.empty()) ids_.Prefetch(anonymous_id);
}

void MessageEncoder::OnReject(const Reject& reject, std::string_view raw) {
  chunk_.rejects.push_back({reject, std::string(raw)});
}

void MessageEncoder::OnMessage(RawEvent& event, int batch_index, std::string_view raw) {
  if (std::optional<Reject> reject = ValidateMessage(&event, options_, *names_)) {
    reject->line = event.source_line;
    reject->batch_index = batch_index;
    chunk_.rejects.push_back({std::move(*reject), std::string(raw)});
    return;
  }
  EncodedRow row{};
  row.time = event.time;
  if (!event.message_id.empty()) {
    row.message_hash = MessageIdHash(event.message_id);
    row.bits |= kRowHasMessageId;
  }
  row.user = InternId(event.user_id);
  row.name = kNoLocalId;
  if (event.type == MessageType::kIdentify) {
    row.kind = RowKind::kIdentify;
    row.other = InternId(event.anonymous_id);
  } else if (event.type == MessageType::kAlias) {
    row.kind = RowKind::kAlias;
    row.other = InternId(event.previous_id);
  } else {
    EncodeEvent(event, &row);
  }
  chunk_.rows.push_back(row);
}

void MessageEncoder::EncodeEvent(const RawEvent& event, EncodedRow* row) {
  row->kind = RowKind::kEvent;
  row->other = InternId(event.anonymous_id);
  row->name = InternNew(names_interner_, event.name, &chunk_.new_names);
  row->mask = Mask(event, row->name);
  if (std::optional<double> value = map_.EventValue(event, row->mask)) {
    row->bits |= kRowHasValue;
    chunk_.values.push_back(*value);
  }
  row->channel = channels_.Classify(event);
  if (event.type == MessageType::kPage || event.type == MessageType::kScreen) {
    row->flags = kEventFlagPageView;
  }
  const PropertyValue* value = nullptr;
  chunk_.new_dimension_values.resize(map_.dimensions.size());  // a swapped-in chunk may lack it
  for (size_t d = 0; d < map_.dimensions.size(); ++d) {
    text_.clear();
    bool present = LookupEventField(event, map_.dimensions[d], &text_, &value);
    chunk_.dimension_codes.push_back(
        present ? InternNew(dimension_values_[d], text_, &chunk_.new_dimension_values[d]) : 0);
  }
}

}  // namespace winpath
