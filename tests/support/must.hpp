#pragma once
// The value of a Result that the test needs to go on, failing the test with the Status's message
// when there is none (asking a failed Result for its value is a bug, not a test failure).
#include <catch2/catch.hpp>

#include <utility>

#include "base/status.hpp"

namespace mentorflow::testing {

template <class T>
T must(Result<T> result) {
  INFO(result.status().message());
  REQUIRE(result.is_ok());
  return std::move(result).value();
}

}  // namespace mentorflow::testing
