#pragma once
// What the libFuzzer targets share (docs/TESTING.md, "Fuzzing"): reporting a broken promise, the
// source tree's files, and stores in a scratch folder. A target builds its store once (publishing
// shipped programmes, running a scenario) as a template, then works on a copy, which it can throw
// away and copy again cheaply when an input wrote to it, so that the next input meets the same
// store. Scratch folders live under $TMPDIR (scripts/fuzz.sh points it at /dev/shm) and go at exit.
// Not thread-safe: a target runs one input at a time.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "base/clock.hpp"
#include "engine/engine.hpp"
#include "store/event_store.hpp"

namespace mentorflow::fuzz {

// A broken promise: prints `what` and aborts, which libFuzzer reports as a crash (and saves the input).
[[noreturn]] void fail(std::string_view what);

// The source tree (workflows/, rules/, examples/), and a file of it read whole (fail() if missing).
std::filesystem::path source_dir();
std::string source_text(const std::string& relative);

// A fresh folder inside the process's scratch folder, which is removed at exit.
std::filesystem::path scratch(const std::string& name);

// "2025-05-12 12:00 Europe/Rome" as UTC microseconds (fail() if it does not read).
UtcMicros at(const std::string& datetime);

// Publishes the shipped `workflow` and `rules` (paths in the source tree) as `edition`; fail() if refused.
void publish(engine::Engine& engine, const std::string& workflow, const std::string& rules, const std::string& edition);

// Runs a shipped scenario (a path in the source tree) to its end; fail() unless every line goes as expected.
void run_scenario(engine::Engine& engine, ManualClock& clock, const std::string& scenario);

// A store copied from a template made once, with an engine on it, both on one manual clock.
class StoreCopy {
 public:
  // Calls `build` with an engine on a new store, once, to make the template.
  StoreCopy(UtcMicros now, const std::function<void(engine::Engine&, ManualClock&)>& build);
  ~StoreCopy();

  store::EventStore& store() { return *store_; }
  engine::Engine& engine() { return *engine_; }
  ManualClock& clock() { return clock_; }
  // The head of the template: the copy holds more when an input wrote to it.
  const store::ChainHead& template_head() const { return template_head_; }
  bool written() const { return store_->head() != template_head_; }

  // Throws the copy away and copies the template again (the engine is new too: its caches go).
  void reset();
  // Fails unless the store's whole chain verifies.
  void verify() const;

 private:
  void open();

  UtcMicros start_;
  ManualClock clock_;
  std::filesystem::path template_dir_, copy_dir_;
  store::ChainHead template_head_;
  std::unique_ptr<store::EventStore> store_;
  std::unique_ptr<engine::Engine> engine_;
};

}  // namespace mentorflow::fuzz
