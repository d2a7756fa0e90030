// The real `mentorflow serve` process: tokens made by `mentorflow token add`, and a graceful stop
// on SIGTERM with requests in flight: every request answered was written whole, every case in
// the store was answered, and the store closes cleanly.
#include <fcntl.h>
#include <signal.h>
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

using namespace mentorflow::testing;

namespace {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string token_for(const std::filesystem::path& tokens, const std::string& user, const std::string& roles) {
  auto r = run_cli({"token", "add", "--tokens", tokens.string(), "--user", user, "--roles", roles, "--editions", "mie-2021"});
  REQUIRE(r.exit_code == 0);
  REQUIRE(!r.out.empty());
  return r.out.substr(0, r.out.size() - 1);  // without the newline
}

// `mentorflow serve` in the background, its output in a file.
class ServeProcess {
 public:
  ServeProcess(const std::vector<std::string>& args, const std::filesystem::path& out) {
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      const int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      std::vector<std::string> all = {cli_path().string(), "serve"};
      all.insert(all.end(), args.begin(), args.end());
      std::vector<char*> argv;
      for (auto& a : all) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    // Wait (up to ~10 s) for the line that names the port.
    const std::regex listening("listening on http://127\\.0\\.0\\.1:([0-9]+)");
    for (int i = 0; i < 1000 && port_ == 0; ++i) {
      std::smatch m;
      const std::string text = read_file(out);
      if (std::regex_search(text, m, listening)) port_ = static_cast<std::uint16_t>(std::stoi(m[1]));
      else std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    REQUIRE(port_ != 0);
  }
  ~ServeProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  std::uint16_t port() const { return port_; }
  void signal(int sig) { ::kill(pid_, sig); }
  // The exit status, once it has exited.
  int wait() {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

 private:
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace

TEST_CASE("token add prints a token once and stores only its hash", "[api][cli]") {
  TempDir dir;
  const auto tokens = dir / "tokens";
  const std::string token = token_for(tokens, "carla", "staff,auditor");
  CHECK(std::regex_match(token, std::regex("mft_[0-9a-f]{64}")));
  const std::string file = read_file(tokens);
  CHECK(file.find(token) == std::string::npos);
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
  CHECK(r.err.find("tokens:1:") != std::string::npos);
  CHECK(run_cli({"serve", "--store", (dir / "store").string(), "--listen", "nowhere"}).exit_code == 2);

  ServeProcess first({"--store", (dir / "store").string(), "--listen", "127.0.0.1:0"}, dir / "serve.log");
  r = run_cli({"serve", "--store", (dir / "other").string(), "--listen", "127.0.0.1:" + std::to_string(first.port())});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("already in use") != std::string::npos);
  // The store of a running server is locked for other writers.
  r = run_cli({"serve", "--store", (dir / "store").string(), "--listen", "127.0.0.1:0"});
  CHECK(r.exit_code == 1);
  first.signal(SIGINT);
  CHECK(first.wait() == 0);
}

TEST_CASE("SIGTERM with requests in flight: none lost, none half-written, the store closed cleanly", "[api][cli]") {
  TempDir dir;
  const std::string store = (dir / "store").string();
  const std::string now = "2021-09-20 10:00 Europe/Rome";
  REQUIRE(run_cli({"publish", "--store", store, (source_dir() / "workflows/mie.flow").string(), "--rules",
                   (source_dir() / "rules/mie-2021.rules").string(), "--edition", "mie-2021", "--now", now})
              .exit_code == 0);
  const auto tokens = dir / "tokens";
  const std::string student = token_for(tokens, "sara", "student");
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

  constexpr int kClients = 12;
  std::mutex mu;
  std::set<std::string> answered;  // cases whose start_application was answered 201
  std::atomic<int> responses{0}, malformed{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < kClients; ++t)
    clients.emplace_back([&, t] {
      HttpClient c(serve.port());
      for (int i = 0;; ++i) {
        const std::string id = "s" + std::to_string(t) + "-" + std::to_string(i);
        HttpReply r = c.post("/v1/cases/mie-2021/application/" + id,
                             {{"command", "start_application"}, {"inputs", {{"project", "mie-2021/project/lyon-film"}}}},
                             student);
        if (r.status == 0) return;  // the server closed the connection: stopping
        ++responses;
        if (r.status != 201 || !r.json().is_object() || r.json()["case"] != "mie-2021/application/" + id) ++malformed;
        std::lock_guard lock(mu);
        answered.insert("mie-2021/application/" + id);
      }
    });
  while (responses < 60) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  serve.signal(SIGTERM);
  for (auto& t : clients) t.join();
  CHECK(serve.wait() == 0);
  const std::string log = read_file(dir / "serve.log");
  CHECK(log.find("stopped; store closed") != std::string::npos);
  CHECK(malformed == 0);

  // The store: exactly the answered cases, each whole; the chain and decisions verify.
  auto listed = run_cli({"cases", "--store", store, "mie-2021", "--type", "application"});
  REQUIRE(listed.exit_code == 0);
  std::set<std::string> stored;
  std::istringstream lines(listed.out);
  for (std::string name, state; lines >> name >> state;) {
    CHECK(state == "draft");
    stored.insert(name);
  }
  CHECK(stored == answered);
  CHECK(answered.size() >= 60);
  CHECK(run_cli({"verify", "--store", store}).exit_code == 0);
}
