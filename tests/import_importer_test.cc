// The Importer end to end on fixture files (tests/data/import): counts and their invariant,
// rejects file, duplicates within and across files, sorting and ties, sessions and channels,
// block boundaries and threads, CSV, empty and missing files (docs/import.md).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/event_collector.h"
#include "ingest/importer.h"
#include "ingest/rejects_writer.h"

namespace winpath {
namespace {

constexpr TimeMs kNow = 1767225600000LL + 30 * kMsPerDay;  // 2026-01-31

std::string Fixture(const std::string& name) {
  return std::string(WINPATH_SOURCE_DIR) + "/tests/data/import/" + name;
}

std::string TempPath(const std::string& name) {
  std::string dir = ::testing::TempDir() + "winpath_import_test_" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  return dir + "/" + name;
}

std::string WriteTemp(const std::string& name, const std::string& text) {
  std::string path = TempPath(name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

JourneyMap BasicMap() {
  JourneyMap map;
  map.site_hosts = {"example.com"};
  map.wins = DefaultWins();
  Milestone signup;
  signup.name = "Signup";
  signup.predicate.events = {"signed_up"};
  map.milestones.push_back(signup);
  map.dimensions = {"plan"};
  return map;
}

ImportOptions Options() {
  ImportOptions o;
  o.now = kNow;
  return o;
}

// One line per event: "person time name channel flags mask value plan".
std::vector<std::string> Dump(const EventTable& t) {
  std::vector<std::string> out;
  for (size_t p = 0; p < t.num_persons(); ++p) {
    PersonView v = t.person(p, t.num_dimensions() > 0 ? 0 : -1);
    for (size_t k = 0; k < v.size(); ++k) {
      std::ostringstream s;
      s << t.person_key(p) << " " << FormatTimestamp(v.time[k]) << " "
        << t.event_names().Name(v.name[k]) << " ch=" << t.ChannelName(v.channel[k])
        << " f=" << int{v.flags[k]} << " m=" << v.mask[k] << " v=" << v.ValueAt(k);
      if (!v.dimension.empty()) s << " plan=" << t.dimension_values(0).Name(v.dimension[k]);
      out.push_back(s.str());
    }
  }
  return out;
}

void ExpectInvariant(const ImportStats& s) {
  EXPECT_EQ(s.read, s.imported + s.rejected + s.duplicates);
  EXPECT_EQ(s.imported, s.events + s.identifies + s.aliases);
  uint64_t by_reason = 0;
  for (const auto& [reason, n] : s.rejects_by_reason) by_reason += n;
  EXPECT_EQ(by_reason, s.rejected);
}

TEST(Importer, BasicNdjson) {
  JourneyMap map = BasicMap();
  ImportOptions options = Options();
  options.rejects_path = TempPath("basic.rejects.ndjson");
  Importer importer(map, options);
  ASSERT_TRUE(importer.AddFile(Fixture("basic.ndjson")).ok());
  Result<EventTable> table = importer.Finish();
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  const ImportStats& s = importer.stats();
  EXPECT_EQ(s.read, 10u);
  EXPECT_EQ(s.imported, 8u);
  EXPECT_EQ(s.rejected, 1u);
  EXPECT_EQ(s.duplicates, 1u);
  EXPECT_EQ(s.events, 7u);
  EXPECT_EQ(s.identifies, 1u);
  EXPECT_EQ(s.persons, 2u);
  EXPECT_EQ(s.files, 1u);
  ExpectInvariant(s);
  // Bits: Buy 0, Support 1, Register 2, Signup 3. Channels: the default groups.
  EXPECT_EQ(Dump(*table),
            (std::vector<std::string>{
                "anon-2 2026-01-02T08:00:00Z page_view ch=Referral f=3 m=0 v=0 plan=",
                "anon-2 2026-01-02T08:01:00Z faq_viewed ch=(none) f=0 m=2 v=0 plan=",
                "user-1 2026-01-01T10:00:00Z Blog post ch=Paid Search f=3 m=0 v=0 plan=",
                "user-1 2026-01-01T10:05:00Z Pricing ch=(none) f=1 m=0 v=0 plan=",
                "user-1 2026-01-01T10:06:00Z signed_up ch=(none) f=0 m=12 v=0 plan=free",
                "user-1 2026-01-03T09:00:00Z page_view ch=Direct f=3 m=0 v=0 plan=",
                "user-1 2026-01-03T09:10:00Z purchase ch=(none) f=0 m=1 v=49.5 plan=pro",
            }));
  std::string rejects = ReadText(options.rejects_path);
  nlohmann::json r = nlohmann::json::parse(rejects.substr(0, rejects.find('\n')));
  EXPECT_EQ(r["file"], Fixture("basic.ndjson"));
  EXPECT_EQ(r["line"], 11);
  EXPECT_EQ(r["code"], "bad_timestamp");
  EXPECT_EQ(r["field"], "timestamp");
  EXPECT_EQ(r["reason"],
            "line 11: field 'timestamp': expected ISO-8601 or epoch seconds/ms, got \"yesterday\"");
  EXPECT_EQ(r["raw"],
            R"({"type":"track","event":"faq_viewed","anonymousId":"anon-2","messageId":"m9",)"
            R"("timestamp":"yesterday"})");
  EXPECT_EQ(std::count(rejects.begin(), rejects.end(), '\n'), 1);
}

TEST(Importer, EveryRejectReasonIsCountedAndWrittenWithItsRawText) {
  ImportOptions options = Options();
  options.rejects_path = TempPath("all.rejects.ndjson");
  JourneyMap map;
  Importer importer(map, options);
  ASSERT_TRUE(importer.AddFile(Fixture("rejects.ndjson")).ok());
  ASSERT_TRUE(importer.Finish().ok());
  const ImportStats& s = importer.stats();
  EXPECT_EQ(s.read, 16u);  // every non-blank line is at least one message, {"batch":[]} too
  EXPECT_EQ(s.rejected, 15u);
  EXPECT_EQ(s.events, 1u);
  ExpectInvariant(s);
  const std::vector<std::string> expected_codes = {
      "invalid_json",        "invalid_utf8",        "not_an_object",      "wrong_field_type",
      "missing_type",        "unsupported_type",    "missing_event_name", "missing_id",
      "missing_user_id",     "missing_previous_id", "missing_timestamp",  "bad_timestamp",
      "timestamp_too_early", "timestamp_in_future", "empty_batch"};
  for (const std::string& code : expected_codes) {
    EXPECT_EQ(s.rejects_by_reason.count(code), 1u) << code;
  }
  std::istringstream source(ReadText(Fixture("rejects.ndjson")));
  std::istringstream written(ReadText(options.rejects_path));
  std::string original, line;
  for (size_t i = 0; i < expected_codes.size(); ++i) {
    ASSERT_TRUE(std::getline(source, original));
    ASSERT_TRUE(std::getline(written, line));
    nlohmann::json r = nlohmann::json::parse(line);  // the rejects file is valid JSON
    EXPECT_EQ(r["code"], expected_codes[i]);
    EXPECT_EQ(r["line"], i + 1);
    if (r.contains("raw_base64")) {
      EXPECT_EQ(r["code"], "invalid_utf8");
      EXPECT_EQ(r["raw_base64"], Base64Encode(original));  // nothing lost
      EXPECT_EQ(r["raw"],
                "{\"event\":\"caf\xEF\xBF\xBD\",\"anonymousId\":\"a\",\"timestamp\":"
                "1767225600}");
    } else {
      EXPECT_EQ(r["raw"], original);
    }
  }
  EXPECT_FALSE(std::getline(written, line));
}

TEST(Importer, DuplicatesWithinAndAcrossFiles) {
  JourneyMap map;
  Importer importer(map, Options());
  ASSERT_TRUE(importer.AddFiles({Fixture("dupes_a.ndjson"), Fixture("dupes_b.ndjson")}).ok());
  Result<EventTable> table = importer.Finish();
  ASSERT_TRUE(table.ok());
  const ImportStats& s = importer.stats();
  EXPECT_EQ(s.read, 9u);
  EXPECT_EQ(s.duplicates, 2u);  // d1 in a, d2 across files; messages without id never
  EXPECT_EQ(s.rejected, 1u);    // a rejected message does not claim its messageId
  EXPECT_EQ(s.imported, 6u);
  ExpectInvariant(s);
  std::vector<std::string> names;
  PersonView v = table->person(0);
  for (size_t k = 0; k < v.size(); ++k) names.push_back(table->event_names().Name(v.name[k]));
  EXPECT_EQ(names, (std::vector<std::string>{"first", "no-id", "no-id", "second", "third",
                                             "good-after-bad"}));
}

TEST(Importer, DuplicatesAcrossAddFileCalls) {
  JourneyMap map;
  Importer importer(map, Options());
  ASSERT_TRUE(importer.AddFile(Fixture("dupes_a.ndjson")).ok());
  ASSERT_TRUE(importer.AddFile(Fixture("dupes_a.ndjson")).ok());
  ASSERT_TRUE(importer.Finish().ok());
  EXPECT_EQ(importer.stats().duplicates, 1u + 3u);  // d1 in the first run; d1, d1, d2 in the rerun
  ExpectInvariant(importer.stats());
}

// The collector's reservation is an estimate from the first block: one the OS will not map,
// or more than a vector can hold, is ignored, and the import goes on.
TEST(Importer, AnAbsurdReservationIsIgnored) {
  JourneyMap map = BasicMap();
  ImportStats stats;
  RejectsWriter rejects;
  EventCollector collector(map, &stats, &rejects);
  collector.Reserve(uint64_t{1} << 62);  // beyond any vector's max_size
  collector.Reserve(uint64_t{1} << 42);  // 100 TB of rows
  Result<EventTable> table = collector.Build(2);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->num_events(), 0u);
}

TEST(Importer, EmptyFileIsAnEmptyTableAndANote) {
  JourneyMap map;
  Importer importer(map, Options());
  ASSERT_TRUE(importer.AddFile(Fixture("empty.ndjson")).ok());
  Result<EventTable> table = importer.Finish();
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->num_events(), 0u);
  EXPECT_EQ(table->num_persons(), 0u);
  ASSERT_EQ(importer.stats().notes.size(), 1u);
  EXPECT_NE(importer.stats().notes[0].find("empty.ndjson: the file is empty"), std::string::npos);
  EXPECT_EQ(importer.stats().read, 0u);
}

TEST(Importer, BlankOnlyFileGetsANote) {
  JourneyMap map;
  Importer importer(map, Options());
  ASSERT_TRUE(importer.AddFile(WriteTemp("blank.ndjson", "\n \n\r\n")).ok());
  ASSERT_TRUE(importer.Finish().ok());
  ASSERT_EQ(importer.stats().notes.size(), 1u);
  EXPECT_NE(importer.stats().notes[0].find("no messages"), std::string::npos);
}

TEST(Importer, MissingFileIsAnIoErrorAndNothingIsRead) {
  JourneyMap map;
  Importer importer(map, Options());
  Status s = importer.AddFiles({Fixture("basic.ndjson"), Fixture("no_such_file.ndjson")});
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  EXPECT_NE(s.message().find("no_such_file.ndjson"), std::string::npos);
  EXPECT_EQ(importer.stats().read, 0u);
  EXPECT_EQ(importer.AddFile(TempPath("")).code(), StatusCode::kIoError);  // a directory
}

TEST(Importer, EventsOutOfOrderAreSortedAndTiesKeepInputOrder) {
  std::string path =
      WriteTemp("order.ndjson", R"({"event":"c","anonymousId":"p","timestamp":1767225603})"
                                "\n"
                                R"({"event":"tie-1","anonymousId":"p","timestamp":1767225601})"
                                "\n"
                                R"({"event":"a","anonymousId":"p","timestamp":1767225600})"
                                "\n"
                                R"({"event":"tie-2","anonymousId":"p","timestamp":1767225601})"
                                "\n"
                                R"({"event":"tie-3","anonymousId":"p","timestamp":1767225601})"
                                "\n");
  JourneyMap map;
  Importer importer(map, Options());
  ASSERT_TRUE(importer.AddFile(path).ok());
  Result<EventTable> table = importer.Finish();
  ASSERT_TRUE(table.ok());
  std::vector<std::string> names;
  PersonView v = table->person(0);
  for (size_t k = 0; k < v.size(); ++k) names.push_back(table->event_names().Name(v.name[k]));
  EXPECT_EQ(names, (std::vector<std::string>{"a", "tie-1", "tie-2", "tie-3", "c"}));
}

TEST(Importer, Csv) {
  JourneyMap map = BasicMap();
  ImportOptions options = Options();
  options.rejects_path = TempPath("csv.rejects.ndjson");
  Importer importer(map, options);
  ASSERT_TRUE(importer.AddFile(Fixture("basic.csv")).ok());
  Result<EventTable> table = importer.Finish();
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  const ImportStats& s = importer.stats();
  EXPECT_EQ(s.read, 6u);
  EXPECT_EQ(s.duplicates, 1u);
  EXPECT_EQ(s.rejected, 1u);
  ExpectInvariant(s);
  EXPECT_EQ(Dump(*table),
            (std::vector<std::string>{
                "user-9 2026-01-05T12:00:00Z Home ch=Organic Social f=3 m=0 v=0 plan=",
                "user-9 2026-01-05T12:03:00Z signed_up ch=(none) f=0 m=12 v=0 plan=free",
                "user-9 2026-01-05T12:20:00Z purchase ch=Email f=0 m=1 v=120 plan=pro",
                "user-9 2026-01-05T12:30:00Z note, with comma ch=(none) f=0 m=0 v=0 "
                "plan=multi\nline",
            }));
  nlohmann::json r = nlohmann::json::parse(ReadText(options.rejects_path));
  EXPECT_EQ(r["line"], 8);  // the quoted line break before it counts
  EXPECT_EQ(r["field"], "timestamp");
}

TEST(Importer, CsvHeaderErrorNamesTheFile) {
  JourneyMap map;
  Importer importer(map, Options());
  Status s = importer.AddFile(WriteTemp("bad_header.csv", "who,what\nu,x\n"));
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("bad_header.csv: line 1: the CSV header has no 'timestamp' column"),
            std::string::npos)
      << s.message();
  EXPECT_NE(s.message().find("--csv-columns timestamp=<column>"), std::string::npos) << s.message();
}

// --- The rejects file never destroys data (docs/formats/rejects.md) -------------------------

const char kGoodLine[] = R"({"event":"x","anonymousId":"a","timestamp":1767225600})"
                         "\n";
const char kBadLine[] = R"({"event":"x","anonymousId":"a","timestamp":"yesterday"})"
                        "\n";

TEST(Importer, RejectsPathThatIsAnInputIsRefusedAndTheInputKept) {
  const std::string text = std::string(kGoodLine) + kBadLine;
  const std::string input = WriteTemp("same.ndjson", text);
  const std::string other = WriteTemp("other.ndjson", kGoodLine);
  const std::string tmp_input = WriteTemp("victim.ndjson.tmp", text);
  const std::filesystem::path dir = std::filesystem::path(input).parent_path();
  const std::string link = TempPath("same_link.ndjson");
  std::filesystem::remove(link);
  std::filesystem::create_symlink(input, link);
  // {rejects path, input}: the same file spelled differently, through a symlink, and an input
  // that is the rejects file's temporary file.
  const std::vector<std::pair<std::string, std::string>> cases = {
      {input, input},
      {(dir / "." / ".." / dir.filename() / "same.ndjson").string(), input},
      {link, input},
      {input, link},
      {TempPath("victim.ndjson"), tmp_input},
  };
  for (const auto& [rejects, named_input] : cases) {
    ImportOptions options = Options();
    options.rejects_path = rejects;
    JourneyMap map;
    Importer importer(map, options);
    Status s = importer.AddFiles({other, named_input});
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << rejects;
    EXPECT_NE(s.message().find("'" + named_input + "'"), std::string::npos) << s.message();
    EXPECT_NE(s.message().find(rejects), std::string::npos) << s.message();
    EXPECT_EQ(importer.stats().read, 0u);  // refused before reading anything
    EXPECT_EQ(importer.stats().files, 0u);
    ASSERT_TRUE(importer.Finish().ok());
  }
  EXPECT_EQ(ReadText(input), text);
  EXPECT_EQ(ReadText(tmp_input), text);
}

TEST(Importer, CleanImportLeavesTheRejectsPathAsItWas) {
  const std::string input = WriteTemp("clean.ndjson", kGoodLine);
  const std::string absent = TempPath("clean.absent.rejects.ndjson");
  const std::string previous = WriteTemp("clean.previous.rejects.ndjson", "previous run\n");
  std::filesystem::remove(absent);
  for (const std::string& rejects : {absent, previous}) {
    ImportOptions options = Options();
    options.rejects_path = rejects;
    JourneyMap map;
    Importer importer(map, options);
    ASSERT_TRUE(importer.AddFile(input).ok());
    ASSERT_TRUE(importer.Finish().ok());
    EXPECT_EQ(importer.stats().rejected, 0u);
    EXPECT_FALSE(std::filesystem::exists(RejectsWriter::TemporaryPath(rejects)));
  }
  EXPECT_FALSE(std::filesystem::exists(absent));  // not created, so no empty file either
  EXPECT_EQ(ReadText(previous), "previous run\n");
}

TEST(Importer, RejectsReplaceThePreviousFileOnlyAtFinish) {
  const std::string input = WriteTemp("finish.ndjson", std::string(kBadLine) + kGoodLine);
  const std::string rejects = WriteTemp("finish.rejects.ndjson", "previous run\n");
  ImportOptions options = Options();
  options.rejects_path = rejects;
  JourneyMap map;
  Importer importer(map, options);
  ASSERT_TRUE(importer.AddFile(input).ok());
  EXPECT_EQ(ReadText(rejects), "previous run\n");
  EXPECT_TRUE(std::filesystem::exists(RejectsWriter::TemporaryPath(rejects)));
  ASSERT_TRUE(importer.Finish().ok());
  std::string written = ReadText(rejects);
  EXPECT_EQ(std::count(written.begin(), written.end(), '\n'), 1) << written;
  EXPECT_EQ(nlohmann::json::parse(written)["code"], "bad_timestamp");
  EXPECT_FALSE(std::filesystem::exists(RejectsWriter::TemporaryPath(rejects)));
}

TEST(Importer, FailedImportKeepsThePreviousRejectsFile) {
  const std::string bad_rows = WriteTemp("failed.ndjson", kBadLine);
  const std::string bad_header = WriteTemp("failed_header.csv", "who,what\nu,x\n");
  const std::string rejects = WriteTemp("failed.rejects.ndjson", "previous run\n");
  for (bool rejects_before_the_failure : {false, true}) {
    ImportOptions options = Options();
    options.rejects_path = rejects;
    JourneyMap map;
    {
      Importer importer(map, options);
      std::vector<std::string> files = {bad_header};
      if (rejects_before_the_failure) files.insert(files.begin(), bad_rows);
      EXPECT_EQ(importer.AddFiles(files).code(), StatusCode::kInvalidArgument);
      EXPECT_EQ(importer.stats().rejected, rejects_before_the_failure ? 1u : 0u);
    }  // abandoned without Finish, as the CLI does on an error
    EXPECT_EQ(ReadText(rejects), "previous run\n") << rejects_before_the_failure;
    EXPECT_FALSE(std::filesystem::exists(RejectsWriter::TemporaryPath(rejects)));
  }
}

TEST(Importer, EmptyBatchCountsAsOneRejectedMessage) {
  JourneyMap map;
  Importer importer(map, Options());
  ASSERT_TRUE(importer
                  .AddFile(WriteTemp("batches.ndjson", std::string("{\"batch\":[]}\n\n") +
                                                           "{\"batch\":5}\n" + kGoodLine))
                  .ok());
  ASSERT_TRUE(importer.Finish().ok());
  const ImportStats& s = importer.stats();
  EXPECT_EQ(s.read, 3u);  // three non-blank lines
  EXPECT_EQ(s.rejected, 2u);
  EXPECT_EQ(s.rejects_by_reason.at("empty_batch"), 1u);
  EXPECT_EQ(s.rejects_by_reason.at("wrong_field_type"), 1u);
  EXPECT_EQ(s.events, 1u);
  ExpectInvariant(s);
}

TEST(Importer, FormatByExtensionOrFirstByte) {
  JourneyMap map;
  Importer importer(map, Options());
  ASSERT_TRUE(
      importer
          .AddFiles(
              {WriteTemp("events.txt", R"({"event":"x","anonymousId":"a","timestamp":1767225600})"
                                       "\n"),
               WriteTemp("rows.data", "anonymous_id,event,timestamp\nb,y,1767225600\n")})
          .ok());
  ASSERT_TRUE(importer.Finish().ok());
  EXPECT_EQ(importer.stats().events, 2u);
  EXPECT_EQ(importer.stats().rejected, 0u);
}

// A generated file with many persons, identity links, duplicates and rejects: every block
// size and thread count must give the same table and the same rejects file.
std::string GeneratedNdjson() {
  std::string out;
  for (int i = 0; i < 3000; ++i) {
    int p = (i * 7919) % 211;
    std::string anon = "a" + std::to_string(p);
    std::string line = R"({"type":")" + std::string(i % 3 ? "track" : "page") + R"(","event":"e)" +
                       std::to_string(i % 5) + R"(","anonymousId":")" + anon + R"(",)";
    if (p % 4 == 0 && i % 2) line += R"("userId":"u)" + std::to_string(p) + R"(",)";
    line += R"("messageId":"m)" + std::to_string(i % 2900) + R"(",)";
    line += R"("timestamp":)" + std::to_string(1767225600 + (i * 37) % 5000) + "}";
    if (i % 97 == 0) line = "{broken " + std::to_string(i);
    out += line + (i % 13 == 0 ? "\r\n\n" : "\n");
  }
  return out;
}

