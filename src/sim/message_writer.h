// MessageWriter: formats simulated messages as NDJSON (Segment-shaped) or CSV rows, from pieces
// pre-rendered once per message template, into a large buffer flushed to the stream in blocks.
// No allocation and no iostream call per message; no floating-point formatting (amounts are
// written from integer cents), so the bytes are identical on every platform.
//
// NDJSON line (fields in this order, absent ones omitted):
//   {"type":"track","event":"purchase","userId":"u-..","anonymousId":"..","messageId":"..",
//    "timestamp":"2026-01-03T10:15:00.000Z","properties":{..},
//    "context":{"page":{"url":"..","referrer":".."},
//               "campaign":{"source":..,"medium":..,"name":..}}}
// Pages carry "name" only when the template names the page; identify messages carry both ids.
// CSV: header type,event,user_id,anonymous_id,message_id,timestamp,url,referrer,utm_source,
// utm_medium,utm_campaign,property, then one column per property name (PropertyColumns()).
//
// Thread-safety: not thread-safe; one writer per output stream.
#pragma once

#include <cstdint>
#include <cstring>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "sim/journey_plan.h"
#include "sim/message_pieces.h"

namespace winpath::sim {

// The per-person fields of every message.
struct PersonIdentity {
  char anonymous_id[16] = {};  // 16 hex digits
  std::string user_id;         // empty until the person is identified
  std::vector<uint8_t> dims;   // value index per plan dimension
  uint32_t next_message = 0;   // message counter: messageId = <anonymousId>-<counter hex>
};

// Per-message dynamic fields.
struct EventExtras {
  bool has_value = false;
  double value = 0;  // written with 2 decimals (inside the template's value range)
  int nps = -1;      // 0-10, or -1 for none
  // The referrer's user id, on a referred person's first touch: adds "ref=<id>" to the url and
  // the property referred_by.
  std::string_view referred_by;
  // First event of a session: carries the person's dimension properties (as track events do).
  bool session_start = false;
};

class MessageWriter {
 public:
  // `out` may be null: messages are then only counted (used for counterfactual runs).
  MessageWriter(const JourneyPlan& plan, std::ostream* out);
  ~MessageWriter();
  MessageWriter(const MessageWriter&) = delete;
  MessageWriter& operator=(const MessageWriter&) = delete;

  // CSV header line; nothing for NDJSON.
  void WriteHeader();
  void Write(int template_id, PersonIdentity& person, TimeMs time, const EventExtras& extras);
  void WriteIdentify(PersonIdentity& person, TimeMs time);
  // Flushes the buffer; IoError when the stream failed.
  Status Finish();

  uint64_t bytes() const { return bytes_ + static_cast<uint64_t>(pos_ - buf_.data()); }
  const std::vector<std::string>& property_columns() const { return set_.property_columns; }

 private:
  void WriteJson(const MessagePieces& p, const SynthesizedEvent& t, PersonIdentity& person,
                 TimeMs time, const EventExtras& x);
  void AppendJsonProperties(const MessagePieces& p, const SynthesizedEvent& t,
                            const PersonIdentity& person, const EventExtras& x);
  void WriteCsv(const MessagePieces& p, const SynthesizedEvent& t, PersonIdentity& person,
                TimeMs time, const EventExtras& x);
  // Appends without bounds checks: Reserve() guarantees room for one message of any template.
  void Put(std::string_view s) {
    std::memcpy(pos_, s.data(), s.size());
    pos_ += s.size();
  }
  void Put(char c) { *pos_++ = c; }
  void Reserve(size_t extra);
  void AppendIds(const PersonIdentity& person, bool json);
  void AppendMessageId(PersonIdentity& person);
  void AppendTimestamp(TimeMs time);
  void AppendAmount(const SynthesizedEvent& t, double value);
  void Flush();

  const JourneyPlan& plan_;
  std::ostream* out_;
  bool csv_;
  PieceSet set_;
  std::vector<std::string_view> row_;  // CSV property cells of the row being written
  std::vector<char> buf_;
  char* pos_ = nullptr;
  uint64_t bytes_ = 0;
  // "YYYY-MM-DD" of recently used days, direct-mapped by day number: persons jump between
  // days all the time and the civil-date conversion is the costly part of a timestamp.
  struct DayText {
    int64_t day = INT64_MIN;
    char text[10] = {};
  };
  std::vector<DayText> days_ = std::vector<DayText>(1024);
  bool failed_ = false;
};

// The amount as written: clamped into the template's value range and rounded to cents (unless
// the range is narrower than a cent).
double WrittenAmount(const SynthesizedEvent& t, double value);

}  // namespace winpath::sim
