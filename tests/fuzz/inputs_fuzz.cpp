// libFuzzer target: a command's inputs, as a caller sends them, against the shipped programmes.
// An input is a first line naming the command, `EDITION/TYPE COMMAND` (a line that names none
// picks one by its hash), then the inputs as JSON text. They go through the door every caller
// uses (base/json_input.hpp), then the command's declared inputs (dsl::read_inputs,
// dsl/value_json.cpp), then the engine's whole decision (Engine::decide: references, requires
// clauses, rules, documents), as a caller in the command's first role on a new case, or on the
// cohort, which writes nothing. The promise: refused with a sentence, or accepted as values of
// the declared types, each of which writes as JSON and reads back the same value; and the engine
// refuses (never fails) or accepts.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/core.h>

#include "base/json_input.hpp"
#include "dsl/eval/execute.hpp"
#include "dsl/value_json.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace mentorflow::fuzz {
namespace {

struct Programme {
  std::string workflow, rules, edition, now;
};

// The shipped programmes, each at a time its applications are open.
const std::vector<Programme> kProgrammes = {
    {"workflows/mie.flow", "rules/mie-2021.rules", "mie-2021", "2021-10-01 10:00 Europe/Rome"},
    {"workflows/unimi-mentoring.flow", "rules/unimi-2025.rules", "unimi-2025", "2025-05-12 12:00 Europe/Rome"},
    {"workflows/mileage-placement.flow", "rules/mileage-pilot.rules", "mileage-pilot", "2025-01-20 10:00 Europe/Rome"},
    {"workflows/online-mentor.flow", "rules/online-mentor-pilot.rules", "online-mentor-pilot",
     "2018-10-01 10:00 Europe/Bucharest"},
};

struct Target {
  const Programme* programme;
  const dsl::Definition* definition;
  const dsl::CaseTypeSpec* type;
  const dsl::CommandSpec* command;
  std::string line;  // "EDITION/TYPE COMMAND"
};

class World {
 public:
  World()
      : store_(at(kProgrammes.front().now), [](engine::Engine& engine, ManualClock&) {
          for (const Programme& p : kProgrammes) publish(engine, p.workflow, p.rules, p.edition);
        }) {
    for (const Programme& p : kProgrammes) {
      auto definition = store_.engine().definition_of_edition(p.edition);
      if (!definition.is_ok()) fail(definition.status().to_string());
      for (const dsl::CaseTypeSpec& type : (*definition)->case_types())
        for (const dsl::CommandSpec& command : type.commands)
          targets_.push_back({&p, *definition, &type, &command, p.edition + "/" + type.name + " " + command.name});
    }
  }

  const Target& target(std::string_view line) const {
    for (const Target& t : targets_)
      if (t.line == line) return t;
    return targets_[std::hash<std::string_view>()(line) % targets_.size()];
  }
  engine::Engine& engine() { return store_.engine(); }
  ManualClock& clock() { return store_.clock(); }

 private:
  StoreCopy store_;
  std::vector<Target> targets_;
};

// Whether `v` is a value of type `t` as value_from_json makes them.
bool fits(const dsl::Value& v, const dsl::Type& t) {
  using dsl::TypeKind;
  using dsl::ValueKind;
  switch (t.kind) {
    case TypeKind::Optional: return v.is_absent() || fits(v, t.element());
    case TypeKind::Int: return v.kind() == ValueKind::Int;
    case TypeKind::Number: return v.kind() == ValueKind::Number || v.kind() == ValueKind::Int;
    case TypeKind::Text: return v.kind() == ValueKind::Text;
    case TypeKind::Bool: return v.kind() == ValueKind::Bool;
    case TypeKind::Date: return v.kind() == ValueKind::Date;
    case TypeKind::DateTime: return v.kind() == ValueKind::DateTime && !v.as_text().empty();
    case TypeKind::Duration: return v.kind() == ValueKind::Duration;
    case TypeKind::Cefr: return v.kind() == ValueKind::Cefr && v.as_int() >= 0 && v.as_int() <= 5;
    case TypeKind::Enum:
      return v.kind() == ValueKind::Enum && v.as_int() >= 0 && static_cast<std::size_t>(v.as_int()) < t.values.size() &&
             t.values[static_cast<std::size_t>(v.as_int())] == v.as_text();
    case TypeKind::Ref: return v.kind() == ValueKind::Ref && !v.as_text().empty();
    case TypeKind::List:
    case TypeKind::Set: {
      if (v.kind() != (t.is(TypeKind::Set) ? ValueKind::Set : ValueKind::List)) return false;
      const auto& items = v.items();
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (!fits(items[i], t.element())) return false;
        if (t.is(TypeKind::Set) && i > 0 && compare(items[i - 1], items[i]) >= 0) return false;  // sorted, no duplicates
      }
      return true;
    }
    default: return false;  // no input is declared with another type
  }
}

