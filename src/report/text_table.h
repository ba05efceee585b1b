// TextTable: a terminal table a person can read at a glance — a title, aligned columns
// (numbers right-aligned, text left-aligned), a rule under the header, optional footnotes.
//
// Thread-safety: a plain value.
#pragma once

#include <string>
#include <vector>

namespace winpath {

class TextTable {
 public:
  explicit TextTable(std::string title = {}) : title_(std::move(title)) {}
  void SetHeader(std::vector<std::string> header) { header_ = std::move(header); }
  void AddRow(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void AddNote(std::string note) { notes_.push_back(std::move(note)); }
  size_t num_rows() const { return rows_.size(); }

  // Renders with two spaces between columns; a cell that looks like a number (digits, sign,
  // '.', ',', '%', 'x', unit suffixes like "3.2d") is right-aligned.
  std::string Render() const;

 private:
  std::string title_;
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<std::string> notes_;
};

// Number formatting shared by every table: "12,345", "12.3%", "1,234.50", "3.2d".
std::string FormatCount(double n);
std::string FormatPercent(double fraction, int decimals = 1);
std::string FormatMoney(double amount);
std::string FormatFixed(double x, int decimals);
// Milliseconds as "45s", "12m", "3.5h", "2.1d"; "-" for a negative value (no data).
std::string FormatElapsed(double ms);

}  // namespace winpath
