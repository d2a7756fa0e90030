// http_bench: durable commands through the HTTP server on loopback, against the engine's own
// rate in the same run (docs/BENCHMARKS.md, "HTTP API").
//
//   (in-process) W threads, each with its own Engine over one durable store, run MIE commands on
//                distinct applicants: start_application, then submit (what the server's W workers do)
//   (HTTP)       an api::Server with W workers on 127.0.0.1 (port 0), and C keep-alive connections
//                from an asynchronous Beast client on one thread, each on its own applicants:
//                POST start_application, then POST submit; a command counts when answered 2xx
//   (--hot N)    instead, the C connections all record interviews (a command that leaves the
//                application's state as it is) on N hot applications, connection c on
//                application (c + i) mod N: every command contends with the others for a few
//                cases. Prints the share answered 409 (a version conflict the engine gave up on;
//                target <= 0.1% of valid commands) beside the rate; no in-process side.
//
// Both sides use the shipped MIE workflow and 2021 rules in fresh stores under $TMPDIR (kept
// under --dir). Phases alternate, three rounds each. Prints commands/s, their ratio, and the HTTP
// latency percentiles (from writing a request to having read its response).
#include <fmt/core.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "api/asio.hpp"
#include "api/server.hpp"
#include "api/tokens.hpp"
#include "dsl/source_file.hpp"
#include "dsl/time/time_text.hpp"
#include "engine/engine.hpp"
#include "engine/read_models/read_model_follower.hpp"

namespace fs = std::filesystem;
using namespace mentorflow;
using Stopwatch = std::chrono::steady_clock;

namespace {

constexpr int kRounds = 3;
constexpr double kWarmUp = 0.5;  // seconds per side before the rounds
constexpr const char* kToken = "bench-token";
double g_seconds = 3.0;
int g_workers = 16, g_connections = 64, g_hot = 0;
constexpr const char* kStaffToken = "bench-staff-token";

[[noreturn]] void fail(const std::string& what) {
  fmt::print(stderr, "http_bench: {}\n", what);
  std::exit(1);
}

dsl::SourceFile shipped(const std::string& relative) {
  // Run from the source tree's root (as docs/BENCHMARKS.md says), or found from this file's place.
  std::string error;
  auto file = dsl::SourceFile::load(relative, error);
  if (!file) file = dsl::SourceFile::load((fs::path(__FILE__).parent_path().parent_path() / relative).string(), error);
  if (!file) fail(error);
  return *file;
}

nlohmann::json submission() {
  return {{"degree", "bachelor"}, {"year", 2}, {"certificate_language", "french"}, {"certified_level", "B2"},
          {"cv", {{"it", "cv-it.pdf"}, {"foreign", "cv-fr.pdf"}}}, {"letter", {{"it", "l-it.pdf"}, {"foreign", "l-fr.pdf"}}},
          {"certificate", "delf.pdf"}};
}

// The i-th command of an applicant stream: even ones open application i/2, odd ones submit it.
std::pair<std::string, nlohmann::json> nth_command(std::uint64_t i) {
  if (i % 2 == 0) return {"start_application", {{"project", "mie-2021/project/lyon"}}};
  return {"submit", submission()};
}

// MIE as shipped but for `names case` (docs/LANGUAGE.md): one bench token opens every application
// of a run, where a real edition ties each application to its own student. The check it skips
// compares two strings.
dsl::SourceFile mie_for_one_student() {
  std::string text = shipped("workflows/mie.flow").text();
  for (std::size_t at; (at = text.find(" names case")) != std::string::npos;) text.erase(at, 11);
  return dsl::SourceFile("workflows/mie.flow", std::move(text));
}

// A durable store with MIE 2021 published and one project open, on a clock inside the call.
struct Store {
  ManualClock clock{dsl::parse_datetime("2021-09-01 09:00 Europe/Rome")->utc_micros};
  std::unique_ptr<store::EventStore> store;

