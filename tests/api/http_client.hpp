#pragma once
// A small synchronous HTTP/1.1 client for the API tests (Beast's sync client): one connection,
// kept alive between requests, plus raw writes for requests no polite client would send.
#include <sys/socket.h>
#include <sys/time.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/asio.hpp"

namespace mentorflow::testing {

struct HttpReply {
  int status = 0;           // 0: no response (the connection failed or closed)
  std::string body;
  std::string content_type;
  std::string retry_after;  // the Retry-After header, when sent
  bool keep_alive = false;
  std::vector<std::pair<std::string, std::string>> headers;  // every header, in order
  // The first value of header `name` (case-insensitive), or "".
  std::string header(const std::string& name) const {
    for (const auto& [n, v] : headers)
      if (api::beast::iequals(n, name)) return v;
    return "";
  }
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
  std::string error_code() const {
    auto j = json();
    return j.is_object() && j.contains("error") ? j["error"].value("code", "") : "";
  }
};

class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port) : port_(port) {}

  // Gives up on a read or a write after `timeout` (the reply then has status 0), so that a test
  // of a server that does not answer fails instead of hanging. Applies to connections opened after.
  void set_timeout(std::chrono::milliseconds timeout) { timeout_ = timeout; }

  // Connections opened after this call come from `address` (another address of the loopback
  // network, 127.0.0.2, say), as a client on another machine would.
  void bind_to(const std::string& address) { source_ = address; }

  // One request on the kept-alive connection (opened when needed). `token` empty: no
  // Authorization header; `content_type` empty: no Content-Type header; `headers` added as given.
  HttpReply request(const std::string& method, const std::string& target, const std::string& body = "",
                    const std::string& token = "", const std::string& content_type = "application/json",
                    const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    namespace http = api::http;
    http::request<http::string_body> req(http::string_to_verb(method), target, 11);
    req.set(http::field::host, "127.0.0.1:" + std::to_string(port_));
    if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
    if (!content_type.empty() && !body.empty()) req.set(http::field::content_type, content_type);
    for (const auto& [name, value] : headers) req.set(name, value);
    req.body() = body;
    req.prepare_payload();
    req.keep_alive(true);
    HttpReply reply;
    if (!connect()) return reply;
    api::beast::error_code ec;
    http::write(*socket_, req, ec);
    if (ec) return disconnect(reply);
    return read_reply();
  }

  HttpReply get(const std::string& target, const std::string& token = "") { return request("GET", target, "", token); }
  HttpReply post(const std::string& target, const nlohmann::json& body, const std::string& token) {
    return request("POST", target, body.dump(), token);
  }

  // Writes `bytes` as they are; false when the connection failed.
  bool send_raw(const std::string& bytes) {
    if (!connect()) return false;
    api::beast::error_code ec;
    api::net::write(*socket_, api::net::buffer(bytes), ec);
    return !ec;
  }

  // Reads one response (after send_raw); status 0 when the connection closes first.
  HttpReply read_reply() {
    namespace http = api::http;
    HttpReply reply;
    http::response<http::string_body> res;
    api::beast::error_code ec;
    http::read(*socket_, buffer_, res, ec);
    if (ec) return disconnect(reply);
    reply.status = static_cast<int>(res.result_int());
    reply.body = res.body();
    reply.content_type = std::string(res[http::field::content_type]);
    reply.retry_after = std::string(res[http::field::retry_after]);
    for (const auto& field : res) reply.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    reply.keep_alive = res.keep_alive();
    if (!reply.keep_alive) socket_.reset();
    return reply;
  }

  // Whether the server has closed this connection (a read sees the end of the stream).
  bool closed_by_server() {
    if (!socket_) return true;
    char byte = 0;
    api::beast::error_code ec;
    socket_->read_some(api::net::buffer(&byte, 1), ec);
    return ec == api::net::error::eof || ec == api::net::error::connection_reset;
  }

  // Opens the connection and sends nothing (an idle client); false when it cannot connect.
  bool open() { return connect(); }
  bool connected() const { return socket_.has_value(); }
  // How many connections this client has opened (keep-alive reuses one).
  int connections() const { return connections_; }

 private:
  bool connect() {
    if (socket_) return true;
    socket_.emplace(io_);
    api::beast::error_code ec;
    if (!source_.empty()) {
      socket_->open(api::tcp::v4(), ec);
      if (!ec) socket_->bind({api::net::ip::make_address(source_), 0}, ec);
    }
    if (!ec) socket_->connect({api::net::ip::make_address("127.0.0.1"), port_}, ec);
    if (ec) {
      socket_.reset();
      return false;
    }
    if (timeout_.count() > 0) {
      timeval tv{static_cast<time_t>(timeout_.count() / 1000), static_cast<suseconds_t>(timeout_.count() % 1000 * 1000)};
      ::setsockopt(socket_->native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
      ::setsockopt(socket_->native_handle(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    }
    buffer_.clear();
    ++connections_;
    return true;
  }
  HttpReply disconnect(HttpReply reply) {
    socket_.reset();
    return reply;
  }

  api::net::io_context io_;
  std::uint16_t port_;
  std::optional<api::tcp::socket> socket_;
  api::beast::flat_buffer buffer_;
  int connections_ = 0;
  std::chrono::milliseconds timeout_{0};
  std::string source_;  // the address connections come from; empty: the kernel's choice
};

}  // namespace mentorflow::testing
