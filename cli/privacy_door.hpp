#pragma once
// Personal data at the CLI's door (docs/PRIVACY.md). A store made with a master key (the file
// named by MENTORFLOW_MASTER_KEY_FILE) keeps pseudonyms in its log in place of user ids: the ids
// a command is given go through `pseudonyms` before the engine sees them, and everything the
// command prints is revealed. A store made without one keeps ids in clear, as before; the two
// are never mixed.
#include <memory>
#include <string_view>

#include "base/status.hpp"
#include "cli/revealed_output.hpp"
#include "engine/privacy/pseudonyms.hpp"
#include "engine/privacy/sealing_store.hpp"
#include "store/event_store.hpp"
#include "store/subjects.hpp"

namespace mentorflow::cli {

inline constexpr std::string_view kMasterKeyVariable = "MENTORFLOW_MASTER_KEY_FILE";

struct PrivacyDoor {
  std::unique_ptr<store::Subjects> subjects;       // null: a store with ids in clear
  std::unique_ptr<engine::Pseudonyms> pseudonyms;  // never null once opened
  // Over the store the door was opened on, when it has subjects: the log as the engine must see
  // it, personal values sealed on the way in and opened on the way out.
  std::unique_ptr<engine::SealingStore> sealing;
  std::unique_ptr<RevealedOutput> output;  // declared last: flushed before the subjects go

  // What the engine and every reader of values use: `store` itself when it keeps ids in clear.
  store::EventStore& log(store::EventStore& store) { return sealing ? *sealing : store; }

  // The name a file recorded as `recorded` (a certificate's PDF) is written under: with the ids
  // people know, as every line printed about it, unless one of them is erased (then as recorded:
  // "[erased]" would make two names the same).
  std::string file_name(std::string_view recorded) const;
};

// The door of `store` (opened at `location`). A new empty store opened for writing with a key
// file named is made to keep pseudonyms (the key file is made when missing, mode 0600). Refused,
// in one sentence: a store with pseudonyms and no key named; a store with ids in clear and events
// in its log, and a key named; a key file another than the one the store was made with. A
// writable open ends any erasure that was interrupted (engine/erasure.hpp).
Result<PrivacyDoor> open_privacy(store::EventStore& store, std::string_view location);

}  // namespace mentorflow::cli
