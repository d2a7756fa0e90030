#include "engine/privacy/pseudonyms.hpp"

#include <fmt/core.h>

#include "engine/case_name.hpp"

namespace mentorflow::engine {
namespace {

bool names_cases(const dsl::Type& type) {
  if (type.is(dsl::TypeKind::Ref)) return true;
  const bool wraps = type.is(dsl::TypeKind::List) || type.is(dsl::TypeKind::Set) || type.is(dsl::TypeKind::Optional);
  return wraps && !type.inner.empty() && names_cases(type.inner[0]);
}

bool pseudonym_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'); }

}  // namespace

Result<std::string> Pseudonyms::user(std::string_view user, bool create) const {
  if (store::is_pseudonym(user))
    return Status::invalid_argument(fmt::format("'{}' cannot be a user id: the store gives ids of that form to people", user));
  if (!subjects_) return std::string(user);
  return subjects_->pseudonym(user, create);
}

Result<store::Actor> Pseudonyms::actor(const store::Actor& actor, bool create) const {
  auto pseudonym = user(actor.user, create);
  if (!pseudonym.is_ok()) return pseudonym.status();
  store::Actor out = actor;
  out.user = std::move(*pseudonym);
  return out;
}

Result<std::string> Pseudonyms::case_name(std::string_view name, bool create) const {
  auto parsed = parse_case_name(name);
  if (!parsed.is_ok() || parsed->is_cohort()) return std::string(name);  // the engine says what is wrong
  auto id = user(parsed->id, create);
  if (!id.is_ok()) return id.status();
  parsed->id = std::move(*id);
  return parsed->stream();
}

Status Pseudonyms::inputs(const dsl::Definition& definition, std::string_view case_type, std::string_view command,
                          nlohmann::json& inputs, bool create) const {
  const auto type = definition.find_case_type(case_type);
  if (!type || !inputs.is_object()) return Status::ok();
  const dsl::CaseTypeSpec& spec = definition.case_type(*type);
  const auto found = spec.find_command(command);
  if (!found) return Status::ok();
  for (const dsl::InputSpec& input : spec.commands[*found].inputs) {
    auto value = inputs.find(input.name);
    if (value == inputs.end() || !names_cases(input.type)) continue;
    const auto replace = [&](nlohmann::json& id) -> Status {
      if (!id.is_string()) return Status::ok();
      auto pseudonym = user(id.get<std::string>(), create);
      if (!pseudonym.is_ok()) return pseudonym.status();
      id = std::move(*pseudonym);
      return Status::ok();
    };
    if (value->is_array()) {
      for (nlohmann::json& id : *value)
        if (Status s = replace(id); !s.is_ok()) return s;
    } else if (Status s = replace(*value); !s.is_ok()) {
      return s;
    }
  }
  return Status::ok();
}

std::string Pseudonyms::reveal(std::string_view text) const {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t at = text.find("_s", i);
    if (at == std::string_view::npos) break;
    const std::string_view candidate = text.substr(at, store::kPseudonymSize);
    // A token, not the middle of a longer word: "_s" + 26 characters, no pseudonym character after.
    const bool whole = at + store::kPseudonymSize >= text.size() || !pseudonym_char(text[at + store::kPseudonymSize]);
    if (!store::is_pseudonym(candidate) || !whole) {
      out.append(text.substr(i, at + 2 - i));
      i = at + 2;
      continue;
    }
    out.append(text.substr(i, at - i));
    auto user = subjects_ ? subjects_->user(candidate) : std::nullopt;
    out.append(user ? *user : std::string(kErased));
    i = at + store::kPseudonymSize;
  }
  out.append(text.substr(i));
  return out;
}

}  // namespace mentorflow::engine