TEST(Importer, BlockSizesAndThreadsDoNotChangeTheResult) {
  std::string path = WriteTemp("generated.ndjson", GeneratedNdjson());
  JourneyMap map;
  std::vector<std::string> reference;
  std::string reference_rejects;
  ImportStats reference_stats;
  for (int threads : {1, 2, 3}) {
    // 8 MiB: one block split between the threads (>= 64 KiB each); 140 KiB: several blocks,
    // each split; 4 KiB and 100 bytes: many blocks, lines longer than the buffer.
    for (size_t block : {size_t{8} << 20, size_t{140} << 10, size_t{4096}, size_t{100}}) {
      ImportOptions options = Options();
      options.threads = threads;
      options.block_bytes = block;
      options.rejects_path = TempPath("generated.rejects.ndjson");
      Importer importer(map, options);
      ASSERT_TRUE(importer.AddFile(path).ok());
      Result<EventTable> table = importer.Finish();
      ASSERT_TRUE(table.ok());
      ExpectInvariant(importer.stats());
      std::vector<std::string> dump = Dump(*table);
      std::string rejects = ReadText(options.rejects_path);
      if (reference.empty()) {
        reference = dump;
        reference_rejects = rejects;
        reference_stats = importer.stats();
        continue;
      }
      EXPECT_EQ(dump, reference) << threads << " threads, block " << block;
      EXPECT_EQ(rejects, reference_rejects) << threads << " threads, block " << block;
      EXPECT_EQ(importer.stats().duplicates, reference_stats.duplicates);
      EXPECT_EQ(importer.stats().persons, reference_stats.persons);
    }
  }
  EXPECT_EQ(reference_stats.rejected, 31u);
  // Lines 2900..2999 repeat m0..m99; line 2910 is broken, and m0 and m97 were broken the
  // first time, so their repeats are first occurrences: 100 - 3 duplicates.
  EXPECT_EQ(reference_stats.duplicates, 97u);
  EXPECT_GT(reference_stats.persons, 150u);
}

