#include "dsl/compile/definition.hpp"

#include "dsl/eval/trace.hpp"
#include "dsl/named.hpp"

#include <openssl/evp.h>

#include <fmt/core.h>

#include <algorithm>

namespace mentorflow::dsl {

namespace {


std::string without_cr(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i)
    if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) out += text[i];
  return out;
}

}  // namespace

std::string definition_id(std::string_view workflow_text, std::string_view rules_text) {
  const std::string w = without_cr(workflow_text), r = without_cr(rules_text);
  const std::string canonical =
      fmt::format("mentorflow definition 1\nworkflow {}\n{}\nrules {}\n{}\n", w.size(), w, r.size(), r);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(canonical.data(), canonical.size(), digest, &length, EVP_sha256(), nullptr);
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

Definition::Definition(std::string workflow_name, std::string edition, SourceFile workflow, SourceFile rules,
                       std::vector<RoleSpec> roles, WorkflowTexts texts, Program program)
    : workflow_name_(std::move(workflow_name)),
      edition_(std::move(edition)),
      workflow_(std::make_unique<const SourceFile>(std::move(workflow))),
      rules_(std::make_unique<const SourceFile>(std::move(rules))),
      roles_(std::move(roles)),
      texts_(std::move(texts)),
      program_(std::move(program)) {
  id_ = definition_id(workflow_->text(), rules_->text());
  program_.sources[static_cast<int>(SourceId::Workflow)] = workflow_.get();
  program_.sources[static_cast<int>(SourceId::Rules)] = rules_.get();
  prepare_fast_path(program_);
  prepare_trace_text(program_);
}

const RoleSpec* Definition::find_role(std::string_view name) const {
  auto i = index_by_name(roles_, name);
  return i ? &roles_[*i] : nullptr;
}

const Text* Definition::enum_value_label(std::string_view enum_name, std::string_view value) const {
  const auto e = index_by_name(texts_.enums, enum_name);
  if (!e) return nullptr;
  const NamedEnum& named = texts_.enums[*e];
  const auto at = std::find(named.values.begin(), named.values.end(), value);
  return at == named.values.end() ? nullptr : &named.value_labels[at - named.values.begin()];
}

std::optional<Index> Definition::find_param(std::string_view name) const { return index_by_name(program_.params, name); }
std::optional<Index> Definition::find_case_type(std::string_view name) const {
  return index_by_name(program_.case_types, name);
}
std::optional<Index> Definition::find_rule(std::string_view name) const { return index_by_name(program_.rules, name); }
std::optional<Index> Definition::find_table(std::string_view name) const { return index_by_name(program_.tables, name); }

}  // namespace mentorflow::dsl
