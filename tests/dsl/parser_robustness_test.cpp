// The parser on hostile input: every prefix and many byte-level mutations of the shipped programmes
// and golden cases, and pathological nesting. It must never crash, always terminate, and keep its
// own promises: a tree exactly when no error was reported, every span inside the text. (The
// libFuzzer target in tests/fuzz/ explores further when clang is available.)
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "dsl/parse/parser.hpp"
#include "tests/support/run_cli.hpp"

using mentorflow::dsl::Diagnostics;
using mentorflow::dsl::SourceFile;

namespace {

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The shipped programmes and the golden syntax cases.
std::vector<std::string> seeds() {
  const std::filesystem::path root = mentorflow::testing::source_dir();
  std::vector<std::string> out;
  for (const char* dir : {"workflows", "rules", "tests/golden/syntax"}) {
    if (!std::filesystem::exists(root / dir)) continue;
    for (const auto& entry : std::filesystem::directory_iterator(root / dir))
      if (entry.path().extension() == ".flow" || entry.path().extension() == ".rules") out.push_back(read(entry.path()));
  }
  return out;
}

// Parses `text` and checks what holds for any input. Returns whether it parsed.
bool parse_checked(const std::string& text) {
  SourceFile file("fuzz.flow", text);
  Diagnostics diagnostics;
  const auto parsed = mentorflow::dsl::parse_file(file, diagnostics);
  if (parsed.has_value() == diagnostics.has_errors()) {
    FAIL_CHECK("a tree and errors, or neither, for: " << text);
    return false;
  }
  for (const auto& d : diagnostics.all()) {
    if (d.span.begin > d.span.end || d.span.end > text.size()) {
      FAIL_CHECK("span outside the text for: " << text);
      return false;
    }
  }
  static_cast<void>(render(diagnostics));  // must not crash either
  return parsed.has_value();
}

}  // namespace

TEST_CASE("every prefix of every shipped and golden file parses or fails cleanly", "[dsl]") {
  const auto files = seeds();
  REQUIRE(files.size() > 10);
  std::size_t inputs = 0;
  for (const std::string& text : files) {
    // Every prefix of the small files, every 7th of the large ones: the same boundaries recur.
    const std::size_t step = text.size() > 2000 ? 7 : 1;
    for (std::size_t n = 0; n <= text.size(); n += step, ++inputs) parse_checked(text.substr(0, n));
  }
  CHECK(inputs > 10000);
}

TEST_CASE("byte-level mutations of shipped and golden files parse or fail cleanly", "[dsl]") {
  const auto files = seeds();
  REQUIRE(files.size() > 10);
  std::mt19937 random(20251122);  // fixed: the same mutations on every run
  const std::string alphabet = "{}()[],:=<>!-+*/%.?#\"\\ \n\t0123456789aAzZ_\x80\xff";
  auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random); };
  std::size_t parsed = 0, mutants = 0;
  for (const std::string& original : files) {
    for (int round = 0; round < 60; ++round, ++mutants) {
      std::string text = original;
      for (int edits = 1 + static_cast<int>(pick(3)); edits > 0 && !text.empty(); --edits) {
        const std::size_t at = pick(text.size());
        switch (pick(5)) {
          case 0: text.erase(at, 1); break;
          case 1: text.insert(at, 1, alphabet[pick(alphabet.size())]); break;
          case 2: text[at] = alphabet[pick(alphabet.size())]; break;
          case 3: text.insert(at, text.substr(pick(text.size()), 1 + pick(40))); break;  // a repeated chunk
          case 4: text.erase(at, 1 + pick(40)); break;
        }
      }
      parsed += parse_checked(text) ? 1 : 0;
    }
  }
  CHECK(mutants > 1000);
  CHECK(parsed < mutants);  // most mutations break something, so recovery ran on them
}

TEST_CASE("pathological input: deep nesting, long chains, binary noise", "[dsl]") {
  const std::string head = "rules for w edition \"1\" {\n  let v = ";
  for (const std::string& middle : {std::string(100000, '('), std::string(100000, '-'), std::string(100000, '['),
                                    std::string(20000, ' ') + std::string(50000, '!')}) {
    CHECK_FALSE(parse_checked(head + middle + "1\n}\n"));
  }
  std::string nots;
  for (int i = 0; i < 20000; ++i) nots += "not ";
  CHECK_FALSE(parse_checked(head + nots + "a\n}\n"));
  std::string ifs;
  for (int i = 0; i < 20000; ++i) ifs += "if a then ";
  CHECK_FALSE(parse_checked(head + ifs + "1\n}\n"));

  std::string sum = "1";
  for (int i = 0; i < 100000; ++i) sum += " + a.b.c";
  CHECK(parse_checked(head + sum + "\n}\n"));

  std::string braces = "workflow w \"W\" {\n";
  for (int i = 0; i < 50000; ++i) braces += "case c { ";
  CHECK_FALSE(parse_checked(braces));

  std::mt19937 random(7);
  std::string noise(1 << 20, '\0');
  for (char& c : noise) c = static_cast<char>(random());
  CHECK_FALSE(parse_checked(noise));
  CHECK_FALSE(parse_checked("workflow w \"W\" {\n" + noise));
}

TEST_CASE("a parse stops after 100 errors and says so", "[dsl]") {
  std::string text = "workflow w \"W\" {\n";
  for (int i = 0; i < 150; ++i) text += "  param p\n";
  text += "}\n";
  SourceFile file("many.flow", text);
  Diagnostics diagnostics;
  CHECK_FALSE(mentorflow::dsl::parse_file(file, diagnostics));
  REQUIRE(diagnostics.error_count() == 100);
  CHECK(diagnostics.all()[98].notes.empty());
  CHECK(diagnostics.all()[99].notes ==
        std::vector<std::string>{"stopped after 100 errors; the rest of the file was not read"});
}
