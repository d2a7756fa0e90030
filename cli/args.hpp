#pragma once
// Parses one subcommand's arguments: `--name VALUE`, `--name=VALUE`, boolean `--flag`, positionals.
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

namespace mentorflow::cli {

struct ArgSpec {
  std::set<std::string> options;  // take a value, e.g. "--store"
  std::set<std::string> flags;    // take none, e.g. "--json"
};

class Args {
 public:
  // Parses `raw` against `spec`. On a usage mistake returns nullopt and sets `error` to one sentence.
  static std::optional<Args> parse(std::span<const std::string> raw, const ArgSpec& spec, std::string& error);

  bool has(const std::string& flag_or_option) const;
  std::optional<std::string> get(const std::string& option) const;
  std::vector<std::string> all(const std::string& option) const;  // an option given several times
  const std::vector<std::string>& positionals() const { return positionals_; }
  bool wants_help() const { return help_; }

 private:
  std::multimap<std::string, std::string> values_;
  std::set<std::string> flags_;
  std::vector<std::string> positionals_;
  bool help_ = false;
};

}  // namespace mentorflow::cli
