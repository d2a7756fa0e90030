// mentorflow clear-flag: staff say why a flag needs no more attention; the log keeps both.
#include <fmt/core.h>

#include <charconv>

#include "cli/command.hpp"
#include "cli/engine_command.hpp"
#include "cli/store_command.hpp"
#include "engine/engine.hpp"
#include "engine/flags/clear_flag.hpp"
#include "engine/idempotency.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow clear-flag --store DIR|postgresql://... --as ROLE:USER CASE N --reason TEXT [--now T] [--key K]\n"
    "\n"
    "Clears flag N of CASE (the number `mentorflow flags` and `history` show), recording the\n"
    "reason, who cleared it and when (FlagCleared). Only a staff role may; the flag must be open;\n"
    "the reason is one line of 1 to 500 bytes. Refused with one sentence otherwise, and then\n"
    "nothing is written.\n"
    "\n"
    "example:\n"
    "  mentorflow clear-flag --store store --as staff:carla unimi-2025/mentorship/martina.sala 1 \\\n"
    "      --reason \"the mentor was ill in March; agreed with the office\"\n"
    "\n"
    "options:\n"
    "  --store DIR|postgresql://...  the store\n"
    "  --as ROLE:USER                the staff member, e.g. staff:carla\n"
    "  --reason TEXT                 why the flag needs no more attention\n"
    "  --now T                       the time to record (default: now)\n"
    "  --key K                       an idempotency key: retrying with it never clears twice\n";

int run_clear_flag(std::span<const std::string> raw) {
  std::string error;
  auto args = Args::parse(raw, {{"--store", "--as", "--reason", "--now", "--key"}, {}}, error);
  if (!args) return usage_error("clear-flag", error);
  const auto& pos = args->positionals();
  if (pos.size() != 2) return usage_error("clear-flag", "name a CASE and the flag's number N");
  std::uint64_t number = 0;
  const auto [end, ec] = std::from_chars(pos[1].data(), pos[1].data() + pos[1].size(), number);
  if (ec != std::errc() || end != pos[1].data() + pos[1].size() || number == 0)
    return usage_error("clear-flag", fmt::format("'{}' is not a flag number (1, 2, ...)", pos[1]));
  const auto as = args->get("--as");
  if (!as) return usage_error("clear-flag", "--as ROLE:USER is required");
  const auto actor = parse_actor(*as);
  if (!actor) return usage_error("clear-flag", fmt::format("--as '{}' is not ROLE:USER", *as));
  const auto reason = args->get("--reason");
  if (!reason) return usage_error("clear-flag", "--reason TEXT is required: say why the flag needs no more attention");
  const std::string key = args->get("--key").value_or("");
  if (args->get("--key"))
    if (Status st = engine::check_key(key); !st.is_ok()) return report(st);
  int exit_code = kExitOk;
  auto session = open_engine(*args, "clear-flag", StoreAccess::kWrite, exit_code);
  if (!session) return exit_code;
  auto staff = session->privacy.pseudonyms->actor(*actor, true);
  if (!staff.is_ok()) return report(staff.status());
  auto cleared = engine::clear_flag(*session->engine, session->privacy.pseudonyms->question(pos[0]), number, *staff,
                                    *reason, "", key);
  if (!cleared.is_ok()) return report(cleared.status());
  fmt::print("{}: flag {} cleared (position {})\n", pos[0], number, *cleared);
  return kExitOk;
}

const Registration registration({"clear-flag", "clear a case's flag, with a reason", kHelp, run_clear_flag});

}  // namespace
}  // namespace mentorflow::cli
