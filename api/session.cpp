#include "api/session.hpp"

#include <fmt/core.h>

#include <cstdint>
#include <limits>
#include <map>
#include <string>

#include "api/api_error.hpp"
#include "api/http_request.hpp"

namespace mentorflow::api {

Session::Session(tcp::socket&& socket, SessionShared& shared, bool admitted)
    : stream_(std::move(socket)), shared_(shared), admitted_(admitted) {
  if (admitted_) ++shared_.connections;
}

Session::~Session() {
  if (admitted_) --shared_.connections;
}

void Session::start() {
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->do_read(); });
}

void Session::reject() {
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
    self->busy_ = true;
    self->received_ = std::chrono::steady_clock::now();
    self->shared_.metrics.connection_dropped();
    self->do_write(busy_response(fmt::format("the server has {} connections open, its limit; try again shortly",
                                             self->shared_.max_connections)),
                   false);
  });
}

void Session::shut_down() {
  net::post(stream_.get_executor(), [self = shared_from_this()] {
    // A request already arriving is let through (its read deadline bounds it); an idle
    // keep-alive connection is closed.
    if (!self->busy_ && !(self->parser_ && self->parser_->got_some())) self->do_close();
  });
}

void Session::do_read() {
  if (shared_.stopping) return do_close();
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(shared_.options.max_header_bytes));
  // The body's limit depends on the route: it is set once the headers say which (on_header).
  // Not boost::none: Beast 1.74 compares a Content-Length with it as with a value below any.
  parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
  body_limit_ = shared_.options.max_body_bytes;
  // One deadline for the whole request, headers and body: a slow client cannot hold a
  // connection by trickling bytes.
  stream_.expires_after(shared_.options.read_timeout);
  http::async_read_header(stream_, buffer_, *parser_,
                          [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
}

void Session::on_header(beast::error_code ec) {
  if (closed_) return;
  if (ec) return read_failed(ec);
  std::string path;
  std::map<std::string, std::string> query;
  const auto& header = parser_->get();
  if (split_target(std::string(header.target()), path, query))
    body_limit_ = Router::body_limit(std::string(header.method_string()), path, shared_.options.max_body_bytes);
  // Refused before any of the body is read, and before a client waiting to send it is told to.
  if (const auto length = parser_->content_length(); length && *length > body_limit_)
    return read_failed(http::error::body_limit);
  parser_->body_limit(body_limit_);
  // curl and others wait for "100 Continue" before sending a large body.
  const auto expect = parser_->get()[http::field::expect];
  if (beast::iequals(expect, "100-continue")) {
    continue_ = http::response<http::empty_body>(http::status::continue_, parser_->get().version());
    return http::async_write(stream_, continue_,
                             [self = shared_from_this()](beast::error_code e, std::size_t) { self->on_continue(e); });
  }
  on_continue({});
}

void Session::on_continue(beast::error_code ec) {
  if (closed_) return;
  if (ec) return read_failed(ec);
  http::async_read(stream_, buffer_, *parser_,
                   [self = shared_from_this()](beast::error_code e, std::size_t) { self->on_read(e); });
}

void Session::read_failed(beast::error_code ec) {
  if (ec == http::error::end_of_stream || ec == net::error::operation_aborted || ec == net::error::connection_reset)
    return do_close();
  if (ec == beast::error::timeout) {
    // An idle keep-alive connection expiring is normal; one that was sending a request is not.
    if (parser_ && parser_->got_some()) shared_.metrics.connection_dropped();
    return do_close();
  }
  // The request cannot be read whole: say why, then close (what follows cannot be trusted).
  busy_ = true;
  received_ = std::chrono::steady_clock::now();
  shared_.metrics.connection_dropped();
  if (ec == http::error::body_limit)
    return do_write(error_response(status::kTooLarge, "too_large", too_large_message()), false);
  if (ec == http::error::header_limit)
    return do_write(error_response(status::kHeadersTooLarge, "too_large",
                                   fmt::format("the headers are larger than {} bytes", shared_.options.max_header_bytes)),
                    false);
  if (ec.category() == http::make_error_code(http::error::bad_target).category())
    return do_write(error_response(status::kBadRequest, "malformed", "the request is not valid HTTP/1.1"), false);
  do_close();
}

std::string Session::too_large_message() const {
  if (body_limit_ == shared_.options.max_body_bytes)
    return fmt::format("the body is larger than {} bytes", body_limit_);
  // A route's own limit (a document upload): said in the words a person uses for file sizes.
  return fmt::format("the body is larger than {} bytes ({} MiB), the limit of {} {}", body_limit_,
                     body_limit_ / (1024 * 1024), std::string(parser_->get().method_string()),
                     std::string(parser_->get().target().substr(0, parser_->get().target().find('?'))));
}

void Session::on_read(beast::error_code ec) {
  // Closed while this request was arriving (shut_down() found the connection idle before the
  // bytes reached the parser): the client gets no answer, so the request must not run.
  if (closed_) return;
  if (ec) return read_failed(ec);
  busy_ = true;
  received_ = std::chrono::steady_clock::now();
  stream_.expires_never();  // the request is in; the engine may take its time (a sync, a what-if)
  handle();
}

void Session::handle() {
  http::request<http::string_body> message = parser_->release();
  const bool keep_alive = message.keep_alive();
  beast::error_code peer_error;
  const auto peer = stream_.socket().remote_endpoint(peer_error);
  auto request = request_from_message(message, peer_error ? std::string() : peer.address().to_string(), shared_.options);
  if (!request)
    return do_write(error_response(status::kBadRequest, "malformed", "the request target is not a valid path"), false);
  // The job keeps the io_context running until its response is posted back to this strand.
  const bool queued = shared_.workers.post([self = shared_from_this(), request = std::move(*request), keep_alive,
                                            guard = net::make_work_guard(shared_.io)](engine::Engine& engine) {
    ApiResponse response = self->shared_.router.handle(request, engine);
    net::post(self->stream_.get_executor(), [self, response = std::move(response), keep_alive]() mutable {
      self->do_write(std::move(response), keep_alive);
    });
  });
  if (!queued)
    do_write(busy_response(fmt::format("the server has {} requests waiting, its limit; try again shortly",
                                       shared_.options.max_queued)),
             keep_alive);
}

void Session::do_write(ApiResponse response, bool keep_alive) {
  keep_alive = keep_alive && !shared_.stopping;
  // Counted before the answer leaves: a client that reads /metrics right after its reply must
  // find that request counted.
  shared_.metrics.request(response.status, std::chrono::steady_clock::now() - received_);
  response_ = message_from_response(std::move(response), keep_alive);
  stream_.expires_after(shared_.options.write_timeout);
  http::async_write(stream_, response_, [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
    self->on_write(ec, keep_alive);
  });
}

void Session::on_write(beast::error_code ec, bool keep_alive) {
  busy_ = false;
  if (ec) {
    // A client that does not take its response is cut off at the write deadline.
    if (ec == beast::error::timeout) shared_.metrics.connection_dropped();
    return do_close();
  }
  if (!keep_alive && (!parser_ || !parser_->is_done())) return do_drain();
  if (!keep_alive || shared_.stopping) return do_close();
  do_read();
}

// After refusing a request that is still arriving (too large, malformed): closing at once would
// make the kernel reset the connection over the unread bytes, and the client could lose the
// response; so stop sending, and read and drop what comes for a little while.
void Session::do_drain() {
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream_.expires_after(kDrainFor);
  stream_.async_read_some(net::buffer(drain_), [self = shared_from_this()](beast::error_code e, std::size_t) {
    if (e) return self->do_close();
    self->do_drain_more();
  });
}

void Session::do_drain_more() {
  stream_.async_read_some(net::buffer(drain_), [self = shared_from_this()](beast::error_code e, std::size_t) {
    if (e) return self->do_close();
    self->do_drain_more();
  });
}

void Session::do_close() {
  closed_ = true;
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream_.close();
}

}  // namespace mentorflow::api
