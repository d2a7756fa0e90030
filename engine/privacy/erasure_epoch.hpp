#pragma once
// How many erasures this process has carried out (docs/PRIVACY.md, "Erasing a person"). Every
// Engine keeps cases it folded lately; a case folded before an erasure may hold the erased
// person's values, so an engine that sees the count move drops its cases before its next load.
// The count is process-wide because the engines are many (a server's workers, each with its
// own) and an erasure runs on one of them.
//
// Thread safety: both functions may be called from any thread at once.
#include <cstdint>

namespace mentorflow::engine {

std::uint64_t erasures_in_process();
void count_erasure_in_process();

}  // namespace mentorflow::engine
