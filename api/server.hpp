#pragma once
// The HTTP server (docs/API.md, "Server"): an asynchronous Beast server on Asio. A few network
// threads run the sockets, each connection on its own strand, with a timeout on every read and
// every write, limits on header and body sizes, on open connections and on queued requests (503
// `busy` beyond them); requests go to a WorkerPool whose threads each own an Engine. When the
// process runs out of file descriptors, accepting pauses and is retried on a timer.
// A clock loop fires the engine's due timers. stop() is graceful: no new connections, idle ones
// closed, requests in flight finished and answered, then the workers stop; the caller closes the
// store after wait() returns.
//
// start(), stop() and wait() may be called from any thread; stop() is idempotent.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "api/metrics.hpp"
#include "api/tokens.hpp"
#include "api/users.hpp"
#include "base/clock.hpp"
#include "base/status.hpp"
#include "engine/privacy/pseudonyms.hpp"
#include "store/event_store.hpp"

namespace mentorflow::api {

class Checkpointer;  // api/checkpointer.hpp

inline constexpr std::size_t kDefaultMaxConnections = 512;

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;     // 0: any free port (see Server::port())
  int network_threads = 2;
  int workers = 16;              // engines; many, so that group commit can batch their syncs
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 1024 * 1024;
  // Connections open at once; one more is answered 503 `busy` and closed. 0: kDefaultMaxConnections,
  // or fewer when the process may not open that many more files (each connection is one).
  std::size_t max_connections = 0;
  // Requests read whole and waiting for a worker; one more is answered 503 `busy`.
  std::size_t max_queued = 1024;
  // The whole of a request (headers and body) must arrive within this; also the idle keep-alive.
  std::chrono::milliseconds read_timeout{10'000};
  // The whole of a response must be taken by the client within this, else the connection closes.
  std::chrono::milliseconds write_timeout{10'000};
  // How often the clock loop fires due timers; zero: never (timers are then left to `tick`).
  std::chrono::milliseconds tick_every{1'000};
  bool stop_on_signals = false;  // SIGINT and SIGTERM call stop()

  // Browser sessions (api/sign_in.hpp): how long one lasts after sign-in, and whether its cookie
  // is marked Secure even when the proxy does not say the browser spoke HTTPS.
  std::chrono::seconds session_lifetime{8 * 3600};
  bool secure_cookies = false;
  // Single sign-on: the header a reverse proxy names the user in, the proxy's address (the only
  // one believed), and the users file (not owned; must outlive the server). Empty: off.
  std::string user_header;
  std::string trusted_proxy;
  const UserTable* users = nullptr;

  // The door's pseudonyms on a store with personal data (docs/PRIVACY.md; not owned, must outlive
  // the server): user ids coming in are mapped, text going out is revealed. Null: ids in clear.
  const engine::Pseudonyms* pseudonyms = nullptr;

  // The signer of checkpoints GET /v1/checkpoint answers from (not owned; must outlive the
  // server). Null: the server signs none, and GET /v1/checkpoint says so (404).
  const Checkpointer* checkpoints = nullptr;
};

class Server {
 public:
  // `store`, `clock` and `tokens` are not owned and must outlive the server.
  Server(store::EventStore& store, const Clock& clock, const TokenTable& tokens, ServerOptions options);
  ~Server();  // stops and waits if still running
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts the threads. InvalidArgument for an address that does not parse;
  // Busy when the port is taken; IOError for other socket failures.
  Status start();
  // The port listened on (after start(); the chosen one when options.port was 0).
  std::uint16_t port() const;
  // The connection limit in force (after start(): options.max_connections, or the default).
  std::size_t max_connections() const;
  // Begins a graceful stop (see above) and returns at once.
  void stop();
  // Blocks until the server has stopped: every response written, every worker joined.
  void wait();

  Metrics& metrics();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace mentorflow::api
