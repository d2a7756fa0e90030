// mentorflow flags: the open flags of an edition, for the office to look at.
#include <fmt/core.h>

#include "cli/command.hpp"
#include "cli/engine_command.hpp"
#include "cli/store_command.hpp"
#include "dsl/time/time_text.hpp"
#include "engine/edition_zone.hpp"
#include "engine/engine.hpp"
#include "engine/flags/case_flags.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow flags --store DIR|postgresql://... EDITION [--json]\n"
    "\n"
    "Lists the flags still open on the cases of EDITION, by case and number: the cadence flags\n"
    "(a gap outside its expected range) and those a `flag \"...\" when` clause raised, each in the\n"
    "words the office reads (\"held_on came 5 weeks after the previous one; expected 3 to 4\n"
    "weeks\"). Clear one with `mentorflow clear-flag`. Read-only.\n"
    "\n"
    "example:\n"
    "  mentorflow flags --store store unimi-2025\n"
    "\n"
    "options:\n"
    "  --store DIR|postgresql://...  the store\n"
    "  --json                        print a JSON array of {case, flag, kind, text, raised_at}\n";

int run_flags(std::span<const std::string> raw) {
  std::string error;
  auto args = Args::parse(raw, {{"--store"}, {"--json"}}, error);
  if (!args) return usage_error("flags", error);
  if (args->positionals().size() != 1) return usage_error("flags", "name exactly one EDITION");
  const std::string& edition = args->positionals()[0];
  int exit_code = kExitOk;
  auto session = open_engine(*args, "flags", StoreAccess::kRead, exit_code);
  if (!session) return exit_code;
  auto flags = engine::open_flags_of_edition(*session->engine, edition);
  if (!flags.is_ok()) return report(flags.status());
  auto definition = session->engine->definition_of_edition(edition);
  const std::string zone = engine::edition_zone(definition.is_ok() ? *definition : nullptr);
  if (args->has("--json")) {
    fmt::print("{}\n", engine::flags_json(*flags, zone).dump(2));
    return kExitOk;
  }
  fmt::print("{}: {} open flag{}\n", edition, flags->size(), flags->size() == 1 ? "" : "s");
  for (const engine::CaseFlag& f : *flags) {
    const std::string when = f.raised_at ? " (" + dsl::format_datetime(*f.raised_at, zone) + ")" : "";
    fmt::print("{} #{} {}{}: {}\n", f.case_name, f.number, f.kind, when, f.text);
  }
  return kExitOk;
}

const Registration registration({"flags", "list the open flags of an edition", kHelp, run_flags});

}  // namespace
}  // namespace mentorflow::cli
