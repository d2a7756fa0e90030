#pragma once
// CSV as spreadsheets and form tools export it (RFC 4180): quoted cells may hold the delimiter,
// doubled quotes and line breaks; lines end in CRLF or LF; a UTF-8 byte order mark is skipped.
// The delimiter is ',' unless the header line has more ';' than ',' (the Italian/European export).
#include <string>
#include <string_view>
#include <vector>

#include "base/status.hpp"

namespace mentorflow::engine::imports {

struct CsvRecord {
  int line = 0;  // 1-based line of the file where the record starts
  std::vector<std::string> cells;
};

struct CsvTable {
  char delimiter = ',';
  CsvRecord header;
  std::vector<CsvRecord> rows;  // blank lines are left out
};

// InvalidArgument "line N: ..." for an unterminated quoted cell or a quote inside an unquoted one,
// for a cell that is not UTF-8 (N: the line its record starts on), or for a file with no header line.
Result<CsvTable> parse_csv(std::string_view text);

}  // namespace mentorflow::engine::imports
