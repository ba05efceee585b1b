// NdjsonReader: every field it reads, its fallbacks, and every reject reason it produces
// (docs/import.md#ndjson).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/ndjson_reader.h"

namespace winpath {
namespace {

class Collect : public MessageSink {
 public:
  void OnMessage(RawEvent& event, int batch_index, std::string_view raw) override {
    events.push_back(event);
    batch.push_back(batch_index);
    raws.emplace_back(raw);
  }
  void OnReject(const Reject& reject, std::string_view raw) override {
    rejects.push_back(reject);
    raws.emplace_back(raw);
  }
  std::vector<RawEvent> events;
  std::vector<int> batch;
  std::vector<Reject> rejects;
  std::vector<std::string> raws;
};

Collect Read(std::string_view text) {
  Collect c;
  NdjsonReader reader;
  reader.ReadText(text, c);
  return c;
}

RawEvent One(std::string_view line) {
  Collect c = Read(line);
  EXPECT_EQ(c.events.size(), 1u) << line;
  EXPECT_TRUE(c.rejects.empty()) << (c.rejects.empty() ? "" : c.rejects[0].ToString());
  return c.events.empty() ? RawEvent() : c.events[0];
}

Reject OneReject(std::string_view line) {
  Collect c = Read(line);
  EXPECT_EQ(c.rejects.size(), 1u) << line;
  EXPECT_TRUE(c.events.empty()) << line;
  return c.rejects.empty() ? Reject() : c.rejects[0];
}

TEST(NdjsonReader, TrackWithAllFields) {
  RawEvent e =
      One(R"({"type":"track","event":"purchase","userId":"u1","anonymousId":"a1",)"
          R"("messageId":"m1","timestamp":"2026-03-01T12:00:00.250+02:00",)"
          R"("properties":{"revenue":19.99,"plan":"pro","qty":3,"gift":true,"meta":{"a":[1,2]},)"
          R"("none":null,"code":"042"},)"
          R"("context":{"page":{"url":"https://Shop.Example.com:8443/p?utm_source=ignored",)"
          R"("referrer":"https://www.google.com/search?q=x"},)"
          R"("campaign":{"source":"google","medium":"cpc","name":"spring","term":"shoes",)"
          R"("content":"ad1"}}})");
  EXPECT_EQ(e.type, MessageType::kTrack);
  EXPECT_EQ(e.name, "purchase");
  EXPECT_EQ(e.user_id, "u1");
  EXPECT_EQ(e.anonymous_id, "a1");
  EXPECT_EQ(e.message_id, "m1");
  EXPECT_EQ(e.time, 1772359200250LL);  // 2026-03-01T10:00:00.250Z
  EXPECT_EQ(e.url, "https://Shop.Example.com:8443/p?utm_source=ignored");
  EXPECT_EQ(e.referrer, "https://www.google.com/search?q=x");
  EXPECT_EQ(e.property, "shop.example.com");
  EXPECT_EQ(e.campaign.source, "google");  // context.campaign wins over the URL
  EXPECT_EQ(e.campaign.medium, "cpc");
  EXPECT_EQ(e.campaign.name, "spring");
  EXPECT_EQ(e.campaign.term, "shoes");
  EXPECT_EQ(e.campaign.content, "ad1");
  EXPECT_EQ(e.source_line, 1u);
  ASSERT_EQ(e.properties.size(), 6u);  // null is absent
  const PropertyValue* revenue = e.FindProperty("revenue");
  ASSERT_NE(revenue, nullptr);
  EXPECT_EQ(revenue->text, "19.99");
  EXPECT_DOUBLE_EQ(*revenue->number, 19.99);
  EXPECT_EQ(e.FindProperty("qty")->text, "3");
  EXPECT_EQ(e.FindProperty("gift")->text, "true");
  EXPECT_FALSE(e.FindProperty("gift")->number);
  EXPECT_EQ(e.FindProperty("meta")->text, R"({"a":[1,2]})");
  EXPECT_FALSE(e.FindProperty("plan")->number);
  EXPECT_DOUBLE_EQ(*e.FindProperty("code")->number, 42.0);  // text that is a number
  EXPECT_EQ(e.FindProperty("none"), nullptr);
}

TEST(NdjsonReader, MissingTypeWithEventIsTrack) {
  RawEvent e = One(R"({"event":"signed_up","anonymousId":"a","timestamp":1767225600})");
  EXPECT_EQ(e.type, MessageType::kTrack);
  EXPECT_EQ(e.name, "signed_up");
  EXPECT_EQ(e.time, 1767225600000LL);  // epoch seconds
}

TEST(NdjsonReader, EpochMillisecondsAndFractions) {
  EXPECT_EQ(One(R"({"event":"x","anonymousId":"a","timestamp":1767225600123})").time,
            1767225600123LL);
  EXPECT_EQ(One(R"({"event":"x","anonymousId":"a","timestamp":1767225600.5})").time,
            1767225600500LL);
  EXPECT_EQ(One(R"({"event":"x","anonymousId":"a","timestamp":"1767225600"})").time,
            1767225600000LL);
}

TEST(NdjsonReader, TimestampFallbackOrder) {
  // timestamp, then originalTimestamp, then sentAt; null counts as absent.
  EXPECT_EQ(One(R"({"event":"x","anonymousId":"a","sentAt":"2026-01-01T00:00:03Z",)"
                R"("originalTimestamp":"2026-01-01T00:00:02Z","timestamp":null})")
                .time,
            1767225602000LL);
  EXPECT_EQ(One(R"({"event":"x","anonymousId":"a","sentAt":"2026-01-01T00:00:03Z"})").time,
            1767225603000LL);
  EXPECT_EQ(One(R"({"event":"x","anonymousId":"a","sentAt":"2026-01-01T00:00:03Z",)"
                R"("timestamp":"2026-01-01T00:00:01Z"})")
                .time,
            1767225601000LL);
}

TEST(NdjsonReader, PresentButBadTimestampDoesNotFallBack) {
  Reject r = OneReject(R"({"event":"x","anonymousId":"a","timestamp":"yesterday",)"
                       R"("sentAt":"2026-01-01T00:00:03Z"})");
  EXPECT_EQ(r.reason, RejectReason::kBadTimestamp);
  EXPECT_EQ(r.field, "timestamp");
  EXPECT_EQ(r.ToString(),
            "line 1: field 'timestamp': expected ISO-8601 or epoch seconds/ms, got \"yesterday\"");
}

TEST(NdjsonReader, PageCall) {
  RawEvent e = One(
      R"({"type":"page","name":"Pricing","anonymousId":"a","timestamp":"2026-01-01",)"
      R"("properties":{"url":"https://example.com/pricing?utm_source=news&utm_medium=email&)"
      R"(utm_campaign=spring%20sale&utm_term=a+b&utm_content=top","referrer":"https://t.co/x"}})");
  EXPECT_EQ(e.type, MessageType::kPage);
  EXPECT_EQ(e.name, "Pricing");
  EXPECT_EQ(e.url.substr(0, 27), "https://example.com/pricing");
  EXPECT_EQ(e.referrer, "https://t.co/x");
  EXPECT_EQ(e.property, "example.com");
  EXPECT_EQ(e.campaign.source, "news");
  EXPECT_EQ(e.campaign.medium, "email");
  EXPECT_EQ(e.campaign.name, "spring sale");
  EXPECT_EQ(e.campaign.term, "a b");
  EXPECT_EQ(e.campaign.content, "top");
  EXPECT_EQ(e.time, 1767225600000LL);
}

