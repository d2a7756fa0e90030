#pragma once
// Internal to engine/read_models/projector.cpp: reads the few fields a read model needs straight out of an
// event's canonical JSON payload (docs/STORE.md, "Event values"), without building a JSON tree.
// Handles the plain shape the engine writes: an object whose values are strings without escapes,
// integers, or objects of such strings; anything else is declined, and the caller parses the
// payload in full instead. A replay reads hundreds of thousands of these, so this is its
// fastest path, not its only one.
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace mentorflow::engine::read_models {

class PlainPayload {
 public:
  // Reads `json`; false when it is not of the plain shape above (then nothing is usable).
  bool read(std::string_view json);

  // The top-level field `key` as text, as an integer, or as an object of texts; nullptr when the
  // payload has no such field or it is of another kind. Views into the text given to read().
  const std::string_view* text(std::string_view key) const;
  const std::int64_t* integer(std::string_view key) const;
  const std::vector<std::pair<std::string_view, std::string_view>>* texts(std::string_view key) const;

 private:
  enum class Kind { kText, kInteger, kTexts };
  struct Field {
    std::string_view key;
    Kind kind = Kind::kText;
    std::string_view text;
    std::int64_t integer = 0;
    std::vector<std::pair<std::string_view, std::string_view>> texts;
  };
  const Field* find(std::string_view key, Kind kind) const;

  std::vector<Field> fields_;  // reused from one read to the next
  std::size_t count_ = 0;
};

}  // namespace mentorflow::engine::read_models
