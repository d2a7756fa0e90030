// Commands racing on one case through the server: exactly one wins, every other gets 409, and the
// case's stream holds the events of exactly one command.
#include <algorithm>
#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "tests/api/api_fixture.hpp"

using namespace mentorflow::testing;

namespace {

constexpr int kRacers = 8;

// Sends the same command from kRacers connections at once; returns the statuses.
std::vector<int> race(ApiFixture& api, const std::string& token, const std::string& case_name,
                      const nlohmann::json& body) {
  std::vector<std::unique_ptr<HttpClient>> clients;
  for (int i = 0; i < kRacers; ++i) {
    clients.push_back(std::make_unique<HttpClient>(api.port()));
    REQUIRE(clients.back()->get("/v1/health").status == 200);  // connected before the start
  }
  std::vector<int> statuses(kRacers, 0);
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < kRacers; ++i)
    threads.emplace_back([&, i] {
      while (!go) std::this_thread::yield();
      statuses[i] = clients[i]->post("/v1/cases/" + case_name, body, token).status;
    });
  go = true;
  for (auto& t : threads) t.join();
  return statuses;
}

int count(const std::vector<int>& statuses, int status) {
  return static_cast<int>(std::count(statuses.begin(), statuses.end(), status));
}

}  // namespace

TEST_CASE("concurrent commands on one case: exactly one wins, the others get 409", "[api]") {
  auto options = ApiFixture::quick_options();
  options.workers = kRacers;
  ApiFixture api(options);
  api.seed();
  for (int round = 0; round < 5; ++round) {
    const std::string id = "racer" + std::to_string(round);
    const std::string name = "mie-2021/application/" + id;
    const std::string token = racer_token(round);  // an application is named by its student
    // Opening the same case: one creates it.
    auto opened = race(api, token, name, {{"command", "start_application"}, {"inputs", {{"project", "mie-2021/project/lyon-film"}}}});
    CHECK(count(opened, 201) == 1);
    CHECK(count(opened, 409) == kRacers - 1);
    // Submitting it: one moves it on, the others find it submitted.
    auto submitted = race(api, token, name, {{"command", "submit"}, {"inputs", ApiFixture::submit_inputs()}});
    CHECK(count(submitted, 200) == 1);
    CHECK(count(submitted, 409) == kRacers - 1);
    // Staff confirming the match twice at once: one mentorship.
    auto confirmed = race(api, kCarla, name, {{"command", "confirm_match"}});
    CHECK(count(confirmed, 200) == 1);
    CHECK(count(confirmed, 409) == kRacers - 1);

    // The stream holds one start, one submit, one confirmation.
    auto events = api.store().read_stream_forward(name, 1, 1000);
    REQUIRE(events.is_ok());
    int commands = 0;
    for (const auto& e : *events) commands += e.type == "CommandAccepted";
    CHECK(commands == 3);
    CHECK(api.store().list_streams("mie-2021/mentorship/" + id)->size() == 1);
  }
}
