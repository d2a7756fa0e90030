// `mentorflow what-if` on matching runs, through the real CLI on the whole UniMi 2025 edition of
// examples/: the recorded run again on the same candidates under the new rules, listing the pairs
// lost and gained with their parties; unchanged, or that cannot be run again and why.
#include "tests/engine/what_if_fixture.hpp"

using mentorflow::testing::contains;
using mentorflow::testing::occurrences;
using mentorflow::testing::shipped_rules;
using mentorflow::testing::unimi_2025;
using mentorflow::testing::variant_rules;

namespace {

const std::string kRun = "\nrun_matching / match mentee_application with mentor_application (position 761): ";

std::string pair(const std::string& mentee, const std::string& mentor) {
  return "unimi-2025/mentee_application/" + mentee + " (mentee " + mentee + ") with unimi-2025/mentor_application/" +
         mentor + " (mentor " + mentor + ")\n";
}

}  // namespace

TEST_CASE("what-if with two mentees per mentor lists the pairs the matching run would change",
          "[engine][cli][audit][what-if]") {
  const std::string out = unimi_2025().what_if("unimi-2025", variant_rules("unimi-2025-two-mentees"));
  INFO(out);
  CHECK(contains(out, "): 60 recorded decisions, 134 field values, 15 output values, 1 matching run\n"));
  CHECK(contains(out, kRun + "16 pairs recorded, 19 under the new rules: 2 lost, 5 gained\n"
                      // in the order the mentees applied, as the run numbers them
                      "  lost: " + pair("riccardo.mele", "marco.villa") +
                      "  lost: " + pair("beatrice.leoni", "davide.ferri") +
                      "  gained: " + pair("riccardo.mele", "paola.rinaldi") +
                      "  gained: " + pair("nicola.fontana", "andrea.longhi") +
                      "  gained: " + pair("beatrice.leoni", "valentina.greco") +
                      "  gained: " + pair("camilla.rota", "davide.ferri") +
                      "  gained: " + pair("simone.bellini", "stefano.colombo")));
}

TEST_CASE("what-if with the edition's own rules leaves the matching run unchanged", "[engine][cli][audit][what-if]") {
  const std::string out = unimi_2025().what_if("unimi-2025", shipped_rules("unimi-2025"));
  CHECK(contains(out, kRun + "16 pairs recorded, unchanged\n"));
  CHECK(occurrences(out, "lost:") + occurrences(out, "gained:") == 0);
}

TEST_CASE("what-if says why a matching run cannot be run again under the new rules", "[engine][cli][audit][what-if]") {
  const std::string out = unimi_2025().what_if("unimi-2025", variant_rules("unimi-2025-negative-capacity"));
  INFO(out);
  CHECK(contains(out, kRun + "cannot be run again: run_matching refused: the capacity of "
                      "unimi-2025/mentor_application/paola.rinaldi is -1\n"));  // the first to apply
  CHECK(contains(out, " and 1 of 1 matching run would change\n"));
}

TEST_CASE("what-if with the optimal matching names the method and the pairs it changes", "[engine][cli][audit][what-if]") {
  const std::string out = unimi_2025().what_if("unimi-2025", variant_rules("unimi-2025-optimal"));
  INFO(out);
  CHECK(contains(out, kRun + "16 pairs recorded, method stable -> optimal, 16 under the new rules: 4 lost, 4 gained\n"));
  CHECK(contains(out, "  lost: " + pair("alessia.conti", "valentina.greco")));
  CHECK(contains(out, "  gained: " + pair("alessia.conti", "davide.ferri")));
  CHECK(contains(out, "\nin all: 0 of 60 decisions, 0 of 134 field values, 0 of 15 output values and 1 of 1 "
                      "matching run would change\n"));
}
