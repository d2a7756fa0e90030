#include "engine/case_name.hpp"

#include <fmt/core.h>

#include <vector>

namespace mentorflow::engine {
namespace {

constexpr std::size_t kMaxPart = 64;

bool valid_part(std::string_view part) {
  if (part.empty() || part.size() > kMaxPart || part.front() == '.') return false;
  for (char c : part) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string CaseName::stream() const { return id.empty() ? edition + "/" + type : edition + "/" + type + "/" + id; }

bool is_valid_edition_name(std::string_view name) { return valid_part(name); }

Result<CaseName> parse_case_name(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t slash = text.find('/', start);
    parts.push_back(text.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  const auto bad = [&](std::string_view why) {
    return Status::invalid_argument(fmt::format("'{}' is not a case name: {}", text, why));
  };
  if (parts.size() < 2 || parts.size() > 3)
    return bad("write EDITION/TYPE/ID for a case or EDITION/COHORT for a cohort");
  for (std::string_view p : parts)
    if (!valid_part(p))
      return bad("each part must be 1 to 64 letters, digits, '-', '_' or '.', not starting with '.'");
  CaseName name{std::string(parts[0]), std::string(parts[1]), parts.size() == 3 ? std::string(parts[2]) : ""};
  return name;
}

}  // namespace mentorflow::engine
