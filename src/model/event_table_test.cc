#include "model/event_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <tuple>
#include <vector>

namespace winpath {
namespace {

std::vector<TimeMs> Times(const PersonView& v) { return {v.time.begin(), v.time.end()}; }

std::vector<std::string> Names(const EventTable& t, const PersonView& v) {
  std::vector<std::string> out;
  for (uint16_t id : v.name) out.push_back(t.event_names().Name(id));
  return out;
}

TEST(EventTableBuilderTest, EmptyBuilderGivesAnEmptyTable) {
  Result<EventTable> t = EventTableBuilder({"A"}).Build();
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->num_persons(), 0u);
  EXPECT_EQ(t->num_events(), 0u);
  EXPECT_FALSE(t->min_time().has_value());
  EXPECT_FALSE(t->max_time().has_value());
  EXPECT_EQ(t->CoreColumnBytes(), 0u);
}

TEST(EventTableBuilderTest, SortsByPersonThenTimeAndKeepsInputOrderOnTies) {
  EventTableBuilder b({"Email", "Blog"});
  uint32_t p2 = b.InternPerson("p2");
  uint32_t p1 = b.InternPerson("p1");
  uint16_t view = b.InternEventName("page_view");
  uint16_t buy = b.InternEventName("purchase");
  uint16_t sign = b.InternEventName("signed_up");
  b.Add(p1, 300, buy, 0, 0, 0b01);
  b.Add(p2, 50, view, 2, kEventFlagPageView | kEventFlagSessionStart, 0);
  b.Add(p1, 100, view, 1, kEventFlagPageView, 0);
  b.Add(p1, 200, sign, 0, 0, 0b10);  // three events at 200: input order is kept
  b.Add(p1, 200, buy, 0, 0, 0b01);
  b.Add(p1, 200, view, 2, 0, 0);
  Result<EventTable> t = std::move(b).Build();
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->num_persons(), 2u);
  EXPECT_EQ(t->num_events(), 6u);
  EXPECT_EQ(t->person_key(0), "p2");  // person ids in order of first use
  EXPECT_EQ(t->person_key(1), "p1");
  PersonView v = t->person(1);
  EXPECT_EQ(v.person, 1u);
  EXPECT_EQ(Times(v), (std::vector<TimeMs>{100, 200, 200, 200, 300}));
  EXPECT_EQ(Names(*t, v), (std::vector<std::string>{"page_view", "signed_up", "purchase",
                                                    "page_view", "purchase"}));
  EXPECT_EQ(std::vector<uint8_t>(v.channel.begin(), v.channel.end()),
            (std::vector<uint8_t>{1, 0, 0, 2, 0}));
  EXPECT_EQ(std::vector<uint32_t>(v.mask.begin(), v.mask.end()),
            (std::vector<uint32_t>{0, 0b10, 0b01, 0, 0b01}));
  EXPECT_EQ(v.flags[0], kEventFlagPageView);
  PersonView w = t->person(0);
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w.flags[0], kEventFlagPageView | kEventFlagSessionStart);
  EXPECT_EQ(t->min_time(), 50);
  EXPECT_EQ(t->max_time(), 300);
  EXPECT_EQ(t->CoreColumnBytes(), 6u * 16u);
}

TEST(EventTableBuilderTest, PersonWithoutEventsHasAnEmptyView) {
  EventTableBuilder b({});
  b.InternPerson("ghost");
  uint32_t p = b.InternPerson("p");
  b.Add(p, 1, b.InternEventName("x"), 0, 0, 0);
  Result<EventTable> t = std::move(b).Build();
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->num_persons(), 2u);
  EXPECT_TRUE(t->person(0).empty());
  EXPECT_EQ(t->person(1).size(), 1u);
  // The time range comes from the persons with events only.
  EXPECT_EQ(t->min_time(), 1);
  EXPECT_EQ(t->max_time(), 1);
  EXPECT_EQ(t->person_mask(), (std::vector<uint32_t>{0, 0}));
}

TEST(EventTableBuilderTest, ValuesFollowTheirEventsThroughTheSort) {
  EventTableBuilder b({});
  uint32_t a = b.InternPerson("a");
  uint32_t c = b.InternPerson("c");
  uint16_t buy = b.InternEventName("purchase");
  b.Add(a, 30, buy, 0, 0, 1, 30.0);
  b.Add(c, 5, buy, 0, 0, 1, 5.5);
  b.Add(a, 10, buy, 0, 0, 1, 10.0);
  b.Add(a, 20, buy, 0, 0, 1);  // no value
  b.Add(a, 10, buy, 0, 0, 1, 11.0);
  Result<EventTable> t = std::move(b).Build();
  ASSERT_TRUE(t.ok());
  PersonView v = t->person(0);
  ASSERT_EQ(v.size(), 4u);
  EXPECT_EQ(std::vector<uint32_t>(v.value_pos.begin(), v.value_pos.end()),
            (std::vector<uint32_t>{0, 1, 3}));
  EXPECT_EQ(v.ValueAt(0), 10.0);
  EXPECT_EQ(v.ValueAt(1), 11.0);
  EXPECT_EQ(v.ValueAt(2), 0.0);
  EXPECT_EQ(v.ValueAt(3), 30.0);
  PersonView u = t->person(1);
  EXPECT_EQ(u.ValueAt(0), 5.5);
  // Positions are relative to the person: a slice keeps reading the right values.
  PersonView tail = v.Slice(2, 4);
  EXPECT_EQ(tail.offset, 2u);
  EXPECT_EQ(tail.ValueAt(0), 0.0);
  EXPECT_EQ(tail.ValueAt(1), 30.0);
}

