#include "sim/message_pieces.h"

#include <fmt/format.h>

#include <algorithm>

namespace winpath::sim {

namespace {

bool IsJsonNumber(std::string_view s) {
  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  size_t i = 0;
  auto digits = [&] {
    size_t b = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > b;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

std::string JsonValue(const PropertyValue& v) {
  if (v.number && IsJsonNumber(v.text)) return v.text;
  return "\"" + JsonEscape(v.text) + "\"";
}

int Column(PieceSet* set, const std::string& name) {
  auto& cols = set->property_columns;
  auto it = std::find(cols.begin(), cols.end(), name);
  if (it != cols.end()) return static_cast<int>(it - cols.begin());
  cols.push_back(name);
  return static_cast<int>(cols.size() - 1);
}

void RenderColumns(const JourneyPlan& plan, PieceSet* set) {
  for (const SynthesizedEvent& t : plan.templates) {
    if (!t.value_property.empty()) Column(set, t.value_property);
  }
  set->nps_column = Column(set, "nps");
  set->referred_by_column = Column(set, "referred_by");
  for (const SynthesizedEvent& t : plan.templates) {
    for (const auto& [key, value] : t.event.properties) Column(set, key);
  }
  for (const Dimension& d : plan.dimensions) {
    set->dim_column.push_back(Column(set, d.name));
    set->dim_json.emplace_back();
    set->dim_csv.emplace_back();
    for (const std::string& v : d.values) {
      set->dim_json.back().push_back(
          fmt::format("\"{}\":\"{}\"", JsonEscape(d.name), JsonEscape(v)));
      set->dim_csv.back().push_back(CsvCell(v));
    }
  }
}

void RenderHead(const RawEvent& e, MessagePieces* p) {
  std::string_view type = MessageTypeName(e.type);
  bool unnamed_page = (e.type == MessageType::kPage && e.name == "page_view") ||
                      (e.type == MessageType::kScreen && e.name == "screen_view");
  p->head = fmt::format("{{\"type\":\"{}\"", type);
  if (e.type == MessageType::kTrack) {
    p->head += fmt::format(",\"event\":\"{}\"", JsonEscape(e.name));
  } else if (!unnamed_page) {
    p->head += fmt::format(",\"name\":\"{}\"", JsonEscape(e.name));
  }
  p->csv_head = fmt::format("{},{},", type, unnamed_page ? "" : CsvCell(e.name));
  p->is_track = e.type == MessageType::kTrack;
}

// Static properties; returns the CSV cell of the built-in `property` column.
std::string RenderProperties(const JourneyPlan& plan, const SynthesizedEvent& t, PieceSet* set,
                             MessagePieces* p) {
  const RawEvent& e = t.event;
  std::string props;
  for (const auto& [key, value] : e.properties) {
    if (key == t.value_property) continue;  // written per message
    props +=
        fmt::format("{}\"{}\":{}", props.empty() ? "" : ",", JsonEscape(key), JsonValue(value));
    p->csv_static.emplace_back(Column(set, key), CsvCell(value.text));
    for (size_t d = 0; d < plan.dimensions.size(); ++d) {
      if (plan.dimensions[d].name == key) p->overridden_dims |= 1u << d;
    }
    p->static_nps |= key == "nps";
    p->static_referred_by |= key == "referred_by";
  }
  // The site/app: NDJSON sends it as properties.property, CSV has a column for it.
  std::string property_cell;
  if (!e.property.empty() && e.property != UrlHost(e.url)) {
    props += fmt::format("{}\"property\":\"{}\"", props.empty() ? "" : ",", JsonEscape(e.property));
    property_cell = CsvCell(e.property);
  }
  p->static_props = std::move(props);
  if (!t.value_property.empty()) {
    p->value_key = fmt::format("\"{}\":", JsonEscape(t.value_property));
    p->value_column = Column(set, t.value_property);
  }
  return property_cell;
}

// context.page (url, referrer) and context.campaign; the url is split out so a referral query
// can be appended per message.
void RenderContext(const RawEvent& e, MessagePieces* p) {
  std::string campaign;
  auto add = [&](std::string_view key, const std::string& v) {
    if (v.empty()) return;
    campaign += fmt::format("{}\"{}\":\"{}\"", campaign.empty() ? "" : ",", key, JsonEscape(v));
  };
  add("source", e.campaign.source);
  add("medium", e.campaign.medium);
  add("name", e.campaign.name);
  add("term", e.campaign.term);
  add("content", e.campaign.content);
  std::string referrer;
  if (!e.referrer.empty()) referrer = fmt::format(",\"referrer\":\"{}\"", JsonEscape(e.referrer));
  std::string tail = campaign.empty() ? "}" : fmt::format(",\"campaign\":{{{}}}}}", campaign);
  if (!e.url.empty()) {
    p->has_url = true;
    p->url_has_query = e.url.find('?') != std::string::npos;
    p->ctx_a = fmt::format(",\"context\":{{\"page\":{{\"url\":\"{}", JsonEscape(e.url));
    p->ctx_b = "\"" + referrer + "}" + tail;
  } else if (!referrer.empty()) {
    p->ctx_a = fmt::format(",\"context\":{{\"page\":{{{}}}{}", referrer.substr(1), tail);
  } else if (!campaign.empty()) {
    p->ctx_a = fmt::format(",\"context\":{{\"campaign\":{{{}}}}}", campaign);
  }
}

}  // namespace

std::string JsonEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(ch) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned char>(ch));
        } else {
          out += ch;
        }
    }
  }
  return out;
}

std::string CsvCell(std::string_view text) {
  if (text.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

PieceSet RenderPieces(const JourneyPlan& plan) {
  PieceSet set;
  RenderColumns(plan, &set);
  for (const SynthesizedEvent& t : plan.templates) {
    const RawEvent& e = t.event;
    MessagePieces p;
    RenderHead(e, &p);
    std::string property_cell = RenderProperties(plan, t, &set, &p);
    RenderContext(e, &p);
    p.csv_url = CsvCell(e.url);
    p.csv_mid = fmt::format(",{},{},{},{},{}", CsvCell(e.referrer), CsvCell(e.campaign.source),
                            CsvCell(e.campaign.medium), CsvCell(e.campaign.name), property_cell);
    size_t size = p.head.size() + p.static_props.size() + p.ctx_a.size() + p.ctx_b.size() +
                  p.value_key.size() + p.csv_head.size() + p.csv_url.size() + p.csv_mid.size();
    for (const auto& [col, cell] : p.csv_static) size += cell.size() + 1;
    set.max_message = std::max(set.max_message, size);
    set.pieces.push_back(std::move(p));
  }
  for (size_t d = 0; d < set.dim_json.size(); ++d) {
    size_t longest = 0;
    for (const std::string& v : set.dim_json[d]) longest = std::max(longest, v.size() + 1);
    for (const std::string& v : set.dim_csv[d]) longest = std::max(longest, v.size() + 1);
    set.max_message += 2 * longest;
  }
  // Ids, message id, timestamp, amount, nps, separators and braces.
  set.max_message += 512 + 2 * set.property_columns.size();
  return set;
}

}  // namespace winpath::sim
