// Compiling a published definition again from the texts in its DefinitionPublished event.
#include "engine/published_definition.hpp"

#include <fmt/core.h>

#include <nlohmann/json.hpp>

#include "dsl/compile/compile.hpp"

namespace mentorflow::engine {

Result<dsl::Definition> compile_published(const store::Event& e) {
  using nlohmann::json;
  auto payload = e.payload_json();
  if (!payload.is_ok()) return payload.status();
  try {
    const json& p = *payload;
    dsl::SourceFile workflow(p.at("workflow_file").at("path").get<std::string>(),
                             p.at("workflow_file").at("text").get<std::string>());
    dsl::SourceFile rules(p.at("rules_file").at("path").get<std::string>(),
                          p.at("rules_file").at("text").get<std::string>());
    dsl::Diagnostics diagnostics;
    auto definition = dsl::build_definition(workflow, rules, diagnostics);
    if (!definition)
      return Status::corruption(fmt::format(
          "the definition published at position {} no longer compiles: {}", e.position,
          diagnostics.all().empty() ? "no diagnostic" : diagnostics.all().front().message));
    if (definition->id() != e.definition_id)
      return Status::corruption(fmt::format("the definition published at position {} compiles to id {}, not {}",
                                            e.position, definition->id(), e.definition_id));
    return std::move(*definition);
  } catch (const json::exception& ex) {
    return Status::corruption(fmt::format("the definition published at position {} is malformed: {}", e.position,
                                          ex.what()));
  }
}

}  // namespace mentorflow::engine
