#include "dsl/check/check_report.hpp"

#include <algorithm>

#include "dsl/check/check_messages.hpp"
#include "dsl/suggest.hpp"

namespace mentorflow::dsl::detail {

void Reporter::suggest(Diagnostic& d, std::string_view name, const std::vector<std::string>& candidates) {
  if (auto best = closest_name(name, candidates)) d.notes.push_back(fmt::format(fmt::runtime(msg::kDidYouMean), *best));
}

void Reporter::duplicate(ast::Span span, std::string_view what, std::string_view name, ast::Span first) {
  Diagnostic& d = error(span, msg::kDuplicate, what, name);
  if (first.end > first.begin) d.notes.push_back(fmt::format(fmt::runtime(msg::kFirstDeclared), line(first)));
}

std::string_view Reporter::text(ast::Span span) const {
  const std::string& t = file_.text();
  if (span.begin > span.end || span.end > t.size()) return {};
  return std::string_view(t).substr(span.begin, span.end - span.begin);
}

void Reporter::flush(Diagnostics& out) {
  std::vector<const Diagnostic*> sorted;
  for (const Diagnostic& d : items_.all()) sorted.push_back(&d);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Diagnostic* a, const Diagnostic* b) { return a->span.begin < b->span.begin; });
  for (const Diagnostic* d : sorted) {
    Diagnostic& copy = d->severity == Severity::Error ? out.error(*d->file, d->span, d->message)
                                                      : out.warning(*d->file, d->span, d->message);
    copy.notes = d->notes;
  }
  items_ = Diagnostics();
}

}  // namespace mentorflow::dsl::detail
