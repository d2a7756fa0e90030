#pragma once
// One HTTP connection (internal to the server): reads a request under a deadline and within the
// size limits, hands it to the worker pool, writes the response, and starts over while the
// connection is kept alive. Every step runs on the connection's strand, as a do_x/on_x pair.
#include <array>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "api/asio.hpp"
#include "api/http_message.hpp"
#include "api/metrics.hpp"
#include "api/router.hpp"
#include "api/server.hpp"
#include "api/worker_pool.hpp"

namespace mentorflow::api {

class Session;

// What the server's sessions share.
struct SessionShared {
  const ServerOptions& options;
  std::size_t max_connections;  // in force (ServerOptions::max_connections resolved)
  net::io_context& io;
  const Router& router;
  WorkerPool& workers;
  Metrics& metrics;
  std::atomic<bool> stopping{false};
  std::atomic<std::size_t> connections{0};  // sessions admitted and not yet closed

  std::mutex sessions_mu;  // guards sessions
  std::vector<std::weak_ptr<Session>> sessions;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  // An admitted session counts in shared.connections while it lives; one that is not only says
  // the server is full (reject()).
  Session(tcp::socket&& socket, SessionShared& shared, bool admitted = true);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Starts reading on the session's strand.
  void start();
  // On the session's strand: answers 503 `busy` (the server is at its connection limit) and closes.
  void reject();
  // From any thread: closes the connection now if no request is under way, else after the
  // response to the request in flight (which is still answered).
  void shut_down();

 private:
  void do_read();
  void on_header(beast::error_code ec);
  void on_continue(beast::error_code ec);
  void on_read(beast::error_code ec);
  void read_failed(beast::error_code ec);
  void handle();
  void do_write(ApiResponse response, bool keep_alive);
  void on_write(beast::error_code ec, bool keep_alive);
  void do_drain();
  void do_drain_more();
  void do_close();
  std::string too_large_message() const;

  static constexpr std::chrono::milliseconds kDrainFor{1000};

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> response_;
  http::response<http::empty_body> continue_;
  SessionShared& shared_;
  const bool admitted_;
  bool busy_ = false;  // a request is being handled or answered; only touched on the strand
  // do_close() ran: nothing more is read, handled or written here. A read already done by the
  // kernel may still complete after the close (its bytes taken before, its handler queued behind
  // it): such a request is dropped unhandled, so that no command commits without an answer.
  bool closed_ = false;
  std::array<char, 4096> drain_{};
  std::chrono::steady_clock::time_point received_;
  std::size_t body_limit_ = 0;  // the request's: its route's, or the server's
};

}  // namespace mentorflow::api
