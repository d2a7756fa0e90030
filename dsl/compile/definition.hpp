#pragma once
// A compiled programme edition: one workflow with one rules file, checked, every expression
// compiled, every edition value computed. Immutable once built (by compile() or
// build_definition()); safe to share between threads. The engine finds case types, commands,
// roles and parameters here, validates inputs and runs commands (dsl/eval/execute.hpp) and
// evaluates rules (dsl/eval/eval.hpp, through program()).
//
// id() names the definition in the event log: the SHA-256 of both source texts in a canonical form
// (docs/LANGUAGE.md, "Definition id"), so the same texts always give the same id.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/model/model.hpp"
#include "dsl/model/program.hpp"
#include "dsl/source_file.hpp"
#include "dsl/text.hpp"

namespace mentorflow::dsl {

// What a definition keeps of its workflow for people to read besides the labels of its parts
// (model.hpp): docs/LANGUAGE.md, "Labels, help and languages".
struct WorkflowTexts {
  std::vector<std::string> languages;  // as declared; empty when undeclared (texts are then English)
  Text title;                          // the workflow's title with its variants
  std::vector<NamedEnum> enums;        // named enums, with their values' labels
};

class Definition {
 public:
  Definition(std::string workflow_name, std::string edition, SourceFile workflow, SourceFile rules,
             std::vector<RoleSpec> roles, WorkflowTexts texts, Program program);
  Definition(Definition&&) noexcept = default;
  Definition& operator=(Definition&&) noexcept = default;
  Definition(const Definition&) = delete;
  Definition& operator=(const Definition&) = delete;

  const std::string& id() const { return id_; }  // 64 lower-case hex digits
  const std::string& workflow_name() const { return workflow_name_; }
  // The workflow's title in its first language, as certificates and calendars print it.
  const std::string& title() const { return texts_.title.first(); }
  // The title with its variants.
  const Text& title_text() const { return texts_.title; }
  // The languages of its texts, the first that of a text without a marker (`languages en, it`);
  // empty when the workflow declares none: its texts are then in English, "en".
  const std::vector<std::string>& languages() const { return texts_.languages; }
  const std::string& edition() const { return edition_; }
  // The texts it was compiled from, with the paths they were read under.
  const SourceFile& workflow_source() const { return *workflow_; }
  const SourceFile& rules_source() const { return *rules_; }

  // Declared roles, then the built-in `system`.
  const std::vector<RoleSpec>& roles() const { return roles_; }
  const RoleSpec* find_role(std::string_view name) const;

  const std::vector<ParamSpec>& params() const { return program_.params; }
  std::optional<Index> find_param(std::string_view name) const;
  // The edition's value of a parameter (its `set` in the rules file, else the workflow default).
  const Value& param_value(Index param) const { return program_.param_values[param]; }

  // The zone its rules file declares (`zone Europe/Rome`), or "" when it declares none.
  const std::string& zone() const { return program_.zone; }
  // How long the edition keeps personal data after it closes (`retention 5years`); unset when its
  // rules file says nothing (docs/PRIVACY.md, "Retention and legal holds").
  const Retention& retention() const { return program_.retention; }

  const std::vector<CaseTypeSpec>& case_types() const { return program_.case_types; }
  std::optional<Index> find_case_type(std::string_view name) const;
  const CaseTypeSpec& case_type(Index i) const { return program_.case_types[i]; }

  // Named enums: their values, each with its label.
  const std::vector<NamedEnum>& enums() const { return texts_.enums; }
  // The label of `value` of the named enum `enum_name` (empty when it has none); nullptr when the
  // workflow has no such enum or value.
  const Text* enum_value_label(std::string_view enum_name, std::string_view value) const;

  const std::vector<RuleSpec>& rules() const { return program_.rules; }
  std::optional<Index> find_rule(std::string_view name) const;
  const std::vector<TableSpec>& tables() const { return program_.tables; }
  std::optional<Index> find_table(std::string_view name) const;

  // What evaluation reads (dsl/eval/eval.hpp); its spans point into workflow_source() and rules_source().
  const Program& program() const { return program_; }

 private:
  std::string workflow_name_, edition_, id_;
  std::unique_ptr<const SourceFile> workflow_, rules_;  // heap: program_ points at them, moves keep them
  std::vector<RoleSpec> roles_;
  WorkflowTexts texts_;
  Program program_;
};

// The definition id of a workflow text and a rules text: SHA-256, hex, of
// "mentorflow definition 1\nworkflow <bytes>\n<workflow>\nrules <bytes>\n<rules>\n", each text
// with CR LF line ends read as LF.
std::string definition_id(std::string_view workflow_text, std::string_view rules_text);

}  // namespace mentorflow::dsl
