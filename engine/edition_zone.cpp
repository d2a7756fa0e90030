#include "engine/edition_zone.hpp"

#include "dsl/model/program.hpp"

namespace mentorflow::engine {

std::string edition_zone(const dsl::Definition* definition) {
  return definition ? dsl::edition_zone(definition->program()) : "UTC";
}

}  // namespace mentorflow::engine
