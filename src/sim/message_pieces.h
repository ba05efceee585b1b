// MessagePieces: the parts of a simulated message that depend only on its template, rendered
// once before simulating (NDJSON fragments and CSV cells), so that writing a message is mostly
// copying bytes. MessageWriter (message_writer.h) splices in the per-message fields.
//
// Thread-safety: immutable after RenderPieces.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/journey_plan.h"

namespace winpath::sim {

struct MessagePieces {
  // NDJSON
  std::string head;          // {"type":"track","event":"x"
  std::string static_props;  // "a":"b","n":1 (no braces)
  std::string ctx_a;         // context up to the end of the url text (or the whole context)
  std::string ctx_b;         // the rest of the context after the url text
  bool has_url = false, url_has_query = false;
  std::string value_key;         // "revenue":
  uint32_t overridden_dims = 0;  // dimensions the template sets itself
  bool static_nps = false, static_referred_by = false;
  bool is_track = false;
  // CSV
  std::string csv_head;  // type,event,
  std::string csv_url;
  std::string csv_mid;  // ,referrer,utm_source,utm_medium,utm_campaign,property
  std::vector<std::pair<int, std::string>> csv_static;  // (property column, cell)
  int value_column = -1;
};

struct PieceSet {
  std::vector<MessagePieces> pieces;  // per plan template
  // CSV property columns after the fixed ones: value properties, nps, referred_by, the
  // templates' own properties, dimensions.
  std::vector<std::string> property_columns;
  int nps_column = -1, referred_by_column = -1;
  std::vector<int> dim_column;                     // per plan dimension
  std::vector<std::vector<std::string>> dim_json;  // [dim][value] "\"country\":\"DE\""
  std::vector<std::vector<std::string>> dim_csv;   // [dim][value] CSV cell
  size_t max_message = 0;  // bytes one message can take besides its user/referrer ids
};

PieceSet RenderPieces(const JourneyPlan& plan);

// JSON string escaping (quotes not included) and CSV cell quoting (RFC 4180).
std::string JsonEscape(std::string_view text);
std::string CsvCell(std::string_view text);

}  // namespace winpath::sim
