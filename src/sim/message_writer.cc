#include "sim/message_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <ostream>

namespace winpath::sim {

namespace {

constexpr size_t kFlushBytes = 1 << 20;
constexpr char kHex[] = "0123456789abcdef";

void Append2(char* p, unsigned v) {
  p[0] = static_cast<char>('0' + v / 10);
  p[1] = static_cast<char>('0' + v % 10);
}

}  // namespace

MessageWriter::MessageWriter(const JourneyPlan& plan, std::ostream* out)
    : plan_(plan),
      out_(out),
      csv_(plan.options.format == SimOutputFormat::kCsv),
      set_(RenderPieces(plan)) {
  row_.resize(set_.property_columns.size());
  if (out_ != nullptr) {
    buf_.resize(kFlushBytes + set_.max_message + 4096);
    pos_ = buf_.data();
  }
}

MessageWriter::~MessageWriter() = default;

void MessageWriter::WriteHeader() {
  if (!csv_ || out_ == nullptr) return;
  std::string header =
      "type,event,user_id,anonymous_id,message_id,timestamp,url,referrer,utm_source,"
      "utm_medium,utm_campaign,property";
  for (const std::string& c : set_.property_columns) header += "," + CsvCell(c);
  header += '\n';
  Reserve(header.size());
  Put(header);
}

void MessageWriter::Reserve(size_t extra) {
  if (static_cast<size_t>(pos_ - buf_.data()) + extra > buf_.size()) {
    Flush();
    if (extra > buf_.size()) {
      buf_.resize(extra);
      pos_ = buf_.data();
    }
  }
}

void MessageWriter::AppendIds(const PersonIdentity& person, bool json) {
  if (json) {
    if (!person.user_id.empty()) {
      Put(",\"userId\":\"");
      Put(person.user_id);
      Put('"');
    }
    Put(",\"anonymousId\":\"");
    Put(std::string_view(person.anonymous_id, 16));
    Put('"');
  } else {
    Put(person.user_id);
    Put(',');
    Put(std::string_view(person.anonymous_id, 16));
    Put(',');
  }
}

void MessageWriter::AppendMessageId(PersonIdentity& person) {
  Put(std::string_view(person.anonymous_id, 16));
  Put('-');
  uint32_t v = person.next_message++;
  char tmp[8];
  int n = 0;
  do {
    tmp[n++] = kHex[v & 15];
    v >>= 4;
  } while (v != 0);
  while (n > 0) *pos_++ = tmp[--n];
}

void MessageWriter::AppendTimestamp(TimeMs time) {
  int64_t day = time >= 0 ? time / kMsPerDay : -((-time + kMsPerDay - 1) / kMsPerDay);
  DayText& cached = days_[static_cast<uint64_t>(day) & (days_.size() - 1)];
  if (cached.day != day) {
    int64_t y = 0;
    unsigned m = 0, d = 0;
    CivilFromDays(day, &y, &m, &d);
    auto yy = static_cast<unsigned>(std::clamp<int64_t>(y, 0, 9999));
    Append2(cached.text, yy / 100);
    Append2(cached.text + 2, yy % 100);
    cached.text[4] = '-';
    Append2(cached.text + 5, m);
    cached.text[7] = '-';
    Append2(cached.text + 8, d);
    cached.day = day;
  }
  auto ms = static_cast<unsigned>(time - day * kMsPerDay);
  char* t = pos_;
  std::memcpy(t, cached.text, 10);
  t[10] = 'T';
  Append2(t + 11, ms / 3600000);
  t[13] = ':';
  Append2(t + 14, ms / 60000 % 60);
  t[16] = ':';
  Append2(t + 17, ms / 1000 % 60);
  t[19] = '.';
  unsigned milli = ms % 1000;
  t[20] = static_cast<char>('0' + milli / 100);
  Append2(t + 21, milli % 100);
  t[23] = 'Z';
  pos_ += 24;
}

double WrittenAmount(const SynthesizedEvent& t, double value) {
  double v = std::clamp(value, t.value_min, t.value_max);
  if (std::fabs(v) >= 1e13) return v;
  double cents = std::floor(v * 100 + 0.5) / 100;
  return cents < t.value_min || cents > t.value_max ? v : cents;
}

void MessageWriter::AppendAmount(const SynthesizedEvent& t, double value) {
  // Cents keep the text exact and platform-independent; a range narrower than a cent falls
  // back to the shortest round-trip text of the clamped amount.
  double v = WrittenAmount(t, value);
  auto cents = static_cast<int64_t>(std::floor(v * 100 + 0.5));
  if (std::fabs(v) >= 1e13 || static_cast<double>(cents) / 100 != v) {
    pos_ = fmt::format_to(pos_, "{}", v);
    return;
  }
  if (cents < 0) {
    Put('-');
    cents = -cents;
  }
  pos_ = fmt::format_to(pos_, "{}", cents / 100);
  Put('.');
  Append2(pos_, static_cast<unsigned>(cents % 100));
  pos_ += 2;
}

void MessageWriter::Write(int template_id, PersonIdentity& person, TimeMs time,
                          const EventExtras& extras) {
  if (out_ == nullptr) return;
  Reserve(set_.max_message + person.user_id.size() + 2 * extras.referred_by.size());
  const MessagePieces& p = set_.pieces[static_cast<size_t>(template_id)];
  const SynthesizedEvent& t = plan_.templates[static_cast<size_t>(template_id)];
  if (csv_) {
    WriteCsv(p, t, person, time, extras);
  } else {
    WriteJson(p, t, person, time, extras);
  }
}

void MessageWriter::WriteJson(const MessagePieces& p, const SynthesizedEvent& t,
                              PersonIdentity& person, TimeMs time, const EventExtras& x) {
  Put(p.head);
  AppendIds(person, true);
  Put(",\"messageId\":\"");
  AppendMessageId(person);
  Put("\",\"timestamp\":\"");
  AppendTimestamp(time);
  Put('"');
  AppendJsonProperties(p, t, person, x);
  Put(p.ctx_a);
  if (p.has_url) {
    if (!x.referred_by.empty()) {
      Put(p.url_has_query ? "&ref=" : "?ref=");
      Put(x.referred_by);
    }
    Put(p.ctx_b);
  }
  Put("}\n");
}

void MessageWriter::AppendJsonProperties(const MessagePieces& p, const SynthesizedEvent& t,
                                         const PersonIdentity& person, const EventExtras& x) {
  char* props_start = pos_;
  Put(",\"properties\":{");
  char* open_end = pos_;
  auto sep = [&] {
    if (pos_ != open_end) Put(',');
  };
  Put(p.static_props);
  if (x.has_value && !p.value_key.empty()) {
    sep();
    Put(p.value_key);
    AppendAmount(t, x.value);
  }
  if (x.nps >= 0 && !p.static_nps) {
    sep();
    Put("\"nps\":");
    pos_ = fmt::format_to(pos_, "{}", x.nps);
  }
  if (!x.referred_by.empty() && !p.static_referred_by) {
    sep();
    Put("\"referred_by\":\"");
    Put(x.referred_by);
    Put('"');
  }
  if (x.session_start || p.is_track) {
    for (size_t d = 0; d < person.dims.size(); ++d) {
      if (p.overridden_dims & (1u << d)) continue;
      sep();
      Put(set_.dim_json[d][person.dims[d]]);
    }
  }
  if (pos_ == open_end) {
    pos_ = props_start;
  } else {
    Put('}');
  }
}

void MessageWriter::WriteCsv(const MessagePieces& p, const SynthesizedEvent& t,
                             PersonIdentity& person, TimeMs time, const EventExtras& x) {
  Put(p.csv_head);
  AppendIds(person, false);
  AppendMessageId(person);
  Put(',');
  AppendTimestamp(time);
  Put(',');
  Put(p.csv_url);
  if (!x.referred_by.empty() && !p.csv_url.empty() && p.csv_url.front() != '"') {
    Put(p.url_has_query ? "&ref=" : "?ref=");
    Put(x.referred_by);
  }
  Put(p.csv_mid);
  std::fill(row_.begin(), row_.end(), std::string_view());
  for (const auto& [col, cell] : p.csv_static) row_[static_cast<size_t>(col)] = cell;
  if (x.session_start || p.is_track) {
    for (size_t d = 0; d < person.dims.size(); ++d) {
      if (p.overridden_dims & (1u << d)) continue;
      row_[static_cast<size_t>(set_.dim_column[d])] = set_.dim_csv[d][person.dims[d]];
    }
  }
  char nps[2];
  if (x.nps >= 0 && !p.static_nps) {
    size_t n = x.nps >= 10 ? 2 : 1;
    nps[0] = static_cast<char>(n == 2 ? '1' : '0' + x.nps);
    nps[1] = '0';
    row_[static_cast<size_t>(set_.nps_column)] = std::string_view(nps, n);
  }
  if (!x.referred_by.empty() && !p.static_referred_by) {
    row_[static_cast<size_t>(set_.referred_by_column)] = x.referred_by;
  }
  for (size_t c = 0; c < row_.size(); ++c) {
    Put(',');
    if (static_cast<int>(c) == p.value_column && x.has_value) {
      AppendAmount(t, x.value);
    } else {
      Put(row_[c]);
    }
  }
  Put('\n');
}

void MessageWriter::WriteIdentify(PersonIdentity& person, TimeMs time) {
  if (out_ == nullptr) return;
  Reserve(set_.max_message + person.user_id.size());
  if (csv_) {
    Put("identify,,");
    AppendIds(person, false);
    AppendMessageId(person);
    Put(',');
    AppendTimestamp(time);
    Put(",,,,,,");
    for (size_t c = 0; c < set_.property_columns.size(); ++c) Put(',');
    Put('\n');
  } else {
    Put("{\"type\":\"identify\"");
    AppendIds(person, true);
    Put(",\"messageId\":\"");
    AppendMessageId(person);
    Put("\",\"timestamp\":\"");
    AppendTimestamp(time);
    Put("\"}\n");
  }
}

void MessageWriter::Flush() {
  size_t n = static_cast<size_t>(pos_ - buf_.data());
  if (n == 0) return;
  if (!out_->write(buf_.data(), static_cast<std::streamsize>(n))) failed_ = true;
  bytes_ += n;
  pos_ = buf_.data();
}

Status MessageWriter::Finish() {
  if (out_ == nullptr) return Status::OK();
  Flush();
  if (!out_->flush()) failed_ = true;
  if (failed_) return Status::IoError("simulate: writing the simulated messages failed");
  return Status::OK();
}

}  // namespace winpath::sim
