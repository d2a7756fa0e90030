// The real `mentorflow serve` process: tokens made by `mentorflow token add`, and a graceful stop
// on SIGTERM with requests in flight: every request answered was written whole, every case in
// the store was answered, and the store closes cleanly.
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <mutex>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "tests/api/api_fixture.hpp"
#include "tests/support/cli_store.hpp"
#include "tests/support/serve_process.hpp"
#include "tests/support/text.hpp"

using namespace mentorflow::testing;

TEST_CASE("token add prints a token once and stores only its hash", "[api][cli]") {
  TempDir dir;
  const auto tokens = dir / "tokens";
  const std::string token = token_for(tokens, "carla", "staff,auditor");
  CHECK(std::regex_match(token, std::regex("mft_[0-9a-f]{64}")));
  const std::string file = read_file(tokens);
  CHECK_FALSE(contains(file, token));
  CHECK(std::regex_search(file, std::regex("^[0-9a-f]{64}  carla  staff,auditor  mie-2021\n$")));
  struct stat st{};
  REQUIRE(::stat(tokens.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(token_for(tokens, "carla", "staff") != token);  // every token is new
  CHECK(run_cli({"token", "add", "--tokens", tokens.string(), "--user", "x"}).exit_code == 2);
  CHECK(run_cli({"token", "add", "--tokens", tokens.string(), "--user", "a b", "--roles", "staff", "--editions", "*"})
            .exit_code == 1);
}

TEST_CASE("serve refuses a malformed tokens file and a port in use", "[api][cli]") {
  TempDir dir;
  std::ofstream(dir / "tokens") << "not-a-hash carla staff\n";
  auto r = run_cli({"serve", "--store", (dir / "store").string(), "--tokens", (dir / "tokens").string()});
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "tokens:1:"));
  CHECK(run_cli({"serve", "--store", (dir / "store").string(), "--listen", "nowhere"}).exit_code == 2);

  ServeProcess first({"--store", (dir / "store").string(), "--listen", "127.0.0.1:0"}, dir / "serve.log");
  r = run_cli({"serve", "--store", (dir / "other").string(), "--listen", "127.0.0.1:" + std::to_string(first.port())});
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "already in use"));
  // The store of a running server is locked for other writers.
  r = run_cli({"serve", "--store", (dir / "store").string(), "--listen", "127.0.0.1:0"});
  CHECK(r.exit_code == 1);
  first.signal(SIGINT);
  CHECK(first.wait() == 0);
}

TEST_CASE("token add refuses the engine's own role system", "[api][cli]") {
  TempDir dir;
  auto r = run_cli({"token", "add", "--tokens", (dir / "tokens").string(), "--user", "eve", "--roles", "staff,system",
                    "--editions", "*"});
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "'system' is the engine's own role"));
  CHECK(!std::filesystem::exists(dir / "tokens"));
}

TEST_CASE("serve names the line and the field of every malformed tokens line", "[api][cli]") {
  TempDir dir;
  const std::string hash(64, 'a'), other(64, 'b');
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"xyz carla staff mie-2021", "tokens:2: SHA256 'xyz' is not 64 hex digits"},
      {hash, "tokens:2: USER is missing"},
      {hash + " carla", "tokens:2: ROLES is missing"},
      {hash + " carla staff", "tokens:2: EDITIONS is missing"},
      {hash + " carla staff mie-2021 mie-2022", "tokens:2: 'mie-2022' follows EDITIONS: lists take commas, not spaces"},
      {hash + " carla ,, mie-2021", "tokens:2: ROLES ',,' names none"},
      {hash + " carla staff ,", "tokens:2: EDITIONS ',' names none"},
      {hash + " carla staff,system mie-2021", "tokens:2: ROLES holds 'system', the engine's own role"},
      {hash + " carla staff mie-2021\n" + other + " x staff *\n" + hash + " mallory staff *",
       "tokens:4: SHA256 is the token of line 2 again; each token may appear once"},
  };
  for (const auto& [lines, expected] : cases) {
    std::ofstream(dir / "tokens") << "# SHA256 USER ROLES EDITIONS\n" << lines << "\n";
    auto r = run_cli({"serve", "--store", (dir / "store").string(), "--tokens", (dir / "tokens").string()});
    INFO(lines << "\n" << r.err);
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, expected));
  }
}

