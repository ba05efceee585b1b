// The default channel groups, modelled on GA4's default channel grouping. Touches that no map
// rule claims fall into one of these (see ingest's channel assignment and
// docs/analyses/touchpoints.md for the exact rules).
#pragma once

#include <array>
#include <string_view>

namespace winpath {

inline constexpr std::array<std::string_view, 10> kDefaultChannelGroups = {
    "Direct", "Organic Search", "Paid Search", "Organic Social", "Paid Social",
    "Email",  "Referral",       "Display",     "Affiliate",      "Other"};

}  // namespace winpath