  explicit Store(const fs::path& dir) {
    auto opened = store::EventStore::open(dir, {.read_only = false, .create_if_missing = true, .sync = true, .clock = &clock});
    if (!opened.is_ok()) fail(opened.status().to_string());
    store = std::move(*opened);
    engine::Engine e(*store, clock);
    dsl::Diagnostics diagnostics;
    if (!e.publish(mie_for_one_student(), shipped("rules/mie-2021.rules"), "mie-2021", diagnostics).is_ok())
      fail("publishing MIE");
    clock.set(dsl::parse_datetime("2021-09-20 10:00 Europe/Rome")->utc_micros);
    handle(e, "mentor", "marco", "mie-2021/project/lyon", "offer_project",
           {{"host", "Institut Lumière"}, {"country", "France"}, {"sector", "film"}, {"language", "french"}});
    handle(e, "staff", "carla", "mie-2021/project/lyon", "publish_project", nlohmann::json::object());
    for (int h = 0; h < g_hot; ++h) {
      handle(e, "student", "bench", hot_case(h), "start_application", nth_command(0).second);
      handle(e, "student", "bench", hot_case(h), "submit", nth_command(1).second);
    }
  }
  static std::string hot_case(std::uint64_t h) { return fmt::format("mie-2021/application/hot-{}", h); }
  static void handle(engine::Engine& e, const std::string& role, const std::string& user, const std::string& c,
                     const std::string& command, const nlohmann::json& inputs) {
    auto r = e.handle({c, command, {user, role}, inputs, ""});
    if (!r.is_ok()) fail(fmt::format("{} on {}: {}", command, c, r.status().to_string()));
  }
};

struct Round {
  double rate = 0;
  std::vector<double> latencies;  // seconds, one per command
  std::uint64_t failed = 0;
  std::uint64_t conflicts = 0;  // of failed: 409
};

// In process: g_workers threads, one Engine each; commands per second and each one's duration.
Round in_process(std::vector<std::unique_ptr<engine::Engine>>& engines, const std::string& round,
                 double seconds) {
  std::atomic<bool> stop{false};
  std::vector<std::vector<double>> per_thread(g_workers);
  std::vector<std::thread> threads;
  const auto start = Stopwatch::now();
  for (int t = 0; t < g_workers; ++t)
    threads.emplace_back([&, t] {
      engine::Engine& e = *engines[t];
      for (std::uint64_t i = 0; !stop; ++i) {
        auto [command, inputs] = nth_command(i);
        const auto began = Stopwatch::now();
        Store::handle(e, "student", "bench", fmt::format("mie-2021/application/{}-t{}-{}", round, t, i / 2), command, inputs);
        per_thread[t].push_back(std::chrono::duration<double>(Stopwatch::now() - began).count());
      }
    });
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& th : threads) th.join();
  Round r;
  for (auto& v : per_thread) r.latencies.insert(r.latencies.end(), v.begin(), v.end());
  r.rate = static_cast<double>(r.latencies.size()) / std::chrono::duration<double>(Stopwatch::now() - start).count();
  return r;
}

