// mentorflow what-if: an edition's recorded decisions evaluated again under another rules file.
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
    "usage: mentorflow what-if --store DIR --edition NAME --rules NEW.rules\n"
    "\n"
    "Compiles the workflow of edition NAME, as published in the log, with NEW.rules in place of the\n"
    "edition's rules, then evaluates every decision recorded on the edition's cases again under it,\n"
    "with the inputs each decision recorded. Lists, per decision clause (command / expression), how\n"
    "many decisions would come out otherwise, and for each such case its new state and why, in plain\n"
    "words. Errors in NEW.rules are printed like `check` does. Writes nothing: the store is opened\n"
    "read-only.\n"
    "\n"
    "example:\n"
    "  mentorflow what-if --store store --edition mie-2021 --rules rules/mie-2022.rules\n"
    "\n"
    "options:\n"
    "  --store DIR       the store\n"
    "  --edition NAME    the edition whose decisions to evaluate again\n"
    "  --rules FILE      the rules file to evaluate them under\n";

int run_what_if(std::span<const std::string> raw) {
  std::string error;
  auto args = Args::parse(raw, {{"--store", "--edition", "--rules"}, {}}, error);
  if (!args) return usage_error("what-if", error);
  if (!args->positionals().empty())
    return usage_error("what-if", fmt::format("unexpected argument '{}'", args->positionals().front()));
  const auto edition = args->get("--edition");
  const auto rules_path = args->get("--rules");
  if (!args->get("--store")) return usage_error("what-if", "--store DIR is required");
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

const Registration registration({"what-if", "re-evaluate an edition's decisions under another rules file", kHelp,
                                  run_what_if});

}  // namespace
}  // namespace mentorflow::cli
