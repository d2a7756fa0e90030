// The recorded form of a matching run, and the small words shared by its explanations.
#include "engine/matching/run/matching_record.hpp"

#include <fmt/core.h>

#include "engine/matching/deferred_acceptance.hpp"
#include "engine/matching/optimal_assignment.hpp"

namespace mentorflow::engine::matching {

using nlohmann::json;

json MatchingRecord::to_json() const {
  json aside = json::array();
  for (const auto& items : set_aside) {
    json a = json::array();
    for (const auto& [place, why] : items) a.push_back({{"choice", place}, {"why", why}});
    aside.push_back(std::move(a));
  }
  json shut = json::array();
  for (const matching::Closed& c : closed) shut.push_back({{"right", c.right}, {"places", c.places}, {"held", c.held}});
  json out = json::array();
  for (const LeftOut& o : left_out)
    out.push_back({{"case", o.id}, {"state", o.state}, {"why", o.why}, {"explanation", o.explanation}});
  return {{"command", command},
          {"clause", clause},
          {"method", method},
          {"left", {{"type", left_type}, {"state", left_state}, {"cases", lefts}}},
          {"right", {{"type", right_type}, {"state", right_state}, {"cases", rights}}},
          {"capacity", instance.capacity},
          {"minimum", minimum.empty() ? json(nullptr) : json(minimum)},
          {"closed", std::move(shut)},
          {"preferences", instance.preferences},
          {"scores", instance.has_scores() ? json(instance.scores) : json(nullptr)},
          {"ranked_at", instance.places},
          {"set_aside", std::move(aside)},
          {"matches", result.right_of},
          {"choices", result.choice_of},
          {"matched", result.matched()},
          {"total_satisfaction", result.total_satisfaction(instance)},
          {"blocking_pairs", blocking_pairs},
          {"flags", flags},
          {"explanations", explanations},
          {"right_notes", right_notes},
          {"left_out", std::move(out)}};
}

Result<MatchingRecord> MatchingRecord::from_json(const json& j) {
  try {
    MatchingRecord r;
    r.command = j.at("command").get<std::string>();
    r.clause = j.at("clause").get<std::uint32_t>();
    r.method = j.at("method").get<std::string>();
    r.left_type = j.at("left").at("type").get<std::string>();
    r.left_state = j.at("left").at("state").get<std::string>();
    r.lefts = j.at("left").at("cases").get<std::vector<std::string>>();
    r.right_type = j.at("right").at("type").get<std::string>();
    r.right_state = j.at("right").at("state").get<std::string>();
    r.rights = j.at("right").at("cases").get<std::vector<std::string>>();
    r.instance.capacity = j.at("capacity").get<std::vector<std::uint32_t>>();
    if (j.contains("minimum") && !j.at("minimum").is_null())  // runs recorded before it was: none
      r.minimum = j.at("minimum").get<std::vector<std::uint32_t>>();
    if (j.contains("closed"))
      for (const json& c : j.at("closed"))
        r.closed.push_back({c.at("right").get<matching::Id>(), c.at("places").get<std::uint32_t>(),
                            c.at("held").get<std::uint32_t>()});
    r.instance.preferences = j.at("preferences").get<std::vector<std::vector<matching::Id>>>();
    if (!j.at("scores").is_null()) r.instance.scores = j.at("scores").get<std::vector<std::vector<std::int64_t>>>();
    r.instance.places = j.at("ranked_at").get<std::vector<std::vector<std::uint32_t>>>();
    for (const json& items : j.at("set_aside")) {
      r.set_aside.emplace_back();
      for (const json& a : items) r.set_aside.back().emplace_back(a.at("choice").get<std::uint32_t>(), a.at("why").get<std::string>());
    }
    r.result.right_of = j.at("matches").get<std::vector<std::int32_t>>();
    r.result.choice_of = j.at("choices").get<std::vector<std::int32_t>>();
    r.blocking_pairs = j.at("blocking_pairs").get<std::size_t>();
    r.flags = j.at("flags").get<std::vector<std::string>>();
    r.explanations = j.at("explanations").get<std::vector<std::string>>();
    r.right_notes = j.at("right_notes").get<std::vector<std::string>>();
    if (j.contains("left_out"))  // runs recorded before it was: none left out
      for (const json& o : j.at("left_out"))
        r.left_out.push_back({o.at("case").get<std::string>(), o.at("state").get<std::string>(),
                              o.at("why").get<std::string>(), o.at("explanation").get<std::string>()});
    const std::size_t lefts = r.lefts.size();
    if (r.instance.preferences.size() != lefts || r.instance.places.size() != lefts || r.result.right_of.size() != lefts ||
        r.result.choice_of.size() != lefts || r.explanations.size() != lefts || r.set_aside.size() != lefts ||
        r.instance.capacity.size() != r.rights.size() || r.right_notes.size() != r.rights.size() ||
        (!r.minimum.empty() && r.minimum.size() != r.rights.size()) ||
        (r.instance.has_scores() && r.instance.scores.size() != lefts))
      return Status::corruption("a matching run's lists do not agree in length");
    for (std::size_t l = 0; l < lefts; ++l) {
      const std::int32_t right = r.result.right_of[l], choice = r.result.choice_of[l];
      if (right != matching::kUnmatched &&
          (right < 0 || right >= static_cast<std::int32_t>(r.rights.size()) || choice < 0 ||
           choice >= static_cast<std::int32_t>(r.instance.preferences[l].size())))
        return Status::corruption("a matching run matches a case to a right case or choice it does not list");
    }
    std::vector<bool> seen(r.rights.size(), false);
    for (const matching::Closed& c : r.closed) {
      if (c.right >= r.rights.size() || r.instance.capacity[c.right] != 0 || seen[c.right])
        return Status::corruption("a matching run closes a right case it does not list, twice, or leaves it places");
      seen[c.right] = true;
      if (r.minimum.empty() || c.held == 0 || c.held >= r.minimum[c.right] || c.held > c.places)
        return Status::corruption("a matching run closes a right case that was not under its minimum");
    }
    for (std::size_t l = 0; l < lefts; ++l) {
      for (matching::Id right : r.instance.preferences[l])
        if (right >= r.rights.size()) return Status::corruption("a matching run names a right case it does not list");
      if (r.instance.places[l].size() != r.instance.preferences[l].size() ||
          (r.instance.has_scores() && r.instance.scores[l].size() != r.instance.preferences[l].size()))
        return Status::corruption("a matching run's preferences and their places do not agree");
      for (std::size_t k = 0; k < r.instance.places[l].size(); ++k)
        if (r.instance.places[l][k] <= (k == 0 ? 0 : r.instance.places[l][k - 1]))
          return Status::corruption("a matching run's places in a ranking do not increase");
    }
    if (r.method != kStableMethod && r.method != kOptimalMethod)
      return Status::corruption(fmt::format("a matching run names an unknown method '{}'", r.method));
    return r;
  } catch (const json::exception& e) {
    return Status::corruption(std::string("a matching run is malformed: ") + e.what());
  }
}

matching::Matching run_method(MatchingRecord& record) {
  for (const matching::Closed& c : record.closed) record.instance.capacity[c.right] = c.places;
  record.closed.clear();
  const matching::Method method = record.method == kOptimalMethod ? matching::optimal_assignment
                                                                  : matching::deferred_acceptance;
  return matching::with_minimum(record.instance, record.minimum, method, record.closed);
}

std::string ordinal(std::uint32_t n) {
  const char* suffix = "th";
  if (n % 100 < 11 || n % 100 > 13) {
    if (n % 10 == 1) suffix = "st";
    else if (n % 10 == 2) suffix = "nd";
    else if (n % 10 == 3) suffix = "rd";
  }
  return fmt::format("{}{}", n, suffix);
}

std::string short_id(const std::string& case_id) {
  const auto slash = case_id.rfind('/');
  return slash == std::string::npos ? case_id : case_id.substr(slash + 1);
}

}  // namespace mentorflow::engine::matching
