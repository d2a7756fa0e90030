#pragma once
// The doors' side of pseudonyms (docs/PRIVACY.md): the user ids that come in through the CLI and
// the API become their subjects' pseudonyms before the engine sees them, and every text that goes
// out is revealed. The engine itself never knows: a pseudonym is just a user id to it, and the
// sentences it makes ("proposed _s… (1st choice)") reveal like any other text, because a
// pseudonym is a token no text holds by chance (store/subjects.hpp).
//
// Where ids come in: the actor (`--as ROLE:USER`, a token's user), the id of a case name
// `EDITION/TYPE/ID` (every case id, persons' and projects' alike: uniform, and a project's name is
// harmless as a subject), and the values of inputs that name cases (`ref` inputs, lists and sets of
// them). Cohort and edition names are not ids.
//
// Thread safety: as the Subjects beneath it.
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "base/status.hpp"
#include "dsl/compile/definition.hpp"
#include "engine/engine.hpp"
#include "store/event.hpp"
#include "store/subjects.hpp"

namespace mentorflow::engine {

// What an erased subject's pseudonym reads as.
inline constexpr std::string_view kErased = "[erased]";

class Pseudonyms {
 public:
  // `subjects` null: a store without a master key, where ids pass as they are (and reveal()
  // still turns any pseudonym-looking token into "[erased]": there is nobody to reveal).
  explicit Pseudonyms(store::Subjects* subjects) : subjects_(subjects) {}

  bool active() const { return subjects_ != nullptr; }
  // The subjects beneath (an erasure goes to them); null on a store with ids in clear.
  store::Subjects* subjects() const { return subjects_; }

  // The pseudonym of `user`: made on first sight when `create` (a command), else looked up (a
  // question: NotFound as for an unknown case). InvalidArgument for an id that looks like a
  // pseudonym: only the store makes those, and one given from outside would act as someone else.
  Result<std::string> user(std::string_view user, bool create) const;
  Result<store::Actor> actor(const store::Actor& actor, bool create) const;
  // `EDITION/TYPE/ID` with its ID pseudonymised; `EDITION` and `EDITION/COHORT` as they are.
  Result<std::string> case_name(std::string_view name, bool create) const;
  // The values of `inputs` that name cases, for `command` of `case_type` under `definition`,
  // pseudonymised in place. Other values are left alone (the engine refuses what is wrong).
  Status inputs(const dsl::Definition& definition, std::string_view case_type, std::string_view command,
                nlohmann::json& inputs, bool create) const;

  // A command as it came through a door, its actor, case and inputs pseudonymised (made when
  // new: a command brings new people). The inputs are read against the definition of the case's
  // edition in `engine`; an unknown edition leaves them as they are (the engine refuses it).
  Result<CommandRequest> command(Engine& engine, CommandRequest request) const;
  // The name of a case asked about: pseudonymised, or as given when its id is nobody's (the
  // engine then says that the case does not exist, in the asker's own words).
  std::string question(std::string_view case_name) const;

  // `text` with every pseudonym replaced by its user id, or by "[erased]" when its subject was
  // erased or is unknown.
  std::string reveal(std::string_view text) const;

 private:
  store::Subjects* subjects_;
};

}  // namespace mentorflow::engine
