// Two `mentorflow serve` nodes on one PostgreSQL database take commands at the same time: commands
// racing on one case from both are decided once (one wins, the others are told the case moved on),
// a node's cached case never overwrites what the other wrote, and what one node accepted is in
// the other's answers and read models at once.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "tests/nodes/nodes_fixture.hpp"

using namespace mentorflow::testing;

namespace {

struct Raced {
  std::vector<HttpReply> replies;
  int count(int status) const {
    return static_cast<int>(std::count_if(replies.begin(), replies.end(), [&](const HttpReply& r) { return r.status == status; }));
  }
};

// Sends `body` to `case_name` from `per_node` connections to each node at once.
Raced race(const std::vector<std::uint16_t>& ports, int per_node, const std::string& token, const std::string& case_name,
           const nlohmann::json& body) {
  std::vector<std::unique_ptr<HttpClient>> clients;
  for (int i = 0; i < per_node; ++i)
    for (std::uint16_t port : ports) {
      clients.push_back(std::make_unique<HttpClient>(port));
      REQUIRE(clients.back()->get("/v1/health").status == 200);  // connected before the start
    }
  Raced raced;
  raced.replies.resize(clients.size());
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < clients.size(); ++i)
    threads.emplace_back([&, i] {
      while (!go) std::this_thread::yield();
      raced.replies[i] = clients[i]->post("/v1/cases/" + case_name, body, token);
    });
  go = true;
  for (auto& t : threads) t.join();
  return raced;
}

// Every loser was told why, in the case's state: 409 wrong_state with a sentence; never a 5xx.
void losers_told_why(const Raced& raced, int winner_status) {
  for (const HttpReply& r : raced.replies) {
    INFO(r.status << " " << r.body);
    CHECK(r.status < 500);
    if (r.status == winner_status) continue;
    CHECK(r.status == 409);
    CHECK(r.error_code() == "wrong_state");
    CHECK(!r.json()["error"].value("message", "").empty());
  }
}

// The command names recorded (CommandAccepted) on `stream`, in order.
std::vector<std::string> commands_of(const Nodes& nodes, const std::string& stream) {
  std::vector<std::string> commands;
  for (const auto& e : nodes.exported())
    if (e["stream"] == stream && e["type"] == "CommandAccepted") commands.push_back(e["payload"].value("command", ""));
  return commands;
}

}  // namespace

TEST_CASE("commands racing on one case from two nodes: exactly one wins, the others are told the case moved on", "[nodes]") {
  Nodes nodes;
  if (!nodes) return;
  nodes.publish_mie();
  const std::string marco = nodes.token("marco", "mentor"), carla = nodes.token("carla", "staff");
  constexpr int kRounds = 3;
  std::vector<std::string> students;
  for (int i = 0; i < kRounds; ++i) students.push_back(nodes.token("racer" + std::to_string(i), "student"));
  auto a = nodes.start("a"), b = nodes.start("b");
  const std::vector<std::uint16_t> ports = {a->port(), b->port()};

  HttpClient on_a(a->port()), on_b(b->port());
  REQUIRE(on_a.post("/v1/cases/mie-2021/project/lyon-film", command_body("offer_project", kLyonOffer), marco).status == 201);
  REQUIRE(on_b.post("/v1/cases/mie-2021/project/lyon-film", command_body("publish_project"), carla).status == 200);

  for (int round = 0; round < kRounds; ++round) {
    const std::string name = "mie-2021/application/racer" + std::to_string(round);
    INFO(name);
    // Opening the same case: one node creates it, every other request finds it opened.
    Raced opened = race(ports, 4, students[round], name,
                        command_body("start_application", {{"project", "mie-2021/project/lyon-film"}}));
    CHECK(opened.count(201) == 1);
    losers_told_why(opened, 201);
    // Submitting it: one moves it on, the others find it submitted.
    Raced submitted = race(ports, 4, students[round], name, command_body("submit", ApiFixture::submit_inputs()));
    CHECK(submitted.count(200) == 1);
    losers_told_why(submitted, 200);
    // Staff confirming the match on both nodes at once: one mentorship.
    Raced confirmed = race(ports, 4, carla, name, command_body("confirm_match"));
    CHECK(confirmed.count(200) == 1);
    losers_told_why(confirmed, 200);
    CHECK(commands_of(nodes, name) == std::vector<std::string>{"start_application", "submit", "confirm_match"});
    std::set<std::string> mentorships;
    for (const auto& e : nodes.exported())
      if (e["stream"].get<std::string>().starts_with("mie-2021/mentorship/racer" + std::to_string(round))) mentorships.insert(e["stream"]);
    CHECK(mentorships.size() == 1);
  }
  CHECK(nodes.cli({"verify"}).exit_code == 0);
}

