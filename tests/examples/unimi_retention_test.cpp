// Retention and legal holds on the UniMi 2025-26 edition (examples/unimi-2025), through the real
// CLI on a store made with a master key: nobody is due while the edition's `retention 5years`
// runs; once it has passed, its people are listed by their ids (the log names them by pseudonyms),
// except the two who applied again in 2026-27, whose newer edition keeps them; a legal hold keeps
// a person off the list, with its reason and who placed it, and its release puts them back;
// refusals change nothing (docs/PRIVACY.md, "Retention and legal holds").
#include <regex>

#include "tests/examples/edition.hpp"

using namespace mentorflow::testing::examples;
using mentorflow::testing::CliResult;
using mentorflow::testing::CliStore;
using mentorflow::testing::source_dir;
using nlohmann::json;

namespace {

const std::string kElena = "unimi-2025/mentee_application/elena.costa";
const std::string kMartina = "unimi-2025/mentee_application/martina.sala";
const std::string kStaff = "career_service:alberto.fossati";
const std::regex kPseudonym("_s[a-z2-7]{26}");

// The scenario run on a store made with a master key; every command after it names the key.
struct KeyedEdition : CliStore {
  std::string key = (dir / "master-key").string();
  CliResult run = keyed({"run", (source_dir() / "examples/unimi-2025/scenario.jsonl").string()});

  CliResult keyed(std::vector<std::string> args) const {
    args.insert(args.end(), {"--master-key", key});
    return cli(args);
  }
  json keyed_state(const std::string& case_name) const { return json::parse(ok(keyed({"state", case_name})).out); }
  json retention(const std::string& at) const { return json::parse(ok(keyed({"retention", "--at", at, "--json"})).out); }
};

std::vector<std::string> subjects(const json& list) {
  std::vector<std::string> out;
  for (const json& s : list) out.push_back(s.at("subject").get<std::string>());
  return out;
}

bool listed(const json& list, const std::string& who) {
  const auto all = subjects(list);
  return std::find(all.begin(), all.end(), who) != all.end();
}

const json& edition(const json& report, const std::string& name) {
  for (const json& e : report.at("editions"))
    if (e.at("edition") == name) return e;
  FAIL("no edition " << name);
  static const json none;
  return none;
}

}  // namespace

