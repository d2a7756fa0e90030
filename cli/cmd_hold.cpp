// mentorflow hold / release-hold: staff keep a case's records past the edition's retention (a
// dispute, an audit, an authority's request), and say when they may go (docs/PRIVACY.md).
#include <fmt/core.h>

#include "cli/command.hpp"
#include "cli/engine_command.hpp"
#include "cli/store_command.hpp"
#include "engine/engine.hpp"
#include "engine/records/legal_hold.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHoldHelp =
    "usage: mentorflow hold --store DIR|postgresql://... --as ROLE:USER CASE --reason TEXT [--now T]\n"
    "\n"
    "Places a legal hold on CASE (LegalHoldPlaced: who, when, why): while it holds, the people of\n"
    "the case are not due for erasure, whatever the edition's retention says (`mentorflow\n"
    "retention` lists them as held; `mentorflow erase` refuses them). Only a staff role or a privacy\n"
    "role (dpo) may; the case must not be held already; the\n"
    "reason is one line of 1 to 500 bytes. Refused with one sentence otherwise, and then nothing is\n"
    "written. `mentorflow release-hold` ends it.\n"
    "\n"
    "example:\n"
    "  mentorflow hold --store store --as staff:carla unimi-2025/mentee_application/elena.costa \\\n"
    "      --reason \"appeal against the selection, ref. 2026/114\"\n"
    "\n"
    "options:\n"
    "  --store DIR|postgresql://...  the store\n"
    "  --as ROLE:USER                the staff member or the data-protection officer, e.g. staff:carla\n"
    "  --reason TEXT                 what the records are kept for\n"
    "  --now T                       the time to record (default: now)\n";

constexpr std::string_view kReleaseHelp =
    "usage: mentorflow release-hold --store DIR|postgresql://... --as ROLE:USER CASE --reason TEXT [--now T]\n"
    "\n"
    "Releases the legal hold on CASE (LegalHoldReleased: who, when, why): its people are due for\n"
    "erasure again once the edition's retention has passed. Only a staff or a privacy role may; the case must be\n"
    "held; the reason is one line of 1 to 500 bytes.\n"
    "\n"
    "example:\n"
    "  mentorflow release-hold --store store --as staff:carla unimi-2025/mentee_application/elena.costa \\\n"
    "      --reason \"the appeal was decided on 2026-09-30\"\n"
    "\n"
    "options:\n"
    "  --store DIR|postgresql://...  the store\n"
    "  --as ROLE:USER                the staff member, e.g. staff:carla\n"
    "  --reason TEXT                 why the records need no more holding\n"
    "  --now T                       the time to record (default: now)\n";

int run_hold_command(std::span<const std::string> raw, const char* name, bool placing) {
  std::string error;
  auto args = Args::parse(raw, {{"--store", "--as", "--reason", "--now"}, {}}, error);
  if (!args) return usage_error(name, error);
  const auto& pos = args->positionals();
  if (pos.size() != 1) return usage_error(name, "name one CASE");
  const auto as = args->get("--as");
  if (!as) return usage_error(name, "--as ROLE:USER is required");
  const auto actor = parse_actor(*as);
  if (!actor) return usage_error(name, fmt::format("--as '{}' is not ROLE:USER", *as));
  const auto reason = args->get("--reason");
  if (!reason)
    return usage_error(name, placing ? "--reason TEXT is required: say what the records are kept for"
                                     : "--reason TEXT is required: say why the hold may end");
  int exit_code = kExitOk;
  auto session = open_engine(*args, name, StoreAccess::kWrite, exit_code);
  if (!session) return exit_code;
  auto staff = session->privacy.pseudonyms->actor(*actor, true);
  if (!staff.is_ok()) return report(staff.status());
  const std::string case_name = session->privacy.pseudonyms->question(pos[0]);
  auto written = placing ? engine::place_hold(*session->engine, case_name, *staff, *reason)
                         : engine::release_hold(*session->engine, case_name, *staff, *reason);
  if (!written.is_ok()) return report(written.status());
  fmt::print("{}: legal hold {} (position {})\n", pos[0], placing ? "placed" : "released", *written);
  return kExitOk;
}

int run_hold(std::span<const std::string> raw) { return run_hold_command(raw, "hold", true); }
int run_release_hold(std::span<const std::string> raw) { return run_hold_command(raw, "release-hold", false); }

const Registration hold_registration({"hold", "keep a case's records past retention, with a reason", kHoldHelp, run_hold});
const Registration release_registration({"release-hold", "end a case's legal hold, with a reason", kReleaseHelp,
                                         run_release_hold});

}  // namespace
}  // namespace mentorflow::cli
