// PgEventStore::wait_for_position: subscribers wake on NOTIFY and fall back to polling.
//
// Appends in this process wake the waiters directly (appended()). Appends of other processes on
// the same database reach a listener thread, started by the first wait, which LISTENs on its own
// connection: every append sends a NOTIFY on its schema's channel with its last position, delivered when
// it commits. The listener also reads the head row whenever a while passes with no notification,
// and keeps doing so while its connection is down, so a lost notification (or connection) only
// delays a waiter, never strands it.
#include <poll.h>

#include <fmt/core.h>

#include <charconv>

#include "store/pg/pg_event_store.hpp"

namespace mentorflow::store::pg {

namespace {

constexpr int kWakeMillis = 100;      // how often the listener looks whether the store is closing
constexpr int kPollEveryWakes = 5;    // a head read every 500 ms without notification

std::optional<std::uint64_t> read_head_position(PGconn* conn) {
  PGresult* result = PQexec(conn, "SELECT position FROM head WHERE id = 1");
  Rows rows(result);
  if (PQresultStatus(result) != PGRES_TUPLES_OK || rows.empty()) return std::nullopt;
  return rows.number(0, 0);
}

}  // namespace

void PgEventStore::appended(std::uint64_t position) const {
  std::lock_guard lock(wait_mu_);
  if (position <= known_position_) return;
  known_position_ = position;
  wait_cv_.notify_all();
}

bool PgEventStore::wait_for_position(std::uint64_t position, std::chrono::milliseconds timeout) const {
  {
    std::lock_guard lock(wait_mu_);
    if (known_position_ >= position) return true;
    if (!listener_.joinable()) listener_ = std::thread([this] { listen(); });
  }
  std::unique_lock lock(wait_mu_);
  return wait_cv_.wait_for(lock, timeout, [&] { return known_position_ >= position; });
}

void PgEventStore::listen() const {
  std::unique_ptr<PGconn, ConnFree> conn;
  int quiet_wakes = kPollEveryWakes;  // read the head at once
  while (!stopping_) {
    if (!conn) {
      auto made = pool_->connect();
      if (made.is_ok()) {
        conn = std::move(*made);
        char* channel = PQescapeIdentifier(conn.get(), channel_.data(), channel_.size());
        PGresult* result = PQexec(conn.get(), fmt::format("LISTEN {}", channel ? channel : "mentorflow_events").c_str());
        PQfreemem(channel);
        Rows listening(result);
        if (PQresultStatus(result) != PGRES_COMMAND_OK) conn.reset();
        quiet_wakes = kPollEveryWakes;  // notifications sent before LISTEN are lost: read the head
      }
    }
    if (quiet_wakes >= kPollEveryWakes) {
      quiet_wakes = 0;
      std::optional<std::uint64_t> position;
      if (conn) position = read_head_position(conn.get());
      if (position) appended(*position);
      else conn.reset();  // broken: poll through a new connection next time
    }
    if (!conn) {
      std::this_thread::sleep_for(std::chrono::milliseconds(kWakeMillis));
      ++quiet_wakes;
      continue;
    }
    pollfd fd{PQsocket(conn.get()), POLLIN, 0};
    const int ready = ::poll(&fd, 1, kWakeMillis);
    if (ready <= 0) {
      ++quiet_wakes;
      continue;
    }
    if (!PQconsumeInput(conn.get())) {
      conn.reset();
      continue;
    }
    while (PGnotify* note = PQnotifies(conn.get())) {
      std::uint64_t position = 0;
      const std::string_view extra = note->extra ? note->extra : "";
      if (std::from_chars(extra.data(), extra.data() + extra.size(), position).ec == std::errc()) appended(position);
      PQfreemem(note);
    }
  }
}

}  // namespace mentorflow::store::pg
