// A node killed under load (SIGKILL: no goodbye, transactions cut mid-way) loses no command it
// acknowledged, and the other node on the same PostgreSQL database goes on taking commands, as a
// load balancer would send them there.
#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "tests/nodes/nodes_fixture.hpp"

using namespace mentorflow::testing;

TEST_CASE("SIGKILL of one node under load: every acknowledged command is in the log, the other node goes on", "[nodes]") {
  Nodes nodes;
  if (!nodes) return;
  nodes.publish_mie();
  const std::string marco = nodes.token("marco", "mentor"), carla = nodes.token("carla", "staff");
  auto a = nodes.start("a"), b = nodes.start("b");

  // Each client offers projects (a case each), one after another, at node A or B by turns of the
  // client's number; a client of A that loses its node moves to B, as behind a load balancer.
  constexpr int kClients = 8, kBeforeKill = 80, kAfterKill = 10;
  std::mutex mu;
  std::set<std::string> acknowledged;
  std::atomic<int> answered{0}, server_errors{0}, unexpected{0};
  std::atomic<bool> killed{false};
  std::vector<int> after_kill(kClients, 0);
  std::vector<std::thread> clients;
  for (int t = 0; t < kClients; ++t)
    clients.emplace_back([&, t] {
      bool at_a = t % 2 == 0;
      auto client = std::make_unique<HttpClient>(at_a ? a->port() : b->port());
      client->set_timeout(std::chrono::seconds(20));
      for (int i = 0; after_kill[t] < kAfterKill; ++i) {
        const std::string name = "mie-2021/project/c" + std::to_string(t) + "-" + std::to_string(i);
        const bool sent_after_kill = killed;
        HttpReply r = client->post("/v1/cases/" + name, command_body("offer_project", kLyonOffer), marco);
        if (r.status == 201) {
          std::lock_guard lock(mu);
          acknowledged.insert(name);
          ++answered;
          if (sent_after_kill) ++after_kill[t];
          continue;
        }
        if (r.status >= 500) ++server_errors;
        if (r.status == 0 && at_a && killed) {  // the node is gone: to the other one
          at_a = false;
          client = std::make_unique<HttpClient>(b->port());
          client->set_timeout(std::chrono::seconds(20));
          continue;
        }
        INFO(name << ": " << r.status << " " << r.body);
        ++unexpected;
        return;
      }
    });
  while (answered < kBeforeKill && unexpected == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  killed = true;
  a->signal(SIGKILL);
  CHECK(a->wait() == 128 + SIGKILL);
  for (auto& t : clients) t.join();
  CHECK(server_errors == 0);
  CHECK(unexpected == 0);

  // Every acknowledged case is in the log (through the CLI, and through B); beyond them at most
  // the commands A had in flight, committed but not answered, one per client of A.
  std::set<std::string> stored;
  std::istringstream lines(nodes.ok({"cases", "mie-2021", "--type", "project"}).out);
  for (std::string name, state; lines >> name >> state;) stored.insert(name);
  for (const std::string& name : acknowledged) {
    INFO(name);
    CHECK(stored.contains(name));
  }
  CHECK(stored.size() <= acknowledged.size() + kClients / 2);
  HttpClient on_b(b->port());
  for (const std::string& name : acknowledged) {
    INFO(name);
    CHECK(on_b.get("/v1/cases/" + name, carla).json()["state"] == "offered");
  }
  CHECK(on_b.post("/v1/cases/mie-2021/project/after", command_body("offer_project", kLyonOffer), marco).status == 201);
  b->signal(SIGTERM);  // replay runs with the nodes stopped (docs/STORE.md, "Several nodes")
  CHECK(b->wait() == 0);
  // The read models the nodes kept (one of them killed mid-way) are those a rebuild makes.
  const std::string kept = nodes.ok({"cases", "mie-2021", "--long"}).out;
  nodes.ok({"replay"});
  CHECK(nodes.ok({"cases", "mie-2021", "--long"}).out == kept);
  CHECK(nodes.cli({"verify"}).exit_code == 0);
}
