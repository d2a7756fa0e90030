#include "api/server.hpp"

#include <fmt/core.h>

#include <sys/resource.h>

#include <algorithm>
#include <csignal>
#include <exception>
#include <filesystem>
#include <mutex>
#include <thread>

#include "api/api_error.hpp"
#include "api/asio.hpp"
#include "api/router.hpp"
#include "api/session.hpp"
#include "api/worker_pool.hpp"
#include "engine/read_models/read_model.hpp"
#include "engine/timers/tick.hpp"

namespace mentorflow::api {

struct Server::State {
  State(store::EventStore& s, const Clock& c, const TokenTable& t, ServerOptions o)
      : store(s),
        clock(c),
        options(std::move(o)),
        sign_in(t, ProxySignIn{options.user_header, options.trusted_proxy, options.users}, options.session_lifetime,
                options.secure_cookies),
        router(t, metrics, sign_in, options.checkpoints, options.pseudonyms),
        io(std::max(1, options.network_threads)),
        acceptor(net::make_strand(io)), accept_timer(acceptor.get_executor()), tick_timer(net::make_strand(io)),
        signals(io) {}

  void do_accept();
  void on_accept(beast::error_code ec, tcp::socket socket);
  void accept_later(beast::error_code ec);
  void arm_clock();
  void tick();
  void begin_stop();

  store::EventStore& store;
  const Clock& clock;
  const ServerOptions options;
  Metrics metrics;
  SignIn sign_in;
  Router router;
  net::io_context io;
  tcp::acceptor acceptor;
  net::steady_timer accept_timer;  // on the acceptor's strand: the pause after a failed accept
  // On the acceptor's strand: accepts failed since the last that worked. The first failure and the
  // recovery are logged, with the count, so that the log shows a pause rather than a spin.
  std::uint64_t accept_failures = 0;
  net::steady_timer tick_timer;
  net::signal_set signals;
  std::unique_ptr<WorkerPool> workers;
  std::unique_ptr<SessionShared> shared;
  std::vector<std::thread> threads;
  std::uint16_t port = 0;
  bool tick_running = false;  // on the timer's strand

  std::mutex run_mu;  // guards started and stop_requested; never held while waiting
  bool started = false, stop_requested = false;
  std::mutex join_mu;  // guards joined; held by wait() while the threads finish
  bool joined = false;
};

namespace {

// How long accepting pauses after a failure such as EMFILE (no file descriptor left): retrying at
// once would spin, and the descriptors come back only as connections close.
constexpr std::chrono::milliseconds kAcceptPause{100};

// Files the process keeps free for the store (tables opened later, logs) when it sets the default
// connection limit.
constexpr std::size_t kFilesKept = 32;

// The default connection limit: kDefaultMaxConnections, or what RLIMIT_NOFILE leaves once the
// files open now and kFilesKept are counted, so that the limit answers 503 before accept() fails.
std::size_t default_max_connections() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return kDefaultMaxConnections;
  std::error_code ec;
  std::size_t open = 0;
  for (auto it = std::filesystem::directory_iterator("/proc/self/fd", ec); !ec && it != std::filesystem::directory_iterator();
       it.increment(ec))
    ++open;
  const std::size_t used = open + kFilesKept;
  const std::size_t left = limit.rlim_cur > used ? static_cast<std::size_t>(limit.rlim_cur) - used : 1;
  return std::clamp<std::size_t>(left, 1, kDefaultMaxConnections);
}

}  // namespace

void Server::State::do_accept() {
  acceptor.async_accept(net::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
    on_accept(ec, std::move(socket));
  });
}

void Server::State::on_accept(beast::error_code ec, tcp::socket socket) {
  if (!acceptor.is_open() || shared->stopping) return;
  if (ec) return accept_later(ec);
  if (accept_failures > 0)
    fmt::print(stderr, "mentorflow serve: accepting connections again after {} failed attempt{}\n", accept_failures,
               accept_failures == 1 ? "" : "s");
  accept_failures = 0;
  metrics.connection_opened();
  const bool admitted = shared->connections < shared->max_connections;
  auto session = std::make_shared<Session>(std::move(socket), *shared, admitted);
  if (!admitted) {
    session->reject();
    return do_accept();
  }
  {
    std::lock_guard lock(shared->sessions_mu);
    std::erase_if(shared->sessions, [](const std::weak_ptr<Session>& s) { return s.expired(); });
    shared->sessions.push_back(session);
  }
  session->start();
  do_accept();
}

void Server::State::accept_later(beast::error_code ec) {
  if (ec == net::error::operation_aborted) return;
  if (ec == net::error::connection_aborted) return do_accept();  // that client is gone; the next may not be
  if (accept_failures++ == 0)
    fmt::print(stderr, "mentorflow serve: cannot accept connections ({}); retrying every {} ms\n", ec.message(),
               kAcceptPause.count());
  accept_timer.expires_after(kAcceptPause);
  accept_timer.async_wait([this](beast::error_code e) {
    if (!e && !shared->stopping) do_accept();
  });
}

// The clock loop: every tick_every, the engine fires the timers that are due, one tick at a time.
void Server::State::arm_clock() {
  if (options.tick_every.count() == 0 || shared->stopping) return;
  tick_timer.expires_after(options.tick_every);
  tick_timer.async_wait([this](beast::error_code ec) {
    if (ec || shared->stopping) return;
    tick();
  });
}

