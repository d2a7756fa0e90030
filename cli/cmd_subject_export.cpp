// mentorflow subject-export: a person's own copy of their data (GDPR articles 15 and 20), for the
// office to hand them (docs/PRIVACY.md, "A person's own copy").
#include <fmt/core.h>

#include "cli/command.hpp"
#include "cli/engine_command.hpp"
#include "cli/store_command.hpp"
#include "engine/engine.hpp"
#include "engine/records/subject_export.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow subject-export --store DIR|postgresql://... --as ROLE:USER --subject USER [--now T]\n"
    "\n"
    "Prints, as one JSON document, everything the store keeps about USER: every case they are a\n"
    "party of (their application, a mentorship they are in), each with its state, its history\n"
    "with every decision, the content of its documents (base64) and the certificates issued to\n"
    "them (with their PDFs, base64). Their own data only: other people's personal values are left\n"
    "out and other people are named by their part in the case ([mentor], [staff]). A staff or a\n"
    "privacy role of an edition USER takes part in may; a participant gets their own copy (GET\n"
    "/v1/me/export). Read-only.\n"
    "\n"
    "example:\n"
    "  mentorflow subject-export --store store --as staff:carla --subject elena.costa > elena.costa.json\n"
    "\n"
    "options:\n"
    "  --store DIR|postgresql://...  the store\n"
    "  --as ROLE:USER                who exports it, e.g. staff:carla\n"
    "  --subject USER                whose data\n"
    "  --now T                       the time the copy says it was made (default: now)\n";

int run_subject_export(std::span<const std::string> raw) {
  std::string error;
  auto args = Args::parse(raw, {{"--store", "--as", "--subject", "--now"}, {}}, error);
  if (!args) return usage_error("subject-export", error);
  if (!args->positionals().empty()) return usage_error("subject-export", "name the person with --subject USER");
  const auto as = args->get("--as");
  if (!as) return usage_error("subject-export", "--as ROLE:USER is required");
  const auto actor = parse_actor(*as);
  if (!actor) return usage_error("subject-export", fmt::format("--as '{}' is not ROLE:USER", *as));
  const auto subject = args->get("--subject");
  if (!subject) return usage_error("subject-export", "--subject USER is required: whose data to export");
  int exit_code = kExitOk;
  auto session = open_engine(*args, "subject-export", StoreAccess::kRead, exit_code);
  if (!session) return exit_code;
  const engine::Pseudonyms& pseudonyms = *session->privacy.pseudonyms;
  auto user = pseudonyms.user(*subject, false);
  if (!user.is_ok())
    return report(user.status().is_not_found()
                      ? Status::not_found(fmt::format("{} is a party of no case: nothing is kept about them", *subject))
                      : user.status());
  auto exporter = pseudonyms.actor(*actor, false);
  if (!exporter.is_ok()) return report(exporter.status());
  if (Status st = engine::check_exporter(*session->engine, *exporter, *user); !st.is_ok()) return report(st);
  auto copy = engine::subject_export(*session->engine, *user, session->clock->now());
  if (!copy.is_ok()) return report(copy.status());
  fmt::print("{}\n", copy->dump(2));
  return kExitOk;
}

const Registration registration({"subject-export", "a person's own copy of their data, as JSON", kHelp,
                                 run_subject_export});

}  // namespace
}  // namespace mentorflow::cli