TEST(NdjsonReader, PageAndScreenWithoutName) {
  EXPECT_EQ(One(R"({"type":"page","anonymousId":"a","timestamp":1767225600})").name, "page_view");
  RawEvent s = One(R"({"type":"screen","anonymousId":"a","timestamp":1767225600})");
  EXPECT_EQ(s.type, MessageType::kScreen);
  EXPECT_EQ(s.name, "screen_view");
  EXPECT_EQ(One(R"({"type":"screen","name":"Home","anonymousId":"a","timestamp":1767225600})").name,
            "Home");
}

TEST(NdjsonReader, TrackIgnoresPropertiesUrl) {
  RawEvent e = One(R"({"event":"x","anonymousId":"a","timestamp":1767225600,)"
                   R"("properties":{"url":"https://blog.example.com/"}})");
  EXPECT_EQ(e.url, "");  // only page calls take the url from properties
  EXPECT_EQ(e.property, "");
}

TEST(NdjsonReader, PropertyFieldOverridesUrlHost) {
  RawEvent e = One(R"({"type":"page","anonymousId":"a","timestamp":1767225600,)"
                   R"("properties":{"property":"blog","url":"https://example.com/"}})");
  EXPECT_EQ(e.property, "blog");
}

TEST(NdjsonReader, NumericIdsBecomeText) {
  RawEvent e = One(R"({"event":"x","userId":12345,"anonymousId":-7,"messageId":1.5,)"
                   R"("timestamp":1767225600})");
  EXPECT_EQ(e.user_id, "12345");
  EXPECT_EQ(e.anonymous_id, "-7");
  EXPECT_EQ(e.message_id, "1.5");
  EXPECT_EQ(One(R"({"event":"x","userId":18446744073709551615,"timestamp":1767225600})").user_id,
            "18446744073709551615");
}

TEST(NdjsonReader, IdentifyAndAlias) {
  RawEvent i = One(R"({"type":"identify","userId":"u","anonymousId":"a","event":"ignored",)"
                   R"("timestamp":1767225600,"traits":{"email":"x@y"}})");
  EXPECT_EQ(i.type, MessageType::kIdentify);
  EXPECT_EQ(i.name, "");
  RawEvent a = One(R"({"type":"Alias","userId":"u","previousId":"p","timestamp":1767225600})");
  EXPECT_EQ(a.type, MessageType::kAlias);
  EXPECT_EQ(a.previous_id, "p");
}

TEST(NdjsonReader, BlankLinesAndCrlfAndLineNumbers) {
  Collect c = Read(
      "\n  \r\n{\"event\":\"x\",\"anonymousId\":\"a\",\"timestamp\":1767225600}\r\n\n"
      "{\"event\":\"y\",\"anonymousId\":\"a\",\"timestamp\":1767225600}");
  ASSERT_EQ(c.events.size(), 2u);
  EXPECT_EQ(c.events[0].source_line, 3u);
  EXPECT_EQ(c.events[1].source_line, 5u);
  EXPECT_EQ(c.raws[0], "{\"event\":\"x\",\"anonymousId\":\"a\",\"timestamp\":1767225600}");
  EXPECT_TRUE(c.rejects.empty());
}

TEST(NdjsonReader, Batch) {
  Collect c = Read(
      "{\"x\":1}\n"
      R"({"batch":[{"type":"track","event":"a","anonymousId":"p","timestamp":1767225600},)"
      R"(7,{"type":"page","anonymousId":"p","timestamp":"nope"},)"
      R"({"type":"identify","userId":"u","anonymousId":"p","timestamp":1767225600}],)"
      R"("sentAt":"2026-01-01T00:00:00Z"})");
  ASSERT_EQ(c.events.size(), 2u);
  EXPECT_EQ(c.events[0].name, "a");
  EXPECT_EQ(c.events[0].source_line, 2u);
  EXPECT_EQ(c.batch[0], 0);
  EXPECT_EQ(c.events[1].type, MessageType::kIdentify);
  EXPECT_EQ(c.batch[1], 3);
  ASSERT_EQ(c.rejects.size(), 3u);
  EXPECT_EQ(c.rejects[0].reason, RejectReason::kMissingType);  // line 1: {"x":1}
  EXPECT_EQ(c.rejects[1].reason, RejectReason::kNotAnObject);
  EXPECT_EQ(c.rejects[1].batch_index, 1);
  EXPECT_EQ(c.rejects[1].line, 2u);
  EXPECT_EQ(c.rejects[2].reason, RejectReason::kBadTimestamp);
  EXPECT_EQ(c.rejects[2].batch_index, 2);
  EXPECT_EQ(c.rejects[2].ToString().substr(0, 29), "line 2 (batch element 2): fie");
  // A batch element's raw text is the element, not the whole line.
  EXPECT_EQ(c.raws[2], "7");
}

TEST(NdjsonReader, EmptyBatchIsOneReject) {
  Collect c = Read("{\"batch\":[]}\n{\"batch\":[],\"sentAt\":\"2026-01-01T00:00:00Z\"}");
  EXPECT_TRUE(c.events.empty());
  ASSERT_EQ(c.rejects.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(c.rejects[i].reason, RejectReason::kEmptyBatch);
    EXPECT_EQ(c.rejects[i].field, "batch");
    EXPECT_EQ(c.rejects[i].line, i + 1);
    EXPECT_EQ(c.rejects[i].batch_index, -1);
  }
  EXPECT_EQ(c.rejects[0].ToString(), "line 1: field 'batch': the batch holds no messages");
  EXPECT_EQ(c.raws[0], "{\"batch\":[]}");
  EXPECT_EQ(RejectReasonName(RejectReason::kEmptyBatch), "empty_batch");
  NdjsonReader reader;
  EXPECT_EQ(reader.ReadLine("{\"batch\":[]}", 1, c), 1u);  // one message read
}

TEST(NdjsonReader, BatchThatIsNotAnArrayIsAWrongFieldType) {
  for (std::string line : {R"({"batch":5})", R"({"batch":{"event":"x"}})", R"({"batch":"[]"})"}) {
    Reject r = OneReject(line);
    EXPECT_EQ(r.reason, RejectReason::kWrongFieldType) << line << " -> " << r.ToString();
    EXPECT_EQ(r.field, "batch") << line;
  }
  EXPECT_EQ(OneReject(R"({"batch":5})").ToString(),
            "line 1: field 'batch': expected an array of messages, got a number");
  // `batch` is no Segment message field: beside `event` or `type` it is a stray property-like
  // field of a message, which is read as usual.
  EXPECT_EQ(One(R"({"event":"x","batch":5,"anonymousId":"a","timestamp":1767225600})").name, "x");
  EXPECT_EQ(One(R"({"type":"track","event":"y","batch":[],"anonymousId":"a",)"
                R"("timestamp":1767225600})")
                .name,
            "y");
  // A null batch is absent, as every null: a message without type.
  EXPECT_EQ(OneReject(R"({"batch":null})").reason, RejectReason::kMissingType);
}

TEST(NdjsonReader, RejectReasons) {
  struct Case {
    std::string line;
    RejectReason reason;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"{\"event\":\"x\",", RejectReason::kInvalidJson, ""},
      {"{\"event\":\"x\"} trailing", RejectReason::kInvalidJson, ""},
      {"[1,2]", RejectReason::kNotAnObject, ""},
      {"\"text\"", RejectReason::kNotAnObject, ""},
      {R"({"event":5,"anonymousId":"a","timestamp":1767225600})", RejectReason::kWrongFieldType,
       "event"},
      {R"({"event":"x","anonymousId":{},"timestamp":1767225600})", RejectReason::kWrongFieldType,
       "anonymousId"},
      {R"({"type":7,"anonymousId":"a","timestamp":1767225600})", RejectReason::kWrongFieldType,
       "type"},
      {R"({"event":"x","anonymousId":"a","timestamp":1767225600,"properties":[1]})",
       RejectReason::kWrongFieldType, "properties"},
      {R"({"event":"x","anonymousId":"a","timestamp":1767225600,"context":"c"})",
       RejectReason::kWrongFieldType, "context"},
      {R"({"event":"x","anonymousId":"a","timestamp":1767225600,"context":{"page":{"url":[]}}})",
       RejectReason::kWrongFieldType, "context.page.url"},
      {R"({"anonymousId":"a","timestamp":1767225600})", RejectReason::kMissingType, "type"},
      {R"({"type":"group","anonymousId":"a","timestamp":1767225600})",
       RejectReason::kUnsupportedType, "type"},
      {R"({"event":"x","anonymousId":"a"})", RejectReason::kMissingTimestamp, "timestamp"},
      {R"({"event":"x","anonymousId":"a","timestamp":"2026-13-01"})", RejectReason::kBadTimestamp,
       "timestamp"},
      {R"({"event":"x","anonymousId":"a","sentAt":true})", RejectReason::kBadTimestamp, "sentAt"},
      {R"({"event":"x","anonymousId":"a","timestamp":1e300})", RejectReason::kBadTimestamp,
       "timestamp"},
  };
  for (const Case& c : cases) {
    Reject r = OneReject(c.line);
    EXPECT_EQ(r.reason, c.reason) << c.line << " -> " << r.ToString();
    EXPECT_EQ(r.field, c.field) << c.line;
    EXPECT_EQ(r.line, 1u);
  }
}

TEST(NdjsonReader, InvalidUtf8) {
  Collect c = Read(
      "{\"event\":\"caf\xE9\",\"anonymousId\":\"a\",\"timestamp\":1767225600}\n"
      "{\"event\":\"ok\",\"anonymousId\":\"a\",\"timestamp\":1767225600}");
  ASSERT_EQ(c.rejects.size(), 1u);
  EXPECT_EQ(c.rejects[0].reason, RejectReason::kInvalidUtf8);
  EXPECT_EQ(c.rejects[0].ToString(), "line 1: the line is not valid UTF-8");
  EXPECT_EQ(c.raws[0].size(), 57u);  // the raw bytes, unchanged
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_EQ(c.events[0].source_line, 2u);
}

TEST(NdjsonReader, KeepOnlyProperties) {
  Collect c;
  NdjsonReader reader;
  reader.KeepOnlyProperties(std::vector<std::string>{"plan", "total"});
  reader.ReadLine(R"({"type":"page","anonymousId":"a","timestamp":1767225600,"properties":)"
                  R"({"plan":"pro","url":"https://blog.example.com/","title":"T","total":3}})",
                  1, c);
  ASSERT_EQ(c.events.size(), 1u);
  const RawEvent& e = c.events[0];
  ASSERT_EQ(e.properties.size(), 2u);
  EXPECT_EQ(e.properties[0].first, "plan");
  EXPECT_EQ(e.properties[1].first, "total");
  EXPECT_EQ(e.url, "https://blog.example.com/");  // page fields are still read
  EXPECT_EQ(e.property, "blog.example.com");
  reader.KeepOnlyProperties(std::nullopt);
  reader.ReadLine(R"({"event":"x","anonymousId":"a","timestamp":1767225600,"properties":)"
                  R"({"a":1,"b":2}})",
                  2, c);
  EXPECT_EQ(c.events[1].properties.size(), 2u);
}

TEST(NdjsonReader, ReaderIsReusableAfterErrors) {
  Collect c;
  NdjsonReader reader;
  reader.ReadLine("{bad", 1, c);
  reader.ReadLine(R"({"event":"x","anonymousId":"a","timestamp":1767225600,)"
                  R"("properties":{"a":1,"b":2}})",
                  2, c);
  reader.ReadLine(R"({"event":"y","anonymousId":"a","timestamp":1767225600})", 3, c);
  ASSERT_EQ(c.events.size(), 2u);
  EXPECT_EQ(c.events[0].properties.size(), 2u);
  EXPECT_TRUE(c.events[1].properties.empty());  // nothing carried over from the line before
  EXPECT_EQ(c.events[1].name, "y");
}

}  // namespace
}  // namespace winpath