TEST_CASE("serve warns at start about token roles no published workflow declares", "[api][cli]") {
  CliStore s;
  const auto& dir = s.dir;
  const std::string& store = s.store;
  s.ok(s.cli({"publish", (source_dir() / "workflows/mie.flow").string(), "--rules",
              (source_dir() / "rules/mie-2021.rules").string(), "--edition", "mie-2021"}));
  const auto tokens = dir / "tokens";
  token_for(tokens, "carla", "staff");
  token_for(tokens, "anna", "mentee");  // MIE's applicants are students
  token_for(tokens, "pat", "publisher");
  ServeProcess serve({"--store", store, "--listen", "127.0.0.1:0", "--tokens", tokens.string()}, dir / "serve.log");
  const std::string log = read_file(dir / "serve.log");
  CHECK(contains(log, "warning: " + tokens.string() + ": role 'mentee' (user anna) is declared by no published workflow"));
  CHECK_FALSE(contains(log, "role 'staff'"));
  CHECK_FALSE(contains(log, "role 'publisher'"));
  serve.signal(SIGTERM);
  CHECK(serve.wait() == 0);
}

namespace {

// Whether every thread of process `pid` is asleep (state S, or D in the kernel) right now: a
// process retrying a failing accept at once always has a thread running (R).
bool all_threads_asleep(pid_t pid) {
  std::error_code ec;
  int threads = 0;
  for (const auto& task : std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/task", ec)) {
    // Field 3 of /proc/PID/task/TID/stat, after the command name in parentheses.
    const std::string stat = read_file(task.path() / "stat");
    const auto close = stat.rfind(')');
    if (close == std::string::npos || close + 2 >= stat.size()) return false;
    const char state = stat[close + 2];
    if (state != 'S' && state != 'D') return false;
    ++threads;
  }
  return !ec && threads > 0;
}

// Polls `serve.log` until `text` appears, at most `tries` times 20 ms apart.
bool log_shows(const std::filesystem::path& log, const std::string& text, int tries = 500) {
  for (int i = 0; i < tries; ++i) {
    if (contains(read_file(log), text)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

}  // namespace

TEST_CASE("out of file descriptors, the server pauses accepting instead of spinning, and recovers", "[api][cli]") {
  TempDir dir;
  const auto log = dir / "serve.log";
  // 64 descriptors and a connection limit above them: accepting fails with EMFILE.
  ServeProcess serve({"--store", (dir / "store").string(), "--listen", "127.0.0.1:0", "--max-connections", "1000",
                      "--read-timeout", "60000"},
                     log, 64);
  const auto start = std::chrono::steady_clock::now();  // no accept has failed before this
  std::vector<std::unique_ptr<HttpClient>> idle;
  for (int i = 0; i < 100; ++i) {
    idle.push_back(std::make_unique<HttpClient>(serve.port()));
    REQUIRE(idle.back()->open());  // the kernel completes the handshake even when the server cannot accept
  }
  REQUIRE(log_shows(log, "cannot accept connections (Too many open files); retrying every 100 ms"));
  // Not spinning means waiting between attempts: at some moment every thread of the server is
  // asleep. A loop that retries at once keeps one running, and this never holds.
  bool asleep = false;
  for (int i = 0; i < 500 && !asleep; ++i) {
    asleep = all_threads_asleep(serve.pid());
    if (!asleep) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(asleep);
  idle.clear();
  int status = 0;
  for (int i = 0; i < 250 && status != 200; ++i) {
    if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    HttpClient c(serve.port());
    status = c.get("/v1/health").status;
  }
  CHECK(status == 200);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  // And the attempts it reports: one per pause of 100 ms at the most while the descriptors were
  // out (all of it within `elapsed`), where a loop retrying at once makes thousands a second.
  const std::regex again("accepting connections again after ([0-9]+) failed attempts?");
  std::smatch m;
  const std::string text = read_file(log);
  REQUIRE(std::regex_search(text, m, again));
  const auto attempts = std::stoull(m[1]);
  CHECK(attempts >= 1);
  CHECK(attempts <= static_cast<unsigned long long>(elapsed / std::chrono::milliseconds(100)) + 1);
  serve.signal(SIGTERM);
  CHECK(serve.wait() == 0);
}

TEST_CASE("with few file descriptors the default connection limit answers 503 before accept fails", "[api][cli]") {
  TempDir dir;
  // The audit's case: ulimit -n 64, 100 idle connections, then a health check.
  ServeProcess serve({"--store", (dir / "store").string(), "--listen", "127.0.0.1:0", "--read-timeout", "60000"},
                     dir / "serve.log", 64);
  CHECK(contains(read_file(dir / "serve.log"), "connections at once: the process may open few more files"));
  std::vector<std::unique_ptr<HttpClient>> idle;
  for (int i = 0; i < 100; ++i) {
    idle.push_back(std::make_unique<HttpClient>(serve.port()));
    REQUIRE(idle.back()->open());
  }
  HttpClient health(serve.port());
  health.set_timeout(std::chrono::seconds(20));
  HttpReply r = health.get("/v1/health");
  INFO(r.body);
  CHECK(r.status == 503);  // answered, not left waiting
  CHECK(r.error_code() == "busy");
  idle.clear();
  serve.signal(SIGTERM);
  CHECK(serve.wait() == 0);
}

TEST_CASE("SIGTERM with requests in flight: none lost, none half-written, the store closed cleanly", "[api][cli]") {
  CliStore s("2021-09-20 10:00 Europe/Rome");
  const auto& dir = s.dir;
  const std::string& store = s.store;
  const std::string& now = s.now;
  s.ok(s.cli({"publish", (source_dir() / "workflows/mie.flow").string(), "--rules",
              (source_dir() / "rules/mie-2021.rules").string(), "--edition", "mie-2021", "--now", now}));
  const auto tokens = dir / "tokens";
  const std::string mentor = token_for(tokens, "marco", "mentor");
  const std::string staff = token_for(tokens, "carla", "staff");

  ServeProcess serve({"--store", store, "--listen", "127.0.0.1:0", "--tokens", tokens.string(), "--now", now,
                      "--workers", "4"},
                     dir / "serve.log");
  {
    HttpClient c(serve.port());
    REQUIRE(c.post("/v1/cases/mie-2021/project/lyon-film",
                   {{"command", "offer_project"},
                    {"inputs", {{"host", "Institut Lumière"}, {"country", "France"}, {"sector", "film"}, {"language", "french"}}}},
                   mentor).status == 201);
    REQUIRE(c.post("/v1/cases/mie-2021/project/lyon-film", {{"command", "publish_project"}}, staff).status == 200);
  }

  // Each client offers projects (a case named by what it is, so one mentor opens many), one after
  // another on one connection.
  constexpr int kClients = 12;
  const nlohmann::json offer = {{"command", "offer_project"},
                                {"inputs", {{"host", "Studio"}, {"country", "France"}, {"sector", "film"}, {"language", "french"}}}};
  std::mutex mu;
  std::set<std::string> answered;  // cases whose offer_project was answered 201
  std::atomic<int> responses{0}, malformed{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < kClients; ++t)
    clients.emplace_back([&, t] {
      HttpClient c(serve.port());
      for (int i = 0;; ++i) {
        const std::string name = "mie-2021/project/s" + std::to_string(t) + "-" + std::to_string(i);
        HttpReply r = c.post("/v1/cases/" + name, offer, mentor);
        if (r.status == 0) return;  // the server closed the connection: stopping
        ++responses;
        if (r.status != 201 || !r.json().is_object() || r.json()["case"] != name) ++malformed;
        {
          std::lock_guard lock(mu);
          answered.insert(name);
        }
        // The server said it is closing this connection: it is stopping. Connecting again could
        // reach another test's server that has since been given the same port.
        if (!r.keep_alive) return;
      }
    });
  while (responses < 60) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  serve.signal(SIGTERM);
  for (auto& t : clients) t.join();
  CHECK(serve.wait() == 0);
  const std::string log = read_file(dir / "serve.log");
  CHECK(contains(log, "stopped; store closed"));
  CHECK(malformed == 0);

  // The store: exactly the answered cases, each whole; the chain and decisions verify.
  const auto listed = s.ok(s.cli({"cases", "mie-2021", "--type", "project"}));
  std::set<std::string> stored;
  std::istringstream lines(listed.out);
  for (std::string name, state; lines >> name >> state;) {
    if (name == "mie-2021/project/lyon-film") continue;  // offered before the clients started
    CHECK(state == "offered");
    stored.insert(name);
  }
  CHECK(stored == answered);
  CHECK(answered.size() >= 60);
  CHECK(s.cli({"verify"}).exit_code == 0);
}

TEST_CASE("serve signs checkpoints into the witness as the log grows, and verify passes through them", "[api][cli]") {
  CliStore s;
  const auto& dir = s.dir;
  s.ok(s.cli({"publish", (source_dir() / "workflows/mie.flow").string(), "--rules",
              (source_dir() / "rules/mie-2021.rules").string(), "--edition", "mie-2021"}));
  const std::string key = (dir / "key").string(), witness = (dir / "witness.jsonl").string();
  REQUIRE(run_cli({"keygen", "--out", key}).exit_code == 0);
  const auto tokens = dir / "tokens";
  const std::string marco = token_for(tokens, "marco", "mentor");

  // Mistakes first: each one sentence, nothing served.
  auto r = run_cli({"serve", "--store", s.store, "--checkpoint-key", key});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "--checkpoint-key needs --witness FILE"));
  r = run_cli({"serve", "--store", s.store, "--witness", witness});
  CHECK(r.exit_code == 2);
  r = run_cli({"serve", "--store", s.store, "--checkpoint-key", key + ".missing", "--witness", witness});
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "\nmentorflow: key file " + key + ".missing does not exist\n"));
  CHECK(!std::filesystem::exists(witness));

