#pragma once
// Which stream versions a command will ask for, so that Engine::handle reads them in one go
// (store::EventStore::stream_versions: one statement on PostgreSQL) instead of one round trip a
// case as planning loads them: the command's case, and the cases of its edition that its inputs
// and its case's fields name (a `ref` is the name of a case). A guess, never a promise: a name
// read ahead and not loaded costs nothing more; a case loaded and not guessed is read as before.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/case_name.hpp"

namespace mentorflow::engine {

// The command's case first, then each other case name found in `inputs` and `fields` (strings
// of the form EDITION/TYPE/ID of the case's edition, at any depth), each once, at most
// kMaxReadAhead names in all.
std::vector<std::string> streams_to_read_ahead(const CaseName& name, const nlohmann::json& inputs, const nlohmann::json& fields);

inline constexpr std::size_t kMaxReadAhead = 16;

}  // namespace mentorflow::engine
