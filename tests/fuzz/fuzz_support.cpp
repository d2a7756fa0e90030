#include "tests/fuzz/fuzz_support.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "dsl/source_file.hpp"
#include "dsl/time/time_text.hpp"
#include "engine/imports/scenario.hpp"
#include "store/verify.hpp"

namespace mentorflow::fuzz {
namespace {

std::filesystem::path& scratch_root() {
  static std::filesystem::path root;
  return root;
}

void remove_scratch() {
  std::error_code ignored;
  if (!scratch_root().empty()) std::filesystem::remove_all(scratch_root(), ignored);
}

}  // namespace

void fail(std::string_view what) {
  fmt::print(stderr, "fuzz: broken promise: {}\n", what);
  std::fflush(stderr);
  std::abort();
}

std::filesystem::path source_dir() { return MENTORFLOW_SOURCE_DIR; }

std::string source_text(const std::string& relative) {
  std::ifstream in(source_dir() / relative, std::ios::binary);
  if (!in) fail(fmt::format("cannot read {}", (source_dir() / relative).string()));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::filesystem::path scratch(const std::string& name) {
  if (scratch_root().empty()) {
    std::string templ = (std::filesystem::temp_directory_path() / "mentorflow-fuzz-XXXXXX").string();
    if (::mkdtemp(templ.data()) == nullptr) fail("mkdtemp failed");
    scratch_root() = templ;
    std::atexit(remove_scratch);
  }
  const std::filesystem::path dir = scratch_root() / name;
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  std::filesystem::create_directories(dir);
  return dir;
}

UtcMicros at(const std::string& datetime) {
  auto t = dsl::parse_datetime(datetime);
  if (!t) fail(fmt::format("not a date-time: {}", datetime));
  return t->utc_micros;
}

void publish(engine::Engine& engine, const std::string& workflow, const std::string& rules, const std::string& edition) {
  std::string error;
  auto w = dsl::SourceFile::load((source_dir() / workflow).string(), error);
  auto r = dsl::SourceFile::load((source_dir() / rules).string(), error);
  if (!w || !r) fail(error);
  dsl::Diagnostics diagnostics;
  auto published = engine.publish(*w, *r, edition, diagnostics);
  if (!published.is_ok()) fail(fmt::format("publishing {}: {}", edition, published.status().to_string()));
}

void run_scenario(engine::Engine& engine, ManualClock& clock, const std::string& scenario) {
  const auto parsed = engine::imports::parse_scenario(source_text(scenario));
  engine::imports::ScenarioOptions options;
  options.base_dir = (source_dir() / scenario).parent_path();
  auto summary = engine::imports::run_scenario(engine, clock, parsed, options);
  if (!summary.is_ok()) fail(fmt::format("{}: {}", scenario, summary.status().to_string()));
  if (!summary->all_as_expected()) fail(fmt::format("{}: {} lines went otherwise than expected", scenario, summary->unexpected));
}

StoreCopy::StoreCopy(UtcMicros now, const std::function<void(engine::Engine&, ManualClock&)>& build)
    : start_(now), clock_(now), template_dir_(scratch("template")), copy_dir_(scratch("copy")) {
  {
    auto store = store::EventStore::open(template_dir_, {.clock = &clock_});
    if (!store.is_ok()) fail(store.status().to_string());
    engine::Engine engine(**store, clock_);
    build(engine, clock_);
    template_head_ = (*store)->head();
  }
  start_ = clock_.now();  // the copy starts where the template's making left the clock
  reset();
}

StoreCopy::~StoreCopy() {
  engine_.reset();
  store_.reset();
}

void StoreCopy::reset() {
  engine_.reset();
  store_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(copy_dir_, ignored);
  std::filesystem::copy(template_dir_, copy_dir_, std::filesystem::copy_options::recursive);
  clock_.set(start_);
  open();
}

void StoreCopy::open() {
  auto store = store::EventStore::open(copy_dir_, {.clock = &clock_});
  if (!store.is_ok()) fail(store.status().to_string());
  store_ = std::move(*store);
  engine_ = std::make_unique<engine::Engine>(*store_, clock_);
}

void StoreCopy::verify() const {
  auto report = store::verify_chain(*store_);
  if (!report.is_ok()) fail(fmt::format("verify: {}", report.status().to_string()));
  if (!report->ok()) fail(fmt::format("verify: {}", report->problem.empty() ? "dangling references" : report->problem));
}

}  // namespace mentorflow::fuzz
