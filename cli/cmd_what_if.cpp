// mentorflow what-if: an edition's recorded decisions, values and matching runs again under another rules file.
#include <fmt/core.h>

#include "cli/command.hpp"
#include "cli/engine_command.hpp"
#include "cli/store_command.hpp"
#include "dsl/parse/diagnostic.hpp"
#include "dsl/source_file.hpp"
#include "engine/audit/what_if.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow what-if --store DIR|postgresql://... --edition NAME --rules NEW.rules\n"
    "\n"
    "Compiles the workflow of edition NAME, as published in the log, with NEW.rules in place of the\n"
    "edition's rules, then goes through the edition's log again under it, each time on the case as\n"
    "it was then:\n"
    "  - every recorded decision, with the inputs it recorded: per decision clause (command /\n"
    "    expression), how many would come out otherwise, and for each such case its new state and\n"
    "    why, in plain words;\n"
    "  - every value a rule produced: a field a `set` clause gave, an issued output's value (ECTS\n"
    "    credits); each that would differ, per clause, as `credits 3 -> 4`;\n"
    "  - every matching run, on the same candidates with the new capacities, acceptability and\n"
    "    method: the pairs it would lose and gain.\n"
    "What cannot be evaluated under NEW.rules is listed with the reason. Errors in NEW.rules are\n"
    "printed like `check` does. Writes nothing: the store is opened read-only.\n"
    "\n"
    "example:\n"
    "  mentorflow what-if --store store --edition mie-2021 --rules rules/mie-2022.rules\n"
    "\n"
    "options:\n"
    "  --store DIR|postgresql://...  the store\n"
    "  --edition NAME                the edition whose decisions to evaluate again\n"
    "  --rules FILE                  the rules file to evaluate them under\n";

int run_what_if(std::span<const std::string> raw) {
  std::string error;
  auto args = Args::parse(raw, {{"--store", "--edition", "--rules"}, {}}, error);
  if (!args) return usage_error("what-if", error);
  if (!args->positionals().empty())
    return usage_error("what-if", fmt::format("unexpected argument '{}'", args->positionals().front()));
  const auto edition = args->get("--edition");
  const auto rules_path = args->get("--rules");
  if (!args->get("--store")) return usage_error("what-if", "--store DIR|postgresql://... is required");
  if (!edition) return usage_error("what-if", "--edition NAME is required");
  if (!rules_path) return usage_error("what-if", "--rules FILE is required");

  auto rules = dsl::SourceFile::load(*rules_path, error);
  if (!rules) return report(Status::invalid_argument(error));
  int exit_code = kExitOk;
  auto session = open_engine(*args, "what-if", StoreAccess::kRead, exit_code);
  if (!session) return exit_code;
  dsl::Diagnostics diagnostics;
  auto result = engine::audit::what_if(*session->engine, *edition, *rules, diagnostics);
  if (!diagnostics.all().empty()) {
    fmt::print(stderr, "{}", dsl::render(diagnostics));
    if (auto summary = dsl::summary_line(diagnostics); !summary.empty()) fmt::print(stderr, "{}\n", summary);
  }
  if (!result.is_ok()) return report(result.status());
  fmt::print("{}", engine::audit::what_if_text(*result));
  return kExitOk;
}

const Registration registration({"what-if", "an edition's decisions, values and matching runs again under other rules", kHelp,
                                  run_what_if});

}  // namespace
}  // namespace mentorflow::cli
