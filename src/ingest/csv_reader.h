// CsvReader: reads CSV files of tracking messages (docs/import.md#csv) into RawEvents.
//
// RFC 4180 (csv_record_splitter.h); the first record is the header and is required. Columns
// are mapped to message fields by CsvColumns; every other non-empty cell becomes an event
// property (its number parsed when the whole text is one). Rows that are not valid UTF-8, have
// a different number of fields than the header, a quote RFC 4180 does not allow, an unknown
// type or an unreadable timestamp are delivered as Rejects naming the line and the column.
//
// Thread-safety: not thread-safe; one reader per file.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "ingest/csv_columns.h"
#include "ingest/csv_record_splitter.h"
#include "ingest/message_sink.h"
#include "ingest/message_validator.h"

namespace winpath {

class CsvReader {
 public:
  explicit CsvReader(CsvColumns columns = {});

  // Parses every complete record in `text` (the unconsumed bytes of the file so far; `eof`:
  // they reach the end of the file) and returns how many bytes were consumed; call again with
  // the rest plus more bytes. Returns InvalidArgument for problems of the whole file: a header
  // that is not valid UTF-8 or lacks a timestamp column, an id column (user_id or
  // anonymous_id) or an event/type column.
  Result<size_t> Read(std::string_view text, bool eof, MessageSink& sink);

  // Reads a complete file's text.
  Status ReadText(std::string_view text, MessageSink& sink);

  bool has_header() const { return !roles_.empty(); }
  // Column names for reject messages (valid after the header was read).
  const MessageFieldNames& field_names() const { return names_; }

 private:
  // kExtra: a column that becomes an event property; kSite: the `property` column.
  enum class Role : uint8_t {
    kExtra,
    kUserId,
    kAnonymousId,
    kPreviousId,
    kEvent,
    kTimestamp,
    kMessageId,
    kType,
    kUrl,
    kReferrer,
    kUtmSource,
    kUtmMedium,
    kUtmCampaign,
    kUtmTerm,
    kUtmContent,
    kSite
  };
  std::string* Target(Role role);
  std::vector<Role> MapColumns();
  Status ReadHeader();
  void AssignFields(std::string_view* type_text, std::string_view* time_text);
  void ReadRow(MessageSink& sink);
  bool FillEvent(Reject* reject);
  void RejectRow(RejectReason reason, std::string field, std::string detail, MessageSink& sink);

  CsvColumns columns_;
  CsvRecordSplitter splitter_;
  std::vector<std::string> header_;
  std::vector<Role> roles_;
  MessageFieldNames names_;
  RawEvent event_;
};

}  // namespace winpath
