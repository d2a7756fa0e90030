#pragma once
// The command path in process, as given / when / then: a RocksDB store in a temporary directory,
// an Engine on a ManualClock, and one shipped workflow published with one of its rules files.
// `given` brings the cases to where a test starts (commands that must be accepted, or events
// appended as they are); `when` issues the command under test through Engine::handle; `then_events`
// checks the event types it appended to a stream, `then_refused` the kind of its refusal (the
// Status kinds of engine/authorise.hpp), its sentence, and that nothing was written.
#include <catch2/catch.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/effects.hpp"
#include "engine/engine.hpp"
#include "store/event_store.hpp"
#include "tests/engine/shipped.hpp"
#include "tests/support/temp_dir.hpp"

namespace mentorflow::testing {

// One command as a test writes it: `as` is ROLE:USER.
struct Command {
  std::string as, case_name, command;
  nlohmann::json inputs = nlohmann::json::object();
};

// How a command is refused, read through the Status predicates.
enum class Refusal {
  kForbidden,   // who asks: a role the command does not allow, an auditor, the engine's own role
  kNotAParty,   // a participant on a case that is not theirs
  kWrongState,  // the case's state, or a creating command on a case that exists
  kByRule,      // a `requires`, a counter's maximum, an input a clause refuses
  kNotFound,    // no such case, case type or command
  kConflict,    // other writers changed the case each time the command was decided
};

// A clock that runs `meddle` the first time it is read: it stands for another writer getting to a
// case while a command on it is being decided (plan_command reads the clock once per decision,
// after loading the case).
class MeddlingClock final : public Clock {
 public:
  // `meddles[i]` runs at the (i+1)th read, each once.
  MeddlingClock(const Clock& inner, std::vector<std::function<void()>> meddles)
      : inner_(inner), meddles_(std::move(meddles)) {}
  UtcMicros now() const override {
    ++reads_;
    if (static_cast<std::size_t>(reads_) <= meddles_.size()) meddles_[reads_ - 1]();
    return inner_.now();
  }
  int reads() const { return reads_; }

 private:
  const Clock& inner_;
  std::vector<std::function<void()>> meddles_;
  mutable int reads_ = 0;
};

class CommandPath {
 public:
  // `workflow` and `rules` relative to the source tree; published as `edition` at `published_at`.
  CommandPath(const std::string& workflow, const std::string& rules, std::string edition,
              const std::string& published_at)
      : edition_(std::move(edition)), clock_(testing::at(published_at)) {
    auto opened = store::EventStore::open(dir_ / "store", {.clock = &clock_});
    REQUIRE(opened.is_ok());
    store_ = std::move(*opened);
    engine_ = std::make_unique<engine::Engine>(*store_, clock_);
    dsl::Diagnostics diagnostics;
    auto published = engine_->publish(shipped(workflow), shipped(rules), edition_, diagnostics);
    INFO(published.status().to_string());
    REQUIRE(published.is_ok());
  }

  // The time of the commands that follow (`2021-09-20 10:00 Europe/Rome`).
  CommandPath& at(const std::string& when) {
    clock_.set(testing::at(when));
    return *this;
  }

  // Given: commands that must be accepted...
  CommandPath& given(std::initializer_list<Command> commands) {
    for (const Command& c : commands) {
      auto accepted = engine_->handle(request(c));
      INFO(c.as << " " << c.command << " on " << c.case_name << ": " << accepted.status().to_string());
      REQUIRE(accepted.is_ok());
    }
    return *this;
  }
  // ... or events appended to `stream` as they are, written by `system` under the edition's
  // definition, after the stream's last event.
  CommandPath& given_events(const std::string& stream, const std::vector<std::pair<const char*, nlohmann::json>>& events) {
    auto definition = engine_->definition_of_edition(edition_);
    REQUIRE(definition.is_ok());
    std::vector<store::NewEvent> written;
    engine::EventSink sink{**definition, {"system", "system"}, "given", written};
    for (const auto& [type, payload] : events) sink.add(type, payload);
    auto version = store_->stream_version(stream);
    REQUIRE(version.is_ok());
    REQUIRE(store_->append(stream, store::ExpectedVersion::exact(*version), written).is_ok());
    return *this;
  }

