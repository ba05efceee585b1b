// The default channel grouping: GA4-like groups for touches that no map rule claims
// (docs/analyses/touchpoints.md#default-channel-groups gives the exact rules and lists).
//
// Thread-safety: pure functions.
#pragma once

#include <string_view>

namespace winpath {

// True when a source or host names a search engine / social network: one of its
// non-alphanumeric-separated tokens is a known name ("www.google.co.uk", "google_ads",
// "l.facebook.com"), or, for social, the host is t.co or x.com (or a subdomain).
bool IsSearchEngineSource(std::string_view source);
bool IsSocialSource(std::string_view source);
// utm_medium matching ^(.*cp.*|ppc|retargeting|paid.*)$, case-insensitive.
bool IsPaidMedium(std::string_view medium);

// The group (one of kDefaultChannelGroups, never "Direct") of a touch with acquisition data.
// `source`/`medium`: utm_source/utm_medium (any case); `external_referrer_host`: the referrer's
// host when it is external, else empty; `has_utm`: any utm_* field is set.
std::string_view DefaultChannelGroup(std::string_view source, std::string_view medium,
                                     std::string_view external_referrer_host, bool has_utm);

}  // namespace winpath
