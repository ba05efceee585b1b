// Validation shared by the readers: placeholder ids, required ids and names, plausible times
// (docs/import.md#validation).
#include <gtest/gtest.h>

#include "ingest/message_validator.h"
#include "ingest/ndjson_reader.h"

namespace winpath {
namespace {

constexpr TimeMs kNow = 1767225600000LL;  // 2026-01-01T00:00:00Z

RawEvent Track(std::string user, std::string anon, TimeMs time = kNow) {
  RawEvent e;
  e.type = MessageType::kTrack;
  e.name = "x";
  e.user_id = std::move(user);
  e.anonymous_id = std::move(anon);
  e.time = time;
  return e;
}

std::optional<RejectReason> Check(RawEvent e, TimeMs max_future = kMsPerDay) {
  std::optional<Reject> r = ValidateMessage(&e, {kNow, max_future}, MessageFieldNames());
  if (!r) return std::nullopt;
  return r->reason;
}

TEST(Placeholders, AreRecognizedInAnyCaseAndTrimmed) {
  for (const char* id :
       {"", "null", "NULL", " undefined ", "Anonymous", "0", "none", "NIL", "(null)",
        "00000000-0000-0000-0000-000000000000", "00000000000000000000000000000000", "\tnull\n"}) {
    EXPECT_TRUE(IsPlaceholderId(id)) << "'" << id << "'";
  }
  for (const char* id :
       {"u1", "nullable", "00", "0000-0000", "anonymous-1", "a0000000-0000-0000-0000-000000000000",
        "00000000-0000-0000-0000-0000000000001", "user_0"}) {
    EXPECT_FALSE(IsPlaceholderId(id)) << "'" << id << "'";
  }
}

TEST(Validate, PlaceholdersAreClearedAndCountAsAbsent) {
  RawEvent e = Track("null", "a1");
  EXPECT_FALSE(ValidateMessage(&e, {kNow, kMsPerDay}, MessageFieldNames()));
  EXPECT_EQ(e.user_id, "");
  EXPECT_EQ(e.anonymous_id, "a1");
  EXPECT_EQ(Check(Track("undefined", "0")), RejectReason::kMissingId);
  EXPECT_EQ(Check(Track("", "")), RejectReason::kMissingId);
}

TEST(Validate, TrackNeedsAnEventName) {
  RawEvent e = Track("u", "");
  e.name.clear();
  EXPECT_EQ(Check(e), RejectReason::kMissingEventName);
}

TEST(Validate, IdentifyAndAliasNeedTheirIds) {
  RawEvent identify = Track("", "a");
  identify.type = MessageType::kIdentify;
  identify.name.clear();
  EXPECT_EQ(Check(identify), RejectReason::kMissingUserId);
  identify.user_id = "anonymous";
  EXPECT_EQ(Check(identify), RejectReason::kMissingUserId);
  identify.user_id = "u";
  EXPECT_EQ(Check(identify), std::nullopt);
  RawEvent alias = Track("u", "");
  alias.type = MessageType::kAlias;
  alias.name.clear();
  EXPECT_EQ(Check(alias), RejectReason::kMissingPreviousId);
  alias.previous_id = "nil";
  EXPECT_EQ(Check(alias), RejectReason::kMissingPreviousId);
  alias.previous_id = "old";
  EXPECT_EQ(Check(alias), std::nullopt);
}

TEST(Validate, TimeBounds) {
  EXPECT_EQ(Check(Track("u", "", kMinPlausibleTime)), std::nullopt);
  EXPECT_EQ(Check(Track("u", "", kMinPlausibleTime - 1)), RejectReason::kTimestampTooEarly);
  EXPECT_EQ(Check(Track("u", "", 0)), RejectReason::kTimestampTooEarly);
  EXPECT_EQ(Check(Track("u", "", kNow + kMsPerDay)), std::nullopt);
  EXPECT_EQ(Check(Track("u", "", kNow + kMsPerDay + 1)), RejectReason::kTimestampInFuture);
  EXPECT_EQ(Check(Track("u", "", kNow + kMsPerHour + 1), kMsPerHour),
            RejectReason::kTimestampInFuture);
  EXPECT_EQ(Check(Track("u", "", kNow + 400 * kMsPerDay), 365 * kMsPerDay),
            RejectReason::kTimestampInFuture);
}

TEST(Validate, MessagesNameTheFieldAndTheExpectation) {
  RawEvent e = Track("u", "", 1000);  // one second after the epoch: a unit mix-up
  MessageFieldNames names;
  names.timestamp = "ts";
  std::optional<Reject> r = ValidateMessage(&e, {kNow, kMsPerDay}, names);
  ASSERT_TRUE(r);
  r->line = 9;
  EXPECT_EQ(r->ToString(),
            "line 9: field 'ts': expected a time on or after 1971-01-01, got "
            "1970-01-01T00:00:01Z (a zero or a seconds/milliseconds mix-up?)");
}

// Timestamps as the NDJSON reader sees them, then validated.
class Sink : public MessageSink {
 public:
  void OnMessage(RawEvent& event, int, std::string_view) override {
    auto r = ValidateMessage(&event, {kNow, kMsPerDay}, MessageFieldNames());
    if (r) {
      reasons.push_back(r->reason);
    } else {
      times.push_back(event.time);
    }
  }
  void OnReject(const Reject& reject, std::string_view) override {
    reasons.push_back(reject.reason);
  }
  std::vector<TimeMs> times;
  std::vector<RejectReason> reasons;
};

TEST(Timestamps, IsoOffsetsEpochsAndLimits) {
  Sink sink;
  NdjsonReader reader;
  auto line = [&](std::string ts) {
    reader.ReadLine(R"({"event":"x","anonymousId":"a","timestamp":)" + ts + "}", 1, sink);
  };
  line(R"("2025-06-30T23:30:00-01:30")");  // = 2025-07-01T01:00:00Z
  line(R"("2025-07-01T01:00:00Z")");
  line(R"("2025-07-01 01:00:00")");  // no zone = UTC
  line(R"("2025-07-01T01:00:00.5+0000")");
  line("1751331600");     // seconds
  line("1751331600000");  // milliseconds
  line("1751331600.25");
  ASSERT_EQ(sink.times.size(), 7u);
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(sink.times[i] / 1000 * 1000, 1751331600000LL) << i;
  }
  EXPECT_EQ(sink.times[3], 1751331600500LL);
  EXPECT_EQ(sink.times[6], 1751331600250LL);
  line(R"("1969-12-31T23:59:59Z")");
  line("0");
  line(R"("1970-06-01")");
  line(R"("2030-01-01T00:00:00Z")");
  line("1893456000000");  // 2030 in ms
  EXPECT_EQ(sink.reasons, (std::vector<RejectReason>{
                              RejectReason::kTimestampTooEarly, RejectReason::kTimestampTooEarly,
                              RejectReason::kTimestampTooEarly, RejectReason::kTimestampInFuture,
                              RejectReason::kTimestampInFuture}));
}

}  // namespace
}  // namespace winpath
