#include "dsl/model/hit_policy.hpp"

namespace mentorflow::dsl {

const char* hit_policy_name(HitPolicy p) {
  switch (p) {
    case HitPolicy::Unique: return "unique";
    case HitPolicy::First: return "first";
    case HitPolicy::Collect: return "collect";
    case HitPolicy::CollectSum: return "collect sum";
    case HitPolicy::CollectMin: return "collect min";
    case HitPolicy::CollectMax: return "collect max";
    case HitPolicy::CollectCount: return "collect count";
  }
  return "?";
}

}  // namespace mentorflow::dsl
