// CSV import: the RFC 4180 splitter (quotes, CRLF, line breaks inside quotes, input in
// pieces), the column mapping and its overrides, and the CSV reject reasons
// (docs/import.md#csv).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/csv_columns.h"
#include "ingest/csv_reader.h"
#include "ingest/csv_record_splitter.h"

namespace winpath {
namespace {

using Outcome = CsvRecordSplitter::Outcome;

struct Record {
  Outcome outcome;
  uint64_t line;
  std::vector<std::string> fields;
  std::string raw;
};

std::vector<Record> Split(std::string_view text) {
  CsvRecordSplitter s;
  std::vector<Record> out;
  size_t pos = 0;
  while (true) {
    Outcome o = s.Next(text, &pos, true);
    if (o == Outcome::kEnd) break;
    Record r{o, s.line(), {}, std::string(s.raw())};
    for (std::string_view f : s.fields()) r.fields.emplace_back(f);
    out.push_back(r);
  }
  return out;
}

TEST(CsvRecordSplitter, QuotesEscapesAndLineBreaks) {
  auto r =
      Split("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\r\n\"multi\nline\r\ntext\",2,3\nlast,,\"\"");
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[0].fields, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(r[0].line, 1u);
  EXPECT_EQ(r[1].fields, (std::vector<std::string>{"x, y", "say \"hi\"", ""}));
  EXPECT_EQ(r[1].line, 2u);
  EXPECT_EQ(r[2].fields, (std::vector<std::string>{"multi\nline\r\ntext", "2", "3"}));
  EXPECT_EQ(r[2].line, 3u);
  EXPECT_EQ(r[2].raw, "\"multi\nline\r\ntext\",2,3");
  EXPECT_EQ(r[3].line, 6u);  // the quoted field spanned lines 3-5
  EXPECT_EQ(r[3].fields, (std::vector<std::string>{"last", "", ""}));
}

TEST(CsvRecordSplitter, BadQuotesResynchronizeAtTheNextLine) {
  auto r = Split("a,b\nx\"y,1\n\"ok\"z,2\n3,4\n\"never closed,5\n6,7");
  ASSERT_EQ(r.size(), 5u);
  EXPECT_EQ(r[1].outcome, Outcome::kBadQuote);
  EXPECT_EQ(r[1].line, 2u);
  EXPECT_EQ(r[1].raw, "x\"y,1");
  EXPECT_EQ(r[2].outcome, Outcome::kBadQuote);
  EXPECT_EQ(r[2].line, 3u);
  EXPECT_EQ(r[3].outcome, Outcome::kRecord);
  EXPECT_EQ(r[3].line, 4u);
  EXPECT_EQ(r[3].fields, (std::vector<std::string>{"3", "4"}));
  // An unclosed quote swallows the rest of the file into one rejected record.
  EXPECT_EQ(r[4].outcome, Outcome::kBadQuote);
  EXPECT_EQ(r[4].line, 5u);
  EXPECT_EQ(r[4].raw, "\"never closed,5\n6,7");
}

TEST(CsvRecordSplitter, InputInPiecesGivesTheSameRecords) {
  const std::string text = "h1,h2\r\n\"a\"\"b\",\"c\nd\"\r\ne,f\r\n";
  for (size_t cut = 0; cut <= text.size(); ++cut) {
    CsvRecordSplitter s;
    std::vector<std::vector<std::string>> got;
    std::vector<uint64_t> lines;
    size_t pos = 0;
    // First only text[0, cut) is available, then everything.
    for (bool eof : {false, true}) {
      std::string_view avail = eof ? std::string_view(text) : std::string_view(text).substr(0, cut);
      while (true) {
        Outcome o = s.Next(avail, &pos, eof);
        if (o == Outcome::kNeedMore || o == Outcome::kEnd) break;
        ASSERT_EQ(o, Outcome::kRecord) << cut;
        got.emplace_back(s.fields().begin(), s.fields().end());
        lines.push_back(s.line());
      }
    }
    ASSERT_EQ(got.size(), 3u) << "cut " << cut;
    EXPECT_EQ(got[1], (std::vector<std::string>{"a\"b", "c\nd"})) << cut;
    EXPECT_EQ(lines, (std::vector<uint64_t>{1, 2, 4})) << cut;
  }
}

TEST(CsvColumns, Overrides) {
  Result<CsvColumns> c = ParseCsvColumns(" event = action , timestamp=ts,person=uid");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->event, "action");
  EXPECT_EQ(c->timestamp, "ts");
  EXPECT_EQ(c->user_id, "uid");
  EXPECT_EQ(c->anonymous_id, "anonymous_id");
  EXPECT_TRUE(ParseCsvColumns("").ok());
  Result<CsvColumns> bad = ParseCsvColumns("evnt=action");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("unknown CSV column key 'evnt'"), std::string::npos);
  EXPECT_NE(bad.status().message().find("timestamp"), std::string::npos);
  EXPECT_FALSE(ParseCsvColumns("event").ok());
  EXPECT_FALSE(ParseCsvColumns("event=").ok());
}

