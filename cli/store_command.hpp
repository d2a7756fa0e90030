#pragma once
// What the commands that work on a store directly (export, import, verify) share: reading
// `--store DIR` and turning a store Status into the CLI's one-sentence error.
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "base/status.hpp"

namespace mentorflow::cli {

// Parses `args` of `command`, which takes `--store DIR` and nothing else. On a usage mistake prints
// "mentorflow: COMMAND: WHY (see mentorflow COMMAND --help)" to stderr and returns nullopt.
std::optional<std::filesystem::path> parse_store_only(std::span<const std::string> args, std::string_view command);

// Prints "mentorflow: MESSAGE" to stderr, control characters escaped; returns kExitRefused, for `return report(status);`.
int report(const Status& status);

}  // namespace mentorflow::cli
