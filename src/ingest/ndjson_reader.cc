#include "ingest/ndjson_reader.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "ingest/url_parts.h"

namespace winpath {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

static_assert(kNdjsonPadding >= simdjson::SIMDJSON_PADDING);

std::string_view JsonTypeName(element_type t) {
  switch (t) {
    case element_type::ARRAY: return "an array";
    case element_type::OBJECT: return "an object";
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE: return "a number";
    case element_type::STRING: return "a string";
    case element_type::BOOL: return "a boolean";
    case element_type::NULL_VALUE: return "null";
  }
  return "a value";
}

bool IsNumber(element e) {
  element_type t = e.type();
  return t == element_type::INT64 || t == element_type::UINT64 || t == element_type::DOUBLE;
}

// The shortest text that reads back as the same number: 42, 19.99, 1e+21.
void NumberText(element e, std::string* out) {
  char buf[40];
  std::to_chars_result r{buf, {}};
  if (e.type() == element_type::INT64) {
    r = std::to_chars(buf, buf + sizeof buf, e.get_int64().value_unsafe());
  } else if (e.type() == element_type::UINT64) {
    r = std::to_chars(buf, buf + sizeof buf, e.get_uint64().value_unsafe());
  } else {
    r = std::to_chars(buf, buf + sizeof buf, e.get_double().value_unsafe());
  }
  out->assign(buf, r.ptr);
}

bool IsBlank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

constexpr const char* kTimeFields[3] = {"timestamp", "originalTimestamp", "sentAt"};

// Top-level fields of one message; null values count as absent.
struct Fields {
  std::optional<element> type, event, name, user_id, anonymous_id, previous_id, message_id;
  std::optional<element> properties, context, batch;
  std::optional<element> times[3];
};

// Compares against a literal with a constant length, which the compiler inlines.
template <size_t N>
bool Is(std::string_view key, const char (&literal)[N]) {
  return std::memcmp(key.data(), literal, N - 1) == 0;
}

// Dispatches on the key length first: top-level keys are compared once per message.
std::optional<element>* FieldSlot(std::string_view key, Fields* f) {
  switch (key.size()) {
    case 4: return Is(key, "type") ? &f->type : Is(key, "name") ? &f->name : nullptr;
    case 5: return Is(key, "event") ? &f->event : Is(key, "batch") ? &f->batch : nullptr;
    case 6: return Is(key, "userId") ? &f->user_id : Is(key, "sentAt") ? &f->times[2] : nullptr;
    case 7: return Is(key, "context") ? &f->context : nullptr;
    case 9:
      return Is(key, "messageId") ? &f->message_id : Is(key, "timestamp") ? &f->times[0] : nullptr;
    case 10:
      return Is(key, "previousId")   ? &f->previous_id
             : Is(key, "properties") ? &f->properties
                                     : nullptr;
    case 11: return Is(key, "anonymousId") ? &f->anonymous_id : nullptr;
    case 17: return Is(key, "originalTimestamp") ? &f->times[1] : nullptr;
    default: return nullptr;
  }
}

void CollectFields(simdjson::dom::object object, Fields* f) {
  *f = Fields();
  for (auto [key, value] : object) {
    if (value.is_null()) continue;
    if (std::optional<element>* slot = FieldSlot(key, f)) *slot = value;
  }
}

// Page fields that may come from properties (page calls) or context.page.
struct PageFields {
  std::string url, referrer;            // context.page.*
  std::string prop_url, prop_referrer;  // properties.* (used for page calls only)
  std::string property;                 // properties.property
};

}  // namespace

struct NdjsonReader::Impl {
  simdjson::dom::parser parser;
  RawEvent event;
  Reject reject;
  Fields fields;
  PageFields page;
  std::string padded;                            // copy of an unpadded line
  std::optional<std::vector<std::string>> keep;  // KeepOnlyProperties
  std::string number_text;

  size_t ReadLine(std::string_view line, uint64_t line_number, MessageSink& sink);
  size_t ReadBatch(element batch, uint64_t line_number, MessageSink& sink);
  size_t ReadBatchLine(std::string_view line, uint64_t line_number, MessageSink& sink);
  void ReadMessage(element message, int batch_index, bool collected, std::string_view raw,
                   MessageSink& sink);
  void Reset();
  bool ReadFields(const Fields& f);
  bool Fail(RejectReason reason, std::string_view field, std::string detail);
  bool ResolveType(const Fields& f);
  bool ReadText(const std::optional<element>& e, const char* field, bool allow_number,
                std::string* out);
  bool ReadTime(const Fields& f);
  bool ReadProperties(element properties);
  void NotePageField(std::string_view key, element value);
  bool ReadContext(element context);
  // A nested object's text fields: key, full field name for messages, destination.
  struct Wanted {
    std::string_view key;
    const char* field;
    std::string* out;
  };
  bool ReadObjectTexts(element object, const char* prefix, std::initializer_list<Wanted> wanted);
  void Derive(const Fields& f);
};

