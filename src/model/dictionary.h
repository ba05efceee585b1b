// Dictionary: interns strings to dense ids 0..size()-1 (event names, channels, person keys).
//
// Thread-safety: Intern mutates; concurrent readers are safe only while nobody interns.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace winpath {

class Dictionary {
 public:
  // Returns the id of `text`, adding it when new.
  uint32_t Intern(std::string_view text);
  std::optional<uint32_t> Find(std::string_view text) const;
  // REQUIRES: id < size().
  const std::string& Name(uint32_t id) const { return names_[id]; }
  size_t size() const { return names_.size(); }
  const std::vector<std::string>& names() const { return names_; }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  std::vector<std::string> names_;
  std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> ids_;
};

}  // namespace winpath
