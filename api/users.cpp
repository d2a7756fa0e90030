#include "api/users.hpp"

#include <fmt/core.h>

#include <fstream>
#include <sstream>

namespace mentorflow::api {

Result<UserTable> UserTable::load(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return Status::not_found(fmt::format("cannot read the users file {}", file.string()));
  UserTable table;
  std::unordered_map<std::string, int> line_of;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::istringstream words(line);
    Principal principal;
    std::string why = read_principal(words, principal);
    if (why.empty() && line_of.contains(principal.user))
      why = fmt::format("user '{}' is on line {} already", principal.user, line_of[principal.user]);
    if (!why.empty())
      return Status::invalid_argument(fmt::format(
          "{}:{}: {} (expected 'USER ROLE[,ROLE...] EDITION[,EDITION...]|*', one user per line)", file.string(),
          number, why));
    line_of[principal.user] = number;
    table.by_user_.emplace(principal.user, std::move(principal));
  }
  return table;
}

const Principal* UserTable::find(std::string_view user) const {
  auto it = by_user_.find(std::string(user));
  return it == by_user_.end() ? nullptr : &it->second;
}

}  // namespace mentorflow::api
