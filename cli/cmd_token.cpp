// mentorflow token: makes a bearer token for the HTTP API and prints it once.
#include <fmt/core.h>

#include "api/tokens.hpp"
#include "cli/command.hpp"
#include "cli/engine_command.hpp"
#include "cli/store_command.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow token add --tokens FILE --user USER --roles ROLE[,ROLE...] --editions EDITION[,...]|'*'\n"
    "\n"
    "Makes a new random token for USER, appends its SHA-256 with USER, ROLES and EDITIONS to FILE\n"
    "(created with mode 0600 if missing) and prints the token on standard output. The token\n"
    "itself is stored nowhere: keep it now, it cannot be shown again. A restarted `serve` reads\n"
    "the file again. ROLES are the workflow's roles (e.g. mentee, career_service, auditor) and\n"
    "`publisher`, which may publish editions (never `system`, the engine's own role). EDITIONS\n"
    "limits the token to those editions; '*' means every edition. Format of FILE: docs/API.md,\n"
    "\"Tokens file\".\n"
    "\n"
    "example:\n"
    "  mentorflow token add --tokens tokens --user carla --roles career_service --editions unimi-2025\n"
    "\n"
    "options:\n"
    "  --tokens FILE      the tokens file\n"
    "  --user USER        who the token speaks for (the user recorded on their events)\n"
    "  --roles LIST       comma-separated roles the token may act in\n"
    "  --editions LIST    comma-separated editions, or '*'\n";

int run_token(std::span<const std::string> raw) {
  std::string error;
  auto args = Args::parse(raw, {{"--tokens", "--user", "--roles", "--editions"}, {}}, error);
  if (!args) return usage_error("token", error);
  if (args->positionals().size() != 1 || args->positionals()[0] != "add") return usage_error("token", "the only action is 'add'");
  for (const char* required : {"--tokens", "--user", "--roles", "--editions"})
    if (!args->get(required)) return usage_error("token", fmt::format("{} is required", required));
  const api::Principal principal{*args->get("--user"), api::split_list(*args->get("--roles")), api::split_list(*args->get("--editions"))};
  const std::string token = api::new_token();
  if (token.empty()) return report(Status::io_error("no random bytes for a token"));
  if (Status st = api::append_token(*args->get("--tokens"), token, principal); !st.is_ok()) return report(st);
  fmt::print("{}\n", token);
  return kExitOk;
}

const Registration registration({"token", "make a bearer token for the HTTP API (printed once)", kHelp, run_token});

}  // namespace
}  // namespace mentorflow::cli
