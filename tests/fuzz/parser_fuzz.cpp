// libFuzzer entry point for the parser (dsl/parse/parser.hpp): any bytes, as a .flow or .rules file.
// Built and run by scripts/fuzz.sh (clang, -fsanitize=fuzzer,address,undefined). Besides not
// crashing and not hanging, the parser must keep its promises: a tree exactly when it reported
// no error, and every diagnostic inside the text.
#include <cstddef>
#include <cstdint>
#include <string>

#include "dsl/parse/parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const mentorflow::dsl::SourceFile file("fuzz.flow", std::string(reinterpret_cast<const char*>(data), size));
  mentorflow::dsl::Diagnostics diagnostics;
  const auto parsed = mentorflow::dsl::parse_file(file, diagnostics);
  if (parsed.has_value() == diagnostics.has_errors()) __builtin_trap();
  for (const auto& d : diagnostics.all())
    if (d.span.begin > d.span.end || d.span.end > size) __builtin_trap();
  static_cast<void>(render(diagnostics));
  return 0;
}
