#include "dsl/compile/check_files.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>

#include "dsl/check/check.hpp"
#include "dsl/check/check_messages.hpp"
#include "dsl/compile/compile.hpp"
#include "dsl/parse/parser.hpp"

namespace mentorflow::dsl {

namespace fs = std::filesystem;

namespace {

void append(Diagnostics& to, const Diagnostics& from) {
  for (const Diagnostic& d : from.all()) {
    Diagnostic& copy = d.severity == Severity::Error ? to.error(*d.file, d.span, d.message)
                                                     : to.warning(*d.file, d.span, d.message);
    copy.notes = d.notes;
  }
}

struct Loaded {
  const SourceFile* file = nullptr;
  std::optional<ParsedFile> parsed;
  Diagnostics diagnostics;
  std::unique_ptr<CheckedWorkflow> workflow;  // a workflow that checked clean
  bool checked = false;
};

}  // namespace

CheckRun CheckRun::check(const std::vector<std::string>& paths) {
  CheckRun run;
  std::vector<std::unique_ptr<Loaded>> given;
  std::map<std::string, std::unique_ptr<Loaded>> implicit;  // workflows found beside rules files, by path
  auto load = [&](const std::string& path) {
    auto l = std::make_unique<Loaded>();
    std::string error;
    auto source = SourceFile::load(path, error);
    run.sources_.push_back(source ? std::move(*source) : SourceFile(path, ""));
    l->file = &run.sources_.back();
    l->parsed = parse_file(*l->file, l->diagnostics);
    return l;
  };
  auto check_workflow_file = [](Loaded& l) {
    if (l.checked) return;
    l.checked = true;
    if (!l.parsed || !std::holds_alternative<ast::Workflow>(*l.parsed)) return;
    if (auto w = check_workflow(*l.file, std::get<ast::Workflow>(*l.parsed), l.diagnostics))
      l.workflow = std::make_unique<CheckedWorkflow>(std::move(*w));
  };
  for (const std::string& p : paths) given.push_back(load(p));
  for (auto& l : given) check_workflow_file(*l);

  for (std::size_t i = 0; i < given.size(); ++i) {
    Loaded& l = *given[i];
    FileResult result{l.file->path(), false, {}};
    if (l.parsed && std::holds_alternative<ast::RulesFile>(*l.parsed)) {
      const ast::RulesFile& rules = std::get<ast::RulesFile>(*l.parsed);
      const std::string& name = rules.workflow.name;
      Loaded* workflow = nullptr;
      for (auto& other : given)
        if (other->parsed && std::holds_alternative<ast::Workflow>(*other->parsed) &&
            std::get<ast::Workflow>(*other->parsed).name.name == name) {
          workflow = other.get();
          break;
        }
      const std::string beside =
          (fs::path(l.file->path()).parent_path() / ".." / "workflows" / (name + ".flow")).lexically_normal().string();
      if (!workflow && fs::is_regular_file(beside)) {
        std::error_code ec;
        const fs::path wanted = fs::weakly_canonical(beside, ec);
        for (auto& other : given)
          if (fs::weakly_canonical(other->file->path(), ec) == wanted) workflow = other.get();
      }
      if (!workflow && fs::is_regular_file(beside)) {
        auto& slot = implicit[beside];
        if (!slot) {
          slot = load(beside);
          check_workflow_file(*slot);
          append(run.diagnostics_, slot->diagnostics);
        }
        workflow = slot.get();
      }
      if (!workflow) {
        l.diagnostics.error(*l.file, rules.workflow.span, fmt::format(fmt::runtime(msg::kUnknownWorkflow), name))
            .notes.push_back(fmt::format(fmt::runtime(msg::kLookedFor), beside));
      } else if (!workflow->workflow) {
        l.diagnostics.error(*l.file, rules.workflow.span, fmt::format(fmt::runtime(msg::kWorkflowHasErrors), name))
            .notes.push_back(fmt::format(fmt::runtime(msg::kFixWorkflowFirst), workflow->file->path()));
      } else if (auto checked = check_rules(*l.file, rules, *workflow->workflow, l.diagnostics)) {
        const Definition d = compile(*workflow->workflow, *checked);
        result.ok = !l.diagnostics.has_errors();
        result.summary = fmt::format("edition \"{}\" of {}, definition {}", d.edition(), d.workflow_name(), d.id().substr(0, 12));
      }
    } else if (l.workflow) {
      result.ok = !l.diagnostics.has_errors();
      const std::size_t cases = l.workflow->program.case_types.size();
      result.summary = fmt::format("workflow {} ({} case type{})", l.workflow->name, cases, cases == 1 ? "" : "s");
    }
    append(run.diagnostics_, l.diagnostics);
    run.files_.push_back(std::move(result));
  }
  return run;
}

std::optional<std::vector<std::string>> expand_paths(const std::vector<std::string>& args, std::string& error) {
  std::vector<std::string> out;
  for (const std::string& a : args) {
    std::error_code ec;
    if (fs::is_directory(a, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(a, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const fs::path& p = it->path();
        if (it->is_regular_file() && (p.extension() == ".flow" || p.extension() == ".rules")) found.push_back(p.string());
      }
      if (found.empty()) {
        error = "no .flow or .rules files in " + a;
        return std::nullopt;
      }
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(a, ec)) {
      out.push_back(a);
    } else {
      error = "cannot read " + a;
      return std::nullopt;
    }
  }
  return out;
}

}  // namespace mentorflow::dsl