class Collect : public MessageSink {
 public:
  void OnMessage(RawEvent& event, int, std::string_view raw) override {
    events.push_back(event);
    raws.emplace_back(raw);
  }
  void OnReject(const Reject& reject, std::string_view raw) override {
    rejects.push_back(reject);
    raws.emplace_back(raw);
  }
  std::vector<RawEvent> events;
  std::vector<Reject> rejects;
  std::vector<std::string> raws;
};

TEST(CsvReader, MapsColumnsAndKeepsTheRestAsProperties) {
  Collect c;
  CsvReader reader;
  Status s = reader.ReadText(
      "\xEF\xBB\xBFUser_ID,anonymous_id,event,timestamp,message_id,type,url,referrer,plan,"
      "revenue\n"
      "u1,a1,purchase,2026-01-01T00:00:00Z,m1,,https://example.com/x?utm_source=news&"
      "utm_medium=email,,pro,19.5\n"
      ",a2,Pricing,1767225600,m2,page,https://blog.example.com/p,https://www.google.com/,,\n"
      ",a3,,1767225600,,screen,,,,\n",
      c);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(c.events.size(), 3u);
  const RawEvent& e = c.events[0];
  EXPECT_EQ(e.type, MessageType::kTrack);
  EXPECT_EQ(e.user_id, "u1");
  EXPECT_EQ(e.anonymous_id, "a1");
  EXPECT_EQ(e.name, "purchase");
  EXPECT_EQ(e.message_id, "m1");
  EXPECT_EQ(e.time, 1767225600000LL);
  EXPECT_EQ(e.property, "example.com");
  EXPECT_EQ(e.campaign.source, "news");
  EXPECT_EQ(e.campaign.medium, "email");
  EXPECT_EQ(e.source_line, 2u);
  ASSERT_EQ(e.properties.size(), 2u);
  EXPECT_EQ(e.FindProperty("plan")->text, "pro");
  EXPECT_DOUBLE_EQ(*e.FindProperty("revenue")->number, 19.5);
  EXPECT_EQ(c.events[1].type, MessageType::kPage);
  EXPECT_EQ(c.events[1].name, "Pricing");
  EXPECT_EQ(c.events[1].referrer, "https://www.google.com/");
  EXPECT_EQ(c.events[1].property, "blog.example.com");
  EXPECT_TRUE(c.events[1].properties.empty());  // empty cells are absent
  EXPECT_EQ(c.events[2].name, "screen_view");
}

TEST(CsvReader, OverriddenColumnNamesAppearInRejects) {
  Collect c;
  Result<CsvColumns> columns = ParseCsvColumns("event=action,timestamp=ts,anonymous_id=visitor");
  ASSERT_TRUE(columns.ok());
  CsvReader reader(*columns);
  ASSERT_TRUE(reader.ReadText("visitor,action,ts\nv1,click,soon\nv1,click,1767225600\n", c).ok());
  ASSERT_EQ(c.rejects.size(), 1u);
  EXPECT_EQ(c.rejects[0].ToString(),
            "line 2: field 'ts': expected ISO-8601 or epoch seconds/ms, got \"soon\"");
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_EQ(c.events[0].anonymous_id, "v1");
  EXPECT_EQ(c.events[0].name, "click");
  EXPECT_EQ(reader.field_names().timestamp, "ts");
  EXPECT_EQ(reader.field_names().anonymous_id, "visitor");
}

