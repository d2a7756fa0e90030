#pragma once
// The web application's files (web/), embedded in the program at build time so that `mentorflow
// serve` needs nothing beside it and a browser needs nothing from elsewhere.
#include <span>
#include <string_view>

namespace mentorflow::api {

struct WebAsset {
  std::string_view path;          // "/index.html", "/assets/app-3f9a1c.js"
  std::string_view content_type;  // "text/javascript; charset=utf-8"
  std::string_view body;
  bool immutable = false;         // its name holds its content's hash: cached for a year
};

// Every file of the built web app; empty when mentorflow was built without it (MENTORFLOW_WEB=OFF).
// Defined by the code web/CMakeLists.txt generates.
std::span<const WebAsset> web_assets();

}  // namespace mentorflow::api
