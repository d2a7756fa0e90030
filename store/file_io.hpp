#pragma once
// Writing small files durably, as the documents (store/document_store.cpp), the key files
// (store/ed25519.cpp) and the witness files (store/witness.cpp) need it.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "base/status.hpp"

namespace mentorflow::store {

// Writes all of `bytes` to the open file `fd` (going on after short writes and interruptions)
// and syncs it; false, with errno set, when either fails.
bool write_and_sync(int fd, std::string_view bytes);

// Writes `text` to `file`, which must not exist yet (InvalidArgument naming it if it does), with
// permissions `mode` whatever the umask, synced. IOError naming the file when it cannot be written.
Status write_new_file(const std::filesystem::path& file, std::string_view text, unsigned mode);

// Replaces `file` (or makes it) with `text` in one step, even across a crash: written to a
// temporary file beside it with permissions `mode`, synced, renamed over it, the folder synced.
// The old bytes leave the file system with the old file. IOError naming the file otherwise.
Status replace_file(const std::filesystem::path& file, std::string_view text, unsigned mode);

// Appends `text` to `file` (made with permissions `mode` when missing) and syncs it.
Status append_to_file(const std::filesystem::path& file, std::string_view text, unsigned mode);

// The whole of `file`: NotFound when it does not exist, InvalidArgument when it is larger than
// `max_bytes`, IOError naming it when it cannot be read.
Result<std::string> read_small_file(const std::filesystem::path& file, std::size_t max_bytes);

}  // namespace mentorflow::store
