#include <gtest/gtest.h>

#include "query/paths_query.h"

namespace winpath {
namespace {

Milestone M(const std::string& name, MilestonePhase phase) {
  Milestone m;
  m.name = name;
  m.phase = phase;
  m.predicate.events = {name};
  return m;
}

TEST(DefaultPathEnds, FirstPreMilestoneToCore) {
  JourneyMap map;
  map.milestones = {M("Trial", MilestonePhase::kPre), M("Demo", MilestonePhase::kPre),
                    M("Purchase", MilestonePhase::kCore), M("Review", MilestonePhase::kPost)};
  PathsSpec spec;
  DefaultPathEnds(map, &spec);
  EXPECT_EQ(spec.from, "Trial");
  EXPECT_EQ(spec.to, "Purchase");
}

TEST(DefaultPathEnds, CoreToFirstPostWithoutPre) {
  JourneyMap map;
  map.milestones = {M("Purchase", MilestonePhase::kCore), M("Review", MilestonePhase::kPost)};
  PathsSpec spec;
  DefaultPathEnds(map, &spec);
  EXPECT_EQ(spec.from, "Purchase");
  EXPECT_EQ(spec.to, "Review");
}

TEST(DefaultPathEnds, OnlyCoreMeansPathsToIt) {
  JourneyMap map;
  map.milestones = {M("Purchase", MilestonePhase::kCore)};
  PathsSpec spec;
  DefaultPathEnds(map, &spec);
  EXPECT_EQ(spec.from, "");
  EXPECT_EQ(spec.to, "Purchase");
}

TEST(DefaultPathEnds, NoCoreLeavesSpecUnchanged) {
  JourneyMap map;
  PathsSpec spec;
  DefaultPathEnds(map, &spec);
  EXPECT_TRUE(spec.from.empty());
  EXPECT_TRUE(spec.to.empty());
}

}  // namespace
}  // namespace winpath
