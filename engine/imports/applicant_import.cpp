// Applicants from CSV (engine/imports/applicant_import.hpp): header -> columns of the command's inputs,
// each row -> inputs JSON -> a planned command; all planned commands in one atomic write.
#include "engine/imports/applicant_import.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "engine/imports/csv.hpp"
#include "engine/plan.hpp"
#include "engine/privacy/pseudonyms.hpp"

namespace mentorflow::engine::imports {
namespace {

using nlohmann::json;

// Where a column's value goes: an input, or one variant of a document input.
struct Column {
  std::string header;
  const dsl::InputSpec* input = nullptr;  // nullptr: `user` or `id`
  std::string variant;                    // documents with variants
};

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return "";
  return std::string(s.substr(first, s.find_last_not_of(" \t") - first + 1));
}

// The cell as the JSON the command's input reads (dsl/value_json.hpp), or why it cannot be.
std::optional<json> cell_json(const std::string& cell, const dsl::Type& type, std::string& why) {
  switch (type.kind) {
    case dsl::TypeKind::Optional: return cell_json(cell, type.element(), why);
    case dsl::TypeKind::Int: {
      std::int64_t v = 0;
      auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
      if (ec == std::errc() && end == cell.data() + cell.size()) return json(v);
      why = fmt::format("'{}' is not a whole number", cell);
      return std::nullopt;
    }
    case dsl::TypeKind::Number: {
      double v = 0;
      auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
      if (ec == std::errc() && end == cell.data() + cell.size() && std::isfinite(v)) return json(v);
      why = fmt::format("'{}' is not a number (write decimals with a point: 3.5)", cell);
      return std::nullopt;
    }
    case dsl::TypeKind::Bool: {
      const std::string v = lower(cell);
      if (v == "true" || v == "yes" || v == "1") return json(true);
      if (v == "false" || v == "no" || v == "0") return json(false);
      why = fmt::format("'{}' is not true or false", cell);
      return std::nullopt;
    }
    case dsl::TypeKind::List:
    case dsl::TypeKind::Set: {
      json items = json::array();
      for (std::size_t start = 0;;) {
        const std::size_t bar = cell.find('|', start);
        auto item = cell_json(trim(std::string_view(cell).substr(start, bar - start)), type.element(), why);
        if (!item) return std::nullopt;
        items.push_back(std::move(*item));
        if (bar == std::string::npos) break;
        start = bar + 1;
      }
      return items;
    }
    default: return json(cell);  // text, enum, cefr, date, datetime, duration, ref: the value reads it
  }
}

struct Header {
  std::optional<std::size_t> user, id;
  std::vector<Column> columns;  // one per header cell
};

Result<Header> read_header(const CsvRecord& header, const dsl::CommandSpec& cmd, const dsl::CaseTypeSpec& spec,
                           const std::string& source) {
  Header out;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < header.cells.size(); ++i) {
    const std::string name = trim(header.cells[i]);
    const auto problem = [&](std::string why) {
      return Status::invalid_argument(fmt::format("{}:line {}: column {} ('{}') {}", source, header.line, i + 1,
                                                  name, why));
    };
    if (!seen.insert(name).second) return problem("appears twice");
    Column column{name, nullptr, ""};
    if (name == "user") {
      out.user = i;
    } else if (name == "id") {
      out.id = i;
    } else {
      const std::string input = name.substr(0, name.find('.'));
      auto index = cmd.find_input(input);
      if (!index) {
        std::string known = "user, id";
        for (const dsl::InputSpec& in : cmd.inputs) known += ", " + in.name;
        return problem(fmt::format("is not an input of {} (the columns are: {})", cmd.name, known));
      }
      column.input = &cmd.inputs[*index];
      if (column.input->origin == dsl::InputOrigin::Attach) {
        const dsl::DocumentSpec& doc = spec.documents[column.input->target];
        const bool dotted = name.find('.') != std::string::npos;
        if (!doc.variants.empty() && !dotted)
          return problem(fmt::format("names a document with variants: one column each, e.g. {}.{}", doc.name,
                                     doc.variants.front()));
        if (dotted) {
          column.variant = name.substr(name.find('.') + 1);
          if (std::find(doc.variants.begin(), doc.variants.end(), column.variant) == doc.variants.end())
            return problem(fmt::format("names a variant document {} does not have", doc.name));
        }
      } else if (name.find('.') != std::string::npos) {
        return problem(fmt::format("is not an input of {}", cmd.name));
      }
    }
    out.columns.push_back(std::move(column));
  }
  if (!out.user)
    return Status::invalid_argument(fmt::format("{}:line {}: no 'user' column: each row names its applicant's user id",
                                                source, header.line));
  return out;
}

// The row's inputs, or the first problem with a cell.
std::optional<json> row_inputs(const CsvRecord& row, const Header& header, std::string& problem) {
  json inputs = json::object();
  for (std::size_t i = 0; i < header.columns.size(); ++i) {
    const Column& column = header.columns[i];
    if (!column.input) continue;
    const std::string cell = trim(row.cells[i]);
    if (cell.empty()) continue;
    if (column.input->origin == dsl::InputOrigin::Attach) {
      if (column.variant.empty()) inputs[column.input->name] = cell;
      else inputs[column.input->name][column.variant] = cell;
      continue;
    }
    std::string why;
    auto value = cell_json(cell, column.input->type, why);
    if (!value) {
      problem = fmt::format("column {}: {}", column.header, why);
      return std::nullopt;
    }
    inputs[column.input->name] = std::move(*value);
  }
  return inputs;
}

