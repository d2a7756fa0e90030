// Building a match clause's instance: capacities, minimums, preferences, scores; a choice that
// cannot be part of it is set aside with its reason, never dropped.
#include "engine/matching/run/instance_builder.hpp"

#include <fmt/core.h>

#include <algorithm>

namespace mentorflow::engine::matching {

Status InstanceBuilder::refuse(const std::string& why) const {
  return Status::refused(fmt::format("{} refused: {}", command_.name, why));
}

std::string method_of(const dsl::Definition& definition, const dsl::MatchClause& clause) {
  if (!clause.method) return kStableMethod;
  const dsl::Value& value = definition.param_value(*clause.method);
  const dsl::Type& type = definition.params()[*clause.method].type;
  const auto index = static_cast<std::size_t>(value.as_int());
  return index < type.values.size() ? type.values[index] : kStableMethod;
}


Result<std::int64_t> InstanceBuilder::count_of(dsl::NodeId node, std::size_t right, std::string_view what) const {
  dsl::Evaluation e = dsl::evaluate(program_, node, env_of(right_.data[right]), false);
  if (!e.ok())
    return refuse(fmt::format("the {} of {} cannot be evaluated: {}", what, right_.ids[right], e.error->message));
  const std::int64_t n = e.value.as_int();
  if (n < 0) return refuse(fmt::format("the {} of {} is {}", what, right_.ids[right], n));
  return n;
}

Status InstanceBuilder::places(const std::map<std::string, std::uint32_t>& taken, std::uint64_t& places) {
  for (std::size_t i = 0; i < right_.ids.size(); ++i) {
    std::int64_t capacity = 1;
    if (clause_.capacity != dsl::kNoNode) {
      auto c = count_of(clause_.capacity, i, "capacity");
      if (!c.is_ok()) return c.status();
      capacity = *c;
    }
    const auto earlier = taken.find(right_.ids[i]);
    const std::int64_t already = earlier == taken.end() ? 0 : earlier->second;
    if (clause_.minimum != dsl::kNoNode) {
      auto least = count_of(clause_.minimum, i, "minimum");
      if (!least.is_ok()) return least.status();
      // Those an earlier clause placed there count: a group it formed needs no one more.
      r_.minimum.push_back(static_cast<std::uint32_t>(std::clamp<std::int64_t>(*least - already, 0, UINT32_MAX)));
    }
    const std::int64_t open = std::clamp<std::int64_t>(capacity - already, 0, UINT32_MAX);
    r_.instance.capacity.push_back(static_cast<std::uint32_t>(open));
    places += r_.instance.capacity.back();
  }
  return Status::ok();
}

Status InstanceBuilder::rule_value(dsl::Index rule, matching::Id l, matching::Id rt, dsl::Evaluation& out) const {
  out = dsl::call_rule(program_, rule, {dsl::Value::ref(left_.ids[l]), dsl::Value::ref(right_.ids[rt])},
                       env_of(left_.data[l]), false);
  if (out.ok()) return Status::ok();
  return refuse(fmt::format("rule {} on {} and {} cannot be evaluated: {}", definition_.rules()[rule].name,
                            left_.ids[l], right_.ids[rt], out.error->message));
}

std::string InstanceBuilder::state_of(const std::string& id) const {
  const dsl::CaseData* c = resolver_.find(clause_.right_type, id);
  return c ? definition_.case_type(clause_.right_type).states[c->state].name : "";
}

Status InstanceBuilder::preferences() {
  for (std::size_t li = 0; li < left_.ids.size(); ++li)
    if (Status st = preferences_of(static_cast<matching::Id>(li)); !st.is_ok()) return st;
  return Status::ok();
}

Status InstanceBuilder::preferences_of(matching::Id l) {
  const std::string& who = left_.ids[l];
  dsl::Evaluation ranking = dsl::evaluate(program_, clause_.ranking, env_of(left_.data[l]), false);
  if (!ranking.ok()) return refuse(fmt::format("the ranking of {} cannot be evaluated: {}", who, ranking.error->message));
  r_.instance.preferences.emplace_back();
  r_.instance.places.emplace_back();
  r_.set_aside.emplace_back();
  if (clause_.score) r_.instance.scores.emplace_back();
  std::unordered_map<std::string, std::uint32_t> seen;
  const auto& items = ranking.value.items();
  for (std::uint32_t place = 1; place <= items.size(); ++place) {
    const std::string& id = items[place - 1].as_text();
    const std::string head = fmt::format("{} choice {}", ordinal(place), short_id(id));
    const auto set_aside = [&](std::string why, bool flag) {
      if (flag) r_.flags.push_back(fmt::format("{}'s {} {}", short_id(who), head, why));
      r_.set_aside[l].emplace_back(place, fmt::format("{} {}", head, std::move(why)));
    };
    if (auto before = seen.find(id); before != seen.end()) {
      set_aside(fmt::format("repeats the {} choice", ordinal(before->second)), true);
      continue;
    }
    seen.emplace(id, place);
    auto at = right_.index.find(id);
    if (at == right_.index.end()) {
      const std::string state = state_of(id);
      set_aside(state.empty() ? fmt::format("is not a {} of this edition", r_.right_type)
                              : fmt::format("is '{}', not '{}'", state, r_.right_state),
                true);
      continue;
    }
    if (clause_.acceptable) {
      dsl::Evaluation ok;
      if (Status st = rule_value(*clause_.acceptable, l, at->second, ok); !st.is_ok()) return st;
      if (!ok.value.as_bool()) {
        set_aside(fmt::format("is not acceptable (rule {})", definition_.rules()[*clause_.acceptable].name), false);
        continue;
      }
    }
    if (clause_.score) {
      dsl::Evaluation score;
      if (Status st = rule_value(*clause_.score, l, at->second, score); !st.is_ok()) return st;
      r_.instance.scores.back().push_back(score.value.as_int());
    }
    r_.instance.preferences[l].push_back(at->second);
    r_.instance.places[l].push_back(place);
  }
  if (r_.instance.preferences[l].empty())
    r_.flags.push_back(fmt::format("{} has no acceptable {} among {} choice{}", short_id(who), r_.right_type,
                                   items.size(), items.size() == 1 ? "" : "s"));
  return Status::ok();
}

}  // namespace mentorflow::engine::matching
