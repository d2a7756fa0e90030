// Every Catch2 test can be run by ctest: catch_discover_tests registers each test by its name,
// and CMake splits a name at ';' into a list, so a test named "a; b" is registered as a test that
// matches no name, passes with "No test cases matched", and never runs.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

TEST_CASE("no test's name holds a semicolon, so ctest runs every test", "[layout]") {
  const fs::path root = fs::path(MENTORFLOW_SOURCE_DIR) / "tests";
  // TEST_CASE( then the name's string, on the same line or the next.
  const std::regex test_case(R"re(TEST_CASE\(\s*"([^"]*)")re");
  int names = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".cpp") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const std::string source = text.str();
    for (std::sregex_iterator it(source.begin(), source.end(), test_case), end; it != end; ++it) {
      ++names;
      const std::string name = (*it)[1];
      INFO(fs::relative(entry.path(), root).generic_string() << ": " << name);
      CHECK(name.find(';') == std::string::npos);
    }
  }
  CHECK(names > 300);  // the scan found the suite's tests
}
