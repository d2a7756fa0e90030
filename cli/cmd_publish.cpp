// mentorflow publish: compiles a workflow with one edition's rules and publishes it into the log.
#include <fmt/core.h>

#include "cli/command.hpp"
#include "cli/engine_command.hpp"
#include "cli/store_command.hpp"
#include "dsl/parse/diagnostic.hpp"
#include "dsl/source_file.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow publish --store DIR|postgresql://... WORKFLOW --rules RULES --edition NAME [--now T]\n"
    "\n"
    "Checks WORKFLOW (.flow) with RULES (.rules), then appends a DefinitionPublished event holding\n"
    "the full text of both files and their hashes to the stream NAME, and opens the edition's\n"
    "cohorts. Cases of the edition will run under exactly this definition; replay, history and\n"
    "verify read it back from the log, so no file is needed afterwards.\n"
    "\n"
    "Publishing the same texts again changes nothing. Other texts under a published edition name\n"
    "are refused: publish them as a new edition. Errors in the files are printed like `check` does,\n"
    "and nothing is written.\n"
    "\n"
    "options:\n"
    "  --store DIR|postgresql://...  the store (created if missing)\n"
    "  --rules RULES                 the edition's rules file\n"
    "  --edition NAME                the edition's name in the store, e.g. mie-2021\n"
    "  --now T                       the time to record, e.g. '2021-09-01 09:00 Europe/Rome' (default: now)\n";

int run_publish(std::span<const std::string> raw) {
  std::string error;
  auto args = Args::parse(raw, {{"--store", "--rules", "--edition", "--now"}, {}}, error);
  if (!args) return usage_error("publish", error);
  if (args->positionals().size() != 1) return usage_error("publish", "name exactly one WORKFLOW file");
  const auto rules_path = args->get("--rules");
  const auto edition = args->get("--edition");
  if (!rules_path) return usage_error("publish", "--rules RULES is required");
  if (!edition) return usage_error("publish", "--edition NAME is required");

  auto workflow = dsl::SourceFile::load(args->positionals()[0], error);
  if (!workflow) return report(Status::invalid_argument(error));
  auto rules = dsl::SourceFile::load(*rules_path, error);
  if (!rules) return report(Status::invalid_argument(error));

  int exit_code = kExitOk;
  auto session = open_engine(*args, "publish", StoreAccess::kCreate, exit_code);
  if (!session) return exit_code;
  dsl::Diagnostics diagnostics;
  auto published = session->engine->publish(*workflow, *rules, *edition, diagnostics);
  if (!diagnostics.all().empty()) {
    fmt::print(stderr, "{}", dsl::render(diagnostics));
    if (auto summary = dsl::summary_line(diagnostics); !summary.empty()) fmt::print(stderr, "{}\n", summary);
  }
  if (!published.is_ok()) return report(published.status());
  if (published->already_published)
    fmt::print("edition {} is already published with these texts (definition {}); nothing written\n", *edition,
               published->definition_id.substr(0, 12));
  else
    fmt::print("published edition {} (definition {}) at position {}\n", *edition,
               published->definition_id.substr(0, 12), published->position);
  return kExitOk;
}

const Registration registration({"publish", "publish a workflow with an edition's rules into the log", kHelp,
                                  run_publish});

}  // namespace
}  // namespace mentorflow::cli
