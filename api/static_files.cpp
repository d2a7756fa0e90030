#include "api/static_files.hpp"

#include <fmt/core.h>

#include "api/api_error.hpp"
#include "api/web_assets.hpp"

namespace mentorflow::api {

ApiResponse static_file(const ApiRequest& request) {
  if (request.method != "GET" && request.method != "HEAD") {
    for (const WebAsset& a : web_assets())
      if (a.path == request.path || (request.path == "/" && a.path == "/index.html"))
        return error_response(status::kMethodNotAllowed, "method_not_allowed",
                              fmt::format("{} is not allowed on {}", request.method, request.path), {{"allowed", "GET"}});
    return error_response(status::kNotFound, "not_found", fmt::format("no such resource: {}", request.path));
  }
  const std::string_view path = request.path == "/" ? std::string_view("/index.html") : std::string_view(request.path);
  for (const WebAsset& a : web_assets()) {
    if (a.path != path) continue;
    ApiResponse r{status::kOk, std::string(a.content_type), std::string(a.body), 0, {}};
    r.headers.emplace_back("Cache-Control", a.immutable ? "public, max-age=31536000, immutable" : "no-cache");
    return r;
  }
  if (request.path == "/" && web_assets().empty())
    return error_response(status::kNotFound, "not_found",
                          "this mentorflow was built without its web app (cmake -DMENTORFLOW_WEB=ON builds it)");
  return error_response(status::kNotFound, "not_found", fmt::format("no such resource: {}", request.path));
}

}  // namespace mentorflow::api
