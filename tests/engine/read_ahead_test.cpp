// Which versions Engine::handle reads ahead (engine/read_ahead.hpp): the command's case and the
// cases of its edition its inputs and its case's fields name, each once, a bounded number.
#include <catch2/catch.hpp>

#include <fmt/core.h>

#include "engine/read_ahead.hpp"

using namespace mentorflow::engine;
using nlohmann::json;

TEST_CASE("a command reads ahead its case and the cases its inputs and fields name, in its edition", "[engine]") {
  const CaseName name{"mie-2021", "application", "elena"};
  const json inputs = {{"project", "mie-2021/project/lyon"},
                       {"note", "see mie-2021/project/paris"},                    // text, not a name
                       {"peers", {"mie-2021/application/ben", "mie-2021/application/elena"}},
                       {"elsewhere", "mie-2022/project/lyon"},                   // another edition
                       {"cohort", "mie-2021/applicants"},                         // a cohort, not a case
                       {"count", 3}};
  const json fields = {{"project", "mie-2021/project/lyon"}, {"mentor_case", {{"id", "mie-2021/mentorship/elena"}}}};
  // (the members of a JSON object in name order: "peers" before "project")
  CHECK(streams_to_read_ahead(name, inputs, fields) ==
        std::vector<std::string>{"mie-2021/application/elena", "mie-2021/application/ben", "mie-2021/project/lyon",
                                 "mie-2021/mentorship/elena"});
  CHECK(streams_to_read_ahead(name, json::object(), json::object()) == std::vector<std::string>{"mie-2021/application/elena"});

  json many = json::array();
  for (int i = 0; i < 40; ++i) many.push_back(fmt::format("mie-2021/application/a{}", i));
  const auto bounded = streams_to_read_ahead(name, {{"all", many}}, json::object());
  CHECK(bounded.size() == kMaxReadAhead);
  CHECK(bounded.front() == "mie-2021/application/elena");
}