// The importer hands the readers only the properties the map reads; those must all arrive.
TEST(Importer, PropertiesTheMapReadsReachTheTable) {
  JourneyMap map;
  Win big;
  big.name = "Big order";
  big.predicate.events = {"purchase"};
  PropertyCondition over;
  over.property = "total";
  over.op = CompareOp::kGreater;
  over.threshold = 100;
  big.predicate.where = {over};
  big.value_property = "total";
  map.wins = {big};
  ChannelRule sales;
  sales.channel = "Sales";
  PropertyCondition rep;
  rep.property = "sales_rep";
  rep.op = CompareOp::kExists;
  sales.where = {rep};
  map.channels = {sales};
  map.dimensions = {"country"};
  std::string path =
      WriteTemp("props.ndjson",
                R"({"event":"purchase","anonymousId":"p","timestamp":1767225600,)"
                R"("properties":{"total":250,"country":"DE","ignored":"x","sales_rep":"ann"}})"
                "\n"
                R"({"event":"purchase","anonymousId":"p","timestamp":1767225601,)"
                R"("properties":{"total":"50","country":"FR"}})"
                "\n");
  Importer importer(map, Options());
  ASSERT_TRUE(importer.AddFile(path).ok());
  Result<EventTable> table = importer.Finish();
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(Dump(*table), (std::vector<std::string>{
                              "p 2026-01-01T00:00:00Z purchase ch=Sales f=2 m=1 v=250 plan=DE",
                              "p 2026-01-01T00:00:01Z purchase ch=(none) f=0 m=0 v=0 plan=FR",
                          }));
}