void check_inputs(const Target& target, const nlohmann::json& given) {
  std::string error;
  auto values = dsl::read_inputs(*target.command, given, error);
  if (!values) {
    if (error.empty()) fail(fmt::format("{}: refused inputs with no sentence", target.line));
    return;
  }
  if (values->size() != target.command->inputs.size())
    fail(fmt::format("{}: {} values for {} inputs", target.line, values->size(), target.command->inputs.size()));
  for (std::size_t i = 0; i < values->size(); ++i) {
    const dsl::InputSpec& in = target.command->inputs[i];
    const dsl::Value& v = (*values)[i];
    if (in.origin == dsl::InputOrigin::Attach) {
      // A document is kept as its JSON text, checked when the command runs (below).
      if (!v.is_absent() && v.kind() != dsl::ValueKind::Text) fail(fmt::format("{}: document '{}' is no text", target.line, in.name));
      continue;
    }
    if (!fits(v, in.type))
      fail(fmt::format("{}: input '{}' accepted as {}, not a {}", target.line, in.name, v.display(), in.type.to_string()));
    if (v.is_absent()) continue;
    std::string why;
    const nlohmann::json written = dsl::to_json(v);
    auto again = dsl::value_from_json(written, in.type, why);
    if (!again) fail(fmt::format("{}: input '{}' written as {} does not read back: {}", target.line, in.name, written.dump(), why));
    if (!(*again == v) || dsl::to_json(*again) != written)
      fail(fmt::format("{}: input '{}' written as {} reads back as {}", target.line, in.name, written.dump(), dsl::to_json(*again).dump()));
  }
}

void check_decision(World& world, const Target& target, const nlohmann::json& given) {
  std::string role;
  for (const std::string& r : target.command->roles)
    if (r != "system") {
      role = r;
      break;
    }
  if (role.empty()) return;  // the engine's own command: no caller may issue it
  engine::CaseName name{target.programme->edition, target.type->name, target.type->cohort ? "" : "fuzz"};
  engine::CommandRequest request{name.stream(), target.command->name, {"fuzz", role}, given, ""};
  world.clock().set(at(target.programme->now));
  auto decided = world.engine().decide(name, request);
  if (decided.is_ok()) {
    if (decided->case_name != name.stream() || decided->state.empty())
      fail(fmt::format("{}: accepted without a state", target.line));
    return;
  }
  const Status& s = decided.status();
  if (s.message().empty()) fail(fmt::format("{}: refused with no sentence", target.line));
  if (!s.is_refused() && !s.is_invalid_argument() && !s.is_not_found())
    fail(fmt::format("{}: the engine failed: {}", target.line, s.to_string()));
}

}  // namespace
}  // namespace mentorflow::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mentorflow;
  static fuzz::World world;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = text.find('\n');
  const fuzz::Target& target = world.target(text.substr(0, newline));
  auto given = parse_json_input(newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1));
  if (!given.is_ok()) {
    if (given.status().message().empty()) fuzz::fail("refused JSON with no sentence");
    return 0;
  }
  fuzz::check_inputs(target, *given);
  fuzz::check_decision(world, target, *given);
  return 0;
}
