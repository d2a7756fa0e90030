// docs/openapi.yaml and docs/API.md describe the server as it is: every documented path and
// method is routed (not 404 "no such resource", not 405), and every endpoint of API.md is in the
// OpenAPI file.
#include <fstream>
#include <regex>
#include <sstream>
#include <utility>

#include "tests/api/api_fixture.hpp"

using namespace mentorflow::testing;

namespace {

std::string doc(const std::string& name) {
  std::ifstream in(source_dir() / "docs" / name);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string fill(std::string path) {
  for (const auto& [param, value] : {std::pair{"{edition}", "mie-2021"}, std::pair{"{case}", "mie-2021/application/anna"},
                                     std::pair{"{stream}", "mie-2021/application/anna"}})
    if (auto at = path.find(param); at != std::string::npos) path.replace(at, std::string(param).size(), value);
  return path;
}

}  // namespace

TEST_CASE("every path and method of openapi.yaml is served, and API.md documents the same endpoints", "[api]") {
  ApiFixture api;
  api.seed();
  const std::string openapi = doc("openapi.yaml");
  const std::string guide = doc("API.md");
  const std::regex path_line("^  (/[^:]*):$"), method_line("^    (get|post|put|delete):");
  std::istringstream lines(openapi);
  std::string path;
  int routes = 0;
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (std::regex_match(line, m, path_line)) path = m[1];
    if (!std::regex_search(line, m, method_line)) continue;
    std::string method = m[1];
    for (char& ch : method) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    HttpClient c = api.client();
    HttpReply r = c.request(method, fill(path), method == "GET" ? "" : "{}", kAudrey);
    INFO(method << " " << path << ": " << r.body);
    CHECK(r.status != 405);
    CHECK(r.status != 404);  // the fixture's anna, mie-2021 and stream all exist
    // API.md names it too ("GET /v1/cases/CASE"), with its parameters in capitals.
    std::string spelled = path;
    for (const auto& [param, word] : {std::pair{"{edition}", "EDITION"}, std::pair{"{case}", "CASE"},
                                      std::pair{"{stream}", "STREAM"}})
      if (auto at = spelled.find(param); at != std::string::npos) spelled.replace(at, std::string(param).size(), word);
    CHECK(guide.find(method + " " + spelled) != std::string::npos);
    ++routes;
  }
  CHECK(routes == 36);
}
