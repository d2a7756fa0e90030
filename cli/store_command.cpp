#include "cli/store_command.hpp"

#include <fmt/core.h>

#include "base/printable.hpp"
#include "cli/args.hpp"
#include "cli/command.hpp"

namespace mentorflow::cli {

std::optional<std::filesystem::path> parse_store_only(std::span<const std::string> args, std::string_view command) {
  std::string error;
  auto parsed = Args::parse(args, ArgSpec{.options = {"--store"}, .flags = {}}, error);
  if (parsed && !parsed->positionals().empty()) error = fmt::format("unexpected argument '{}'", parsed->positionals().front());
  else if (parsed && !parsed->get("--store")) error = "--store DIR|postgresql://... is required";
  if (!error.empty()) {
    usage_error(command, error);
    return std::nullopt;
  }
  return std::filesystem::path(*parsed->get("--store"));
}

int report(const Status& status) {
  fmt::print(stderr, "mentorflow: {}\n", printable(status.message()));
  return kExitRefused;
}

}  // namespace mentorflow::cli
