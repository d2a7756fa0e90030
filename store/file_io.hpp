#pragma once
// Writing small files durably, as the documents (store/document_store.cpp), the key files
// (store/ed25519.cpp) and the witness files (store/witness.cpp) need it.
#include <filesystem>
#include <string_view>

#include "base/status.hpp"

namespace mentorflow::store {

// Writes all of `bytes` to the open file `fd` (going on after short writes and interruptions)
// and syncs it; false, with errno set, when either fails.
bool write_and_sync(int fd, std::string_view bytes);

// Writes `text` to `file`, which must not exist yet (InvalidArgument naming it if it does), with
// permissions `mode` whatever the umask, synced. IOError naming the file when it cannot be written.
Status write_new_file(const std::filesystem::path& file, std::string_view text, unsigned mode);

}  // namespace mentorflow::store
