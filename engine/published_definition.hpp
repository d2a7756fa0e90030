#pragma once
// Internal to engine/: the definition an edition's DefinitionPublished event holds, compiled again
// from the two texts it carries (the engine's definitions, the placement search's vocabularies).
#include "base/status.hpp"
#include "dsl/compile/definition.hpp"
#include "store/event.hpp"

namespace mentorflow::engine {

// Corruption naming the event's position when its payload is malformed, when the texts no longer
// compile, or when they compile to another id than the one the event was recorded under.
Result<dsl::Definition> compile_published(const store::Event& published);

}  // namespace mentorflow::engine
