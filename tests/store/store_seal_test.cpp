// Sealed values (AES-256-GCM): open only with their key and their associated data, and refuse any
// altered byte; base64 as sealed values are written in JSON.
#include <catch2/catch.hpp>

#include <string>

#include "store/seal.hpp"
#include "tests/support/must.hpp"

using namespace mentorflow::store;
using mentorflow::testing::must;

TEST_CASE("a sealed value opens with its key and associated data, and with nothing else", "[seal]") {
  const DataKey key = must(random_key());
  const std::string sealed = must(seal(key, "Alessia Conti", "stream@3/full_name"));
  CHECK(sealed.size() == kNonceBytes + 13 + kTagBytes);
  CHECK(sealed.find("Alessia") == std::string::npos);
  CHECK(must(unseal(key, sealed, "stream@3/full_name")) == "Alessia Conti");

  CHECK_FALSE(unseal(must(random_key()), sealed, "stream@3/full_name").is_ok());  // another key
  CHECK_FALSE(unseal(key, sealed, "stream@4/full_name").is_ok());                  // moved to another event
  for (std::size_t i = 0; i < sealed.size(); ++i) {                              // any byte altered
    std::string altered = sealed;
    altered[i] = static_cast<char>(altered[i] ^ 1);
    INFO("byte " << i);
    CHECK_FALSE(unseal(key, altered, "stream@3/full_name").is_ok());
  }
  CHECK_FALSE(unseal(key, sealed.substr(0, kNonceBytes + kTagBytes - 1), "").is_ok());
}

TEST_CASE("two seals of one value differ, and an empty value seals too", "[seal]") {
  const DataKey key = must(random_key());
  CHECK(must(seal(key, "B2", "a")) != must(seal(key, "B2", "a")));
  CHECK(must(unseal(key, must(seal(key, "", "")), "")).empty());
}

TEST_CASE("base64 round-trips and refuses what is not base64", "[seal]") {
  for (const std::string& bytes : {std::string(), std::string("f"), std::string("fo"), std::string("foo"),
                                  std::string("\0\xff\x10 binary", 10)}) {
    CHECK(bytes_of_base64(base64_of(bytes)) == bytes);
  }
  CHECK(base64_of("foob") == "Zm9vYg==");
  for (const char* bad : {"Zm9vYg=", "Zm9v Yg==", "Zm=vYg==", "Zm9vYg=a", "Zm9vY===", "Zm9vYg\n=="})
    CHECK_FALSE(bytes_of_base64(bad).has_value());
}
