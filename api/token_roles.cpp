#include "api/token_roles.hpp"

#include <fmt/core.h>

#include <map>
#include <set>

#include "engine/read_models/read_model.hpp"

namespace mentorflow::api {
namespace {

constexpr std::size_t kUsersShown = 5;

}  // namespace

std::vector<std::string> undeclared_token_roles(const TokenTable& tokens, engine::Engine& engine) {
  std::set<std::string> editions;
  for (const Principal* p : tokens.principals())
    for (const std::string& e : p->editions)
      if (e != "*") editions.insert(e);
  if (auto counts = engine::read_models::state_counts(engine.store()); counts.is_ok())
    for (const engine::read_models::StateCount& c : *counts) editions.insert(c.edition);
  std::set<std::string> declared;
  bool published = false;
  for (const std::string& edition : editions) {
    auto definition = engine.definition_of_edition(edition);
    if (!definition.is_ok()) continue;
    published = true;
    for (const dsl::RoleSpec& role : (*definition)->roles()) declared.insert(role.name);
  }
  std::vector<std::string> out;
  if (!published) return out;
  std::map<std::string, std::set<std::string>> users_of;  // undeclared role -> who holds it
  for (const Principal* p : tokens.principals())
    for (const std::string& role : p->roles)
      if (role != kPublisherRole && !declared.count(role)) users_of[role].insert(p->user);
  for (const auto& [role, users] : users_of) {
    std::string names;
    std::size_t shown = 0;
    for (const std::string& u : users)
      if (shown++ < kUsersShown) names += (names.empty() ? "" : ", ") + u;
    if (users.size() > kUsersShown) names += fmt::format(" and {} more", users.size() - kUsersShown);
    out.push_back(fmt::format("role '{}' ({} {}) is declared by no published workflow", role,
                              users.size() == 1 ? "user" : "users", names));
  }
  return out;
}

}  // namespace mentorflow::api
