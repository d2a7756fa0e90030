// The include rules of docs/ARCHITECTURE.md, checked on every source file: the folders flow one
// way (base, store, dsl, engine, api, cli), only store/ includes RocksDB and only api/ Beast, and
// inside dsl/ and engine/ no room includes a room after it.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct Include {
  std::string file;  // relative to the source tree
  std::string target;
  int line = 0;
};

// Every #include of the project's own folders and of the two guarded libraries.
std::vector<Include> includes_of(const std::vector<std::string>& folders) {
  const fs::path root(MENTORFLOW_SOURCE_DIR);
  const std::regex include_line(R"(^\s*#\s*include\s*[<"]([^>"]+)[>"])");
  std::vector<Include> found;
  for (const std::string& folder : folders)
    for (const auto& entry : fs::recursive_directory_iterator(root / folder)) {
      const std::string ext = entry.path().extension().string();
      if (ext != ".cpp" && ext != ".hpp") continue;
      std::ifstream in(entry.path());
      std::string text;
      for (int n = 1; std::getline(in, text); ++n) {
        std::smatch m;
        if (std::regex_search(text, m, include_line))
          found.push_back({fs::relative(entry.path(), root).generic_string(), m[1].str(), n});
      }
    }
  return found;
}

std::string folder_of(const std::string& path) { return path.substr(0, path.find('/')); }

// The room of a file under dsl/ or engine/: the sub-folder path ("eval", "matching/run"), "" at the top.
std::string room_of(const std::string& path) {
  const auto first = path.find('/');
  const auto last = path.rfind('/');
  return first == last ? "" : path.substr(first + 1, last - first - 1);
}

std::string where(const Include& i) { return i.file + ":" + std::to_string(i.line) + " includes " + i.target; }

}  // namespace

TEST_CASE("the folders flow one way, and only store/ and api/ include RocksDB, libpq and Beast", "[layout]") {
  // Each folder and the folders it may include.
  const std::map<std::string, std::vector<std::string>> may = {
      {"base", {"base"}},
      {"store", {"base", "store"}},
      {"dsl", {"base", "dsl"}},
      {"engine", {"base", "store", "dsl", "engine"}},
      {"api", {"base", "store", "dsl", "engine", "api"}},
      {"cli", {"base", "store", "dsl", "engine", "api", "cli"}},
  };
  std::vector<std::string> wrong;
  std::size_t seen = 0;
  for (const Include& i : includes_of({"base", "store", "dsl", "engine", "api", "cli"})) {
    ++seen;
    const std::string from = folder_of(i.file);
    if ((i.target.starts_with("rocksdb/") || i.target == "libpq-fe.h") && from != "store") wrong.push_back(where(i));
    if ((i.target.starts_with("boost/beast") || i.target.starts_with("boost/asio")) && from != "api")
      wrong.push_back(where(i));
    const std::string to = folder_of(i.target);
    if (!may.contains(to)) continue;  // a library's header
    const auto& allowed = may.at(from);
    if (std::find(allowed.begin(), allowed.end(), to) == allowed.end()) wrong.push_back(where(i));
  }
  INFO(seen << " includes read");
  CHECK(seen > 500);
  CHECK(wrong == std::vector<std::string>{});
}

TEST_CASE("dsl/ rooms include only rooms before them", "[layout]") {
  // In order: a room may include itself and the rooms before it. time/ is first because values print
  // times; the checker (check/) folds constants with the evaluator (eval/), and compile/ runs the checker.
  const std::vector<std::string> order = {"time", "", "parse", "model", "eval", "check", "compile"};
  const auto rank = [&](const std::string& room) {
    return static_cast<int>(std::find(order.begin(), order.end(), room) - order.begin());
  };
  std::vector<std::string> wrong;
  for (const Include& i : includes_of({"dsl"})) {
    if (!i.target.starts_with("dsl/")) continue;
    const std::string from = room_of(i.file), to = room_of(i.target);
    REQUIRE(rank(from) < static_cast<int>(order.size()));
    REQUIRE(rank(to) < static_cast<int>(order.size()));
    if (rank(to) > rank(from)) wrong.push_back(where(i));
  }
  CHECK(wrong == std::vector<std::string>{});
}

TEST_CASE("engine/ rooms include only rooms before them, its top-level headers include no room", "[layout]") {
  // The top level is the command path; its headers are the contract every room may include, and only
  // its .cpp files reach into the rooms (a command runs matchings, issues certificates, schedules
  // timers and brings the read models up to date). The rooms, in order:
  const std::vector<std::string> order = {"privacy", "matching", "read_models", "timers", "calendar",
                                          "certificates", "matching/run", "audit", "flags", "records", "imports"};
  const auto rank = [&](const std::string& room) {
    return static_cast<int>(std::find(order.begin(), order.end(), room) - order.begin());
  };
  std::vector<std::string> wrong;
  for (const Include& i : includes_of({"engine"})) {
    if (!i.target.starts_with("engine/")) continue;
    const std::string from = room_of(i.file), to = room_of(i.target);
    if (!to.empty()) REQUIRE(rank(to) < static_cast<int>(order.size()));
    if (from.empty()) {
      if (i.file.ends_with(".hpp") && !to.empty()) wrong.push_back(where(i));
      continue;
    }
    REQUIRE(rank(from) < static_cast<int>(order.size()));
    if (!to.empty() && rank(to) > rank(from)) wrong.push_back(where(i));
  }
  CHECK(wrong == std::vector<std::string>{});
}