bool NdjsonReader::Impl::Fail(RejectReason reason, std::string_view field, std::string detail) {
  reject.reason = reason;
  reject.field.assign(field);
  reject.detail = std::move(detail);
  return false;
}

bool NdjsonReader::Impl::ReadText(const std::optional<element>& e, const char* field,
                                  bool allow_number, std::string* out) {
  out->clear();
  if (!e) return true;
  if (e->type() == element_type::STRING) {
    out->assign(e->get_string().value_unsafe());
    return true;
  }
  if (allow_number && IsNumber(*e)) {
    NumberText(*e, out);
    return true;
  }
  return Fail(RejectReason::kWrongFieldType, field,
              std::string(allow_number ? "expected a string or a number, got "
                                       : "expected a string, got ") +
                  std::string(JsonTypeName(e->type())));
}

bool NdjsonReader::Impl::ResolveType(const Fields& f) {
  if (!f.type) {
    if (f.event) {
      event.type = MessageType::kTrack;
      return true;
    }
    return Fail(RejectReason::kMissingType, "type",
                "missing; expected track, page, screen, identify or alias (or an 'event' field "
                "for a track message)");
  }
  if (f.type->type() != element_type::STRING) {
    return Fail(RejectReason::kWrongFieldType, "type",
                "expected a string, got " + std::string(JsonTypeName(f.type->type())));
  }
  std::string_view text = f.type->get_string().value_unsafe();
  char lower[16] = {};
  bool short_enough = text.size() < sizeof lower;
  for (size_t i = 0; short_enough && i < text.size(); ++i) {
    lower[i] = static_cast<char>(text[i] >= 'A' && text[i] <= 'Z' ? text[i] + 32 : text[i]);
  }
  std::optional<MessageType> type;
  if (short_enough) type = ParseMessageType(std::string_view(lower, text.size()));
  if (!type) {
    return Fail(RejectReason::kUnsupportedType, "type",
                "expected track, page, screen, identify or alias, got " + QuoteForMessage(text));
  }
  event.type = *type;
  return true;
}

bool NdjsonReader::Impl::ReadTime(const Fields& f) {
  for (int i = 0; i < 3; ++i) {
    if (!f.times[i]) continue;
    element e = *f.times[i];
    const char* field = kTimeFields[i];
    if (e.type() == element_type::STRING) {
      std::string_view text = e.get_string().value_unsafe();
      Result<TimeMs> t = ParseTimestamp(text);
      if (!t.ok()) {
        return Fail(RejectReason::kBadTimestamp, field,
                    "expected ISO-8601 or epoch seconds/ms, got " + QuoteForMessage(text));
      }
      event.time = *t;
      return true;
    }
    if (IsNumber(e)) {
      double v = e.get_double().value_unsafe();
      // Beyond ±1e16 ms (year 318857) the number is no timestamp; also keeps llround defined.
      if (!(v > -1e16 && v < 1e16)) {
        NumberText(e, &number_text);
        return Fail(RejectReason::kBadTimestamp, field,
                    "expected ISO-8601 or epoch seconds/ms, got " + number_text);
      }
      event.time = EpochNumberToMs(v);
      return true;
    }
    return Fail(
        RejectReason::kBadTimestamp, field,
        "expected ISO-8601 or epoch seconds/ms, got " + std::string(JsonTypeName(e.type())));
  }
  return Fail(RejectReason::kMissingTimestamp, "timestamp",
              "missing; expected ISO-8601 or epoch seconds/ms in 'timestamp', "
              "'originalTimestamp' or 'sentAt'");
}

// Page calls may carry url/referrer/property in properties; Derive decides which wins.
void NdjsonReader::Impl::NotePageField(std::string_view key, element value) {
  if (value.type() == element_type::STRING) {
    std::string_view text = value.get_string().value_unsafe();
    if (key == "url") {
      page.prop_url = text;
    } else if (key == "referrer") {
      page.prop_referrer = text;
    } else if (key == "property") {
      page.property = text;
    }
  } else if (key == "property" && IsNumber(value)) {
    NumberText(value, &page.property);
  }
}