  // When: the command under test.
  CommandPath& when(const Command& c) {
    head_ = store_->head().position;
    when_case_ = c.case_name;
    outcome_.emplace(engine_->handle(request(c)));
    return *this;
  }
  // When, with a race: while `c` is being decided, another writer (a second engine on the same
  // store) gets `meanwhile` accepted first, so that `c`'s append meets a version conflict and the
  // engine decides `c` again. Then `then_*` speak of `c` alone.
  CommandPath& when_overtaken(const Command& c, const Command& meanwhile) { return when_overtaken(c, std::vector{meanwhile}); }
  // The same, overtaken again each time it is decided: by meanwhile[0], then meanwhile[1], ...
  CommandPath& when_overtaken(const Command& c, const std::vector<Command>& meanwhile) {
    std::vector<std::function<void()>> meddles;
    for (const Command& m : meanwhile)
      meddles.push_back([this, &m] {
        auto first = engine_->handle(request(m));
        INFO(m.command << ": " << first.status().to_string());
        REQUIRE(first.is_ok());
      });
    return when_meddled(c, std::move(meddles));
  }
  // The same, with what the other writer does given as code (given_events, say).
  CommandPath& when_meddled(const Command& c, std::vector<std::function<void()>> meddles) {
    for (auto& meddle : meddles)
      meddle = [this, inner = std::move(meddle)] {
        inner();
        head_ = store_->head().position;
      };
    MeddlingClock meddling(clock_, std::move(meddles));
    engine::Engine racing(*store_, meddling);
    when_case_ = c.case_name;
    outcome_.emplace(racing.handle(request(c)));
    decisions_ = meddling.reads();
    return *this;
  }
  // How often the overtaken command was decided (run its clauses): 2 when the conflict sent it
  // back and it got that far again.
  int decisions() const { return decisions_; }

  // Then: accepted, having appended these event types to `stream` (the command's own case when
  // empty), in order.
  void then_events(const std::vector<std::string>& types, const std::string& stream = "") const {
    REQUIRE(outcome_.has_value());
    INFO(outcome_->status().to_string());
    REQUIRE(outcome_->is_ok());
    CHECK(appended_to(stream.empty() ? when_case_ : stream) == types);
  }
  // Then: refused with this kind of refusal, its sentence containing `sentence`, nothing written.
  void then_refused(Refusal kind, const std::string& sentence) const {
    REQUIRE(outcome_.has_value());
    REQUIRE(!outcome_->is_ok());
    const Status& status = outcome_->status();
    INFO(status.to_string());
    CHECK(is(status, kind));
    CHECK(status.message().find(sentence) != std::string::npos);
    CHECK(store_->head().position == head_);
  }

  const engine::Accepted& accepted() const {
    REQUIRE(outcome_.has_value());
    REQUIRE(outcome_->is_ok());
    return **outcome_;
  }
  engine::CaseState state(const std::string& case_name) const {
    auto loaded = engine_->load(case_name);
    INFO(loaded.status().to_string());
    REQUIRE(loaded.is_ok());
    return *loaded;
  }
  engine::Engine& engine() { return *engine_; }

 private:
  static engine::CommandRequest request(const Command& c) {
    const auto colon = c.as.find(':');
    return {c.case_name, c.command, {c.as.substr(colon + 1), c.as.substr(0, colon)}, c.inputs, ""};
  }
  static bool is(const Status& s, Refusal kind) {
    switch (kind) {
      case Refusal::kForbidden: return s.is_forbidden() && !s.is_not_a_party();
      case Refusal::kNotAParty: return s.is_not_a_party();
      case Refusal::kWrongState: return s.is_wrong_state();
      case Refusal::kByRule: return s.is_refused() && !s.is_wrong_state() && !s.is_forbidden();
      case Refusal::kNotFound: return s.is_not_found();
      case Refusal::kConflict: return s.is_conflict();
    }
    return false;
  }
  // The types of the events after head_ in `stream`, in order.
  std::vector<std::string> appended_to(const std::string& stream) const {
    auto events = store_->read_all(head_ + 1, 100'000);
    REQUIRE(events.is_ok());
    std::vector<std::string> types;
    for (const store::Event& e : *events)
      if (e.stream == stream) types.push_back(e.type);
    return types;
  }

  TempDir dir_;
  std::string edition_;
  ManualClock clock_;
  std::unique_ptr<store::EventStore> store_;
  std::unique_ptr<engine::Engine> engine_;
  std::optional<Result<engine::Accepted>> outcome_;
  std::uint64_t head_ = 0;  // the log's last position before the command under test
  int decisions_ = 0;
  std::string when_case_;
};

}  // namespace mentorflow::testing
