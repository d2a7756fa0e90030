#pragma once
// A witness file: signed checkpoints (store/checkpoint.hpp), one JSON line each, oldest first,
// kept outside the store — on another disk, another machine, or printed — so that whoever can
// rewrite the store cannot rewrite it too (docs/STORE.md, "Signed checkpoints"). Only appended to.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/status.hpp"
#include "store/checkpoint.hpp"

namespace mentorflow::store {

// Appends the line of `checkpoint` and a newline to `file` (created with mode 0644 when missing)
// and syncs it, so that a checkpoint reported as written survives a crash. IOError naming the file.
Status append_witness(const std::filesystem::path& file, const SignedCheckpoint& checkpoint);

// One line of a witness file: its checkpoint, or why it is not one.
struct WitnessLine {
  std::size_t number = 0;  // 1-based
  std::optional<SignedCheckpoint> checkpoint;
  std::string problem;     // set when checkpoint is not
};

// Every line of `file` (a last line without its newline included). NotFound naming the file when
// there is none; IOError when it cannot be read.
Result<std::vector<WitnessLine>> read_witness(const std::filesystem::path& file);

}  // namespace mentorflow::store