TEST(EventTableBuilderTest, DimensionsAreDictionaryEncodedPerColumn) {
  EventTableBuilder b({}, {"plan", "country"});
  uint32_t p = b.InternPerson("p");
  uint16_t e = b.InternEventName("x");
  uint16_t pro = b.InternDimensionValue(0, "pro");
  uint16_t free = b.InternDimensionValue(0, "free");
  uint16_t de = b.InternDimensionValue(1, "DE");
  EXPECT_EQ(pro, 1);  // 0 is "" = absent
  EXPECT_EQ(free, 2);
  EXPECT_EQ(de, 1);  // codes are per dimension
  EXPECT_EQ(b.InternDimensionValue(0, ""), 0);
  EXPECT_EQ(b.InternDimensionValue(0, "pro"), pro);
  const uint16_t later[] = {free, de};
  const uint16_t earlier[] = {pro, 0};
  b.Add(p, 20, e, 0, 0, 0, std::nullopt, later);
  b.Add(p, 10, e, 0, 0, 0, std::nullopt, earlier);
  b.Add(p, 30, e, 0, 0, 0);  // no codes: all absent
  Result<EventTable> t = std::move(b).Build();
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->num_dimensions(), 2u);
  EXPECT_EQ(t->FindDimension("country"), 1);
  EXPECT_EQ(t->FindDimension("device"), -1);
  PersonView plan = t->person(0, 0);
  EXPECT_EQ(std::vector<uint16_t>(plan.dimension.begin(), plan.dimension.end()),
            (std::vector<uint16_t>{pro, free, 0}));
  PersonView country = t->person(0, 1);
  EXPECT_EQ(std::vector<uint16_t>(country.dimension.begin(), country.dimension.end()),
            (std::vector<uint16_t>{0, de, 0}));
  EXPECT_TRUE(t->person(0).dimension.empty());
  EXPECT_EQ(t->dimension_values(0).Name(free), "free");
  EXPECT_EQ(plan.Slice(1, 3).dimension.size(), 2u);
}

TEST(EventTableTest, ChannelNamesAndIds) {
  EventTableBuilder b({"Email", "Blog"});
  Result<EventTable> t = std::move(b).Build();
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->ChannelName(kNoChannel), "(none)");
  EXPECT_EQ(t->ChannelName(1), "Email");
  EXPECT_EQ(t->ChannelName(2), "Blog");
  EXPECT_EQ(t->ChannelName(3), "(none)");
  EXPECT_EQ(t->FindChannel("Blog"), 2);
  EXPECT_FALSE(t->FindChannel("blog").has_value());
}

TEST(PersonViewTest, TimeRangeIsHalfOpen) {
  EventTableBuilder b({});
  uint32_t p = b.InternPerson("p");
  uint16_t e = b.InternEventName("x");
  for (TimeMs t : {10, 20, 20, 30, 40}) b.Add(p, t, e, 0, 0, 0);
  Result<EventTable> t = std::move(b).Build();
  ASSERT_TRUE(t.ok());
  PersonView v = t->person(0);
  EXPECT_EQ(Times(v.TimeRange(20, 40)), (std::vector<TimeMs>{20, 20, 30}));
  EXPECT_EQ(v.TimeRange(20, 40).offset, 1u);
  EXPECT_TRUE(v.TimeRange(41, 100).empty());
  EXPECT_TRUE(v.TimeRange(30, 20).empty());
  EXPECT_EQ(v.TimeRange(0, 1000).size(), 5u);
}

// The per-person mask union is the OR of the person's event masks (0 for a person with none
// of the bits), and slices keep the whole person's union, a superset of their own.
TEST(EventTableTest, PersonMaskIsTheUnionOfTheMasks) {
  EventTableBuilder b({});
  const uint32_t p = b.InternPerson("p"), q = b.InternPerson("q");
  const uint16_t e = b.InternEventName("x");
  b.Add(p, 10, e, 0, 0, 0b0001);
  b.Add(p, 20, e, 0, 0, 0b0100);
  b.Add(p, 30, e, 0, 0, 0);
  b.Add(q, 10, e, 0, 0, 0);
  Result<EventTable> t = std::move(b).Build();
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->person_mask(), (std::vector<uint32_t>{0b0101, 0}));
  EXPECT_EQ(t->person(0).mask_union, 0b0101u);
  EXPECT_EQ(t->person(1).mask_union, 0u);
  EXPECT_EQ(t->person(0).TimeRange(25, 100).mask_union, 0b0101u);
  EXPECT_EQ(PersonView{}.mask_union, ~uint32_t{0});  // by hand: every bit, a safe superset
}

