#include "analysis/odds_ratio.h"

#include <gtest/gtest.h>

namespace winpath {
namespace {

// Reference values: the Woolf formula evaluated at 30 digits (mpmath).
TEST(OddsRatio, WoolfInterval) {
  auto r = OddsRatio({10, 20, 30, 40});
  ASSERT_TRUE(r.has_value());
  EXPECT_NEAR(r->odds_ratio, 2.0 / 3.0, 1e-15);  // (10·40)/(20·30)
  EXPECT_NEAR(r->lower, 0.27251484754302583, 1e-14);
  EXPECT_NEAR(r->upper, 1.6308999250922415, 1e-14);
  EXPECT_FALSE(r->corrected);
}

TEST(OddsRatio, OtherConfidenceLevel) {
  auto r = OddsRatio({10, 20, 30, 40}, 0.90);
  ASSERT_TRUE(r.has_value());
  EXPECT_NEAR(r->lower, 0.31466879507930027, 1e-14);
  EXPECT_NEAR(r->upper, 1.4124198248906097, 1e-14);
}

// Fisher's tea-tasting table (R's fisher.test example): the sample odds ratio is 9 (R prints
// the conditional MLE, 6.408309, which is a different estimator).
TEST(OddsRatio, TeaTasting) {
  auto r = OddsRatio({3, 1, 1, 3});
  ASSERT_TRUE(r.has_value());
  EXPECT_NEAR(r->odds_ratio, 9.0, 1e-13);
  EXPECT_NEAR(r->lower, 0.36663693192554544, 1e-14);
  EXPECT_NEAR(r->upper, 220.92700692915743, 1e-11);
}

TEST(OddsRatio, ZeroCellUsesHaldaneAnscombe) {
  auto r = OddsRatio({0, 30, 10, 60});
  ASSERT_TRUE(r.has_value());
  EXPECT_TRUE(r->corrected);
  EXPECT_NEAR(r->odds_ratio, (0.5 * 60.5) / (30.5 * 10.5), 1e-15);
  EXPECT_NEAR(r->lower, 0.0053544090731631006, 1e-15);
  EXPECT_NEAR(r->upper, 1.6663296928843107, 1e-13);
}

TEST(OddsRatio, EmptyRowOrColumnIsNoData) {
  EXPECT_FALSE(OddsRatio({0, 0, 0, 0}).has_value());
  EXPECT_FALSE(OddsRatio({0, 0, 3, 4}).has_value());  // group 1 empty
  EXPECT_FALSE(OddsRatio({0, 5, 0, 4}).has_value());  // nobody has the outcome
  EXPECT_FALSE(OddsRatio({5, 0, 4, 0}).has_value());  // everybody has it
}

}  // namespace
}  // namespace winpath