bool NdjsonReader::Impl::ReadProperties(element properties) {
  if (properties.type() != element_type::OBJECT) {
    return Fail(RejectReason::kWrongFieldType, "properties",
                "expected an object, got " + std::string(JsonTypeName(properties.type())));
  }
  auto& props = event.properties;
  simdjson::dom::object object = properties.get_object().value_unsafe();
  for (auto [key, value] : object) {
    element_type t = value.type();
    if (t == element_type::NULL_VALUE) continue;
    NotePageField(key, value);
    if (keep && std::find(keep->begin(), keep->end(), key) == keep->end()) continue;
    auto& [k, v] = props.emplace_back();
    k.assign(key);
    if (t == element_type::STRING) {
      v.text.assign(value.get_string().value_unsafe());
      v.number = ParsePropertyNumber(v.text);
    } else if (IsNumber(value)) {
      NumberText(value, &v.text);
      v.number = value.get_double().value_unsafe();
    } else if (t == element_type::BOOL) {
      v.text = value.get_bool().value_unsafe() ? "true" : "false";
    } else {
      v.text = simdjson::to_string(value);  // nested object/array kept as its JSON text
    }
  }
  return true;
}

bool NdjsonReader::Impl::ReadObjectTexts(element object, const char* prefix,
                                         std::initializer_list<Wanted> wanted) {
  if (object.type() != element_type::OBJECT) {
    return Fail(RejectReason::kWrongFieldType, prefix,
                "expected an object, got " + std::string(JsonTypeName(object.type())));
  }
  simdjson::dom::object fields = object.get_object().value_unsafe();
  for (auto [key, value] : fields) {
    if (value.is_null()) continue;
    for (const Wanted& w : wanted) {
      if (key == w.key && !ReadText(value, w.field, true, w.out)) return false;
    }
  }
  return true;
}

bool NdjsonReader::Impl::ReadContext(element context) {
  if (context.type() != element_type::OBJECT) {
    return Fail(RejectReason::kWrongFieldType, "context",
                "expected an object, got " + std::string(JsonTypeName(context.type())));
  }
  Campaign& c = event.campaign;
  simdjson::dom::object object = context.get_object().value_unsafe();
  for (auto [key, value] : object) {
    if (value.is_null()) continue;
    if (key == "page") {
      if (!ReadObjectTexts(value, "context.page",
                           {{"url", "context.page.url", &page.url},
                            {"referrer", "context.page.referrer", &page.referrer}})) {
        return false;
      }
    } else if (key == "campaign") {
      if (!ReadObjectTexts(value, "context.campaign",
                           {{"source", "context.campaign.source", &c.source},
                            {"medium", "context.campaign.medium", &c.medium},
                            {"name", "context.campaign.name", &c.name},
                            {"term", "context.campaign.term", &c.term},
                            {"content", "context.campaign.content", &c.content}})) {
        return false;
      }
    }
  }
  return true;
}

void NdjsonReader::Impl::Derive(const Fields& f) {
  bool page_call = event.type == MessageType::kPage;
  event.url = !page.url.empty() ? page.url : page_call ? page.prop_url : std::string();
  event.referrer = !page.referrer.empty() ? page.referrer
                   : page_call            ? page.prop_referrer
                                          : std::string();
  event.property = !page.property.empty() ? page.property : UrlHost(event.url);
  if (event.type == MessageType::kPage || event.type == MessageType::kScreen) {
    if (event.name.empty()) event.name = page_call ? "page_view" : "screen_view";
  }
  if (!event.url.empty() && event.url.find("utm_") != std::string::npos) {
    Campaign& c = event.campaign;
    if (c.source.empty()) c.source = UrlQueryParam(event.url, "utm_source");
    if (c.medium.empty()) c.medium = UrlQueryParam(event.url, "utm_medium");
    if (c.name.empty()) c.name = UrlQueryParam(event.url, "utm_campaign");
    if (c.term.empty()) c.term = UrlQueryParam(event.url, "utm_term");
    if (c.content.empty()) c.content = UrlQueryParam(event.url, "utm_content");
  }
}

void NdjsonReader::Impl::Reset() {
  for (std::string* s :
       {&page.url, &page.referrer, &page.prop_url, &page.prop_referrer, &page.property, &event.name,
        &event.campaign.source, &event.campaign.medium, &event.campaign.name, &event.campaign.term,
        &event.campaign.content}) {
    s->clear();
  }
  event.properties.clear();
}

// Reads the collected fields into `event`; false (with `reject` set) at the first bad one.
bool NdjsonReader::Impl::ReadFields(const Fields& f) {
  if (!ResolveType(f)) return false;
  RawEvent& ev = event;
  bool is_page = ev.type == MessageType::kPage || ev.type == MessageType::kScreen;
  bool is_link = ev.type == MessageType::kIdentify || ev.type == MessageType::kAlias;
  return (is_link ||
          ReadText(is_page ? f.name : f.event, is_page ? "name" : "event", false, &ev.name)) &&
         ReadText(f.user_id, "userId", true, &ev.user_id) &&
         ReadText(f.anonymous_id, "anonymousId", true, &ev.anonymous_id) &&
         ReadText(f.previous_id, "previousId", true, &ev.previous_id) &&
         ReadText(f.message_id, "messageId", true, &ev.message_id) && ReadTime(f) &&
         (!f.properties || ReadProperties(*f.properties)) &&
         (!f.context || ReadContext(*f.context));
}

