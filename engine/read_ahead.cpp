#include "engine/read_ahead.hpp"

#include <algorithm>

namespace mentorflow::engine {
namespace {

void collect(const nlohmann::json& value, const std::string& edition_prefix, std::vector<std::string>& names) {
  if (names.size() >= kMaxReadAhead) return;
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    if (text.starts_with(edition_prefix) && std::find(names.begin(), names.end(), text) == names.end()) {
      auto parsed = parse_case_name(text);
      if (parsed.is_ok() && !parsed->is_cohort()) names.push_back(text);
    }
  } else if (value.is_structured()) {
    for (const nlohmann::json& item : value) collect(item, edition_prefix, names);
  }
}

}  // namespace

std::vector<std::string> streams_to_read_ahead(const CaseName& name, const nlohmann::json& inputs, const nlohmann::json& fields) {
  std::vector<std::string> names{name.stream()};
  const std::string prefix = name.edition + "/";
  collect(inputs, prefix, names);
  collect(fields, prefix, names);
  return names;
}

}  // namespace mentorflow::engine
