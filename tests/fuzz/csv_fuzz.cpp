// libFuzzer target: any bytes as the CSV a university's form exports, imported as applicants of
// UniMi 2025-26 (engine/imports/applicant_import.hpp) both as mentees and as mentors, on the day
// applications open. The promise: the file is refused with a sentence naming it, or every row is
// either decided or named with its line among the problems; a dry run writes nothing; and a file
// with no problem imports for real, opening exactly the cases the dry run decided, in the states it
// said, and the store verifies. The parsed table keeps its own promises (engine/imports/csv.hpp).
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include <fmt/core.h>

#include "engine/imports/applicant_import.hpp"
#include "engine/imports/csv.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace mentorflow::fuzz {
namespace {

constexpr std::string_view kEdition = "unimi-2025";
constexpr std::string_view kSource = "applicants.csv";

void check_table(std::string_view text) {
  auto table = engine::imports::parse_csv(text);
  if (!table.is_ok()) {
    if (!table.status().is_invalid_argument() || table.status().message().empty())
      fail(fmt::format("parse_csv refused otherwise than with a sentence: {}", table.status().to_string()));
    return;
  }
  if (table->delimiter != ',' && table->delimiter != ';') fail("a delimiter that is neither ',' nor ';'");
  int line = table->header.line;
  if (line < 1) fail("a header before line 1");
  for (const auto& row : table->rows) {
    if (row.line <= line) fail(fmt::format("row at line {} after line {}", row.line, line));
    line = row.line;
  }
}

void check_import(StoreCopy& store, const std::string& type, const std::string& command, const std::string& text) {
  engine::imports::ApplicantImport request{std::string(kSource), text, std::string(kEdition), type, command, "", true};
  const store::ChainHead before = store.store().head();
  auto dry = engine::imports::import_applicants(store.engine(), request);
  if (store.store().head() != before) fail("a dry run wrote");
  if (!dry.is_ok()) {
    const Status& s = dry.status();
    if (!s.is_invalid_argument() || !s.message().starts_with(kSource))
      fail(fmt::format("a refused file is not named: {}", s.to_string()));
    return;
  }
  std::set<int> lines;
  for (const auto& p : dry->problems) {
    if (p.message.empty()) fail(fmt::format("line {}: a problem without a sentence", p.line));
    lines.insert(p.line);
  }
  std::set<std::string> cases;
  for (const auto& c : dry->imported) {
    if (c.state.empty() || c.case_name.empty()) fail(fmt::format("line {}: decided without a case or state", c.line));
    if (!cases.insert(c.case_name).second) fail(fmt::format("{} decided twice", c.case_name));
  }
  if (dry->first_position != 0 || dry->last_position != 0) fail("a dry run has positions");
  if (!dry->problems.empty() || dry->imported.empty()) return;

  request.dry_run = false;
  auto real = engine::imports::import_applicants(store.engine(), request);
  if (!real.is_ok()) fail(fmt::format("a file whose dry run passed does not import: {}", real.status().to_string()));
  if (!real->problems.empty()) fail("a file whose dry run passed has problems");
  if (real->imported.size() != dry->imported.size()) fail("the import opened other cases than its dry run decided");
  for (std::size_t i = 0; i < real->imported.size(); ++i) {
    const auto& c = real->imported[i];
    if (c.case_name != dry->imported[i].case_name || c.state != dry->imported[i].state)
      fail(fmt::format("{} imported in state {}, decided in {}", c.case_name, c.state, dry->imported[i].state));
    auto state = store.engine().load(c.case_name);
    if (!state.is_ok()) fail(fmt::format("{} was imported and does not load: {}", c.case_name, state.status().to_string()));
  }
  if (real->first_position == 0 || real->last_position < real->first_position) fail("an import without positions");
  store.verify();
  store.reset();
}

}  // namespace
}  // namespace mentorflow::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mentorflow;
  static fuzz::StoreCopy store(fuzz::at("2025-05-05 09:00 Europe/Rome"), [](engine::Engine& engine, ManualClock& clock) {
    fuzz::publish(engine, "workflows/unimi-mentoring.flow", "rules/unimi-2025.rules", "unimi-2025");
    clock.set(fuzz::at("2025-05-12 12:00 Europe/Rome"));
  });
  const std::string text(reinterpret_cast<const char*>(data), size);
  fuzz::check_table(text);
  fuzz::check_import(store, "mentee_application", "apply_as_mentee", text);
  fuzz::check_import(store, "mentor_application", "apply_as_mentor", text);
  return 0;
}
