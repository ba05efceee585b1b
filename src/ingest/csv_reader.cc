#include "ingest/csv_reader.h"

#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

#include "ingest/url_parts.h"

namespace winpath {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

CsvReader::CsvReader(CsvColumns columns) : columns_(std::move(columns)) {}

std::string* CsvReader::Target(Role role) {
  switch (role) {
    case Role::kUserId: return &event_.user_id;
    case Role::kAnonymousId: return &event_.anonymous_id;
    case Role::kPreviousId: return &event_.previous_id;
    case Role::kEvent: return &event_.name;
    case Role::kMessageId: return &event_.message_id;
    case Role::kUrl: return &event_.url;
    case Role::kReferrer: return &event_.referrer;
    case Role::kUtmSource: return &event_.campaign.source;
    case Role::kUtmMedium: return &event_.campaign.medium;
    case Role::kUtmCampaign: return &event_.campaign.name;
    case Role::kUtmTerm: return &event_.campaign.term;
    case Role::kUtmContent: return &event_.campaign.content;
    case Role::kSite: return &event_.property;
    default: return nullptr;
  }
}

std::vector<CsvReader::Role> CsvReader::MapColumns() {
  const std::pair<const std::string*, Role> wanted[] = {
      {&columns_.user_id, Role::kUserId},
      {&columns_.anonymous_id, Role::kAnonymousId},
      {&columns_.previous_id, Role::kPreviousId},
      {&columns_.event, Role::kEvent},
      {&columns_.timestamp, Role::kTimestamp},
      {&columns_.message_id, Role::kMessageId},
      {&columns_.type, Role::kType},
      {&columns_.url, Role::kUrl},
      {&columns_.referrer, Role::kReferrer},
      {&columns_.utm_source, Role::kUtmSource},
      {&columns_.utm_medium, Role::kUtmMedium},
      {&columns_.utm_campaign, Role::kUtmCampaign},
      {&columns_.utm_term, Role::kUtmTerm},
      {&columns_.utm_content, Role::kUtmContent},
      {&columns_.property, Role::kSite}};
  header_.clear();
  std::vector<Role> roles;
  std::vector<bool> used(std::size(wanted), false);
  for (std::string_view field : splitter_.fields()) {
    if (header_.empty() && field.substr(0, 3) == "\xEF\xBB\xBF") field.remove_prefix(3);
    header_.emplace_back(Trim(field));
    Role role = Role::kExtra;
    for (size_t w = 0; w < std::size(wanted); ++w) {
      if (!used[w] && EqualsIgnoreCase(header_.back(), *wanted[w].first)) {
        role = wanted[w].second;
        used[w] = true;
        break;
      }
    }
    roles.push_back(role);
  }
  return roles;
}

Status CsvReader::ReadHeader() {
  if (!simdjson::validate_utf8(splitter_.raw().data(), splitter_.raw().size())) {
    return Status::InvalidArgument("line " + std::to_string(splitter_.line()) +
                                   ": the CSV header is not valid UTF-8");
  }
  std::vector<Role> roles = MapColumns();
  auto has = [&](Role r) { return std::find(roles.begin(), roles.end(), r) != roles.end(); };
  // What is missing, and the --csv-columns keys that would name it.
  std::string missing, keys;
  if (!has(Role::kTimestamp)) {
    missing = "'" + columns_.timestamp + "' column";
    keys = "timestamp=<column>";
  } else if (!has(Role::kUserId) && !has(Role::kAnonymousId)) {
    missing = "'" + columns_.user_id + "' or '" + columns_.anonymous_id + "' column";
    keys = "user_id=<column> or anonymous_id=<column>";
  } else if (!has(Role::kEvent) && !has(Role::kType)) {
    missing = "'" + columns_.event + "' or '" + columns_.type + "' column";
    keys = "event=<column> or type=<column>";
  }
  if (!missing.empty()) {
    std::string list;
    for (const std::string& h : header_) list += (list.empty() ? "" : ", ") + h;
    return Status::InvalidArgument("line " + std::to_string(splitter_.line()) +
                                   ": the CSV header has no " + missing + " (columns: " + list +
                                   "); name the column that holds it with --csv-columns " + keys);
  }
  roles_ = std::move(roles);
  names_ = {columns_.user_id, columns_.anonymous_id, columns_.previous_id, columns_.event,
            columns_.timestamp};
  return Status::OK();
}

void CsvReader::AssignFields(std::string_view* type_text, std::string_view* time_text) {
  RawEvent& ev = event_;
  for (std::string* s :
       {&ev.name, &ev.user_id, &ev.anonymous_id, &ev.previous_id, &ev.message_id, &ev.url,
        &ev.referrer, &ev.property, &ev.campaign.source, &ev.campaign.medium, &ev.campaign.name,
        &ev.campaign.term, &ev.campaign.content}) {
    s->clear();
  }
  ev.properties.clear();
  const auto& fields = splitter_.fields();
  for (size_t i = 0; i < fields.size(); ++i) {
    Role role = roles_[i];
    if (role == Role::kType) {
      *type_text = Trim(fields[i]);
    } else if (role == Role::kTimestamp) {
      *time_text = Trim(fields[i]);
    } else if (std::string* target = Target(role)) {
      target->assign(fields[i]);
    } else if (!fields[i].empty()) {
      ev.properties.push_back(
          {header_[i], {std::string(fields[i]), ParsePropertyNumber(Trim(fields[i]))}});
    }
  }
}

bool CsvReader::FillEvent(Reject* reject) {
  std::string_view type_text, time_text;
  AssignFields(&type_text, &time_text);
  auto fail = [&](RejectReason reason, const std::string& field, std::string detail) {
    reject->reason = reason;
    reject->field = field;
    reject->detail = std::move(detail);
    return false;
  };
  event_.type = MessageType::kTrack;
  if (!type_text.empty()) {
    std::string lower(type_text);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::optional<MessageType> type = ParseMessageType(lower);
    if (!type) {
      return fail(
          RejectReason::kUnsupportedType, columns_.type,
          "expected track, page, screen, identify or alias, got " + QuoteForMessage(type_text));
    }
    event_.type = *type;
  }
  if (time_text.empty()) {
    return fail(RejectReason::kMissingTimestamp, columns_.timestamp,
                "missing; expected ISO-8601 or epoch seconds/ms");
  }
  Result<TimeMs> time = ParseTimestamp(time_text);
  if (!time.ok()) {
    return fail(RejectReason::kBadTimestamp, columns_.timestamp,
                "expected ISO-8601 or epoch seconds/ms, got " + QuoteForMessage(time_text));
  }
  event_.time = *time;
  return true;
}

void CsvReader::RejectRow(RejectReason reason, std::string field, std::string detail,
                          MessageSink& sink) {
  Reject r;
  r.reason = reason;
  r.line = splitter_.line();
  r.field = std::move(field);
  r.detail = std::move(detail);
  sink.OnReject(r, splitter_.raw());
}

void CsvReader::ReadRow(MessageSink& sink) {
  std::string_view raw = splitter_.raw();
  if (Trim(raw).empty()) return;  // blank line
  if (!simdjson::validate_utf8(raw.data(), raw.size())) {
    return RejectRow(RejectReason::kInvalidUtf8, "", "the row is not valid UTF-8", sink);
  }
  if (splitter_.fields().size() != roles_.size()) {
    return RejectRow(RejectReason::kCsvFieldCount, "",
                     "expected " + std::to_string(roles_.size()) +
                         " fields (as in the header), got " +
                         std::to_string(splitter_.fields().size()),
                     sink);
  }
  Reject reject;
  if (!FillEvent(&reject)) {
    return RejectRow(reject.reason, reject.field, reject.detail, sink);
  }
  RawEvent& ev = event_;
  ev.source_line = splitter_.line();
  if (ev.type == MessageType::kPage && ev.name.empty()) ev.name = "page_view";
  if (ev.type == MessageType::kScreen && ev.name.empty()) ev.name = "screen_view";
  if (ev.type == MessageType::kIdentify || ev.type == MessageType::kAlias) ev.name.clear();
  if (ev.property.empty()) ev.property = UrlHost(ev.url);
  if (!ev.url.empty() && ev.url.find("utm_") != std::string::npos) {
    Campaign& c = ev.campaign;
    if (c.source.empty()) c.source = UrlQueryParam(ev.url, "utm_source");
    if (c.medium.empty()) c.medium = UrlQueryParam(ev.url, "utm_medium");
    if (c.name.empty()) c.name = UrlQueryParam(ev.url, "utm_campaign");
    if (c.term.empty()) c.term = UrlQueryParam(ev.url, "utm_term");
    if (c.content.empty()) c.content = UrlQueryParam(ev.url, "utm_content");
  }
  sink.OnMessage(ev, -1, raw);
}

Result<size_t> CsvReader::Read(std::string_view text, bool eof, MessageSink& sink) {
  size_t pos = 0;
  while (true) {
    CsvRecordSplitter::Outcome out = splitter_.Next(text, &pos, eof);
    if (out == CsvRecordSplitter::Outcome::kNeedMore || out == CsvRecordSplitter::Outcome::kEnd) {
      return pos;
    }
    if (!has_header()) {
      if (out == CsvRecordSplitter::Outcome::kBadQuote) {
        return Status::InvalidArgument("line " + std::to_string(splitter_.line()) +
                                       ": the CSV header is malformed: " + splitter_.error());
      }
      if (Trim(splitter_.raw()).empty()) continue;
      WINPATH_RETURN_IF_ERROR(ReadHeader());
      continue;
    }
    if (out == CsvRecordSplitter::Outcome::kBadQuote) {
      RejectRow(RejectReason::kCsvBadQuote, "", splitter_.error(), sink);
      continue;
    }
    ReadRow(sink);
  }
}

Status CsvReader::ReadText(std::string_view text, MessageSink& sink) {
  Result<size_t> n = Read(text, true, sink);
  return n.ok() ? Status::OK() : n.status();
}

}  // namespace winpath
