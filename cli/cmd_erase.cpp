// mentorflow erase: erases a person from a store with personal data (docs/PRIVACY.md, "Erasing a
// person"): their key and pseudonym's mapping destroyed, everything derived from the log purged.
#include <fmt/core.h>

#include <filesystem>

#include "cli/command.hpp"
#include "cli/engine_command.hpp"
#include "cli/store_command.hpp"
#include "engine/events.hpp"
#include "engine/erasure.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow erase --store DIR|postgresql://... --as ROLE:USER --subject USER --reason TEXT\n"
    "                        [--certificates DIR]...\n"
    "\n"
    "Erases the person USER from a store made with a master key: their data key and the mapping of\n"
    "their pseudonym are destroyed, so their personal values in the log open no more and their\n"
    "pseudonym names nobody (state and history show [erased]); the documents they uploaded, every\n"
    "snapshot and the read models (rebuilt) are purged, and the store is compacted so that the\n"
    "deleted bytes leave its files. The log records SubjectErased (when, by whom, why) in the\n"
    "stream $privacy. Only a privacy role (`privacy dpo` in the workflow) of an edition USER has a\n"
    "case in may. The reason stays in the log for ever: one line, not naming USER. Interrupted\n"
    "(a crash, a kill), the erasure is ended by the next command that opens the store to write.\n"
    "Refused with one sentence otherwise, and then nothing is written.\n"
    "\n"
    "example:\n"
    "  mentorflow erase --store store --as dpo:paola --subject elena.costa \\\n"
    "      --reason \"request under GDPR article 17, received 2026-03-02\"\n"
    "\n"
    "options:\n"
    "  --store DIR|postgresql://...  the store\n"
    "  --as ROLE:USER                the data-protection officer, e.g. dpo:paola\n"
    "  --subject USER                the person to erase, by their user id\n"
    "  --reason TEXT                 why (kept in the log; never the person's id)\n"
    "  --certificates DIR            a folder `mentorflow certificates --out` wrote PDFs to: the\n"
    "                                certificates of USER's cases are removed from it (repeatable)\n"
    "  --master-key FILE             the store's master key file\n";

// The file names of the certificates issued on `cases`, as `mentorflow certificates` writes them
// and as their CertificateIssued events record them: read before the erasure, while everything the
// events hold still opens and every id still reveals.
Result<std::vector<std::string>> certificate_files(const store::EventStore& log, const PrivacyDoor& door,
                                                   const std::vector<std::string>& cases) {
  std::vector<std::string> files;
  for (const std::string& name : cases) {
    auto recorded = log.read_stream_forward(name, 1, SIZE_MAX);
    if (!recorded.is_ok()) return recorded.status();
    for (const store::Event& e : *recorded) {
      if (e.type != engine::events::kCertificateIssued) continue;
      auto payload = e.payload_json();
      if (!payload.is_ok()) return payload.status();
      if (auto file = payload->find("file"); file != payload->end() && file->is_string()) {
        files.push_back(file->get<std::string>());
        files.push_back(door.file_name(files.back()));
      }
    }
  }
  return files;
}

// Removes `files` from `folders`; how many it removed.
Result<std::size_t> remove_certificates(const std::vector<std::string>& files, const std::vector<std::string>& folders) {
  std::size_t removed = 0;
  for (const std::string& file : files)
    for (const std::string& folder : folders) {
      const std::filesystem::path path = std::filesystem::path(folder) / std::filesystem::path(file).filename();
      std::error_code ec;
      if (std::filesystem::remove(path, ec)) ++removed;
      if (ec) return Status::io_error(fmt::format("cannot remove {}: {}", path.string(), ec.message()));
    }
  return removed;
}

int run_erase(std::span<const std::string> raw) {
  std::string error;
  auto args = Args::parse(raw, {{"--store", "--as", "--subject", "--reason", "--certificates"}, {}}, error);
  if (!args) return usage_error("erase", error);
  if (!args->positionals().empty()) return usage_error("erase", "name the person with --subject USER, nothing else");
  const auto as = args->get("--as");
  if (!as) return usage_error("erase", "--as ROLE:USER is required");
  const auto actor = parse_actor(*as);
  if (!actor) return usage_error("erase", fmt::format("--as '{}' is not ROLE:USER", *as));
  const auto subject = args->get("--subject");
  if (!subject) return usage_error("erase", "--subject USER is required");
  const auto reason = args->get("--reason");
  if (!reason) return usage_error("erase", "--reason TEXT is required: say why the person is erased");
  for (const std::string& folder : args->all("--certificates"))
    if (std::error_code ec; !std::filesystem::is_directory(folder, ec))
      return usage_error("erase", fmt::format("--certificates {}: there is no such folder", folder));
  int exit_code = kExitOk;
  auto session = open_engine(*args, "erase", StoreAccess::kWrite, exit_code);
  if (!session) return exit_code;
  if (!session->privacy.subjects)
    return report(Status::refused(fmt::format("store {} keeps user ids in clear (it was made without a master key): it "
                                              "holds no key or pseudonym of anyone to erase", *args->get("--store"))));
  store::Subjects& subjects = *session->privacy.subjects;
  auto plan = engine::plan_erasure(*session->engine, subjects, {*subject, actor->role, *reason, {}});
  if (!plan.is_ok()) return report(plan.status());
  auto files = certificate_files(session->engine->store(), session->privacy, plan->cases);
  if (!files.is_ok()) return report(files.status());
  auto dpo = session->privacy.pseudonyms->actor(*actor, true);
  if (!dpo.is_ok()) return report(dpo.status());
  auto erased = engine::erase_subject(*session->engine, subjects, *plan, *dpo);
  if (!erased.is_ok()) return report(erased.status());
  auto certificates = remove_certificates(*files, args->all("--certificates"));
  if (!certificates.is_ok()) return report(certificates.status());
  fmt::print("{} erased (SubjectErased at position {}): key and id destroyed, {} case{} now show{} [erased]\n", *subject,
             erased->position, erased->cases.size(), erased->cases.size() == 1 ? "" : "s", erased->cases.size() == 1 ? "s" : "");
  fmt::print("purged: {} uploaded document{}, {} certificate PDF{}, every snapshot, the read models (rebuilt); store compacted\n",
             erased->documents, erased->documents == 1 ? "" : "s", *certificates, *certificates == 1 ? "" : "s");
  return kExitOk;
}

const Registration registration({"erase", "erase a person's personal data (a privacy role)", kHelp, run_erase});

}  // namespace
}  // namespace mentorflow::cli
