// Identity stitching (docs/import.md#identity): anonymous and known-user events of one visitor
// are one person whatever the arrival order; placeholders never link; alias merges; two users
// are never merged through a shared anonymousId.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "ingest/identity_graph.h"
#include "ingest/importer.h"

namespace winpath {
namespace {

TEST(IdentityGraph, LinksAndKeys) {
  IdentityGraph g;
  uint32_t a1 = g.AddId("a1", false), u1 = g.AddId("u1", true), a2 = g.AddId("a2", false);
  uint32_t lone = g.AddId("zzz", false);
  g.Link(u1, a1, 10);
  g.Link(u1, a2, 20);
  g.Resolve();
  EXPECT_EQ(g.num_persons(), 2u);
  EXPECT_EQ(g.PersonOf(a1), g.PersonOf(u1));
  EXPECT_EQ(g.PersonOf(a2), g.PersonOf(u1));
  EXPECT_NE(g.PersonOf(lone), g.PersonOf(u1));
  EXPECT_EQ(g.PersonKey(g.PersonOf(a1)), "u1");  // a userId beats smaller anonymous ids
  EXPECT_EQ(g.PersonKey(g.PersonOf(lone)), "zzz");
  EXPECT_EQ(g.PersonKey(0), "u1");  // persons are numbered in key order
}

// Keys are compared as text: ids sharing their first 8 bytes, shorter ids, bytes above 0x7F
// and embedded NULs order exactly as std::string comparison does, whatever the arrival order.
TEST(IdentityGraph, PersonsAreInKeyTextOrder) {
  const std::vector<std::string> ids = {"user-00000002",
                                        "user-00000001",
                                        "user-0000000",
                                        "user-0000",
                                        "\xC3\xA9t\xC3\xA9",
                                        "zz",
                                        std::string("ab\0c", 4),
                                        "ab",
                                        "user-00000010",
                                        "anon-1",
                                        "Z"};
  IdentityGraph g;
  std::vector<uint32_t> nodes;
  for (const std::string& id : ids) nodes.push_back(g.AddId(id, false));
  // Link "anon-1" to the user: its person takes the user's key, not the smaller anonymous one.
  const uint32_t user = g.AddId("user-00000005", true);
  g.Link(user, nodes[9], 1);
  g.Resolve();
  std::vector<std::string> expected = ids;
  expected.erase(expected.begin() + 9);  // "anon-1" is now user-00000005's person
  expected.push_back("user-00000005");
  std::sort(expected.begin(), expected.end());
  ASSERT_EQ(g.num_persons(), expected.size());
  for (size_t p = 0; p < expected.size(); ++p) EXPECT_EQ(g.PersonKey(p), expected[p]) << p;
  EXPECT_EQ(g.PersonKey(g.PersonOf(nodes[9])), "user-00000005");
}

TEST(IdentityGraph, TwoUsersAreNotMergedThroughAnAnonymousId) {
  for (bool reversed : {false, true}) {
    IdentityGraph g;
    uint32_t s = g.AddId("shared", false);
    uint32_t u8 = g.AddId("u8", true), u9 = g.AddId("u9", true);
    if (reversed) {
      g.Link(u9, s, 20);
      g.Link(u8, s, 10);
    } else {
      g.Link(u8, s, 10);
      g.Link(u9, s, 20);
    }
    g.Resolve();
    EXPECT_EQ(g.PersonOf(s), g.PersonOf(u8)) << reversed;  // the earlier link wins
    EXPECT_NE(g.PersonOf(u9), g.PersonOf(u8)) << reversed;
    EXPECT_EQ(g.refused_links(), 1u);
  }
}

TEST(IdentityGraph, EqualTimesPreferTheSmallerUserId) {
  IdentityGraph g;
  uint32_t s = g.AddId("s", false);
  uint32_t ub = g.AddId("b", true), ua = g.AddId("a", true);
  g.Link(ub, s, 10);
  g.Link(ua, s, 10);
  g.Resolve();
  EXPECT_EQ(g.PersonKey(g.PersonOf(s)), "a");
}

TEST(IdentityGraph, AliasMergesEvenTwoUsers) {
  IdentityGraph g;
  uint32_t u6 = g.AddId("u6", true), u7 = g.AddId("u7", true), a = g.AddId("a", false);
  g.Link(u7, a, 5);
  g.Alias(u6, u7, 50);
  g.Resolve();
  EXPECT_EQ(g.num_persons(), 1u);
  EXPECT_EQ(g.PersonKey(0), "u6");
  EXPECT_EQ(g.refused_links(), 0u);
}

TEST(IdentityGraph, RepeatedLinksKeepTheEarliestTime) {
  IdentityGraph g;
  uint32_t s = g.AddId("s", false), u1 = g.AddId("u1", true), u2 = g.AddId("u2", true);
  g.Link(u2, s, 30);
  g.Link(u1, s, 40);
  g.Link(u1, s, 20);  // u1 was in fact linked first
  g.Resolve();
  EXPECT_EQ(g.PersonOf(s), g.PersonOf(u1));
  EXPECT_EQ(g.links(), 2u);
}

// --- Through the importer -----------------------------------------------------------------

std::string WriteLines(const std::string& name, const std::vector<std::string>& lines) {
  std::string dir = ::testing::TempDir() + "winpath_identity_test_" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  std::string path = dir + "/" + name;
  std::ofstream out(path);
  for (const std::string& l : lines) out << l << "\n";
  return path;
}

// person key -> its event names in time order; plus the stats.
struct Imported {
  std::map<std::string, std::vector<std::string>> persons;
  ImportStats stats;
};

Imported Import(const std::vector<std::string>& lines) {
  JourneyMap map;
  ImportOptions options;
  options.now = 1767225600000LL + 10 * kMsPerDay;
  Importer importer(map, options);
  EXPECT_TRUE(importer.AddFile(WriteLines("identity.ndjson", lines)).ok());
  Result<EventTable> table = importer.Finish();
  EXPECT_TRUE(table.ok());
  Imported out;
  out.stats = importer.stats();
  for (size_t p = 0; p < table->num_persons(); ++p) {
    PersonView v = table->person(p);
    auto& names = out.persons[table->person_key(p)];
    for (size_t k = 0; k < v.size(); ++k) names.push_back(table->event_names().Name(v.name[k]));
  }
  return out;
}

const std::string kAnonPage =
    R"({"type":"page","name":"blog","anonymousId":"a1","timestamp":"2026-01-01T00:00:01Z"})";
const std::string kAnonTrack =
    R"({"event":"download","anonymousId":"a1","timestamp":"2026-01-01T00:00:02Z"})";
const std::string kIdentify =
    R"({"type":"identify","userId":"u1","anonymousId":"a1","timestamp":"2026-01-01T00:00:03Z"})";
const std::string kKnownTrack =
    R"({"event":"purchase","userId":"u1","timestamp":"2026-01-01T00:00:04Z"})";

TEST(Stitching, OnePersonWhicheverMessageArrivesFirst) {
  const std::map<std::string, std::vector<std::string>> expected = {
      {"u1", {"blog", "download", "purchase"}}};
  std::vector<std::string> lines = {kAnonPage, kAnonTrack, kIdentify, kKnownTrack};
  std::sort(lines.begin(), lines.end());
  int orders = 0;
  do {  // all 24 arrival orders, identify first and last among them
    Imported got = Import(lines);
    EXPECT_EQ(got.persons, expected) << lines[0] << " | " << lines[1] << " | " << lines[2];
    EXPECT_EQ(got.stats.persons, 1u);
    ++orders;
  } while (std::next_permutation(lines.begin(), lines.end()));
  EXPECT_EQ(orders, 24);
}

TEST(Stitching, AnEventCarryingBothIdsLinksLikeIdentify) {
  Imported got = Import(
      {kAnonPage,
       R"({"event":"signed_up","userId":"u1","anonymousId":"a1","timestamp":"2026-01-01T00:00:05Z"})",
       kKnownTrack});
  EXPECT_EQ(got.persons.size(), 1u);
  EXPECT_EQ(got.persons["u1"].size(), 3u);
}

TEST(Stitching, PlaceholdersNeverLink) {
  Imported got = Import({
      R"({"event":"x","userId":"u2","anonymousId":"null","timestamp":1767225601})",
      R"({"event":"x","userId":"u3","anonymousId":"NULL","timestamp":1767225602})",
      R"({"type":"identify","userId":"u4","anonymousId":" undefined ","timestamp":1767225603})",
      R"({"event":"x","userId":"u4","anonymousId":"00000000-0000-0000-0000-000000000000",)"
      R"("timestamp":1767225604})",
      R"({"event":"x","userId":"u5","anonymousId":"00000000-0000-0000-0000-000000000000",)"
      R"("timestamp":1767225605})",
      R"({"event":"y","userId":"anonymous","anonymousId":"a9","timestamp":1767225606})",
      R"({"event":"z","anonymousId":"null","timestamp":1767225607})",
  });
  EXPECT_EQ(got.persons.size(), 5u);
  EXPECT_EQ(got.persons.count("u2") + got.persons.count("u3") + got.persons.count("u4") +
                got.persons.count("u5"),
            4u);
  EXPECT_EQ(got.persons["a9"], std::vector<std::string>{"y"});  // the userId was a placeholder
  EXPECT_EQ(got.stats.rejected, 1u);  // only a placeholder id: rejected, not a person "null"
  EXPECT_EQ(got.stats.rejects_by_reason.at("missing_id"), 1u);
}

TEST(Stitching, ADroppedDuplicateLinksNothing) {
  // The second "x" is a duplicate (same messageId, other ids): it must not tie a1 to u2, nor
  // make u2 a user, even though it is the earlier message.
  const std::vector<std::string> lines = {
      R"({"event":"e","messageId":"x","userId":"u1","anonymousId":"a1","timestamp":1767225610})",
      R"({"event":"e","messageId":"x","userId":"u2","anonymousId":"a1","timestamp":1767225601})",
      R"({"event":"anon","anonymousId":"a1","timestamp":1767225620})",
  };
  Imported got = Import(lines);
  EXPECT_EQ(got.persons, (std::map<std::string, std::vector<std::string>>{{"u1", {"e", "anon"}}}));
  EXPECT_EQ(got.stats.persons, 1u);
  EXPECT_EQ(got.stats.duplicates, 1u);
  EXPECT_EQ(got.stats.imported, 2u);
  EXPECT_EQ(got.stats.refused_links, 0u);  // the duplicate's u2-a1 link was never considered
}

TEST(Stitching, ADroppedDuplicateAliasMergesNothing) {
  const std::vector<std::string> lines = {
      R"({"event":"a","userId":"u1","timestamp":1767225601})",
      R"({"event":"b","userId":"u2","timestamp":1767225602})",
      R"({"type":"identify","messageId":"m","userId":"u1","timestamp":1767225603})",
      R"({"type":"alias","messageId":"m","previousId":"u2","userId":"u1","timestamp":1767225604})",
  };
  Imported got = Import(lines);
  EXPECT_EQ(got.persons,
            (std::map<std::string, std::vector<std::string>>{{"u1", {"a"}}, {"u2", {"b"}}}));
  EXPECT_EQ(got.stats.duplicates, 1u);
  EXPECT_EQ(got.stats.aliases, 0u);
}

TEST(Stitching, AliasJoinsThePreviousId) {
  std::vector<std::string> lines = {
      R"({"event":"before","anonymousId":"old-anon","timestamp":1767225601})",
      R"({"type":"alias","previousId":"old-anon","userId":"u5","timestamp":1767225602})",
      R"({"event":"after","userId":"u5","timestamp":1767225603})",
      R"({"event":"x","userId":"u6","timestamp":1767225604})",
      R"({"event":"y","userId":"u7","timestamp":1767225605})",
      R"({"type":"alias","previousId":"u7","userId":"u6","timestamp":1767225606})",
  };
  Imported got = Import(lines);
  EXPECT_EQ(got.persons, (std::map<std::string, std::vector<std::string>>{
                             {"u5", {"before", "after"}}, {"u6", {"x", "y"}}}));
  EXPECT_EQ(got.stats.aliases, 2u);
  std::reverse(lines.begin(), lines.end());
  EXPECT_EQ(Import(lines).persons, got.persons);
}

TEST(Stitching, SharedDeviceDoesNotMergeTwoUsers) {
  std::vector<std::string> lines = {
      R"({"type":"page","anonymousId":"kiosk","timestamp":"2026-01-01T00:00:01Z"})",
      R"({"type":"identify","userId":"ann","anonymousId":"kiosk","timestamp":"2026-01-01T00:00:02Z"})",
      R"({"event":"bought","userId":"ann","timestamp":"2026-01-01T00:00:03Z"})",
      R"({"type":"identify","userId":"bob","anonymousId":"kiosk","timestamp":"2026-01-02T00:00:00Z"})",
      R"({"event":"browsed","userId":"bob","anonymousId":"kiosk","timestamp":"2026-01-02T00:00:01Z"})",
  };
  const std::map<std::string, std::vector<std::string>> expected = {
      {"ann", {"page_view", "bought"}}, {"bob", {"browsed"}}};
  Imported got = Import(lines);
  EXPECT_EQ(got.persons, expected);
  EXPECT_EQ(got.stats.refused_links, 1u);  // bob-kiosk (identify and the event: one link)
  std::reverse(lines.begin(), lines.end());
  EXPECT_EQ(Import(lines).persons, expected);
}

}  // namespace
}  // namespace winpath