TEST(Importer, GeneratedFileIsLargeEnoughToBeSplit) {
  EXPECT_GT(GeneratedNdjson().size(), 3u * (64u << 10));
}

TEST(Importer, ProgressEndsAtTheTotal) {
  std::string path = WriteTemp("progress.ndjson", GeneratedNdjson());
  std::vector<std::pair<uint64_t, uint64_t>> calls;
  ImportOptions options = Options();
  options.block_bytes = 1024;
  options.progress = [&](uint64_t done, uint64_t total) { calls.emplace_back(done, total); };
  JourneyMap map;
  Importer importer(map, options);
  ASSERT_TRUE(importer.AddFile(path).ok());
  ASSERT_FALSE(calls.empty());
  uint64_t size = std::filesystem::file_size(path);
  EXPECT_EQ(calls.back(), std::make_pair(size, size));
  EXPECT_LT(calls.size(), 20u);  // throttled, although there are ~150 blocks
}

TEST(Importer, FinishOnce) {
  JourneyMap map;
  Importer importer(map, Options());
  ASSERT_TRUE(importer.Finish().ok());
  EXPECT_EQ(importer.Finish().status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(importer.AddFile(Fixture("basic.ndjson")).code(), StatusCode::kFailedPrecondition);
}

TEST(Importer, TooManyChannelsIsAnError) {
  JourneyMap map;
  for (int i = 0; i < 250; ++i) {
    map.channels.emplace_back();
    map.channels.back().channel = "c" + std::to_string(i);
  }
  Importer importer(map, Options());
  EXPECT_EQ(importer.AddFile(Fixture("basic.ndjson")).code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace winpath