// Random rows against a reference stable sort: order and payload must agree exactly.
TEST(EventTableBuilderTest, MatchesAReferenceStableSort) {
  std::mt19937 rng(7);
  EventTableBuilder b({"A", "B", "C"});
  std::vector<std::tuple<uint32_t, TimeMs, size_t>> rows;  // person, time, input index
  for (int i = 0; i < 20; ++i) b.InternPerson("p" + std::to_string(i));
  for (int i = 0; i < 50; ++i) b.InternEventName("e" + std::to_string(i));
  for (size_t i = 0; i < 5000; ++i) {
    uint32_t person = rng() % 20;
    TimeMs time = rng() % 50;  // many ties
    rows.emplace_back(person, time, i);
    b.Add(person, time, static_cast<uint16_t>(i % 50), static_cast<uint8_t>(i % 4), 0,
          static_cast<uint32_t>(i), i % 3 == 0 ? std::optional<double>(i) : std::nullopt);
  }
  std::stable_sort(rows.begin(), rows.end(), [](const auto& x, const auto& y) {
    return std::tie(std::get<0>(x), std::get<1>(x)) < std::tie(std::get<0>(y), std::get<1>(y));
  });
  Result<EventTable> t = std::move(b).Build();
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  size_t k = 0;
  for (size_t p = 0; p < t->num_persons(); ++p) {
    PersonView v = t->person(p);
    for (size_t j = 0; j < v.size(); ++j, ++k) {
      const auto& [person, time, index] = rows[k];
      ASSERT_EQ(person, p);
      ASSERT_EQ(v.time[j], time);
      ASSERT_EQ(v.mask[j], index);  // the mask carries the input index
      ASSERT_EQ(v.name[j], index % 50);
      ASSERT_EQ(v.ValueAt(j), index % 3 == 0 ? static_cast<double>(index) : 0.0);
    }
  }
  EXPECT_EQ(k, rows.size());
}

EventColumns OnePersonColumns() {
  EventColumns c;
  c.time = {1, 2};
  c.name = {0, 0};
  c.channel = {0, 1};
  c.flags = {0, 0};
  c.mask = {0, 0};
  c.person_begin = {0, 2};
  c.value_begin = {0, 1};
  c.value_pos = {1};
  c.value_amount = {9.0};
  return c;
}

Result<EventTable> FromColumns(EventColumns c) {
  Dictionary names;
  names.Intern("x");
  return EventTable::FromColumns(std::move(c), names, {"Email"}, {"p"});
}

TEST(EventTableTest, FromColumnsAcceptsValidColumns) {
  Result<EventTable> t = FromColumns(OnePersonColumns());
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->person(0).ValueAt(1), 9.0);
}

TEST(EventTableTest, FromColumnsRejectsEveryBrokenInvariant) {
  std::vector<std::pair<const char*, void (*)(EventColumns&)>> breakers = {
      {"lengths", [](EventColumns& c) { c.mask.pop_back(); }},
      {"index end",
       [](EventColumns& c) {
         c.person_begin = {0, 1};
       }},
      {"index start",
       [](EventColumns& c) {
         c.person_begin = {1, 2};
       }},
      {"unsorted",
       [](EventColumns& c) {
         c.time = {2, 1};
       }},
      {"name id", [](EventColumns& c) { c.name[1] = 1; }},
      {"channel id", [](EventColumns& c) { c.channel[1] = 2; }},
      {"value pos", [](EventColumns& c) { c.value_pos = {2}; }},
      {"value index",
       [](EventColumns& c) {
         c.value_begin = {0, 0};
       }},
      {"dimension",
       [](EventColumns& c) {
         c.dimension = {{0, 0}};
       }},
  };
  for (const auto& [what, brk] : breakers) {
    EventColumns c = OnePersonColumns();
    brk(c);
    Result<EventTable> t = FromColumns(std::move(c));
    ASSERT_FALSE(t.ok()) << what;
    EXPECT_EQ(t.status().code(), StatusCode::kCorruption) << what;
  }
  Dictionary names;
  names.Intern("x");
  Result<EventTable> keys = EventTable::FromColumns(OnePersonColumns(), names, {"Email"}, {});
  EXPECT_EQ(keys.status().code(), StatusCode::kCorruption);
  EventColumns c = OnePersonColumns();
  c.dimension = {{0, 3}};
  Dictionary plan;
  plan.Intern("");
  plan.Intern("pro");
  Result<EventTable> code =
      EventTable::FromColumns(std::move(c), names, {"Email"}, {"p"}, {"plan"}, {plan});
  EXPECT_EQ(code.status().code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace winpath