TEST_CASE("a case each node has cached moves on from either node: neither overwrites the other", "[nodes]") {
  Nodes nodes;
  if (!nodes) return;
  nodes.publish_mie();
  const std::string marco = nodes.token("marco", "mentor"), carla = nodes.token("carla", "staff"),
                    anna = nodes.token("anna", "student");
  auto a = nodes.start("a"), b = nodes.start("b");
  HttpClient on_a(a->port()), on_b(b->port());
  const std::string project = "/v1/cases/mie-2021/project/lyon-film", application = "/v1/cases/mie-2021/application/anna";

  // Both nodes fold the project (each caches it), then it moves on at B: A's cached copy is stale.
  REQUIRE(on_a.post(project, command_body("offer_project", kLyonOffer), marco).status == 201);
  REQUIRE(on_b.get(project, carla).json()["state"] == "offered");
  REQUIRE(on_a.get(project, carla).json()["state"] == "offered");
  REQUIRE(on_b.post(project, command_body("publish_project"), carla).status == 200);
  // A answers from the log, not from what it folded before; and a command there is decided on it.
  CHECK(on_a.get(project, carla).json()["state"] == "open");
  HttpReply again = on_a.post(project, command_body("publish_project"), carla);
  CHECK(again.status == 409);
  CHECK(again.error_code() == "wrong_state");

  // Commands on one case, alternating between the nodes: each is decided on the other's last one.
  REQUIRE(on_a.post(application, command_body("start_application", {{"project", "mie-2021/project/lyon-film"}}), anna).status == 201);
  REQUIRE(on_b.post(application, command_body("submit", ApiFixture::submit_inputs()), anna).status == 200);
  REQUIRE(on_a.post(application, command_body("confirm_match"), carla).status == 200);
  CHECK(on_b.get(application, carla).json()["state"] == on_a.get(application, carla).json()["state"]);
  CHECK(commands_of(nodes, "mie-2021/application/anna") == std::vector<std::string>{"start_application", "submit", "confirm_match"});
  CHECK(nodes.cli({"verify"}).exit_code == 0);
}

TEST_CASE("what one node accepts is in the other node's read models", "[nodes]") {
  Nodes nodes;
  if (!nodes) return;
  nodes.publish_mie();
  const std::string marco = nodes.token("marco", "mentor"), carla = nodes.token("carla", "staff"),
                    pat = nodes.token("pat", "publisher", "mie-2021,mie-2022"),
                    staff22 = nodes.token("carla22", "staff", "mie-2022"), marco22 = nodes.token("marco22", "mentor", "mie-2022");
  auto a = nodes.start("a"), b = nodes.start("b");
  HttpClient on_a(a->port()), on_b(b->port());

  // The edition's case list (a read model) at a node shows `case_name` in `state`, within a
  // bounded wait. Queries catch up before they answer, so none should be needed at all.
  const auto listed_at = [&](HttpClient& node, const std::string& case_name, const std::string& state) {
    for (int i = 0; i < 100; ++i) {
      const nlohmann::json page = node.get("/v1/editions/mie-2021/cases?limit=100", carla).json();
      for (const auto& c : page["cases"])
        if (c["case"] == case_name && c["state"] == state) return i == 0;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  };
  for (int i = 0; i < 5; ++i) {
    const std::string name = "mie-2021/project/p" + std::to_string(i);
    REQUIRE(on_a.post("/v1/cases/" + name, command_body("offer_project", kLyonOffer), marco).status == 201);
    CHECK(listed_at(on_b, name, "offered"));
    REQUIRE(on_b.post("/v1/cases/" + name, command_body("publish_project"), carla).status == 200);
    CHECK(listed_at(on_a, name, "open"));
  }
  // The projects list at A as at B.
  CHECK(on_a.get("/v1/editions/mie-2021/cases?limit=100", carla).json()["cases"] ==
        on_b.get("/v1/editions/mie-2021/cases?limit=100", carla).json()["cases"]);

  // An edition published through A takes commands at B.
  nlohmann::json texts = {{"workflow", {{"name", "workflows/mie.flow"}, {"text", read_file(source_dir() / "workflows/mie.flow")}}},
                          {"rules", {{"name", "rules/mie-2022.rules"}, {"text", read_file(source_dir() / "rules/mie-2022.rules")}}}};
  REQUIRE(on_a.request("PUT", "/v1/editions/mie-2022", texts.dump(), pat).status == 201);
  HttpReply offered = on_b.post("/v1/cases/mie-2022/project/p", command_body("offer_project", kLyonOffer), marco22);
  INFO(offered.body);
  CHECK(offered.status == 201);
  CHECK(on_a.get("/v1/cases/mie-2022/project/p", staff22).json()["state"] == "offered");
}

TEST_CASE("one Idempotency-Key sent to both nodes at once writes once", "[nodes]") {
  Nodes nodes;
  if (!nodes) return;
  nodes.publish_mie();
  const std::string marco = nodes.token("marco", "mentor");
  auto a = nodes.start("a"), b = nodes.start("b");
  for (int round = 0; round < 5; ++round) {
    const std::string name = "mie-2021/project/k" + std::to_string(round);
    std::vector<HttpReply> replies(2);
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    const std::vector<std::uint16_t> ports = {a->port(), b->port()};
    for (int i = 0; i < 2; ++i)
      threads.emplace_back([&, i] {
        HttpClient c(ports[i]);
        REQUIRE(c.get("/v1/health").status == 200);
        while (!go) std::this_thread::yield();
        replies[i] = c.request("POST", "/v1/cases/" + name, command_body("offer_project", kLyonOffer).dump(), marco,
                               "application/json", {{"Idempotency-Key", "offer-" + std::to_string(round)}});
      });
    go = true;
    for (auto& t : threads) t.join();
    // Both get the first answer; one of them was written, the other is that answer again.
    for (const HttpReply& r : replies) {
      INFO(r.body);
      CHECK(r.status == 201);
    }
    CHECK(replies[0].json() == replies[1].json());
    CHECK((replies[0].header("Idempotent-Replayed") == "true") != (replies[1].header("Idempotent-Replayed") == "true"));
    CHECK(commands_of(nodes, name).size() == 1);
  }
}