TEST_CASE("UniMi's people are due for erasure five years after the edition closes, and a hold keeps one",
          "[examples][cli][privacy]") {
  static const KeyedEdition e;
  CliStore::ok(e.run);

  // The 2025-26 edition's timeline ends with meetings_until, 30 April 2026, but its last event is
  // later: the mentor left without a mentee is closed on 11 May 2026. Its people are due from the
  // next day, five years on. The 2026-27 edition, still running, closes on its meetings_until.
  const json before = e.retention("2031-05-11 23:59 Europe/Rome");
  const json& unimi = edition(before, "unimi-2025");
  CHECK(unimi.at("retention") == "5years");
  CHECK(unimi.at("closed_on") == "2026-05-11");
  CHECK(unimi.at("closed_by") == "the last event of unimi-2025/mentor_application/marco.villa");
  CHECK(unimi.at("due_from") == "2031-05-12");
  const json& next = edition(before, "unimi-2026");
  CHECK(next.at("closed_on") == "2027-04-30");
  CHECK(next.at("closed_by") == "parameter meetings_until");
  CHECK(next.at("due_from") == "2032-05-01");
  CHECK(before.at("due").empty());
  CHECK(before.at("held").empty());

  const json after = e.retention("2031-05-12 00:00 Europe/Rome");
  SECTION("once it has passed, the edition's people are listed by their ids, but those of 2026-27") {
    CHECK(listed(after.at("due"), "martina.sala"));
    CHECK(listed(after.at("due"), "anna.colombo"));  // a mentor
    for (const json& s : after.at("due")) {
      INFO(s.dump());
      CHECK_FALSE(std::regex_search(s.dump(), kPseudonym));  // the door revealed every one
      CHECK(s.at("editions") == json::array({"unimi-2025"}));
      CHECK(s.at("due_since") == "2031-05-12");
    }
    // 24 mentees and 20 mentors applied in 2025-26; three of them again in 2026-27, which keeps
    // them until 2032.
    CHECK(after.at("due").size() == 41);
    for (const char* again : {"giulia.ferrara", "irene.lodi", "marco.villa"}) CHECK_FALSE(listed(after.at("due"), again));
    CHECK(listed(after.at("due"), "elena.costa"));  // not selected, and did not apply again
    const auto names = subjects(after.at("due"));
    CHECK(std::is_sorted(names.begin(), names.end()));  // by the ids people know, not by pseudonym
    // Martina's cases: her application and her mentorship.
    for (const json& s : after.at("due"))
      if (s.at("subject") == "martina.sala")
        CHECK(s.at("cases").size() == 2);
    const CliResult text = CliStore::ok(e.keyed({"retention", "--at", "2031-05-12 00:00 Europe/Rome"}));
    CHECK(contains(text.out, "unimi-2025: closed 2026-05-11 (the last event of unimi-2025/mentor_application/marco.villa), "
                             "retention 5 years: due from 2031-05-12\n"));
    CHECK(contains(text.out, "unimi-2026: closed 2027-04-30 (parameter meetings_until), retention 5 years: due from "
                             "2032-05-01 (not yet)\n"));
    CHECK(contains(text.out, "due for erasure at 2031-05-11 22:00 UTC: 41 people\n"));
    CHECK(contains(text.out, "  martina.sala (due since 2031-05-12): unimi-2025/mentee_application/martina.sala, "
                             "unimi-2025/mentorship/martina.sala\n"));
  }

  SECTION("a legal hold keeps its person off the list, and its release puts them back") {
    const std::string log_before = CliStore::ok(e.keyed({"export"})).out;
    const auto refused = [&](const std::vector<std::string>& args, const std::string& sentence) {
      const CliResult r = e.keyed(args);
      INFO(r.out << r.err);
      CHECK(r.exit_code == 1);
      CHECK(contains(r.err, sentence));
    };
    refused({"hold", "--as", "mentee:martina.sala", kMartina, "--reason", "mine"},
            "only staff or a privacy role place legal holds; martina.sala acts as mentee, which is neither");
    refused({"hold", "--as", kStaff, kMartina, "--reason", "  "}, "a legal hold needs a reason");
    refused({"hold", "--as", kStaff, "unimi-2025/round", "--reason", "audit"}, "is a cohort, which holds nobody's");
    refused({"hold", "--as", kStaff, "unimi-2025/mentee_application/nobody.here", "--reason", "audit"},
            "there is no case 'unimi-2025/mentee_application/nobody.here'");
    refused({"release-hold", "--as", kStaff, kMartina, "--reason", "done"},
            "unimi-2025/mentee_application/martina.sala is not held");
    CHECK(CliStore::ok(e.keyed({"export"})).out == log_before);  // nothing written

    CliStore::ok(e.keyed({"hold", "--as", kStaff, kMartina, "--reason", "appeal against the matching, ref. 2026/114",
                          "--now", "2031-05-10 09:00 Europe/Rome"}));
    refused({"hold", "--as", kStaff, kMartina, "--reason", "again"},
            "unimi-2025/mentee_application/martina.sala is held already, since 2031-05-10 09:00 Europe/Rome by "
            "alberto.fossati: appeal against the matching, ref. 2026/114");
    const json held = e.retention("2031-05-12 00:00 Europe/Rome");
    CHECK_FALSE(listed(held.at("due"), "martina.sala"));
    // Martina, and the three mentors her held application names (she ranked them): an erasure of
    // any of them would take their ids out of the case the hold keeps.
    CHECK(subjects(held.at("held")) ==
          std::vector<std::string>({"laura.bassi", "martina.sala", "silvia.cattaneo", "valentina.greco"}));
    const json& hold = held.at("held")[1];
    CHECK(hold.at("subject") == "martina.sala");
    CHECK(hold.at("holds") == json::array({{{"case", kMartina},
                                            {"reason", "appeal against the matching, ref. 2026/114"},
                                            {"by", "alberto.fossati"},
                                            {"at", "2031-05-10T09:00:00+02:00[Europe/Rome]"}}}));
    CHECK(held.at("due").size() == 37);
    // The hold does not move the edition's close: it is not the edition's work.
    CHECK(edition(held, "unimi-2025").at("closed_on") == "2026-05-11");
    CHECK(contains(CliStore::ok(e.keyed({"retention", "--at", "2031-05-12 00:00 Europe/Rome"})).out,
                   "  martina.sala (due since 2031-05-12): unimi-2025/mentee_application/martina.sala held since "
                   "2031-05-10 09:00 Europe/Rome by alberto.fossati: appeal against the matching, ref. 2026/114\n"));
    CHECK(e.keyed_state(kMartina).at("hold").at("reason") == "appeal against the matching, ref. 2026/114");
    CHECK(contains(CliStore::ok(e.keyed({"history", kMartina})).out,
                   "alberto.fossati (career_service): hold\n    legal hold placed: appeal against the matching, ref. 2026/114\n"));

    CliStore::ok(e.keyed({"release-hold", "--as", kStaff, kMartina, "--reason", "the appeal was decided",
                          "--now", "2031-06-01 09:00 Europe/Rome"}));
    const json released = e.retention("2031-05-12 00:00 Europe/Rome");
    CHECK(listed(released.at("due"), "martina.sala"));
    CHECK(released.at("held").empty());
    CHECK_FALSE(e.keyed_state(kMartina).contains("hold"));
    CHECK(contains(CliStore::ok(e.keyed({"history", kMartina})).out, "legal hold released: the appeal was decided"));
    const CliResult verified = e.keyed({"verify"});
    INFO(verified.out << verified.err);
    CHECK(verified.exit_code == 0);
  }

  SECTION("with --erase, the data-protection officer erases everyone due but whom a hold keeps") {
    CliStore::ok(e.keyed({"hold", "--as", "dpo:paola.dpo", kMartina, "--reason", "appeal against the matching, ref. 2026/114",
                          "--now", "2031-06-02 09:00 Europe/Rome"}));  // a privacy role may hold too
    const json listed_before = e.retention("2031-05-12 00:00 Europe/Rome");
    CHECK(listed_before.at("held").size() == 4);  // as above
    CHECK(listed_before.at("due").size() == 37);

    const std::string log_before = CliStore::ok(e.keyed({"export"})).out;
    const std::string now = "2031-06-03 09:00 Europe/Rome";  // after the hold: the log's time never goes back
    CHECK(e.keyed({"retention", "--at", now, "--erase", "--as", "dpo:paola.dpo", "--reason", "due"}).exit_code == 2);
    const CliResult staff = e.keyed({"retention", "--now", now, "--erase", "--as", kStaff,
                                     "--reason", "the edition's retention has passed"});
    CHECK(staff.exit_code == 1);
    CHECK(contains(staff.err, "role career_service may not erase"));
    CHECK(CliStore::ok(e.keyed({"export"})).out == log_before);  // checked before the first: nobody erased

    const CliResult erased = e.keyed({"retention", "--now", now, "--erase", "--as", "dpo:paola.dpo", "--reason",
                                      "the edition's retention has passed"});
    INFO(erased.out << erased.err);
    REQUIRE(erased.exit_code == 0);
    CHECK(contains(erased.out, "erased elena.costa (SubjectErased at position "));
    CHECK(contains(erased.out, "37 people erased; 4 held\n"));
    const json after = e.retention("2031-05-12 00:00 Europe/Rome");
    CHECK(after.at("due").empty());
    CHECK(after.at("held").size() == 4);
    const CliResult held = e.keyed({"erase", "--as", "dpo:paola.dpo", "--subject", "martina.sala", "--reason", "asked"});
    CHECK(held.exit_code == 1);
    CHECK(contains(held.err, "martina.sala may not be erased: unimi-2025/mentee_application/martina.sala is under a "
                             "legal hold, since 2031-06-02 09:00 Europe/Rome by paola.dpo: appeal against the matching"));
    CHECK(e.keyed({"verify"}).exit_code == 0);
  }
}
