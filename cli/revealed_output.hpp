#pragma once
// The CLI's one way out for text (docs/PRIVACY.md): while a RevealedOutput lives, everything the
// process prints on stdout and stderr passes through Pseudonyms::reveal, so that every one of the
// commands' prints shows people by their user ids (or "[erased]") without knowing of pseudonyms.
// A pseudonym cut between two writes is held back until the rest comes.
#include <cstdio>

#include "engine/privacy/pseudonyms.hpp"

namespace mentorflow::cli {

class RevealedOutput {
 public:
  // `pseudonyms` must outlive this object, which flushes and puts the streams back when destroyed.
  explicit RevealedOutput(const engine::Pseudonyms& pseudonyms);
  ~RevealedOutput();
  RevealedOutput(const RevealedOutput&) = delete;
  RevealedOutput& operator=(const RevealedOutput&) = delete;

 private:
  struct Stream;
  static std::FILE* wrap(std::FILE* target, const engine::Pseudonyms& pseudonyms);

  std::FILE* original_out_;
  std::FILE* original_err_;
};

}  // namespace mentorflow::cli