void NdjsonReader::Impl::ReadMessage(element message, int batch_index, bool collected,
                                     std::string_view raw, MessageSink& sink) {
  reject.batch_index = batch_index;
  Reset();
  if (message.type() != element_type::OBJECT) {
    Fail(RejectReason::kNotAnObject, "",
         "expected a JSON object, got " + std::string(JsonTypeName(message.type())));
    sink.OnReject(reject, raw);
    return;
  }
  if (!collected) CollectFields(message.get_object().value_unsafe(), &fields);
  auto text = [](const std::optional<element>& e) {
    return e && e->type() == element_type::STRING ? e->get_string().value_unsafe()
                                                  : std::string_view();
  };
  sink.Prefetch(text(fields.user_id), text(fields.anonymous_id));
  if (!ReadFields(fields)) {
    sink.OnReject(reject, raw);
    return;
  }
  Derive(fields);
  sink.OnMessage(event, batch_index, raw);
}

size_t NdjsonReader::Impl::ReadBatch(element batch, uint64_t line_number, MessageSink& sink) {
  size_t n = 0;
  std::string raw;
  simdjson::dom::array messages = batch.get_array().value_unsafe();
  for (element message : messages) {
    raw = simdjson::to_string(message);
    event.source_line = line_number;
    reject.line = line_number;
    ReadMessage(message, static_cast<int>(n++), false, raw, sink);
  }
  return n;
}

// A line with `batch` and no `type` (and, when `batch` is not an array, no `event`: that line
// is a track message with a stray field). An empty batch still counts as one (rejected)
// message, so that every non-blank line is accounted for; a non-array `batch` is a broken
// batch, not a message missing its type.
size_t NdjsonReader::Impl::ReadBatchLine(std::string_view line, uint64_t line_number,
                                         MessageSink& sink) {
  element_type type = fields.batch->type();
  if (type == element_type::ARRAY) {
    size_t n = ReadBatch(*fields.batch, line_number, sink);
    if (n > 0) return n;
    Fail(RejectReason::kEmptyBatch, "batch", "the batch holds no messages");
  } else {
    Fail(RejectReason::kWrongFieldType, "batch",
         "expected an array of messages, got " + std::string(JsonTypeName(type)));
  }
  sink.OnReject(reject, line);
  return 1;
}

size_t NdjsonReader::Impl::ReadLine(std::string_view line, uint64_t line_number,
                                    MessageSink& sink) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (IsBlank(line)) return 0;
  reject = Reject();
  reject.line = line_number;
  event.source_line = line_number;
  element doc;
  auto error = parser.parse(line.data(), line.size(), false).get(doc);
  if (error) {
    if (!simdjson::validate_utf8(line.data(), line.size())) {
      Fail(RejectReason::kInvalidUtf8, "", "the line is not valid UTF-8");
    } else {
      Fail(RejectReason::kInvalidJson, "",
           std::string("not valid JSON: ") + simdjson::error_message(error));
    }
    sink.OnReject(reject, line);
    return 1;
  }
  bool is_object = doc.type() == element_type::OBJECT;
  if (is_object) {
    CollectFields(doc.get_object().value_unsafe(), &fields);
    if (fields.batch && !fields.type &&
        (fields.batch->type() == element_type::ARRAY || !fields.event)) {
      return ReadBatchLine(line, line_number, sink);
    }
  }
  ReadMessage(doc, -1, is_object, line, sink);
  return 1;
}

NdjsonReader::NdjsonReader() : impl_(std::make_unique<Impl>()) {}

void NdjsonReader::KeepOnlyProperties(std::optional<std::vector<std::string>> keys) {
  impl_->keep = std::move(keys);
}
NdjsonReader::~NdjsonReader() = default;

size_t NdjsonReader::ReadPaddedLine(std::string_view line, uint64_t line_number,
                                    MessageSink& sink) {
  return impl_->ReadLine(line, line_number, sink);
}

size_t NdjsonReader::ReadLine(std::string_view line, uint64_t line_number, MessageSink& sink) {
  std::string& buf = impl_->padded;
  buf.assign(line);
  buf.append(kNdjsonPadding, ' ');
  return impl_->ReadLine(std::string_view(buf.data(), line.size()), line_number, sink);
}

size_t NdjsonReader::ReadText(std::string_view text, MessageSink& sink, uint64_t first_line) {
  size_t n = 0;
  uint64_t line_number = first_line;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    n += ReadLine(text.substr(0, nl), line_number++, sink);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return n;
}

}  // namespace winpath
