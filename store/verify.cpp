#include "store/verify.hpp"

#include <fmt/core.h>

#include <algorithm>

namespace mentorflow::store {

namespace {

constexpr std::size_t kPage = 1024;

// Checks `e` against the chain and the stream index. A finding goes into `report` and returns
// false; only a failure to read the index at all is an error.
Result<bool> check_event(const EventStore& store, ChainWalker& walker, const Event& e, VerifyReport& report) {
  if (Status s = walker.step(e); !s.is_ok()) {
    report.bad_position = walker.head().position + 1;
    report.problem = s.message();
    return false;
  }
  auto indexed = store.position_of(e.stream, e.version);
  if (!indexed.is_ok() && !indexed.status().is_not_found()) return indexed.status();
  if (!indexed.is_ok() || *indexed != e.position) {
    report.bad_position = e.position;
    report.problem = fmt::format("event at position {} (stream '{}' version {}) is missing from the stream index", e.position, e.stream, e.version);
    return false;
  }
  ++report.events_checked;
  return true;
}

}  // namespace

Result<VerifyReport> verify_chain(const EventStore& store, const VerifyProgress& progress) {
  VerifyReport report;
  ChainWalker walker;
  const std::uint64_t total = store.head().position;
  std::size_t page_size = kPage;
  while (!report.bad_position) {
    const std::uint64_t from = walker.head().position + 1;
    auto page = store.read_all(from, page_size, ReadCheck::kNone);  // the walker checks hashes and links itself
    if (!page.is_ok()) {
      if (!page.status().is_corruption()) return page.status();
      if (page_size > 1) {
        // Some value in this page is damaged: go on one event at a time, so that the events
        // before it are still checked and the finding names the first bad position.
        page_size = 1;
        continue;
      }
      report.bad_position = from;
      report.problem = page.status().message();
      break;
    }
    if (page->empty()) break;
    for (const Event& e : *page) {
      auto intact = check_event(store, walker, e, report);
      if (!intact.is_ok()) return intact.status();
      if (!*intact) break;
    }
    if (progress) progress(report.events_checked, total);
  }
  report.head = walker.head();
  // Past a break the walk stops early; the log still ends where the store's last event is.
  const std::uint64_t last = report.intact() ? report.head.position : std::max(store.head().position, report.head.position);
  auto dangling = store.dangling_references(last);
  if (!dangling.is_ok()) return dangling.status();
  report.dangling = std::move(*dangling);
  return report;
}

}  // namespace mentorflow::store
