#include "store/location.hpp"

#include <regex>

namespace mentorflow::store {

std::string shown_location(std::string_view location) {
  const std::string text(location);
  if (!is_database_url(text)) return text;
  static const std::regex password(R"(^(postgres(?:ql)?://[^:@/]*):[^@/]*@)");
  const std::string shown = std::regex_replace(text, password, "$1@");
  static const std::regex param(R"(([?&])password=[^&]*)");
  return std::regex_replace(shown, param, "$1password=…");
}

}  // namespace mentorflow::store
