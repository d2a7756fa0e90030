// Every message the checker can report (dsl/check/check_messages.hpp) appears in the .expect of some
// golden case under tests/golden/check or tests/golden/workflows, and is used by the checker's
// sources: a new diagnostic without a golden case, or a message nobody reports, fails here.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "tests/dsl/dsl_fixture.hpp"
#include "tests/support/run_cli.hpp"

namespace {

namespace fs = std::filesystem;
using mentorflow::dsl::testing::slurp;
using mentorflow::testing::source_dir;

struct Message {
  std::string name;    // kUnknownState
  std::string format;  // unknown state '{}' in case '{}'
};

std::vector<Message> messages() {
  const std::string header = slurp(source_dir() / "dsl/check/check_messages.hpp");
  static const std::regex line(R"re(inline constexpr std::string_view (k\w+) = "((?:[^"\\]|\\.)*)";)re");
  std::vector<Message> out;
  for (std::sregex_iterator it(header.begin(), header.end(), line), end; it != end; ++it)
    out.push_back(Message{(*it)[1], (*it)[2]});
  return out;
}

// The format string as a regex matching one rendered line: {} and {:02} stand for any text.
std::regex pattern(const std::string& format) {
  std::string re;
  for (std::size_t i = 0; i < format.size(); ++i) {
    const char c = format[i];
    if (c == '{' && i + 1 < format.size() && format[i + 1] == '{') {
      re += "\\{", ++i;
    } else if (c == '}' && i + 1 < format.size() && format[i + 1] == '}') {
      re += "\\}", ++i;
    } else if (c == '{') {
      i = format.find('}', i);
      re += ".+";
    } else if (c == '\\' && i + 1 < format.size()) {
      re += std::string("\\") + format[++i];
    } else if (std::string(".^$|()[]*+?/").find(c) != std::string::npos) {
      re += std::string("\\") + c;
    } else {
      re += c;
    }
  }
  return std::regex("(error: |warning: |note: )" + re + "$");
}

std::vector<std::string> expect_lines() {
  std::vector<std::string> lines;
  for (const char* dir : {"tests/golden/check", "tests/golden/workflows"})
    for (const auto& entry : fs::directory_iterator(source_dir() / dir)) {
      if (entry.path().extension() != ".expect") continue;
      std::istringstream in(slurp(entry.path()));
      for (std::string l; std::getline(in, l);) lines.push_back(l);
    }
  return lines;
}

std::string checker_sources() {
  std::string all;
  for (const auto& entry : fs::recursive_directory_iterator(source_dir() / "dsl")) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() == ".cpp" && name != "check_messages.hpp") all += slurp(entry.path());
  }
  return all;
}

}  // namespace

TEST_CASE("every checker message has a golden case", "[dsl]") {
  const auto all = messages();
  REQUIRE(all.size() > 50);
  const auto lines = expect_lines();
  for (const Message& m : all) {
    const std::regex re = pattern(m.format);
    bool found = false;
    for (const std::string& l : lines) found = found || std::regex_search(l, re);
    INFO(m.name << ": \"" << m.format << "\" appears in no tests/golden/check/*.expect");
    CHECK(found);
  }
}

TEST_CASE("every checker message is reported somewhere", "[dsl]") {
  const std::string sources = checker_sources();
  for (const Message& m : messages()) {
    INFO("msg::" << m.name << " is never used in dsl/*.cpp");
    CHECK(sources.find("msg::" + m.name) != std::string::npos);
  }
}
