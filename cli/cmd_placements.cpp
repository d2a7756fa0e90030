// mentorflow placements: the placement search — offers with their places left, filtered.
#include <fmt/core.h>

#include <algorithm>

#include "cli/command.hpp"
#include "cli/privacy_door.hpp"
#include "cli/engine_command.hpp"
#include "cli/store_command.hpp"
#include "engine/read_models/placements.hpp"
#include "engine/read_models/read_model.hpp"
#include "store/event_store.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow placements --store DIR|postgresql://... [EDITION] [filters] [--json]\n"
    "\n"
    "Searches the placement offers (MILEAGE's placement_offer cases) as the read model keeps them:\n"
    "what each offers and how many places are left (its places minus the placements confirmed on\n"
    "it and not withdrawn). Brings the read models up to date first (when another process holds\n"
    "the store, reads them as it keeps them). By default only open offers are listed, in edition\n"
    "then case order; one line each:\n"
    "  CASE  STATE  LEFT/PLACES left  AREA  LOCATION  LANGUAGE  STARTS..ENDS  [fewer-opportunities]  NGO: TITLE\n"
    "A state, or a field of work (or location, language) the workflow lists as an enum, that no offer\n"
    "of the edition can have is an error naming the known ones (exit 1), not an empty answer.\n"
    "\n"
    "examples:\n"
    "  mentorflow placements --store store mileage-pilot --with-places --language croatian\n"
    "  mentorflow placements --store store --field youth_work --from 2024-03-01 --until 2024-07-31 --json\n"
    "\n"
    "options:\n"
    "  --store DIR|postgresql://...  the store\n"
    "  --field AREA                  only this field of work (social_services, education, youth_work, ...)\n"
    "  --location TEXT               only this location (case-insensitive)\n"
    "  --language TEXT               only this language (case-insensitive)\n"
    "  --from DATE                   only placements starting on or after DATE (YYYY-MM-DD)\n"
    "  --until DATE                  only placements ending on or before DATE\n"
    "  --fewer-opportunities         only NGOs that support students with fewer opportunities\n"
    "  --with-places                 only offers with places left\n"
    "  --state STATE                 offers in this state instead of open ('any' for every state)\n"
    "  --json                        a JSON array of the offers instead of text\n";

std::string line_of(const engine::read_models::PlacementOffer& o) {
  return fmt::format("{}  {}  {}/{} left  {}  {}  {}  {}..{}{}  {}: {}", o.offer, o.state, o.places_left(), o.places,
                     o.area, o.location, o.language, o.starts, o.ends,
                     o.fewer_opportunities_support ? "  fewer-opportunities" : "", o.ngo, o.title);
}

int run_placements(std::span<const std::string> raw) {
  std::string error;
  auto args = Args::parse(
      raw, {{"--store", "--field", "--location", "--language", "--from", "--until", "--state"},
            {"--fewer-opportunities", "--with-places", "--json"}},
      error);
  if (!args) return usage_error("placements", error);
  if (args->positionals().size() > 1) return usage_error("placements", "name at most one EDITION");

  engine::read_models::PlacementFilter filter;
  if (!args->positionals().empty()) filter.edition = args->positionals()[0];
  if (auto s = args->get("--state")) filter.state = *s == "any" ? std::nullopt : std::optional(*s);
  filter.area = args->get("--field");
  filter.location = args->get("--location");
  filter.language = args->get("--language");
  filter.from = args->get("--from");
  filter.until = args->get("--until");
  filter.fewer_opportunities = args->has("--fewer-opportunities");
  filter.with_places = args->has("--with-places");

  const auto dir = args->get("--store");
  if (!dir) return usage_error("placements", "--store DIR|postgresql://... is required");
  // Brought up to date when this process may write the views; read as they are when another
  // process (a server, say) holds the store, which keeps them current itself.
  auto store = store::EventStore::open(*dir, {.create_if_missing = false});
  const bool writer = store.is_ok() || !store.status().is_busy();
  if (!writer) store = store::EventStore::open(*dir, {.read_only = true});
  if (!store.is_ok()) return report(store.status());
  auto door = open_privacy(**store, *dir);
  if (!door.is_ok()) return report(door.status());
  if (writer) {
    if (auto caught = engine::read_models::catch_up_read_models(door->log(**store)); !caught.is_ok()) return report(caught.status());
  } else if (auto checkpoint = (*store)->views_checkpoint(); checkpoint.is_ok() && *checkpoint < (*store)->head().position) {
    fmt::print(stderr, "mentorflow: note: the store is in use by another process; the search shows the read models at "
                       "position {} of {}\n", *checkpoint, (*store)->head().position);
  }
  const store::EventStore& session_store = **store;
  auto offers = engine::read_models::search_placements(session_store, filter);
  if (!offers.is_ok()) return report(offers.status());
  if (args->has("--json")) {
    nlohmann::json out = nlohmann::json::array();
    for (const engine::read_models::PlacementOffer& o : *offers) out.push_back(engine::read_models::to_json(o));
    fmt::print("{}\n", out.dump(2));
    return kExitOk;
  }
  for (const engine::read_models::PlacementOffer& o : *offers) fmt::print("{}\n", line_of(o));
  fmt::print("{} offer{}\n", offers->size(), offers->size() == 1 ? "" : "s");
  return kExitOk;
}

const Registration registration({"placements", "search the placement offers and their places left", kHelp,
                                  run_placements});

}  // namespace
}  // namespace mentorflow::cli
