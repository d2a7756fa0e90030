#pragma once
// Importing applicants from the CSV a university's form exports: each row becomes the command that
// opens an application, issued by the applicant it names. Every row is decided before anything is
// written; a bad row (with its line number) means nothing is imported.
#include <cstdint>
#include <string>
#include <vector>

#include "base/status.hpp"
#include "engine/engine.hpp"

namespace mentorflow::engine {
class Pseudonyms;
}

namespace mentorflow::engine::imports {

// Columns: `user` (required: the applicant's user id), `id` (optional: the case id, default the
// user), then the command's inputs by name. A document with variants takes one column per
// variant (`cv.it`, `cv.foreign`); a list or set is written `a|b|c`; bool is true/false (yes/no,
// 1/0); an empty cell leaves an optional input out.
struct ApplicantImport {
  std::string source;       // the file's name, for messages and the events' correlation id
  std::string text;         // its contents
  std::string edition, case_type, command;  // the command that opens a case of that type
  std::string role;         // the applicants' role; empty: the command's only participant role
  bool dry_run = false;     // decide every row, write nothing
  // Put before each row's correlation id "import:SOURCE:LINE", with a space, when not empty (the
  // key of the scenario line that imports the file).
  std::string correlation{};
  // The door's pseudonyms (engine/privacy/pseudonyms.hpp): each row's user, case id and inputs
  // naming cases go through them. Null: as written.
  const Pseudonyms* pseudonyms = nullptr;
};

struct RowProblem {
  int line = 0;  // in the file
  std::string message;
};

struct ImportedCase {
  int line = 0;
  std::string case_name, state;
  std::vector<std::string> notes;  // decisions, in plain words
};

struct ImportResult : BatchPositions {
  std::vector<ImportedCase> imported;  // in file order (decided only, when dry_run or problems)
  std::vector<RowProblem> problems;    // non-empty: nothing was written
};

// InvalidArgument "FILE:line N: ..." when the file or its header cannot be used (not CSV, no
// `user` column, a column that is no input of the command, a command that does not open a case);
// NotFound for an unknown edition, case type or command. Row problems are listed, not returned.
Result<ImportResult> import_applicants(Engine& engine, const ApplicantImport& request);

}  // namespace mentorflow::engine::imports
