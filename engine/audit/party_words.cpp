#include "engine/audit/party_words.hpp"

#include <fmt/core.h>

namespace mentorflow::engine::audit {

std::string party_words(const dsl::CaseTypeSpec* spec, const std::map<std::string, std::string>& parties) {
  std::string out;
  std::map<std::string, std::string> rest = parties;
  const auto say = [&](const std::string& party, const std::string& user) {
    out += fmt::format("{}{} {}", out.empty() ? "" : ", ", party, user);
  };
  if (spec)
    for (const dsl::PartySpec& declared : spec->parties)
      if (auto it = rest.find(declared.name); it != rest.end()) say(it->first, it->second), rest.erase(it);
  for (const auto& [party, user] : rest) say(party, user);
  return out;
}

}  // namespace mentorflow::engine::audit