// One keep-alive connection of the load client: request, response, next, until told to stop.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(api::net::io_context& io, std::string prefix, std::uint64_t index, const std::atomic<bool>& stop,
             Round& round, std::uint64_t& accepted)
      : stream_(io), prefix_(std::move(prefix)), index_(index), stop_(stop), round_(round), accepted_(accepted) {}

  void start(const api::tcp::endpoint& server) {
    stream_.async_connect(server, [self = shared_from_this()](api::beast::error_code ec) {
      if (ec) fail("connect: " + ec.message());
      self->next();
    });
  }

 private:
  void next() {
    if (stop_) return;
    auto [command, inputs] = nth_command(i_);
    std::string target = fmt::format("/v1/cases/mie-2021/application/{}-{}", prefix_, i_ / 2);
    std::string token = kToken;
    if (g_hot > 0) {
      command = "record_interview";
      inputs = {{"held_on", "2021-09-21T10:00:00+02:00"}, {"outcome", "recommended"}};
      target = "/v1/cases/" + Store::hot_case((index_ + i_) % static_cast<std::uint64_t>(g_hot));
      token = kStaffToken;
    }
    request_ = {api::http::verb::post, target, 11};
    request_.set(api::http::field::host, "127.0.0.1");
    request_.set(api::http::field::authorization, "Bearer " + token);
    request_.set(api::http::field::content_type, "application/json");
    request_.body() = nlohmann::json{{"command", command}, {"inputs", inputs}}.dump();
    request_.prepare_payload();
    ++i_;
    sent_ = Stopwatch::now();
    api::http::async_write(stream_, request_, [self = shared_from_this()](api::beast::error_code ec, std::size_t) {
      if (ec) fail("write: " + ec.message());
      self->response_ = {};
      api::http::async_read(self->stream_, self->buffer_, self->response_,
                            [self](api::beast::error_code e, std::size_t) { self->on_read(e); });
    });
  }
  void on_read(api::beast::error_code ec) {
    if (ec) fail("read: " + ec.message());
    round_.latencies.push_back(std::chrono::duration<double>(Stopwatch::now() - sent_).count());
    if (response_.result_int() / 100 == 2) ++accepted_;
    else if (response_.result_int() == 409) ++round_.failed, ++round_.conflicts;
    else if (++round_.failed == 1) fmt::print(stderr, "http_bench: unexpected {}: {}\n", response_.result_int(), response_.body());
    next();
  }

  api::beast::tcp_stream stream_;
  api::beast::flat_buffer buffer_;
  api::http::request<api::http::string_body> request_;
  api::http::response<api::http::string_body> response_;
  std::string prefix_;
  std::uint64_t index_;
  const std::atomic<bool>& stop_;
  Round& round_;
  std::uint64_t& accepted_;
  std::uint64_t i_ = 0;
  Stopwatch::time_point sent_;
};

// Over HTTP: g_connections connections on one client thread against the server on `port`.
Round over_http(std::uint16_t port, const std::string& round, double seconds) {
  api::net::io_context io;
  std::atomic<bool> stop{false};
  Round r;
  std::uint64_t accepted = 0;
  const api::tcp::endpoint endpoint(api::net::ip::make_address("127.0.0.1"), port);
  for (int c = 0; c < g_connections; ++c)
    std::make_shared<Connection>(io, fmt::format("{}-c{}", round, c), c, stop, r, accepted)->start(endpoint);
  const auto start = Stopwatch::now();
  std::thread client([&] { io.run(); });
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;  // each connection finishes the request it has in flight
  client.join();
  r.rate = static_cast<double>(accepted) / std::chrono::duration<double>(Stopwatch::now() - start).count();
  return r;
}

double percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  const auto k = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

// The server under test: on a free port, g_workers workers, no timer ticks.
api::ServerOptions server_options() {
  api::ServerOptions options;
  options.port = 0;
  options.workers = g_workers;
  options.tick_every = std::chrono::milliseconds(0);
  return options;
}

// Adds one round of the HTTP side to the running total (rates averaged over kRounds).
void add_round(Round& total, const Round& r) {
  total.rate += r.rate / kRounds;
  total.failed += r.failed;
  total.conflicts += r.conflicts;
  total.latencies.insert(total.latencies.end(), r.latencies.begin(), r.latencies.end());
}

