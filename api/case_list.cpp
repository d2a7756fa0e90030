#include "api/case_list.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace mentorflow::api {
namespace {

using engine::read_models::CaseSummary;

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

Result<std::size_t> count_param(const std::map<std::string, std::string>& params, const char* name,
                                std::size_t fallback, std::size_t max) {
  const auto it = params.find(name);
  if (it == params.end()) return fallback;
  std::size_t n = 0;
  const std::string& text = it->second;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n > max)
    return Status::invalid_argument(fmt::format("{}={} is not a whole number from 0 to {}", name, text, max));
  return n;
}

// Whether `text` (lower case) is in the case's id or in one of its parties' user ids.
bool mentions(const CaseSummary& s, const std::string& text) {
  if (lower(s.name.substr(s.name.rfind('/') + 1)).find(text) != std::string::npos) return true;
  return std::any_of(s.parties.begin(), s.parties.end(),
                     [&](const auto& party) { return lower(party.second).find(text) != std::string::npos; });
}

}  // namespace

Result<CaseQuery> parse_case_query(const std::map<std::string, std::string>& params) {
  CaseQuery query;
  const auto get = [&](const char* name) {
    const auto it = params.find(name);
    return it == params.end() ? std::string() : it->second;
  };
  query.type = get("type");
  query.state = get("state");
  query.text = lower(get("q"));
  if (const std::string sort = get("sort"); sort == "state") {
    query.sort = CaseQuery::Sort::kState;
  } else if (sort == "updated_at") {
    query.sort = CaseQuery::Sort::kUpdatedAt;
  } else if (!sort.empty() && sort != "case") {
    return Status::invalid_argument(fmt::format("sort={} is not one of case, state, updated_at", sort));
  }
  if (const std::string order = get("order"); order == "desc") {
    query.descending = true;
  } else if (!order.empty() && order != "asc") {
    return Status::invalid_argument(fmt::format("order={} is not asc or desc", order));
  }
  auto offset = count_param(params, "offset", 0, SIZE_MAX / 2);
  if (!offset.is_ok()) return offset.status();
  auto limit = count_param(params, "limit", query.limit, kMaxCasePage);
  if (!limit.is_ok()) return limit.status();
  query.offset = *offset;
  query.limit = *limit;
  return query;
}

CasePage select_cases(std::vector<CaseSummary> summaries, const CaseQuery& query) {
  std::erase_if(summaries, [&](const CaseSummary& s) {
    return s.state.empty() || (!query.type.empty() && s.case_type != query.type) ||
           (!query.state.empty() && s.state != query.state) || (!query.text.empty() && !mentions(s, query.text));
  });
  // Ties are broken by name, so a page boundary never moves between two requests.
  const auto key_less = [&](const CaseSummary& a, const CaseSummary& b) {
    switch (query.sort) {
      case CaseQuery::Sort::kState:
        if (a.state != b.state) return a.state < b.state;
        break;
      case CaseQuery::Sort::kUpdatedAt:
        if (a.updated_at != b.updated_at) return a.updated_at < b.updated_at;
        break;
      case CaseQuery::Sort::kCase:
        break;
    }
    return a.name < b.name;
  };
  std::sort(summaries.begin(), summaries.end(),
            [&](const CaseSummary& a, const CaseSummary& b) { return query.descending ? key_less(b, a) : key_less(a, b); });
  CasePage page;
  page.total = summaries.size();
  const std::size_t from = std::min(query.offset, summaries.size());
  const std::size_t to = std::min(summaries.size(), from + query.limit);
  page.cases.assign(std::make_move_iterator(summaries.begin() + from), std::make_move_iterator(summaries.begin() + to));
  return page;
}

}  // namespace mentorflow::api
