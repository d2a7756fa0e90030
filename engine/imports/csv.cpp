// The CSV reader (engine/imports/csv.hpp): one pass, a small state machine over the characters.
#include "engine/imports/csv.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "store/event.hpp"

namespace mentorflow::engine::imports {
namespace {

char guess_delimiter(std::string_view text) {
  const std::string_view first = text.substr(0, text.find('\n'));
  return std::count(first.begin(), first.end(), ';') > std::count(first.begin(), first.end(), ',') ? ';' : ',';
}

bool blank(const CsvRecord& r) { return r.cells.size() == 1 && r.cells.front().empty(); }

}  // namespace

Result<CsvTable> parse_csv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  CsvTable table;
  table.delimiter = guess_delimiter(text);
  std::vector<CsvRecord> records;
  CsvRecord record{1, {""}};
  int line = 1;
  bool quoted = false;      // inside a quoted cell
  bool after_quote = false; // a quoted cell just closed: only a delimiter or a line end may follow
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    std::string& cell = record.cells.back();
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
        after_quote = true;
      } else {
        if (c == '\n') ++line;
        cell += c;
      }
      continue;
    }
    if (c == table.delimiter) {
      record.cells.emplace_back();
      after_quote = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      records.push_back(std::move(record));
      record = CsvRecord{++line, {""}};
      after_quote = false;
    } else if (after_quote) {
      return Status::invalid_argument(
          fmt::format("line {}: after a quoted cell comes '{}' or the end of the line, not '{}'", line,
                      table.delimiter, c));
    } else if (c == '"') {
      if (!cell.empty())
        return Status::invalid_argument(fmt::format(
            "line {}: a quote inside an unquoted cell; quote the whole cell and double the quote (\"\")", line));
      quoted = true;
    } else {
      cell += c;
    }
  }
  if (quoted) return Status::invalid_argument(fmt::format("line {}: a quoted cell is never closed", record.line));
  records.push_back(std::move(record));
  // Checked here, at the door, like JSON's (base/json_input.hpp): everything after takes text for
  // UTF-8, and a spreadsheet saved in its Windows code page is the likely cause.
  for (const CsvRecord& r : records)
    for (const std::string& cell : r.cells)
      if (!store::is_valid_utf8(cell))
        return Status::invalid_argument(
            fmt::format("line {}: not valid UTF-8: save the file as UTF-8 (\"CSV UTF-8\" in a spreadsheet)", r.line));
  std::erase_if(records, blank);
  if (records.empty()) return Status::invalid_argument("line 1: the file is empty: the first line names the columns");
  table.header = std::move(records.front());
  table.rows.assign(std::make_move_iterator(records.begin() + 1), std::make_move_iterator(records.end()));
  return table;
}

}  // namespace mentorflow::engine::imports
