#pragma once
// What the in-process engine tests start from: the shipped workflows and rules files, and times
// written as a designer writes them.
#include <catch2/catch.hpp>

#include <string>

#include "base/clock.hpp"
#include "dsl/source_file.hpp"
#include "dsl/time/time_text.hpp"
#include "tests/support/run_cli.hpp"

namespace mentorflow::testing {

// `2021-09-20 10:00 Europe/Rome` as UTC microseconds.
inline UtcMicros at(const std::string& text) {
  auto t = dsl::parse_datetime(text);
  REQUIRE(t.has_value());
  return t->utc_micros;
}

// A file of the source tree (`workflows/mie.flow`), loaded.
inline dsl::SourceFile shipped(const std::string& relative) {
  std::string error;
  auto file = dsl::SourceFile::load((source_dir() / relative).string(), error);
  INFO(error);
  REQUIRE(file.has_value());
  return *file;
}

}  // namespace mentorflow::testing
