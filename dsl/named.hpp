#pragma once
// Finding a declaration by name in a vector of things that have a `name` (roles, parameters,
// rules, case types, fields...). Linear: these vectors are short and looked up per command, never
// per evaluation.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace mentorflow::dsl {

template <class T>
std::optional<std::uint32_t> index_by_name(const std::vector<T>& items, std::string_view name) {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].name == name) return static_cast<std::uint32_t>(i);
  return std::nullopt;
}

}  // namespace mentorflow::dsl