std::string roles_of(const dsl::CommandSpec& cmd) {
  std::string roles;
  for (const std::string& r : cmd.roles) roles += (roles.empty() ? "" : ", ") + r;
  return roles.empty() ? "nobody" : roles;
}

// The role the applicants issue the command in: `asked`, checked, or the command's only
// participant role.
Result<std::string> applicant_role(const dsl::Definition& definition, const dsl::CommandSpec& cmd,
                                   const std::string& asked) {
  if (!asked.empty()) {
    if (!definition.find_role(asked))
      return Status::invalid_argument(fmt::format("'{}' is not a role of workflow {}", asked, definition.workflow_name()));
    if (!cmd.allows_role(asked))
      return Status::invalid_argument(fmt::format("role {} may not {}: only {} may", asked, cmd.name, roles_of(cmd)));
    return asked;
  }
  std::vector<std::string> participants;
  for (const std::string& role : cmd.roles)
    if (const dsl::RoleSpec* r = definition.find_role(role); r && r->kind == dsl::RoleKind::Participant)
      participants.push_back(role);
  if (participants.size() == 1) return participants.front();
  return Status::invalid_argument(
      fmt::format("{} may be issued by {}: name the applicants' role", cmd.name, roles_of(cmd)));
}

}  // namespace

Result<ImportResult> import_applicants(Engine& engine, const ApplicantImport& request) {
  auto definition = engine.definition_of_edition(request.edition);
  if (!definition.is_ok()) return definition.status();
  const dsl::Definition& def = **definition;
  auto type = def.find_case_type(request.case_type);
  if (!type)
    return Status::not_found(fmt::format("edition '{}' has no case type '{}'", request.edition, request.case_type));
  if (def.case_type(*type).cohort)
    return Status::invalid_argument(fmt::format(
        "'{}' is the edition's cohort, not a case type: applicants open cases such as applications",
        request.case_type));
  const dsl::CaseTypeSpec& spec = def.case_type(*type);
  auto command = spec.find_command(request.command);
  if (!command) return Status::not_found(fmt::format("case type '{}' has no command '{}'", spec.name, request.command));
  const dsl::CommandSpec& cmd = spec.commands[*command];
  if (!cmd.creates_case())
    return Status::invalid_argument(fmt::format("{} does not open a {}: import with the command that does",
                                                cmd.name, spec.name));
  auto role = applicant_role(def, cmd, request.role);
  if (!role.is_ok()) return role.status();

  auto table = parse_csv(request.text);
  if (!table.is_ok()) return Status::invalid_argument(request.source + ":" + table.status().message());
  auto header = read_header(table->header, cmd, spec, request.source);
  if (!header.is_ok()) return header.status();

  // The file's name alone, so importing it from another folder records the same events.
  const std::string source_name = std::filesystem::path(request.source).filename().string();
  ImportResult result;
  std::vector<StreamWrite> writes;  // of every row, gathered
  std::map<std::string, int> stream_line;  // every stream the import writes -> the row that does
  for (const CsvRecord& row : table->rows) {
    const auto problem = [&](std::string message) { result.problems.push_back({row.line, std::move(message)}); };
    if (row.cells.size() != header->columns.size()) {
      problem(fmt::format("{} cells where the header has {} columns", row.cells.size(), header->columns.size()));
      continue;
    }
    const std::string user = trim(row.cells[*header->user]);
    std::string id = header->id ? trim(row.cells[*header->id]) : "";
    if (id.empty()) id = user;
    if (user.empty()) {
      problem("no user: each row names its applicant's user id");
      continue;
    }
    const std::string case_name = fmt::format("{}/{}/{}", request.edition, spec.name, id);
    std::string cell_problem;
    auto inputs = row_inputs(row, *header, cell_problem);
    if (!inputs) {
      problem(std::move(cell_problem));
      continue;
    }
    CommandRequest command{case_name, cmd.name, {user, *role}, std::move(*inputs), "", ""};
    if (request.pseudonyms) {
      auto mapped = request.pseudonyms->command(engine, std::move(command));
      if (!mapped.is_ok()) {
        problem(mapped.status().message());
        continue;
      }
      command = std::move(*mapped);
    }
    auto name = parse_case_name(command.case_name);
    auto plan = name.is_ok() ? plan_command(engine, *name, cmd.name, command.actor, command.inputs,
                                            fmt::format("{}{}import:{}:{}", request.correlation,
                                                        request.correlation.empty() ? "" : " ", source_name, row.line))
                             : Result<Plan>(name.status());
    if (!plan.is_ok()) {
      // The row's fault (refused, malformed, unknown) is listed; the store's ends the import.
      const Status& st = plan.status();
      if (!st.is_refused() && !st.is_invalid_argument() && !st.is_not_found()) return st;
      problem(st.message());
      continue;
    }
    bool clash = false;
    for (const StreamWrite& w : plan->writes)
      if (auto [it, fresh] = stream_line.emplace(w.stream, row.line); !fresh) {
        problem(fmt::format("{} is also written by line {}", w.stream, it->second));
        clash = true;
        break;
      }
    if (clash) continue;
    result.imported.push_back({row.line, case_name, plan->accepted.state, plan->accepted.notes});
    for (StreamWrite& w : plan->writes) writes.push_back(std::move(w));
  }
  if (!result.problems.empty() || request.dry_run) return result;
  if (Status st = append_gathered(engine.store(), std::move(writes), result); !st.is_ok()) return st;
  return result;
}

}  // namespace mentorflow::engine::imports
