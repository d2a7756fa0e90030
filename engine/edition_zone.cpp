#include "engine/edition_zone.hpp"

namespace mentorflow::engine {

std::string edition_zone(const dsl::Definition* definition) {
  if (definition && !definition->zone().empty()) return definition->zone();
  if (definition)
    for (std::size_t i = 0; i < definition->params().size(); ++i) {
      const dsl::Value& v = definition->param_value(static_cast<dsl::Index>(i));
      if (v.kind() == dsl::ValueKind::DateTime && !v.as_text().empty()) return v.as_text();
    }
  return "UTC";
}

}  // namespace mentorflow::engine
