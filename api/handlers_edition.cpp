// Editions: checking a designer's files, publishing a workflow with an edition's rules, and
// what-if under other rules.
#include <fmt/core.h>

#include "api/api_error.hpp"
#include "api/graphviz.hpp"
#include "api/handlers.hpp"
#include "api/what_if_json.hpp"
#include "dsl/compile/compile.hpp"
#include "dsl/compile/graph.hpp"
#include "dsl/parse/diagnostic.hpp"
#include "dsl/source_file.hpp"
#include "engine/audit/what_if.hpp"
#include "engine/case_name.hpp"

namespace mentorflow::api {
namespace {

// `{"name": "rules/x.rules", "text": "..."}` (the name is what diagnostics show), or just the text.
std::optional<dsl::SourceFile> source_file(const nlohmann::json& body, const char* key, const char* default_name) {
  if (!body.contains(key)) return std::nullopt;
  const nlohmann::json& v = body[key];
  if (v.is_string()) return dsl::SourceFile(default_name, v.get<std::string>());
  if (v.is_object() && v.contains("text") && v["text"].is_string()) {
    std::string name = v.contains("name") && v["name"].is_string() ? v["name"].get<std::string>() : default_name;
    return dsl::SourceFile(std::move(name), v["text"].get<std::string>());
  }
  return std::nullopt;
}

ApiResponse missing_file(const char* key) {
  return error_response(status::kBadRequest, "malformed",
                        fmt::format("the body needs \"{}\": {{\"name\": FILE, \"text\": TEXT}}", key));
}

// Diagnostics from the designer's files: 400 with each diagnostic rendered as `check` prints it.
ApiResponse diagnostics_response(const Status& failure, const dsl::Diagnostics& diagnostics) {
  return error_response(status::kBadRequest, "invalid", failure.message(),
                        {{"diagnostics", dsl::render(diagnostics)}, {"summary", dsl::summary_line(diagnostics)}});
}

// Each diagnostic as data, for a page that places it beside the line it names.
nlohmann::json diagnostic_items(const dsl::Diagnostics& diagnostics) {
  nlohmann::json items = nlohmann::json::array();
  for (const dsl::Diagnostic& d : diagnostics.all()) {
    const auto at = d.file->location(d.span.begin);
    items.push_back({{"severity", d.severity == dsl::Severity::Error ? "error" : "warning"},
                     {"file", d.file->path()},
                     {"line", at.line},
                     {"column", at.column},
                     {"message", d.message},
                     {"notes", d.notes}});
  }
  return items;
}

}  // namespace

ApiResponse handle_check(Call& call, const std::string&) {
  ApiResponse error;
  auto body = body_object(call.request, error);
  if (!body) return error;
  auto workflow = source_file(*body, "workflow", "workflow.flow");
  if (!workflow) return missing_file("workflow");
  auto rules = source_file(*body, "rules", "edition.rules");
  if (body->contains("rules") && !rules) return missing_file("rules");
  // The workflow alone is checked and drawn; with a rules file, both are checked together as
  // publishing would (the picture is drawn only once they check).
  dsl::Diagnostics diagnostics, drawing;
  bool is_rules = false;
  std::optional<std::string> dot;
  std::string summary;
  if (rules) {
    if (auto definition = dsl::build_definition(*workflow, *rules, diagnostics)) {
      dot = dsl::workflow_dot(*workflow, drawing, is_rules);
      summary = fmt::format("edition \"{}\" of {}, definition {}", definition->edition(), definition->workflow_name(),
                            definition->id().substr(0, 12));
    }
  } else {
    dot = dsl::workflow_dot(*workflow, diagnostics, is_rules);
    if (dot) summary = "the workflow checks";
    if (is_rules)
      return error_response(status::kBadRequest, "malformed",
                            fmt::format("{} is a rules file: give it as \"rules\", with its workflow", workflow->path()));
  }
  nlohmann::json out = {{"ok", !diagnostics.has_errors()},
                        {"diagnostics", dsl::render(diagnostics)},
                        {"summary", diagnostics.all().empty() ? summary : dsl::summary_line(diagnostics)},
                        {"items", diagnostic_items(diagnostics)}};
  if (dot && !diagnostics.has_errors()) {
    auto svg = render_svg(*dot);
    if (!svg.is_ok()) return status_response(svg.status());
    out["svg"] = std::move(*svg);
  }
  return json_response(out);
}

ApiResponse handle_publish(Call& call, const std::string& edition) {
  if (!call.principal.has_role(kPublisherRole) || !call.principal.covers_edition(edition))
    return error_response(status::kForbidden, "forbidden",
                          fmt::format("{} may not publish edition '{}': it takes a publisher token for it",
                                      call.principal.user, edition));
  ApiResponse error;
  auto body = body_object(call.request, error);
  if (!body) return error;
  auto workflow = source_file(*body, "workflow", "workflow.flow");
  if (!workflow) return missing_file("workflow");
  auto rules = source_file(*body, "rules", "edition.rules");
  if (!rules) return missing_file("rules");
  if (!engine::is_valid_edition_name(edition))
    return error_response(status::kBadRequest, "invalid", fmt::format("'{}' is not a valid edition name", edition));
  dsl::Diagnostics diagnostics;
  auto published = call.engine.publish(*workflow, *rules, edition, diagnostics);
  if (!published.is_ok()) {
    if (!diagnostics.all().empty()) return diagnostics_response(published.status(), diagnostics);
    if (published.status().is_refused())
      return error_response(status::kConflict, "conflict", published.status().message());
    return status_response(published.status());
  }
  nlohmann::json out = {{"edition", edition},
                        {"definition_id", published->definition_id},
                        {"already_published", published->already_published}};
  if (!published->already_published) out["position"] = published->position;
  return json_response(out, published->already_published ? status::kOk : status::kCreated);
}

ApiResponse handle_what_if(Call& call, const std::string& edition) {
  ApiResponse error;
  if (!edition_reader(call, edition, "run what-if on " + edition, error)) return error;
  auto body = body_object(call.request, error);
  if (!body) return error;
  auto rules = source_file(*body, "rules", "what-if.rules");
  if (!rules) return missing_file("rules");
  dsl::Diagnostics diagnostics;
  auto report = engine::audit::what_if(call.engine, edition, *rules, diagnostics);
  if (!report.is_ok()) {
    if (!diagnostics.all().empty()) return diagnostics_response(report.status(), diagnostics);
    return status_response(report.status());
  }
  return json_response(what_if_json(*report));
}

}  // namespace mentorflow::api
