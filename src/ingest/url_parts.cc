#include "ingest/url_parts.h"

#include <cctype>

namespace winpath {
namespace {

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

// Position of the first '/', '?' or '#' (string_view::find_first_of calls memchr per byte).
size_t PathStart(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '/' || s[i] == '?' || s[i] == '#') return i;
  }
  return std::string_view::npos;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string PercentDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 &&
               HexValue(s[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string_view StripWww(std::string_view host) {
  if (host.size() > 4 && host.substr(0, 4) == "www.") host.remove_prefix(4);
  return host;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

}  // namespace

std::string UrlHost(std::string_view url) {
  while (!url.empty() && std::isspace(static_cast<unsigned char>(url.front())))
    url.remove_prefix(1);
  size_t first_delim = PathStart(url);
  size_t scheme =
      url.substr(0, first_delim == std::string_view::npos ? url.size() : first_delim + 2)
          .find("://");
  bool has_scheme = scheme != std::string_view::npos && scheme < first_delim;
  if (has_scheme) {
    url.remove_prefix(scheme + 3);
  } else if (url.substr(0, 2) == "//") {
    url.remove_prefix(2);
  } else if (url.empty() || url.front() == '/') {
    return "";
  }
  std::string_view authority = url.substr(0, PathStart(url));
  size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority.remove_prefix(at + 1);
  if (!authority.empty() && authority.front() == '[') {  // IPv6 literal: keep the brackets
    size_t close = authority.find(']');
    authority = authority.substr(0, close == std::string_view::npos ? authority.size() : close + 1);
  } else {
    authority = authority.substr(0, authority.find(':'));
  }
  while (!authority.empty() && authority.back() == '.') authority.remove_suffix(1);
  // Without a scheme, "pricing" is a relative path, "example.com" a host.
  if (!has_scheme && url.substr(0, 2) != "//" && authority.find('.') == std::string_view::npos &&
      authority != "localhost") {
    return "";
  }
  std::string host(authority);
  for (char& c : host) c = Lower(c);
  return host;
}

std::string UrlQueryParam(std::string_view url, std::string_view key) {
  size_t q = url.find('?');
  if (q == std::string_view::npos) return "";
  std::string_view query = url.substr(q + 1);
  query = query.substr(0, query.find('#'));
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    size_t eq = pair.find('=');
    std::string_view name = pair.substr(0, eq);
    if (name == key) {
      return eq == std::string_view::npos ? std::string() : PercentDecode(pair.substr(eq + 1));
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return "";
}

bool IsSiteHost(std::string_view host, const std::vector<std::string>& site_hosts) {
  host = StripWww(host);
  if (host.empty()) return false;
  for (const std::string& site_text : site_hosts) {
    std::string_view site = StripWww(site_text);
    if (site.empty()) continue;
    if (EqualsIgnoreCase(host, site)) return true;
    if (host.size() > site.size() && host[host.size() - site.size() - 1] == '.' &&
        EqualsIgnoreCase(host.substr(host.size() - site.size()), site)) {
      return true;
    }
  }
  return false;
}

}  // namespace winpath
