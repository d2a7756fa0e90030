// What a programme is: GET /v1/editions/E/definition (the JSON the web app builds its pages from)
// and GET /v1/editions/E/graph.svg (its states, drawn by Graphviz). Every role of an edition may
// read them: they describe the programme, not anyone in it.
#include <fmt/core.h>

#include <map>
#include <mutex>

#include "api/api_error.hpp"
#include "api/definition_json.hpp"
#include "api/graphviz.hpp"
#include "api/handlers.hpp"
#include "dsl/compile/graph.hpp"

namespace mentorflow::api {
namespace {

// A definition never changes, so neither does its picture: drawn once per definition id.
class SvgCache {
 public:
  Result<std::string> get(const dsl::Definition& definition) {
    {
      std::lock_guard lock(mu_);
      if (auto it = svg_.find(definition.id()); it != svg_.end()) return it->second;
    }
    dsl::Diagnostics diagnostics;
    bool is_rules = false;
    auto dot = dsl::workflow_dot(definition.workflow_source(), diagnostics, is_rules);
    if (!dot) return Status::corruption(fmt::format("the published workflow of definition {} no longer checks",
                                                    definition.id().substr(0, 12)));
    auto svg = render_svg(*dot);
    if (!svg.is_ok()) return svg.status();
    std::lock_guard lock(mu_);
    return svg_.emplace(definition.id(), std::move(*svg)).first->second;
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::string> svg_;
};

SvgCache& svg_cache() {
  static SvgCache cache;
  return cache;
}

}  // namespace

ApiResponse handle_definition(Call& call, const std::string& edition) {
  ApiResponse error;
  auto access = edition_access(call, edition, error);
  if (!access) return error;
  return json_response(definition_json(*access->definition, edition));
}

ApiResponse handle_graph(Call& call, const std::string& edition) {
  ApiResponse error;
  auto access = edition_access(call, edition, error);
  if (!access) return error;
  auto svg = svg_cache().get(*access->definition);
  if (!svg.is_ok()) return status_response(svg.status());
  ApiResponse r{status::kOk, "image/svg+xml", std::move(*svg), 0, {}};
  r.headers.emplace_back("Cache-Control", "private, max-age=86400");
  return r;
}

}  // namespace mentorflow::api