// --hot N: only the server, its commands contending for N cases; the share of 409s.
int hot_cases(const fs::path& dir, const api::TokenTable& tokens, bool keep) {
  Round http;
  {
    Store http_store(dir / "http");
    api::Server server(*http_store.store, http_store.clock, tokens, server_options());
    if (!server.start().is_ok()) fail("starting the server");
    over_http(server.port(), "warm", kWarmUp);
    for (int round = 0; round < kRounds; ++round) {
      add_round(http, over_http(server.port(), fmt::format("r{}", round), g_seconds / kRounds));
    }
    server.stop();
    server.wait();
  }
  const auto requests = http.latencies.size();
  const double share = requests ? 100.0 * static_cast<double>(http.conflicts) / static_cast<double>(requests) : 0;
  fmt::print("HTTP, {} connections on {} hot cases   {:>7.0f} commands/s   p50 {:.2f} ms   p99 {:.2f} ms\n", g_connections,
             g_hot, http.rate, percentile(http.latencies, 0.50) * 1e3, percentile(http.latencies, 0.99) * 1e3);
  fmt::print("409 (conflict given up)     {} of {} requests, {:.3f}% (target <= 0.1%: {}); {} other failures\n",
             http.conflicts, requests, share, share <= 0.1 ? "met" : "MISSED", http.failed - http.conflicts);
  if (!keep) fs::remove_all(dir);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path dir;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) fail(a + " needs a value");
      return argv[++i];
    };
    if (a == "--seconds") g_seconds = std::stod(value());
    else if (a == "--workers") g_workers = std::stoi(value());
    else if (a == "--connections") g_connections = std::stoi(value());
    else if (a == "--dir") dir = value();
    else if (a == "--hot") g_hot = std::stoi(value());
    else fail("usage: http_bench [--seconds S] [--workers W] [--connections C] [--hot N] [--dir DIR]");
  }
  const bool keep = !dir.empty();
  if (!keep) dir = fs::temp_directory_path() / fmt::format("mentorflow-http-bench-{}", ::getpid());
  fs::create_directories(dir);
  fmt::print("http_bench: {} workers, {} connections, {}s per side in {} rounds, in {}\n", g_workers, g_connections,
             g_seconds, kRounds, dir.string());

  const api::TokenTable tokens = api::TokenTable::from_tokens(
      {{kToken, {"bench", {"student"}, {"mie-2021"}}}, {kStaffToken, {"carla", {"staff"}, {"mie-2021"}}}});
  if (g_hot > 0) return hot_cases(dir, tokens, keep);
  Round engine, http;
  {
    Store engine_store(dir / "in-process");
    Store http_store(dir / "http");
    // As the server's workers run: the engines leave the read models to a follower.
    engine::read_models::ReadModelFollower follower(*engine_store.store);
    std::vector<std::unique_ptr<engine::Engine>> engines;
    for (int t = 0; t < g_workers; ++t)
      engines.push_back(std::make_unique<engine::Engine>(*engine_store.store, engine_store.clock,
                                                         engine::ReadModelUpkeep::kByFollower));
    api::Server server(*http_store.store, http_store.clock, tokens, server_options());
    if (!server.start().is_ok()) fail("starting the server");
    // Warming up, not counted: each engine compiles the edition's definition on its first command.
    in_process(engines, "warm", kWarmUp);
    over_http(server.port(), "warm", kWarmUp);
    const double slice = g_seconds / kRounds;
    for (int round = 0; round < kRounds; ++round) {
      Round e = in_process(engines, fmt::format("r{}", round), slice);
      engine.rate += e.rate / kRounds;
      engine.latencies.insert(engine.latencies.end(), e.latencies.begin(), e.latencies.end());
      add_round(http, over_http(server.port(), fmt::format("r{}", round), slice));
    }
    server.stop();
    server.wait();
  }
  const double ratio = 100.0 * http.rate / engine.rate;
  const double p50 = percentile(http.latencies, 0.50) * 1e3, p99 = percentile(http.latencies, 0.99) * 1e3;
  fmt::print("in-process, {} engines      {:>9.0f} commands/s   p50 {:.2f} ms   p99 {:.2f} ms per command\n", g_workers,
             engine.rate, percentile(engine.latencies, 0.50) * 1e3, percentile(engine.latencies, 0.99) * 1e3);
  fmt::print("HTTP, {} connections        {:>9.0f} commands/s   {:.0f}% of in-process (target >= 50%: {})\n",
             g_connections, http.rate, ratio, ratio >= 50 ? "met" : "MISSED");
  fmt::print("HTTP latency                p50 {:.2f} ms   p99 {:.2f} ms (target p99 <= 20 ms: {})   {} requests, {} not 2xx\n",
             p50, p99, p99 <= 20 ? "met" : "MISSED", http.latencies.size(), http.failed);
  if (!keep) fs::remove_all(dir);
  return 0;
}
