// MessageSink: where the readers (NdjsonReader, CsvReader) deliver what they parse — one call
// per message, either a parsed RawEvent or a Reject — together with the message's original
// text, so that nothing read is ever lost.
//
// Thread-safety: a sink is used by one reader on one thread.
#pragma once

#include <string_view>

#include "ingest/reject.h"
#include "model/event.h"

namespace winpath {

class MessageSink {
 public:
  virtual ~MessageSink() = default;
  // A message that parsed. It is not yet validated (message_validator.h); the sink may modify
  // it. `raw` is the message's text (the line, the CSV record or the batch element); both are
  // valid only during the call. `batch_index`: the element's index in a {"batch": [...]} line,
  // else -1. The line is event.source_line.
  virtual void OnMessage(RawEvent& event, int batch_index, std::string_view raw) = 0;
  // A message that could not be parsed; `raw` as above.
  virtual void OnReject(const Reject& reject, std::string_view raw) = 0;
  // Optional early notice of the ids of the message being parsed (before OnMessage), so a
  // sink can start fetching what it will need for them (a cache-miss hint, nothing more).
  virtual void Prefetch(std::string_view user_id, std::string_view anonymous_id) {}
};

}  // namespace winpath
