#pragma once
// Reading JSON that comes from outside: a command's inputs (CLI and HTTP), a scenario line, an
// imported event, a request body. Every door parses it here, so every door refuses the same
// things in the same words. Beyond JSON's own grammar and its UTF-8, a value is refused when
// - arrays and objects nest more than kMaxJsonDepth deep: copying, printing and reading a value
//   recurse, so 60,000 brackets would exhaust the stack (the parser stops at the limit: nothing
//   deeper is built);
// - an object holds a key twice: which one would count is nobody's guess;
// - an integer lies beyond what 64 bits hold (-2^63 to 2^64-1), or a number beyond a double's: it
//   would be rounded or become infinite. (An input declared int takes the signed range; the
//   definition's types say so, naming the input: dsl/value_json.cpp.)
// The limits are documented in docs/API.md, "Limits".
#include <fmt/core.h>

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "base/printable.hpp"
#include "base/status.hpp"

namespace mentorflow {

inline constexpr int kMaxJsonDepth = 64;

namespace json_input_detail {

// Shown in a message: printable, and short even when the input is not.
inline std::string quoted_excerpt(std::string_view text) {
  constexpr std::size_t kShown = 40;
  return text.size() <= kShown ? printable(text) : printable(text.substr(0, kShown)) + "...";
}

// Builds the value as nlohmann's own DOM parser does, refusing what the header's contract says.
class Builder final : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit Builder(nlohmann::json& root) : root_(root) {}
  const std::string& problem() const { return problem_; }

  bool null() override { return add(nullptr); }
  bool boolean(bool v) override { return add(v); }
  bool number_integer(number_integer_t v) override { return add(v); }
  bool number_unsigned(number_unsigned_t v) override { return add(v); }
  bool number_float(number_float_t v, const string_t& text) override {
    // An integer too long for 64 bits arrives here, as a float: refused, not rounded.
    if (text.find_first_of(".eE") == string_t::npos)
      return fail(fmt::format("an integer beyond the 64-bit range: {}", quoted_excerpt(text)));
    return add(v);
  }
  bool string(string_t& v) override { return add(std::move(v)); }
  bool binary(binary_t& v) override { return add(std::move(v)); }
  bool start_object(std::size_t) override { return open(nlohmann::json::object()); }
  bool start_array(std::size_t) override { return open(nlohmann::json::array()); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool key(string_t& k) override {
    if (open_.back()->contains(k)) return fail(fmt::format("a duplicate key '{}' in one object", quoted_excerpt(k)));
    key_ = std::move(k);
    return true;
  }
  bool parse_error(std::size_t byte, const std::string& last_token, const nlohmann::detail::exception& e) override {
    const std::string what = e.what();
    if (what.find("number overflow") != std::string::npos)
      return fail(fmt::format("a number beyond the range of a double: {}", quoted_excerpt(last_token)));
    if (what.find("UTF-8") != std::string::npos) return fail(fmt::format("not valid UTF-8 (at byte {})", byte));
    return fail(fmt::format("not valid JSON (at byte {})", byte));
  }

 private:
  // Puts `v` where the parse is: the root, the next item of an array or the current key's value.
  nlohmann::json* place(nlohmann::json&& v) {
    if (open_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    nlohmann::json& parent = *open_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(v));
      return &parent.back();
    }
    return &(parent[key_] = std::move(v));
  }
  bool add(nlohmann::json&& v) {
    place(std::move(v));
    return true;
  }
  bool open(nlohmann::json&& container) {
    if (open_.size() >= static_cast<std::size_t>(kMaxJsonDepth))
      return fail(fmt::format("arrays and objects nested more than {} deep", kMaxJsonDepth));
    open_.push_back(place(std::move(container)));  // the parent does not change while this is open
    return true;
  }
  bool close() {
    open_.pop_back();
    return true;
  }
  bool fail(std::string problem) {
    problem_ = std::move(problem);
    return false;
  }

  nlohmann::json& root_;
  std::vector<nlohmann::json*> open_;
  std::string key_;
  std::string problem_;
};

}  // namespace json_input_detail

// Parses `text` as one JSON value. InvalidArgument, with a phrase that can follow "WHAT: ", when
// it is refused: "not valid JSON (at byte 15)", "not valid UTF-8 (at byte 3)", "arrays and
// objects nested more than 64 deep", "a duplicate key 'year' in one object", "an integer beyond
// the 64-bit range: 18446744073709551616", "a number beyond the range of a double: 1e400".
inline Result<nlohmann::json> parse_json_input(std::string_view text) {
  nlohmann::json root;
  json_input_detail::Builder builder(root);
  if (!nlohmann::json::sax_parse(text, &builder, nlohmann::json::input_format_t::json, true, false))
    return Status::invalid_argument(builder.problem());
  return root;
}

}  // namespace mentorflow
