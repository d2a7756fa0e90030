#include "cli/args.hpp"

namespace mentorflow::cli {

std::optional<Args> Args::parse(std::span<const std::string> raw, const ArgSpec& spec, std::string& error) {
  Args args;
  bool only_positionals = false;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const std::string& a = raw[i];
    if (only_positionals || a.size() < 2 || a[0] != '-' || a == "-") {
      args.positionals_.push_back(a);
      continue;
    }
    if (a == "--") {
      only_positionals = true;
      continue;
    }
    if (a == "-h" || a == "--help") {
      args.help_ = true;
      continue;
    }
    std::string name = a, value;
    bool inline_value = false;
    if (auto eq = a.find('='); eq != std::string::npos) {
      name = a.substr(0, eq);
      value = a.substr(eq + 1);
      inline_value = true;
    }
    if (spec.flags.contains(name)) {
      if (inline_value) {
        error = "option " + name + " takes no value";
        return std::nullopt;
      }
      args.flags_.insert(name);
    } else if (spec.options.contains(name)) {
      if (!inline_value) {
        if (i + 1 >= raw.size()) {
          error = "option " + name + " needs a value";
          return std::nullopt;
        }
        value = raw[++i];
      }
      args.values_.emplace(name, value);
    } else {
      error = "unknown option " + name;
      return std::nullopt;
    }
  }
  return args;
}

bool Args::has(const std::string& name) const { return flags_.contains(name) || values_.contains(name); }

std::optional<std::string> Args::get(const std::string& option) const {
  auto [first, last] = values_.equal_range(option);
  if (first == last) return std::nullopt;
  return std::prev(last)->second;  // the last one given wins, as in most tools
}

std::vector<std::string> Args::all(const std::string& option) const {
  std::vector<std::string> out;
  auto [first, last] = values_.equal_range(option);
  for (auto it = first; it != last; ++it) out.push_back(it->second);
  return out;
}

}  // namespace mentorflow::cli
