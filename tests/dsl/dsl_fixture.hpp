#pragma once
// Helpers for the dsl test programs: a Definition from two texts, cases from JSON, a resolver.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include "dsl/compile/compile.hpp"
#include "dsl/eval/case_data.hpp"
#include "dsl/value_json.hpp"

namespace mentorflow::dsl::testing {

// The bytes of a file ("" when it cannot be read).
inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A definition built from texts; the source files live as long as it does.
struct Built {
  SourceFile workflow, rules;
  Diagnostics diagnostics;
  std::optional<Definition> definition;

  Built(std::string workflow_path, std::string workflow_text, std::string rules_path, std::string rules_text)
      : workflow(std::move(workflow_path), std::move(workflow_text)), rules(std::move(rules_path), std::move(rules_text)) {
    definition = build_definition(workflow, rules, diagnostics);
  }
  const Definition& def() const { return *definition; }
};

inline std::unique_ptr<Built> build(std::string workflow_text, std::string rules_text) {
  auto b = std::make_unique<Built>("test.flow", std::move(workflow_text), "test.rules", std::move(rules_text));
  INFO(render(b->diagnostics));
  REQUIRE(b->definition.has_value());
  return b;
}

// A case of type `type` from the JSON form of case_data.hpp (fields, parties, state...).
inline CaseData make_case(const Definition& d, const std::string& type, const std::string& id, nlohmann::json j) {
  j["type"] = type;
  j["id"] = id;
  std::string error;
  auto c = case_data_from_json(j, d.case_types(), error);
  INFO(error);
  REQUIRE(c.has_value());
  return *c;
}

class Cases : public CaseResolver {
 public:
  void add(CaseData c) { cases_[c.id] = std::move(c); }
  const CaseData* find(Index, const std::string& id) const override {
    auto it = cases_.find(id);
    return it == cases_.end() ? nullptr : &it->second;
  }

 private:
  std::map<std::string, CaseData> cases_;
};

inline Value datetime(const std::string& text) {
  std::string error;
  auto v = value_from_json(text, Type::of(TypeKind::DateTime), error);
  INFO(error);
  REQUIRE(v.has_value());
  return *v;
}

}  // namespace mentorflow::dsl::testing