void Server::State::tick() {
  if (tick_running) return;
  tick_running = true;
  const auto rearm = [this] {
    tick_running = false;
    arm_clock();
  };
  const bool queued = workers->post([this, rearm, guard = net::make_work_guard(io)](engine::Engine& engine) {
    // A throw here must neither end the process nor stop the clock: log it, tick again later.
    try {
      auto fired = engine::timers::tick(engine);
      if (!fired.is_ok()) fmt::print(stderr, "mentorflow serve: timers: {}\n", log_text(fired.status().to_string()));
      else
        for (const engine::timers::Fired& f : *fired)
          if (!f.already)  // another node fired it: that node says so
            fmt::print("mentorflow serve: timer {} on {}: {}\n", f.timer, f.case_name, f.outcome);
    } catch (const std::exception& e) {
      fmt::print(stderr, "mentorflow serve: timers failed: {}\n", log_text(e.what()));
    } catch (...) {
      fmt::print(stderr, "mentorflow serve: timers failed: unknown exception\n");
    }
    std::fflush(stdout);
    net::post(tick_timer.get_executor(), rearm);
  });
  if (!queued) rearm();  // the queue is full: the timers wait for the next tick
}

void Server::State::begin_stop() {
  shared->stopping = true;
  net::post(acceptor.get_executor(), [this] {
    beast::error_code ec;
    acceptor.close(ec);
    accept_timer.cancel();
  });
  net::post(tick_timer.get_executor(), [this] { tick_timer.cancel(); });
  net::post(io, [this] {
    beast::error_code ec;
    signals.cancel(ec);
  });
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard lock(shared->sessions_mu);
    for (auto& weak : shared->sessions)
      if (auto s = weak.lock()) live.push_back(std::move(s));
  }
  for (auto& s : live) s->shut_down();
}

namespace {

// Each worker compiles the definitions of the editions the read models know before taking
// requests, so the first commands after a start do not all wait for compilations at once.
void compile_editions(engine::Engine& engine) {
  auto counts = engine::read_models::state_counts(engine.store());
  if (!counts.is_ok()) return;  // a cache only: the definitions are then compiled on first use
  std::string last;
  for (const engine::read_models::StateCount& c : *counts)
    if (c.edition != last) {
      last = c.edition;
      (void)engine.definition_of_edition(c.edition);
    }
}

}  // namespace

Server::Server(store::EventStore& store, const Clock& clock, const TokenTable& tokens, ServerOptions options)
    : state_(std::make_unique<State>(store, clock, tokens, std::move(options))) {}

Server::~Server() {
  stop();
  wait();
}

Status Server::start() {
  State& s = *state_;
  std::lock_guard lock(s.run_mu);
  if (s.started) return Status::ok();
  beast::error_code ec;
  const auto address = net::ip::make_address(s.options.address, ec);
  if (ec) return Status::invalid_argument(fmt::format("'{}' is not an IP address", s.options.address));
  const tcp::endpoint endpoint(address, s.options.port);
  s.acceptor.open(endpoint.protocol(), ec);
  if (!ec) s.acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) s.acceptor.bind(endpoint, ec);
  if (ec == net::error::address_in_use)
    return Status::busy(fmt::format("{}:{} is already in use", s.options.address, s.options.port));
  if (!ec) s.acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) return Status::io_error(fmt::format("cannot listen on {}:{}: {}", s.options.address, s.options.port, ec.message()));
  s.port = s.acceptor.local_endpoint().port();

  s.workers = std::make_unique<WorkerPool>(s.store, s.clock, s.options.workers, s.options.max_queued, compile_editions);
  const std::size_t max_connections = s.options.max_connections > 0 ? s.options.max_connections : default_max_connections();
  s.shared.reset(new SessionShared{s.options, max_connections, s.io, s.router, *s.workers, s.metrics, {}, {}, {}, {}});
  if (s.options.stop_on_signals) {
    s.signals.add(SIGINT);
    s.signals.add(SIGTERM);
    s.signals.async_wait([this](beast::error_code ec, int) {
      if (!ec) stop();
    });
  }
  s.do_accept();
  net::dispatch(s.tick_timer.get_executor(), [&s] { s.arm_clock(); });
  for (int i = 0; i < std::max(1, s.options.network_threads); ++i) s.threads.emplace_back([&s] { s.io.run(); });
  s.started = true;
  return Status::ok();
}

std::uint16_t Server::port() const { return state_->port; }

std::size_t Server::max_connections() const { return state_->shared ? state_->shared->max_connections : 0; }

Metrics& Server::metrics() { return state_->metrics; }

void Server::stop() {
  State& s = *state_;
  {
    std::lock_guard lock(s.run_mu);
    if (!s.started || s.stop_requested) return;
    s.stop_requested = true;
  }
  s.begin_stop();
}

void Server::wait() {
  State& s = *state_;
  {
    std::lock_guard lock(s.run_mu);
    if (!s.started) return;
  }
  std::lock_guard lock(s.join_mu);
  if (s.joined) return;
  for (std::thread& t : s.threads) t.join();  // run() returns once no session, timer or job is left
  s.workers->stop();
  s.joined = true;
}

}  // namespace mentorflow::api
