#pragma once
// What the commands that run the engine share: `--store DIR`, `--now T` (a simulated clock for
// tests and rehearsals; the wall clock otherwise), `--as ROLE:USER`, and opening store + engine.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.hpp"
#include "cli/args.hpp"
#include "cli/privacy_door.hpp"
#include "engine/engine.hpp"
#include "store/event_store.hpp"

namespace mentorflow::cli {

// An open store with an engine on it, and the clock the engine reads.
struct EngineSession {
  std::unique_ptr<Clock> clock;
  std::unique_ptr<store::EventStore> store;
  std::unique_ptr<engine::Engine> engine;
  PrivacyDoor privacy;  // the ids given to the engine and what is printed (cli/privacy_door.hpp)

  // The log with personal values opened, as the engine reads it (`store` holds them sealed).
  store::EventStore& log() { return privacy.log(*store); }
};

// How a command opens its store. Only the commands that create (publish, serve: its API publishes)
// create a missing store: any other, given a mistyped path, says the store does not exist.
enum class StoreAccess { kRead, kWrite, kCreate };

// Opens `--store DIR` as `access` says and an engine whose clock is `--now` when given, else the
// system clock. On failure prints one sentence and returns nullopt with `exit_code` set (1 for a
// store problem, a missing one included, 2 for a usage mistake).
std::optional<EngineSession> open_engine(const Args& args, std::string_view command, StoreAccess access,
                                         int& exit_code);

// "2025-10-01 09:00 Europe/Rome" or ISO-8601 with offset -> UTC micros; nullopt if unreadable.
std::optional<UtcMicros> parse_time(std::string_view text, std::string* why = nullptr);

// "staff:carla" -> {user carla, role staff}; nullopt if not of that form.
std::optional<store::Actor> parse_actor(std::string_view text);

}  // namespace mentorflow::cli
