// The server's limits against callers who mean harm or are broken: bodies nested too deep, bytes
// that are not UTF-8, more connections than allowed, more requests than the workers can queue,
// a client that never reads its responses, a background job that throws. Each time the caller
// gets a JSON error (or is cut off) and everyone else is still served.
#include <atomic>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

#include "tests/api/api_fixture.hpp"
#include "tests/support/captured_stderr.hpp"

using namespace mentorflow::testing;

namespace {

const std::string kAnnaCase = "/v1/cases/mie-2021/application/anna";

std::string nested(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

// The submit body with `value` (JSON text) as one more input.
std::string submit_with(const std::string& value) {
  std::string body = nlohmann::json{{"command", "submit"}, {"inputs", ApiFixture::submit_inputs()}}.dump();
  body.insert(body.rfind("}}"), ",\"extra\":" + value);
  return body;
}

// Polls /metrics until `line` appears (the server counts some things just after it acts).
bool metrics_show(ApiFixture& api, const std::string& line) {
  for (int i = 0; i < 250; ++i) {
    if (api.client().get("/metrics").body.find(line) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

// A clock that throws while armed: stands for any failure inside the clock loop's tick.
class FailingClock final : public mentorflow::Clock {
 public:
  explicit FailingClock(const mentorflow::Clock& inner) : inner_(inner) {}
  mentorflow::UtcMicros now() const override {
    if (armed_) throw std::runtime_error("the clock is out of order");
    return inner_.now();
  }
  void arm(bool on) { armed_ = on; }

 private:
  const mentorflow::Clock& inner_;
  std::atomic<bool> armed_{false};
};

}  // namespace

TEST_CASE("a body nested deeper than 64 levels is refused with 400 before it is built", "[api]") {
  auto options = ApiFixture::quick_options();
  options.max_body_bytes = 1024 * 1024;
  ApiFixture api(options);
  api.seed();
  const auto before = api.store().head().position;
  HttpClient c = api.client();
  // The audit's body: 150,000 nested arrays in the inputs, 300 KB, under the body limit.
  HttpReply r = c.request("POST", "/v1/cases/mie-2021/application/bruno", submit_with(nested(150'000)), kBruno);
  INFO(r.body);
  REQUIRE(r.status == 400);
  CHECK(r.error_code() == "malformed");
  CHECK(r.json()["error"]["message"] == "the request body nests arrays and objects more than 64 deep");
  // The limit counts the body itself as level 1: 64 levels are read (the engine then refuses the
  // unknown input), 65 are not.
  r = c.request("POST", "/v1/cases/mie-2021/application/bruno", submit_with(nested(62)), kBruno);
  CHECK(r.status == 400);
  CHECK(r.error_code() == "invalid");
  r = c.request("POST", "/v1/cases/mie-2021/application/bruno", submit_with(nested(63)), kBruno);
  CHECK(r.error_code() == "malformed");
  // Objects count as arrays do, in publish and what-if bodies too.
  std::string objects;
  for (int i = 0; i < 100; ++i) objects += "{\"a\":";
  objects += "1" + std::string(100, '}');
  r = c.request("POST", "/v1/editions/mie-2021/what-if", "{\"rules\":" + objects + "}", kCarla);
  CHECK(r.status == 400);
  CHECK(r.error_code() == "malformed");
  CHECK(api.store().head().position == before);
  CHECK(api.client().get("/v1/health").status == 200);
}

TEST_CASE("bytes that are not UTF-8 in the path or query get a JSON error, never a 500", "[api]") {
  ApiFixture api;
  api.seed();
  HttpClient c = api.client();
  for (const auto& [target, status] : {std::pair{std::string("/v1/nope%FF"), 404},
                                       std::pair{std::string("/v1/cases/mie-2021/application/x%FF%FE"), 400},
                                       std::pair{std::string("/v1/editions/mie-2021/cases?type=%C3%28"), 404},
                                       std::pair{std::string("/v1/editions/mie-2021/cases?state=%FF"), 404},
                                       std::pair{std::string("/v1/history/mie-2021/application/%80"), 400}}) {
    HttpReply r = c.get(target, kCarla);
    INFO(target << ": " << r.body);
    CHECK(r.status == status);
    REQUIRE(r.json().is_object());  // valid JSON, so valid UTF-8
    CHECK(r.json()["error"]["message"].get<std::string>().find("\xEF\xBF\xBD") != std::string::npos);  // U+FFFD
  }
  CHECK(api.client().get("/metrics").body.find("code=\"500\"") == std::string::npos);
}

TEST_CASE("connections over --max-connections are answered 503 busy and closed, room comes back", "[api]") {
  auto options = ApiFixture::quick_options();
  options.max_connections = 4;
  ApiFixture api(options);
  std::vector<std::unique_ptr<HttpClient>> idle;
  for (int i = 0; i < 4; ++i) {
    idle.push_back(std::make_unique<HttpClient>(api.port()));
    REQUIRE(idle.back()->get("/v1/health").status == 200);  // admitted, and kept open
  }
  HttpClient extra = api.client();
  HttpReply r = extra.get("/v1/health");
  INFO(r.body);
  CHECK(r.status == 503);
  CHECK(r.error_code() == "busy");
  CHECK(r.json()["error"]["message"] == "the server has 4 connections open, its limit; try again shortly");
  CHECK(r.retry_after == "1");
  CHECK(!r.keep_alive);
  // A flood beyond the limit is answered the same way, and changes nothing for those admitted.
  for (int i = 0; i < 20; ++i) CHECK(api.client().get("/v1/health").status == 503);
  CHECK(idle.front()->get("/v1/health").status == 200);
  // One admitted client leaves: the next is served (the server notices the close just after).
  idle.pop_back();
  int status = 0;
  for (int i = 0; i < 250 && status != 200; ++i) {
    if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    status = api.client().get("/v1/health").status;
  }
  CHECK(status == 200);
}

TEST_CASE("requests over the worker queue's limit are answered 503 busy with Retry-After", "[api]") {
  auto options = ApiFixture::quick_options();
  options.workers = 1;
  options.max_queued = 1;
  ApiFixture api(options);
  api.seed();
  // Many what-ifs at once (each compiles a rules file) on one worker with room for one waiting.
  const nlohmann::json body = {{"rules", {{"name", "rules/mie-2022.rules"}, {"text", file_text("rules/mie-2022.rules")}}}};
  constexpr int kCallers = 16;
  std::vector<std::unique_ptr<HttpClient>> clients;
  for (int i = 0; i < kCallers; ++i) {
    clients.push_back(std::make_unique<HttpClient>(api.port()));
    REQUIRE(clients.back()->get("/v1/health").status == 200);
  }
  std::vector<HttpReply> replies(kCallers);
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < kCallers; ++i)
    threads.emplace_back([&, i] {
      while (!go) std::this_thread::yield();
      replies[i] = clients[i]->post("/v1/editions/mie-2021/what-if", body, kCarla);
    });
  go = true;
  for (auto& t : threads) t.join();
  int ok = 0, busy = 0;
  for (const HttpReply& r : replies) {
    INFO(r.body);
    if (r.status == 200) ++ok;
    if (r.status != 503) continue;
    ++busy;
    CHECK(r.error_code() == "busy");
    CHECK(r.retry_after == "1");
    CHECK(r.keep_alive);  // the request was read whole: the connection stays usable
  }
  CHECK(ok >= 1);
  CHECK(busy >= 1);
  CHECK(ok + busy == kCallers);
}

TEST_CASE("a client that never reads its responses is cut off at the write deadline", "[api]") {
  auto options = ApiFixture::quick_options();
  options.write_timeout = std::chrono::milliseconds(300);
  ApiFixture api(options);
  // Pipelined exports of the edition stream (the whole definition texts, tens of KB each), far
  // more than the sockets' buffers hold, and not one byte read back.
  std::string requests;
  for (int i = 0; i < 1000; ++i)
    requests += "GET /v1/streams/mie-2021 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + kAudrey + "\r\n\r\n";
  HttpClient stuck = api.client();
  REQUIRE(stuck.send_raw(requests));
  CHECK(metrics_show(api, "mentorflow_connections_dropped_total 1\n"));
  CHECK(api.client().get("/v1/cases/mie-2021/call", kCarla).status == 200);  // others were served meanwhile
}

TEST_CASE("a failure inside the clock loop is logged and the loop goes on", "[api]") {
  CapturedStderr log;  // the in-process server logs to this process's standard error
  auto options = ApiFixture::quick_options();
  options.tick_every = std::chrono::milliseconds(20);
  mentorflow::ManualClock base(rome("2021-09-20 10:00"));
  FailingClock failing(base);
  ApiFixture api(options, &failing);
  api.seed();
  failing.arm(true);
  const std::string line = "mentorflow serve: timers failed: the clock is out of order\n";
  bool logged = false;
  for (int i = 0; i < 500 && !logged; ++i) {
    logged = log.text().find(line) != std::string::npos;
    if (!logged) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK(logged);
  CHECK(api.client().get("/v1/health").status == 200);
  failing.arm(false);
  base.set(rome("2021-10-07 12:31"));  // past the deadline: the next tick closes the applications
  std::string state;
  for (int i = 0; i < 500 && state != "expired"; ++i) {
    state = api.client().get("/v1/cases/mie-2021/application/bruno", kCarla).json().value("state", "");
    if (state != "expired") std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK(state == "expired");
}
