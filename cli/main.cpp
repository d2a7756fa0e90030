// mentorflow: the command-line door into the engine. Dispatches to the registered subcommands.
#include <fmt/core.h>

#include <algorithm>
#include <cstdlib>
#include <cstdio>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "cli/privacy_door.hpp"

namespace mentorflow::cli {
namespace {

std::vector<Command>& registry() {
  static std::vector<Command> commands;
  return commands;
}

void print_overview(std::FILE* to) {
  fmt::print(to,
             "mentorflow — an event-sourced workflow engine for mentoring and study-placement programmes\n\n"
             "usage: mentorflow COMMAND [ARGS...]\n"
             "       mentorflow COMMAND --help    (help on one command)\n\n"
             "commands:\n");
  for (const Command& c : registered_commands()) fmt::print(to, "  {:<10} {}\n", c.name, c.summary);
  fmt::print(to,
             "\nany command on a store with personal data (docs/PRIVACY.md):\n"
             "  --master-key FILE  the store's master key file (or the environment variable {})\n",
             kMasterKeyVariable);
  fmt::print(to, "\nexit codes: 0 ok, 1 refused or invalid input, 2 usage error\n");
}

// `--master-key FILE` (or `--master-key=FILE`) may follow any command: it is taken out here and
// handed to the door as the environment variable would be, so that no command needs to know it.
// False, with `error` set, when it is given without a file.
bool take_master_key(std::vector<std::string>& args, std::string& error) {
  constexpr std::string_view kOption = "--master-key";
  const std::string with_value = std::string(kOption) + "=";
  for (auto it = args.begin(); it != args.end();) {
    std::string file;
    if (*it == kOption) {
      if (it + 1 != args.end() && !(it + 1)->starts_with("--")) file = *(it + 1);
      it = args.erase(it, it + 1 == args.end() ? it + 1 : it + 2);
    } else if (it->starts_with(with_value)) {
      file = it->substr(with_value.size());
      it = args.erase(it);
    } else {
      ++it;
      continue;
    }
    if (file.empty()) {
      error = "--master-key needs the key file";
      return false;
    }
    setenv(std::string(kMasterKeyVariable).c_str(), file.c_str(), 1);
  }
  return true;
}

}  // namespace

int usage_error(std::string_view command, std::string_view why) {
  fmt::print(stderr, "mentorflow: {}: {} (see mentorflow {} --help)\n", command, why, command);
  return kExitUsage;
}

Registration::Registration(const Command& command) { registry().push_back(command); }

std::vector<Command> registered_commands() {
  std::vector<Command> sorted = registry();
  std::sort(sorted.begin(), sorted.end(), [](const Command& a, const Command& b) { return a.name < b.name; });
  return sorted;
}

}  // namespace mentorflow::cli

int main(int argc, char** argv) {
  using namespace mentorflow::cli;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    print_overview(stderr);
    return kExitUsage;
  }
  if (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
    if (args.size() > 1) args = {args[1], "--help"};
    else {
      print_overview(stdout);
      return kExitOk;
    }
  }
  for (const Command& c : registered_commands()) {
    if (c.name != args[0]) continue;
    std::vector<std::string> rest(args.begin() + 1, args.end());
    if (std::string error; !take_master_key(rest, error)) return usage_error(c.name, error);
    if (std::find(rest.begin(), rest.end(), "--help") != rest.end() ||
        std::find(rest.begin(), rest.end(), "-h") != rest.end()) {
      fmt::print("{}", c.help);
      return kExitOk;
    }
    return c.run(rest);
  }
  fmt::print(stderr, "mentorflow: unknown command '{}' (see mentorflow --help)\n", args[0]);
  return kExitUsage;
}
