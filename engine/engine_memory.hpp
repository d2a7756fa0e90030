#pragma once
// Internal to engine/: what an Engine keeps between calls (Engine::Impl). Caches only: the log
// stays the only truth.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "dsl/compile/definition.hpp"
#include "engine/case_cache.hpp"
#include "engine/engine.hpp"

namespace mentorflow::engine {

struct Engine::Impl {
  // Compiled definitions by edition; the source files live beside them because diagnostics and
  // traces point into them.
  std::map<std::string, std::unique_ptr<dsl::Definition>> definitions;
  // Cases folded lately (a few megabytes at most: a case is some kilobytes).
  CaseCache cases{kCachedCases};
  static constexpr std::size_t kCachedCases = 1024;
  // erasures_in_process() when `cases` was last emptied: a case folded before an erasure may hold
  // the erased person's values (engine/privacy/erasure_epoch.hpp).
  std::uint64_t erasures_seen = 0;
  // Stream versions read ahead for the command being decided (handle.cpp, engine/read_ahead.hpp):
  // load() takes a case's version from here instead of asking the store. That attempt's only.
  std::unordered_map<std::string, std::uint64_t> versions_read_ahead;
  // While a command is decided: the version of each case load() gave it, which its append checks
  // (Plan::reads). That attempt's only.
  std::optional<std::unordered_map<std::string, std::uint64_t>> versions_read;
};

}  // namespace mentorflow::engine