  const auto witness_lines = [&] {
    const std::string text = read_file(witness);
    return std::count(text.begin(), text.end(), '\n');
  };
  {
    ServeProcess serve({"--store", s.store, "--listen", "127.0.0.1:0", "--tokens", tokens.string(), "--checkpoint-key", key,
                        "--witness", witness, "--checkpoint-every", "1"},
                       dir / "serve.log");
    CHECK(witness_lines() == 1);  // the head at start
    HttpClient c(serve.port());
    HttpReply head = c.get("/v1/checkpoint");
    REQUIRE(head.status == 200);
    HttpReply offered = c.post("/v1/cases/mie-2021/project/lyon",
                               {{"command", "offer_project"},
                                {"inputs", {{"host", "Lumière"}, {"country", "France"}, {"sector", "film"}, {"language", "french"}}}},
                               marco);
    REQUIRE(offered.status == 201);
    // The line is written first, then the checkpoint is given out: what is given out is durable.
    const auto signed_position = [&] { return c.get("/v1/checkpoint").json()["position"].get<std::uint64_t>(); };
    for (int i = 0; i < 250 && signed_position() == head.json()["position"]; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK(signed_position() > head.json()["position"]);
    CHECK(witness_lines() >= 2);  // one per append the command made, at least one
    serve.signal(SIGTERM);
    CHECK(serve.wait() == 0);
  }
  auto verified = run_cli({"verify", "--store", s.store, "--witness", witness, "--public-key", key + ".pub"});
  INFO(verified.out << verified.err);
  CHECK(verified.exit_code == 0);
  CHECK(contains(verified.out, "witness " + witness + ": the log passes through its "));

  // A server without a key says it signs none.
  ServeProcess plain({"--store", s.store, "--listen", "127.0.0.1:0"}, dir / "plain.log");
  HttpClient c(plain.port());
  HttpReply none = c.get("/v1/checkpoint");
  CHECK(none.status == 404);
  CHECK(none.json()["error"]["code"] == "no_checkpoints");
}
