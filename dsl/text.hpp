#pragma once
// A human text of a workflow (a label, a help text, a title) with its language variants:
// docs/LANGUAGE.md, "Labels, help and languages". The checker builds them; the Definition keeps
// them for whoever shows a workflow to people (the web application, certificates). Plain values.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mentorflow::dsl {

// A human text with its language variants, in the order written; variants[0] is in the
// workflow's first language. Empty when the designer wrote none.
struct Text {
  std::vector<std::pair<std::string, std::string>> variants;  // (language code, text)

  bool empty() const { return variants.empty(); }
  // The text in `language`, else in the first language; nullptr when empty.
  const std::string* in(std::string_view language) const;
  // The text in the first language; "" when empty.
  const std::string& first() const;

  friend bool operator==(const Text&, const Text&) = default;
};

// Unicode's white space: ASCII blanks, no-break and typographic spaces, line and paragraph
// separators (the set the trim() built-in removes).
bool is_white_space(char32_t c);

// True when UTF-8 `text` holds nothing but white space (or nothing at all).
bool is_blank(std::string_view text);

}  // namespace mentorflow::dsl
