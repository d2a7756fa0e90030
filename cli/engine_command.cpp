#include "cli/engine_command.hpp"

#include <fmt/core.h>

#include <filesystem>

#include "cli/command.hpp"
#include "cli/store_command.hpp"
#include "dsl/time/time_text.hpp"
#include "store/location.hpp"
#include "store/utc_time.hpp"

namespace mentorflow::cli {
namespace {

class FixedClock final : public Clock {
 public:
  explicit FixedClock(UtcMicros at) : at_(at) {}
  UtcMicros now() const override { return at_; }

 private:
  UtcMicros at_;
};

}  // namespace

std::optional<UtcMicros> parse_time(std::string_view text, std::string* why) {
  if (auto t = dsl::parse_datetime(text, why)) return t->utc_micros;
  return std::nullopt;
}

std::optional<store::Actor> parse_actor(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) return std::nullopt;
  return store::Actor{std::string(text.substr(colon + 1)), std::string(text.substr(0, colon))};
}

std::optional<EngineSession> open_engine(const Args& args, std::string_view command, StoreAccess access,
                                         int& exit_code) {
  const auto dir = args.get("--store");
  if (!dir) {
    exit_code = usage_error(command, "--store DIR|postgresql://... is required");
    return std::nullopt;
  }
  EngineSession s;
  if (auto now = args.get("--now")) {
    std::string why;
    auto t = parse_time(*now, &why);
    if (!t) {
      exit_code = usage_error(command, why.empty() ? fmt::format("--now '{}' is not a date-time such as '2025-10-01 09:00 Europe/Rome'", *now)
                                                   : "--now: " + why);
      return std::nullopt;
    }
    s.clock = std::make_unique<FixedClock>(*t);
  } else {
    s.clock = std::make_unique<SystemClock>();
  }
  const bool read_only = access == StoreAccess::kRead;
  if (access == StoreAccess::kCreate && !store::is_database_url(*dir)) {
    // RocksDB creates only the last folder of the path; the help promises the whole store.
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(*dir).parent_path(), ec);
  }
  auto store = store::EventStore::open(
      *dir, {.read_only = read_only, .create_if_missing = access == StoreAccess::kCreate, .clock = s.clock.get()});
  if (!store.is_ok()) {
    exit_code = report(store.status());
    return std::nullopt;
  }
  s.store = std::move(*store);
  if (!read_only && args.get("--now")) {
    // The log's recorded time never goes back: a command dated before the last recorded event
    // would make the history read out of order (a start dated 1969 on an edition of 2021).
    const std::uint64_t last = s.store->head().position;
    if (last > 0) {
      auto event = s.store->read_event(last);
      if (!event.is_ok()) {
        exit_code = report(event.status());
        return std::nullopt;
      }
      if (s.clock->now() < event->recorded_at) {
        exit_code = report(Status::refused(fmt::format(
            "--now {} is before the time of the store's last event ({}, at position {}): the log's time never goes back",
            store::format_utc(s.clock->now()), store::format_utc(event->recorded_at), last)));
        return std::nullopt;
      }
    }
  }
  auto privacy = open_privacy(*s.store, *dir);
  if (!privacy.is_ok()) {
    exit_code = report(privacy.status());
    return std::nullopt;
  }
  s.privacy = std::move(*privacy);
  s.engine = std::make_unique<engine::Engine>(s.privacy.log(*s.store), *s.clock);
  return s;
}

}  // namespace mentorflow::cli
