// The store commands through the real CLI: export, import, verify, their help and usage errors.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "store/event_store.hpp"
#include "tests/store/store_test_util.hpp"
#include "tests/support/run_cli.hpp"
#include "tests/support/temp_dir.hpp"

using namespace mentorflow::store;
using namespace mentorflow::store::testing;
using mentorflow::testing::run_cli;
using mentorflow::testing::TempDir;

namespace {

// A store whose events exercise the awkward corners of the export: Unicode, escapes, numbers
// of every kind, nested explanations, empty metadata.
void fill(const std::filesystem::path& dir) {
  mentorflow::ManualClock clock(1'633'600'000'000'001);
  auto store = open_store(dir, {.clock = &clock});
  NewEvent decided = make_event("EligibilityDecided");
  decided.payload = {{"degree", "master"}, {"level", "B2"}, {"score", 0.1}, {"big", 18446744073709551615ull}, {"neg", -3}};
  decided.explanation = {{"rule", "eligible"}, {"trace", {{{"expr", "a.level >= B2"}, {"value", true}}}}};
  decided.metadata = {};
  REQUIRE(store->append("mie/2021/zoe", ExpectedVersion::no_stream(), {make_event("Applied", 1), decided}).is_ok());
  for (int i = 0; i < 20; ++i) {
    clock.advance(1'500'000);
    NewEvent note = make_event("NoteTaken", i);
    note.payload["text"] = "line\nbreak \"quoted\" \\ tab\t ✓";
    REQUIRE(store->append("mie/2021/s" + std::to_string(i % 3), ExpectedVersion::any(), {note}).is_ok());
  }
}

std::string export_of(const std::filesystem::path& dir) {
  auto r = run_cli({"export", "--store", dir.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  for (std::size_t at = 0, end; (end = text.find('\n', at)) != std::string::npos; at = end + 1) lines.push_back(text.substr(at, end - at));
  return lines;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& l : lines) text += l + "\n";
  return text;
}

}  // namespace

TEST_CASE("export, import, export gives the same bytes, and the copy verifies", "[store]") {
  TempDir dir;
  fill(dir / "a");
  const std::string first = export_of(dir / "a");
  CHECK(lines_of(first).size() == 22);

  auto imported = run_cli({"import", "--store", (dir / "b").string()}, first);
  INFO(imported.err);
  REQUIRE(imported.exit_code == 0);
  CHECK(imported.err.empty());  // no progress line when stderr is not a terminal
  CHECK(imported.out.rfind("imported 22 events into " + (dir / "b").string() + "; the chain ends at position 22, hash ", 0) == 0);

  CHECK(export_of(dir / "b") == first);
  auto verified = run_cli({"verify", "--store", (dir / "b").string()});
  CHECK(verified.exit_code == 0);
  CHECK(verified.err.empty());
  CHECK(verified.out.rfind("verified 22 events: the chain is intact up to position 22, hash ", 0) == 0);
}

TEST_CASE("an import may continue a store where its chain ends, and nowhere else", "[store]") {
  TempDir dir;
  fill(dir / "a");
  const auto lines = lines_of(export_of(dir / "a"));
  const std::string head(joined({lines.begin(), lines.begin() + 10})), tail(joined({lines.begin() + 10, lines.end()}));

  REQUIRE(run_cli({"import", "--store", (dir / "b").string()}, head).exit_code == 0);
  auto again = run_cli({"import", "--store", (dir / "b").string()}, head);
  CHECK(again.exit_code == 1);
  CHECK(again.err == "mentorflow: line 1: event at position 1 comes where position 11 was expected\n");
  REQUIRE(run_cli({"import", "--store", (dir / "b").string()}, tail).exit_code == 0);
  CHECK(export_of(dir / "b") == export_of(dir / "a"));
}

TEST_CASE("a damaged or truncated import file is refused by line and writes nothing", "[store]") {
  TempDir dir;
  fill(dir / "a");
  const std::string good = export_of(dir / "a");
  auto lines = lines_of(good);
  std::string damaged;
  std::string expected_error;

  SECTION("truncated in the middle of a line") {
    damaged = good.substr(0, good.size() - 40);
    expected_error = "line 22 does not end with a newline: the file looks truncated";
  }
  SECTION("not JSON") {
    lines[4] = "{\"position\":5,";
    damaged = joined(lines);
    expected_error = "line 5: not valid JSON (at byte 15)";
  }
  SECTION("an empty line") {
    lines.insert(lines.begin() + 7, "");
    damaged = joined(lines);
    expected_error = "line 8: not valid JSON (at byte 1)";
  }
  SECTION("a changed payload") {
    const auto at = lines[11].find("\"n\":");
    lines[11].replace(at, 5, "\"n\":7");
    damaged = joined(lines);
    expected_error = "line 12: event at position 12 does not match its hash (its contents were changed)";
  }
  SECTION("a missing line") {
    lines.erase(lines.begin() + 2);
    damaged = joined(lines);
    expected_error = "line 3: position 3 is missing (the next event is at position 4)";
  }
  SECTION("lines swapped") {
    std::swap(lines[5], lines[6]);
    damaged = joined(lines);
    expected_error = "line 6: position 6 is missing (the next event is at position 7)";
  }
  SECTION("a field missing") {
    const auto at = lines[20].find(",\"definition_id\":");
    const auto end = lines[20].find(",\"payload\"");
    lines[20].erase(at, end - at);
    damaged = joined(lines);
    expected_error = "line 21: field 'definition_id' is missing";
  }

  // Into a new store: not even the directory appears.
  auto r = run_cli({"import", "--store", (dir / "new").string()}, damaged);
  CHECK(r.exit_code == 1);
  CHECK(r.err == "mentorflow: " + expected_error + "\n");
  CHECK(!std::filesystem::exists(dir / "new"));

  // Into an existing store that the file (less its first line) would continue: unchanged.
  REQUIRE(run_cli({"import", "--store", (dir / "c").string()}, good.substr(0, good.find('\n') + 1)).exit_code == 0);
  const std::string before = export_of(dir / "c");
  CHECK(run_cli({"import", "--store", (dir / "c").string()}, damaged.substr(damaged.find('\n') + 1)).exit_code == 1);
  CHECK(export_of(dir / "c") == before);
}

TEST_CASE("export and verify of a missing store say so", "[store]") {
  TempDir dir;
  for (const char* command : {"export", "verify"}) {
    auto r = run_cli({command, "--store", (dir / "none").string()});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "mentorflow: store " + (dir / "none").string() + " does not exist\n");
  }
  CHECK(!std::filesystem::exists(dir / "none"));
}

TEST_CASE("an empty store exports nothing and verifies", "[store]") {
  TempDir dir;
  REQUIRE(run_cli({"import", "--store", (dir / "s").string()}, "").exit_code == 0);
  CHECK(export_of(dir / "s").empty());
  CHECK(run_cli({"verify", "--store", (dir / "s").string()}).out == "verified 0 events: the store is empty\n");
}

TEST_CASE("store commands explain themselves and reject bad usage with exit 2", "[store]") {
  for (const char* command : {"export", "import", "verify"}) {
    auto help = run_cli({command, "--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.out.rfind(std::string("usage: mentorflow ") + command + " --store DIR|postgresql://...", 0) == 0);

    auto missing = run_cli({command});
    CHECK(missing.exit_code == 2);
    CHECK(missing.err == std::string("mentorflow: ") + command + ": --store DIR|postgresql://... is required (see mentorflow " + command + " --help)\n");
    CHECK(run_cli({command, "--store"}).exit_code == 2);
    CHECK(run_cli({command, "--store", "x", "extra"}).err ==
          std::string("mentorflow: ") + command + ": unexpected argument 'extra' (see mentorflow " + command + " --help)\n");
    CHECK(run_cli({command, "--store", "x", "--bogus"}).exit_code == 2);
  }
  const auto overview = run_cli({"--help"}).out;
  for (const char* command : {"export", "import", "verify"}) CHECK(overview.find(std::string("  ") + command) != std::string::npos);
}

TEST_CASE("every command that takes --store says it takes a folder or a PostgreSQL URL", "[store][cli]") {
  const std::string listing = run_cli({"--help"}).out;
  std::istringstream lines(listing.substr(listing.find("commands:")));
  std::string line;
  std::getline(lines, line);
  std::size_t with_store = 0;
  while (std::getline(lines, line) && line.starts_with("  ")) {
    const std::string command = line.substr(2, line.find(' ', 2) - 2);
    INFO("mentorflow " << command << " --help");
    const std::string help = run_cli({command, "--help"}).out;
    if (help.find("--store") == std::string::npos) continue;
    ++with_store;
    CHECK(help.find("--store DIR|postgresql://...") != std::string::npos);
    CHECK(help.find("--store DIR ") == std::string::npos);  // no place left saying a folder only
    CHECK(help.find("--store DIR\n") == std::string::npos);
  }
  CHECK(with_store >= 20);
}
