#pragma once
// A CLI subcommand (`mentorflow NAME ...`). Each lives in its own cli/cmd_NAME.cpp and registers
// itself with a static `Registration`, so adding a command never touches a shared table.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mentorflow::cli {

// Exit codes, as documented in the README: 0 ok, 1 refused or invalid input, 2 usage.
inline constexpr int kExitOk = 0;
inline constexpr int kExitRefused = 1;
inline constexpr int kExitUsage = 2;

// Every mistake in a command's arguments is reported by this one function: it prints
// "mentorflow: COMMAND: WHY (see mentorflow COMMAND --help)" to stderr and returns kExitUsage.
int usage_error(std::string_view command, std::string_view why);

struct Command {
  std::string_view name;
  std::string_view summary;  // one line, shown by `mentorflow --help`
  std::string_view help;     // the whole text shown by `mentorflow NAME --help`
  int (*run)(std::span<const std::string> args);  // args exclude the command name; returns an exit code
};

struct Registration {
  explicit Registration(const Command& command);
};

// Every registered command, sorted by name.
std::vector<Command> registered_commands();

}  // namespace mentorflow::cli
