// Small URL helpers for tracking data: the host of a page URL or referrer, a query parameter
// (for utm_* fallbacks), and "is this host one of our own sites".
//
// These are deliberately forgiving (tracking URLs are often partial): they never fail, they
// return "" when there is nothing to return.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace winpath {

// Lower-cased host of `url` without user info, port or trailing dot:
// "https://u@Blog.Example.com:8080/a?b" -> "blog.example.com". Accepts "//host/...",
// and "host.tld/path" without a scheme; returns "" for relative paths ("/pricing") and text
// that has no host.
std::string UrlHost(std::string_view url);

// The percent-decoded value of the first query parameter `key` of `url` ('+' decodes to a
// space), or "" when absent. The fragment is ignored.
std::string UrlQueryParam(std::string_view url, std::string_view key);

// True when `host` equals one of `site_hosts` or is a subdomain of one (case-insensitive;
// a leading "www." of either side is ignored).
bool IsSiteHost(std::string_view host, const std::vector<std::string>& site_hosts);

}  // namespace winpath