TEST(CsvReader, RowRejects) {
  Collect c;
  CsvReader reader;
  ASSERT_TRUE(reader
                  .ReadText("anonymous_id,event,timestamp,type\n"
                            "a,x,1767225600\n"                    // 3 fields, header has 4
                            "a,x,1767225600,,extra\n"             // 5 fields
                            "a,x\",1767225600,\n"                 // stray quote
                            "a,caf\xE9,1767225600,\n"             // invalid UTF-8
                            "a,x,,\n"                             // no timestamp
                            "a,x,1767225600,group\n"              // unsupported type
                            "\n"                                  // blank: nothing
                            "\"a\",\"x\",\"1767225600\",\"\"\n",  // fine
                            c)
                  .ok());
  ASSERT_EQ(c.rejects.size(), 6u);
  EXPECT_EQ(c.rejects[0].reason, RejectReason::kCsvFieldCount);
  EXPECT_EQ(c.rejects[0].ToString(), "line 2: expected 4 fields (as in the header), got 3");
  EXPECT_EQ(c.rejects[1].reason, RejectReason::kCsvFieldCount);
  EXPECT_EQ(c.rejects[2].reason, RejectReason::kCsvBadQuote);
  EXPECT_EQ(c.rejects[2].line, 4u);
  EXPECT_EQ(c.rejects[3].reason, RejectReason::kInvalidUtf8);
  EXPECT_EQ(c.rejects[3].line, 5u);
  EXPECT_EQ(c.rejects[4].reason, RejectReason::kMissingTimestamp);
  EXPECT_EQ(c.rejects[4].field, "timestamp");
  EXPECT_EQ(c.rejects[5].reason, RejectReason::kUnsupportedType);
  EXPECT_EQ(c.rejects[5].field, "type");
  EXPECT_EQ(c.rejects[5].line, 7u);
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_EQ(c.events[0].source_line, 9u);
}

TEST(CsvReader, HeaderErrorsFailTheFile) {
  Collect c;
  Status no_time = CsvReader().ReadText("user_id,event\nu,x\n", c);
  EXPECT_EQ(no_time.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(no_time.message(),
            "line 1: the CSV header has no 'timestamp' column (columns: user_id, event); name the "
            "column that holds it with --csv-columns timestamp=<column>");
  Result<CsvColumns> renamed = ParseCsvColumns("timestamp=ts");
  ASSERT_TRUE(renamed.ok());
  Status no_ts = CsvReader(*renamed).ReadText("user_id,event,timestamp\nu,x,1\n", c);
  EXPECT_NE(no_ts.message().find("has no 'ts' column"), std::string::npos) << no_ts.message();
  Status no_id = CsvReader().ReadText("timestamp,event\n1,x\n", c);
  EXPECT_EQ(no_id.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(no_id.message(),
            "line 1: the CSV header has no 'user_id' or 'anonymous_id' column (columns: "
            "timestamp, event); name the column that holds it with --csv-columns "
            "user_id=<column> or anonymous_id=<column>");
  Status no_event = CsvReader().ReadText("timestamp,user_id\n1,x\n", c);
  EXPECT_EQ(no_event.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(no_event.message().find("has no 'event' or 'type' column"), std::string::npos)
      << no_event.message();
  EXPECT_NE(no_event.message().find("--csv-columns event=<column> or type=<column>"),
            std::string::npos)
      << no_event.message();
  EXPECT_EQ(CsvReader().ReadText("a\"b,timestamp\n", c).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CsvReader().ReadText("timestamp,user_id,ev\xFFnt\n", c).code(),
            StatusCode::kInvalidArgument);
  EXPECT_TRUE(c.events.empty());
  EXPECT_TRUE(c.rejects.empty());
  EXPECT_TRUE(CsvReader().ReadText("", c).ok());  // empty: no header, no rows, no error
}

}  // namespace
}  // namespace winpath
