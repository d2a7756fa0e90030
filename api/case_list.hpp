#pragma once
// An edition's case list as a person pages through it (GET /v1/editions/E/cases, docs/API.md):
// filtered by type, state and a search text, sorted, one page at a time, with the total. Pure:
// the read models give the summaries, the handler the JSON.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/status.hpp"
#include "engine/read_models/read_model.hpp"

namespace mentorflow::api {

struct CaseQuery {
  std::string type, state;  // empty: any
  std::string text;         // `q`: in the case's id or a party's user id, ignoring case; empty: any
  enum class Sort { kCase, kState, kUpdatedAt } sort = Sort::kCase;
  bool descending = false;
  std::size_t offset = 0, limit = 50;
};

inline constexpr std::size_t kMaxCasePage = 500;

// The query of a request's parameters (q, type, state, sort, order, offset, limit); InvalidArgument
// naming the parameter that is not one of its forms.
Result<CaseQuery> parse_case_query(const std::map<std::string, std::string>& params);

struct CasePage {
  std::vector<engine::read_models::CaseSummary> cases;  // the page, in order
  std::size_t total = 0;                                // the cases the filters keep, on every page
};

// The page `query` asks for. Cases not opened yet (no state) are never listed.
CasePage select_cases(std::vector<engine::read_models::CaseSummary> summaries, const CaseQuery& query);

}  // namespace mentorflow::api
