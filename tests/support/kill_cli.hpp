#pragma once
// Runs the real `mentorflow` executable and kills it with SIGKILL part way, as a crash or `kill -9`
// would: for the tests that check what a killed process leaves in the log.
#include <chrono>
#include <string>
#include <vector>

namespace mentorflow::testing {

// Starts `mentorflow args...` (its output discarded), kills it with SIGKILL after `delay` (it may
// have finished by then) and waits for it.
void run_cli_killed_after(const std::vector<std::string>& args, std::chrono::microseconds delay);

}  // namespace mentorflow::testing
