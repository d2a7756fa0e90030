// mentorflow import-applicants: opens one application per row of a CSV file, all or nothing.
#include <fmt/core.h>

#include <fstream>
#include <sstream>

#include "cli/command.hpp"
#include "cli/engine_command.hpp"
#include "cli/store_command.hpp"
#include "engine/imports/applicant_import.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow import-applicants --store DIR|postgresql://... EDITION/TYPE COMMAND FILE.csv [--role ROLE]\n"
    "                                    [--dry-run] [--now T]\n"
    "\n"
    "Opens a case of TYPE in EDITION for each row of FILE.csv, as the form a university exports\n"
    "it: COMMAND (the command that opens such a case, e.g. apply_as_mentee) is issued by the\n"
    "applicant the row names, with the row's cells as its inputs, and decided like any command.\n"
    "\n"
    "Columns (the first line names them, in any order):\n"
    "  user         the applicant's user id (required)\n"
    "  id           the case id (default: the user id)\n"
    "  INPUT        each input of COMMAND by name; a document with variants takes one column per\n"
    "               variant (cv.it, cv.foreign); lists are written a|b|c; bool is true/false;\n"
    "               an empty cell leaves an optional input out\n"
    "Cells are separated by ',' (or ';' when the first line has more of them); quote a cell that\n"
    "holds the separator, a quote or a line break (\"like \"\"this\"\"\").\n"
    "\n"
    "Every row is checked and decided first. If any row is refused or malformed, each such row is\n"
    "listed with its line number and the reason, and nothing is imported (exit 1). Otherwise all\n"
    "the cases are opened in one atomic write, and each is listed with its state.\n"
    "\n"
    "options:\n"
    "  --store DIR|postgresql://...  the store\n"
    "  --role ROLE                   the applicants' role (default: the command's only participant role)\n"
    "  --dry-run                     decide every row and list the outcome, write nothing\n"
    "  --now T                       the time the applications are recorded at (default: now)\n";

int run_import_applicants(std::span<const std::string> raw) {
  std::string error;
  auto args = Args::parse(raw, {{"--store", "--role", "--now"}, {"--dry-run"}}, error);
  if (!args) return usage_error("import-applicants", error);
  const auto& pos = args->positionals();
  if (pos.size() != 3) return usage_error("import-applicants", "name EDITION/TYPE, COMMAND and FILE.csv");
  const auto slash = pos[0].find('/');
  if (slash == std::string::npos || pos[0].find('/', slash + 1) != std::string::npos)
    return usage_error("import-applicants", fmt::format("'{}' is not EDITION/TYPE", pos[0]));

  std::ifstream in(pos[2], std::ios::binary);
  if (!in) return report(Status::not_found(fmt::format("cannot read {}", pos[2])));
  std::stringstream text;
  text << in.rdbuf();

  int exit_code = kExitOk;
  auto session = open_engine(*args, "import-applicants", StoreAccess::kWrite, exit_code);
  if (!session) return exit_code;
  engine::imports::ApplicantImport request{pos[2], text.str(), pos[0].substr(0, slash), pos[0].substr(slash + 1), pos[1],
                                  args->get("--role").value_or(""), args->has("--dry-run"), "",
                                  session->privacy.pseudonyms.get()};
  auto result = engine::imports::import_applicants(*session->engine, request);
  if (!result.is_ok()) return report(result.status());
  if (!result->problems.empty()) {
    fmt::print(stderr, "mentorflow: {} of {} rows of {} cannot be imported; nothing was imported:\n",
               result->problems.size(), result->problems.size() + result->imported.size(), pos[2]);
    for (const engine::imports::RowProblem& p : result->problems) fmt::print(stderr, "  line {}: {}\n", p.line, p.message);
    return kExitRefused;
  }
  if (request.dry_run)
    fmt::print("{} rows would be imported; nothing written:\n", result->imported.size());
  else if (result->imported.empty())
    fmt::print("{} has no rows: nothing imported\n", pos[2]);
  else
    fmt::print("imported {} row{} (positions {}..{}):\n", result->imported.size(),
               result->imported.size() == 1 ? "" : "s", result->first_position, result->last_position);
  for (const engine::imports::ImportedCase& c : result->imported) {
    fmt::print("  line {}: {} now '{}'\n", c.line, c.case_name, c.state);
    for (const std::string& note : c.notes) fmt::print("    {}\n", note);
  }
  return kExitOk;
}

const Registration registration({"import-applicants", "open applications from a CSV export, all or nothing",
                                 kHelp, run_import_applicants});

}  // namespace
}  // namespace mentorflow::cli
