// A link such as [`workflows/mie.flow:170`](../workflows/mie.flow#L170) in README.md,
// workflows/*.md or docs/*.md drifts silently when the linked file gains a line above it. So every
// link to a shipped workflow or rules file names a file that exists and, when it names a line,
// says the same line in its text as in its target, points at code (not a blank or a comment) and
// lands on a line showing one of the names its row (the markdown line) gives in backticks.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/parse/parser_tokens.hpp"
#include "tests/dsl/dsl_fixture.hpp"
#include "tests/support/run_cli.hpp"

namespace {

namespace fs = std::filesystem;
using mentorflow::dsl::testing::slurp;
using mentorflow::testing::source_dir;

// Keywords of the grammar that are not reserved (they are keywords only in place), the type names
// and the names any expression may use: found on so many lines that a row giving only them would
// pass a link shifted by a line.
constexpr std::array<std::string_view, 28> kTooCommon = {
    "actor", "bool", "capacity", "cefr", "collect", "count", "date", "datetime", "duration", "edition",
    "explain", "first", "int", "match", "max", "min", "now", "number", "score", "shows", "staff", "sum",
    "text", "this", "unique", "using", "value", "zone"};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::vector<std::string> words(const std::string& text) {
  static const std::regex word("[A-Za-z0-9_]+");
  return {std::sregex_token_iterator(text.begin(), text.end(), word), std::sregex_token_iterator()};
}

bool is_telling(const std::string& w) {
  return w.size() >= 3 && std::any_of(w.begin(), w.end(), [](unsigned char c) { return std::isalpha(c); }) &&
         !mentorflow::dsl::is_reserved_word(w) &&
         std::find(kTooCommon.begin(), kTooCommon.end(), w) == kTooCommon.end();
}

// A row may shorten a name (`set meetings_from/until`), so each `_`-part of a name counts as well.
std::set<std::string> names_on(const std::string& line) {
  std::set<std::string> out;
  for (const std::string& w : words(line)) {
    out.insert(w);
    std::istringstream parts(w);
    for (std::string part; std::getline(parts, part, '_');) out.insert(part);
  }
  return out;
}

// Only the backticked spans name constructs; the prose around them is the seed's wording.
std::set<std::string> names_given(const std::string& row) {
  static const std::regex span("`([^`]*)`");
  std::set<std::string> out;
  for (std::sregex_iterator s(row.begin(), row.end(), span), end; s != end; ++s)
    for (const std::string& w : words((*s)[1]))
      if (is_telling(w)) out.insert(w);
  return out;
}

std::vector<std::string> markdown_files() {
  std::vector<std::string> out;
  for (const char* dir : {"workflows", "docs"})
    for (const auto& entry : fs::recursive_directory_iterator(source_dir() / dir))
      if (entry.path().extension() == ".md")
        out.push_back(entry.path().lexically_relative(source_dir()).generic_string());
  std::sort(out.begin(), out.end());
  out.insert(out.begin(), "README.md");
  return out;
}

// What is wrong with a link whose text is `text` to `file` (`anchor` after it), from a row giving
// `names`; empty when nothing is.
std::string problem(std::string text, const std::string& file, const std::string& anchor,
                    const std::set<std::string>& names) {
  if (!fs::is_regular_file(source_dir() / file)) return "no such file: " + file;
  if (anchor.empty()) return {};
  static const std::regex line_anchor("#L([0-9]+)");
  std::smatch m;
  if (!std::regex_match(anchor, m, line_anchor)) return "the anchor " + anchor + " is not #LN, one line of " + file;
  const auto lines = lines_of(slurp(source_dir() / file));
  const std::size_t n = std::stoul(m[1]);
  const std::string place = file + ":" + std::to_string(n);
  if (n < 1 || n > lines.size())
    return place + " does not exist: the file has " + std::to_string(lines.size()) + " lines";
  const std::string& linked = lines[n - 1];
  const std::string reads = "\n  " + place + " reads: " + linked;
  std::erase(text, '`');
  if (text != place) return "the link's text says " + text + " but its target is " + place + reads;
  const auto first = linked.find_first_not_of(" \t");
  if (first == std::string::npos) return place + " is blank" + reads;
  if (linked[first] == '#') return place + " is only a comment: link the line of code it documents" + reads;
  if (names.empty()) return "the row gives no name in backticks to look for on " + place + reads;
  const auto there = names_on(linked);
  if (std::none_of(names.begin(), names.end(), [&](const std::string& w) { return there.contains(w); })) {
    std::string given;
    for (const std::string& w : names) given += (given.empty() ? "" : ", ") + w;
    return "none of the row's names (" + given + ") is on " + place + reads;
  }
  return {};
}

}  // namespace

TEST_CASE("every link to a line of a shipped workflow or rules file shows what its row names", "[dsl]") {
  static const std::regex link(R"(\[([^\]]*)\]\(([^)\s]+)\))");
  static const std::regex shipped(R"((workflows/[^/]+\.flow|rules/[^/]+\.rules))");
  int with_line = 0;
  for (const std::string& md : markdown_files()) {
    const auto rows = lines_of(slurp(source_dir() / md));
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const std::string& row = rows[i];
      // A link's own text is backticked too, but names the file, not the construct.
      const std::set<std::string> names = names_given(std::regex_replace(row, link, ""));
      for (std::sregex_iterator l(row.begin(), row.end(), link), end; l != end; ++l) {
        const std::string target = (*l)[2];
        const auto hash = std::min(target.find('#'), target.size());
        const std::string file =
            (fs::path(md).parent_path() / target.substr(0, hash)).lexically_normal().generic_string();
        if (!std::regex_match(file, shipped)) continue;
        const std::string anchor = target.substr(hash);
        if (!anchor.empty()) ++with_line;
        const std::string wrong = problem((*l)[1], file, anchor, names);
        if (!wrong.empty()) FAIL_CHECK(md << ":" << i + 1 << ": " << l->str() << "\n  " << wrong);
      }
    }
  }
  // A link pattern that stopped matching would otherwise pass on nothing.
  CHECK(with_line >= 50);
}
