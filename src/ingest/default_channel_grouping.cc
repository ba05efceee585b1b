#include "ingest/default_channel_grouping.h"

#include <array>
#include <cctype>
#include <string>

namespace winpath {
namespace {

constexpr std::array<std::string_view, 9> kSearchEngines = {
    "google", "bing", "yahoo", "duckduckgo", "baidu", "yandex", "ecosia", "ask", "naver"};
constexpr std::array<std::string_view, 10> kSocialNetworks = {
    "facebook", "instagram", "linkedin", "twitter",  "tiktok",
    "youtube",  "pinterest", "reddit",   "snapchat", "threads"};
constexpr std::array<std::string_view, 4> kEmailNames = {"email", "e-mail", "e_mail", "e mail"};
constexpr std::array<std::string_view, 4> kSocialMedia = {"social", "social-network",
                                                          "social-media", "sm"};
constexpr std::array<std::string_view, 5> kDisplayMedia = {"display", "banner", "expandable",
                                                           "interstitial", "cpm"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

template <size_t N>
bool OneOf(std::string_view text, const std::array<std::string_view, N>& names) {
  for (std::string_view n : names) {
    if (text == n) return true;
  }
  return false;
}

// Any alphanumeric run of `lower` is one of `names`.
template <size_t N>
bool HasToken(std::string_view lower, const std::array<std::string_view, N>& names) {
  size_t i = 0;
  while (i < lower.size()) {
    while (i < lower.size() && !std::isalnum(static_cast<unsigned char>(lower[i]))) ++i;
    size_t b = i;
    while (i < lower.size() && std::isalnum(static_cast<unsigned char>(lower[i]))) ++i;
    if (i > b && OneOf(lower.substr(b, i - b), names)) return true;
  }
  return false;
}

bool IsHostOrSubdomain(std::string_view host, std::string_view domain) {
  if (host == domain) return true;
  return host.size() > domain.size() && host.substr(host.size() - domain.size()) == domain &&
         host[host.size() - domain.size() - 1] == '.';
}

}  // namespace

bool IsSearchEngineSource(std::string_view source) {
  return HasToken(Lower(source), kSearchEngines);
}

bool IsSocialSource(std::string_view source) {
  std::string s = Lower(source);
  return HasToken(s, kSocialNetworks) || IsHostOrSubdomain(s, "t.co") ||
         IsHostOrSubdomain(s, "x.com");
}

bool IsPaidMedium(std::string_view medium) {
  std::string m = Lower(medium);
  return m.find("cp") != std::string::npos || m == "ppc" || m == "retargeting" ||
         m.rfind("paid", 0) == 0;
}

std::string_view DefaultChannelGroup(std::string_view source, std::string_view medium,
                                     std::string_view external_referrer_host, bool has_utm) {
  const std::string src = Lower(source.empty() ? external_referrer_host : source);
  const std::string med = Lower(medium);
  const bool paid = IsPaidMedium(med);
  const bool search = IsSearchEngineSource(src);
  const bool social = IsSocialSource(src);
  if (paid && search) return "Paid Search";
  if (paid && social) return "Paid Social";
  if (search || med == "organic") return "Organic Search";
  if (social || OneOf(med, kSocialMedia)) return "Organic Social";
  if (OneOf(src, kEmailNames) || OneOf(med, kEmailNames) || med == "newsletter") return "Email";
  if (med == "affiliate") return "Affiliate";
  if (OneOf(med, kDisplayMedia)) return "Display";
  if (med == "referral" || (!has_utm && !external_referrer_host.empty())) return "Referral";
  return "Other";
}

}  // namespace winpath
