// The UniMi 2025-26 edition (examples/unimi-2025) through the real CLI on a temporary store: the
// scenario runs as expected (its refusals each for the reason it names), the matching gives the
// ranks the story says and tells those it leaves out why, confirmed matches move the mentors too,
// everyone without a pair ends with the reason recorded, the meetings respect the seed's limits
// (a long gap flagged), certificates go to the complete pairs, two people not selected apply
// again in 2026-27, the log verifies.
#include "tests/examples/edition.hpp"

using namespace mentorflow::testing::examples;
using mentorflow::testing::CliResult;

namespace {
const std::string kEdition = "unimi-2025";
}  // namespace

TEST_CASE("the UniMi 2025-26 edition runs as its scenario expects", "[examples][cli]") {
  static const Edition e("unimi-2025/scenario.jsonl");
  check_run(e.run, {.lines = 390, .accepted = 359, .refused = 21, .timers = 97, .ticks = 6, .decisions = 67});
  CHECK(contains(e.run.out, "  cases imported            7"));  // the 2026-27 form's CSV export

  SECTION("mentees and mentors end in the states the story gives them") {
    const auto mentees = e.cases(kEdition, {"--type", "mentee_application"});
    CHECK(mentees.size() == 24);  // Beatrice Sanna's application was refused: no case
    CHECK(count_states(mentees) ==
          std::map<std::string, int>{{"matched", 16}, {"not_matched", 4}, {"not_selected", 3}, {"not_trained", 1}});
    const auto mentee = state_by_id(mentees);
    for (const char* who : {"giulia.ferrara", "paolo.marchi", "elena.costa"}) CHECK(mentee.at(who) == "not_selected");
    for (const char* who : {"camilla.rota", "nicola.fontana", "simone.bellini", "lorenzo.neri"})
      CHECK(mentee.at(who) == "not_matched");
    CHECK(mentee.at("tommaso.riva") == "not_trained");  // missed the training
    CHECK_FALSE(mentee.contains("beatrice.sanna"));
    CHECK_FALSE(mentee.contains("ginevra.pace"));  // applied after the Career Service closed applications
    // Each of those left without a pair has the reason recorded when the mentoring started.
    const auto reason = [&](const std::string& who) {
      return e.state(kEdition + "/mentee_application/" + who).at("fields").at("unmatched_reason").get<std::string>();
    };
    CHECK(reason("lorenzo.neri") == "stated no preferences after the speed date");
    CHECK(reason("tommaso.riva") == "did not complete the mentee training");
    for (const char* who : {"camilla.rota", "nicola.fontana", "simone.bellini"})
      CHECK(reason(who) == "none of the mentors they ranked had a place left for them in the matching run");

    // A confirmed match moves the mentor's application too, and takes its one place.
    const auto mentors = e.cases(kEdition, {"--type", "mentor_application"});
    CHECK(count_states(mentors) ==
          std::map<std::string, int>{{"matched", 16}, {"closed", 1}, {"not_selected", 2}, {"not_trained", 1}});
    const auto mentor = state_by_id(mentors);
    CHECK(mentor.at("fabio.testa") == "not_trained");  // 2 of 3 training sessions
    CHECK(mentor.at("marco.villa") == "closed");        // freed by the override, then no mentee
    for (const char* who : {"anna.colombo", "valentina.greco"}) {
      const auto fields = e.state(kEdition + "/mentor_application/" + who).at("fields");
      CHECK(fields.at("places_taken") == 1);
      CHECK(fields.at("places_proposed") == 0);
    }
    CHECK(e.state(kEdition + "/mentor_application/marco.villa").at("fields").at("places_proposed") == 0);
    CHECK(mentor.at("giorgio.sala") == "not_selected");
    CHECK(mentor.at("irene.lodi") == "not_selected");
  }
  SECTION("the matching gave 14 mentees their 1st choice, one her 2nd, one his 3rd (then overridden)") {
    std::map<std::string, int> rank_of;  // mentee -> place of the proposed mentor in their ranking
    for (const Listed& m : e.cases(kEdition, {"--type", "mentee_application", "--state", "matched"})) {
      const auto fields = e.state(m.name).at("fields");
      const auto& preferences = fields.at("preferences");
      const std::string proposed = fields.at("proposed_mentor");
      int rank = 0;
      for (std::size_t k = 0; k < preferences.size(); ++k)
        if (preferences[k] == proposed) rank = static_cast<int>(k) + 1;
      rank_of[m.id()] = rank;
    }
    std::map<int, int> ranks;
    for (const auto& [who, rank] : rank_of) ++ranks[rank];
    CHECK(ranks == std::map<int, int>{{0, 1}, {1, 14}, {2, 1}});
    CHECK(rank_of.at("beatrice.leoni") == 2);
    CHECK(rank_of.at("riccardo.mele") == 0);  // the Career Service's choice, outside his ranking
    const auto riccardo = e.state(kEdition + "/mentee_application/riccardo.mele").at("fields");
    CHECK(riccardo.at("proposed_mentor") == kEdition + "/mentor_application/anna.colombo");
    CHECK(contains(riccardo.at("override_reason").get<std::string>(), "venture capital"));

    const CliResult run = e.cli({"history", kEdition + "/round"});
    CHECK(contains(run.out, "stable matching of mentee_application in 'ranked' with mentor_application in 'met': "
                            "16 of 19 matched"));
    CHECK(contains(run.out, "riccardo.mele: proposed marco.villa (3rd choice)"));
    CHECK(contains(run.out, "camilla.rota: not matched: 1st choice valentina.greco was full (1 place) with "
                            "alessia.conti"));
    // Luca Bernardi said whom he would take: not Simone Bellini, who ranked him 3rd.
    CHECK(contains(run.out, "simone.bellini: not matched: 1st choice stefano.colombo was full"));
    CHECK(contains(run.out, "3rd choice luca.bernardi is not acceptable (rule mentor_accepts)"));
    // Nobody is left out silently.
    CHECK(contains(run.out, "flagged: lorenzo.neri stated no preferences ('met', not 'ranked'): not in the run"));
    CHECK(contains(run.out, "flagged: tommaso.riva has not completed the training ('selected', not 'ranked'): "
                            "not in the run"));
    const CliResult lorenzo = e.cli({"history", kEdition + "/mentee_application/lorenzo.neri"});
    CHECK(contains(lorenzo.out, "matching: not in the run: stated no preferences"));
    CHECK(contains(lorenzo.out, "close_without_preferences, met -> not_matched"));
  }
  SECTION("mentorships: 6 to 8 meetings, the winter gap flagged, 15 complete and certified") {
    const auto pairs = e.cases(kEdition, {"--type", "mentorship"});
    CHECK(pairs.size() == 16);
    CHECK(count_states(pairs) == std::map<std::string, int>{{"certified", 15}, {"incomplete", 1}});
    int meetings = 0;
    for (const Listed& p : pairs) {
      INFO(p.name);
      const int held = std::stoi(p.words.at("meetings"));
      meetings += held;
      if (p.id() == "daniele.ruggiero") {
        CHECK(p.state == "incomplete");
        CHECK(held == 4);
        CHECK_FALSE(p.words.contains("certificate"));
        continue;
      }
      CHECK(held >= 6);
      CHECK(held <= 8);
      CHECK(p.words.at("certificate") == p.words.at("meetings"));
      CHECK(p.words.contains("acknowledgement"));
      const auto flags = e.state(p.name).at("flags");
      CHECK(flags.size() == (p.id() == "martina.sala" ? 1u : 0u));
    }
    CHECK(meetings == 109);
    CHECK(e.state(kEdition + "/mentorship/gabriele.monti").at("parties").at("mentor") == "andrea.longhi");
    CHECK(e.state(kEdition + "/mentorship/gabriele.monti").at("counters").at("meetings") == 8);
    CHECK(e.cases(kEdition, {"--type", "round"}).at(0).state == "closed");

    // a pair's meetings as a calendar: one event per meeting logged, 90 minutes for the first
    const CliResult ics = e.cli({"ics", kEdition + "/mentorship/alessia.conti"});
    REQUIRE(ics.exit_code == 0);
    std::size_t events = 0;
    for (auto at = ics.out.find("BEGIN:VEVENT"); at != std::string::npos; at = ics.out.find("BEGIN:VEVENT", at + 1))
      ++events;
    CHECK(events == 6);
    CHECK(contains(ics.out, "DTSTART:20251103T170000Z\r\nDTEND:20251103T183000Z"));
  }
  SECTION("certificates of attendance as PDFs: mentee and mentor of each complete pair, and the acknowledgement") {
    const Certificates pdfs(e, kEdition);
    CHECK(pdfs.files.size() == 45);
    pdfs.check("unimi-2025-mentorship-alessia.conti-certificate-valentina.greco.pdf",
               {"Certificate of attendance", "Valentina Greco", "took part as mentor", "Meetings (6):"});
    pdfs.check("unimi-2025-mentorship-riccardo.mele-certificate-riccardo.mele.pdf",
               {"Riccardo Mele", "took part as mentee", "Meetings (8):"});
    pdfs.check("unimi-2025-mentorship-riccardo.mele-acknowledgement-anna.colombo.pdf",
               {"Acknowledged on the project's website", "Anna Colombo"});
    CHECK(std::count_if(pdfs.files.begin(), pdfs.files.end(),
                        [](const std::string& f) { return contains(f, "daniele.ruggiero"); }) == 0);
  }
  SECTION("2026-27: the form's CSV export imported; two people not selected in 2025 are selected") {
    const auto mentees = state_by_id(e.cases("unimi-2026", {"--type", "mentee_application"}));
    CHECK(mentees == std::map<std::string, std::string>{{"giulia.ferrara", "selected"},
                                                        {"federica.longo", "selected"},
                                                        {"samuele.bruno", "selected"},
                                                        {"alice.ferri", "not_selected"}});
    const auto mentors = state_by_id(e.cases("unimi-2026", {"--type", "mentor_application"}));
    CHECK(mentors == std::map<std::string, std::string>{
                         {"irene.lodi", "selected"}, {"marco.villa", "selected"}, {"paolo.gatti", "selected"}});
    const CliResult before = e.cli({"history", kEdition + "/mentee_application/giulia.ferrara"});
    CHECK(contains(before.out, "decided not_selected: mentee score must be at least 60, it is 40"));
    const CliResult after = e.cli({"history", "unimi-2026/mentee_application/giulia.ferrara"});
    CHECK(contains(after.out, "apply_as_mentee, opened in submitted"));
    CHECK(contains(after.out, "decided selected: mentee score 90"));
    CHECK(contains(after.out, "unimi-2026.rules"));
    CHECK(e.state("unimi-2026/mentee_application/giulia.ferrara").at("fields").at("graduated_on") == "2026-03-20");
  }
  SECTION("the log verifies: hash chain, every decision and the matching run") {
    check_verified(e, 67, "1 matching run");
  }
}

TEST_CASE("the main job prints the cohort: selected, matched with the rank obtained, meetings, certificates",
          "[examples][cli]") {
  mentorflow::testing::TempDir dir;
  const ScriptRun job = run_script("main-job.sh", dir / "job");
  const std::string& text = job.out;
  INFO(text << job.err);
  REQUIRE(job.status == 0);
  CHECK(job.err.empty());
  CHECK(contains(text, "store: " + (dir / "job/store").string()));
  CHECK(contains(text, "everything went as expected"));
  CHECK(contains(text, "  not_selected   3  elena.costa, giulia.ferrara, paolo.marchi"));
  CHECK(contains(text, "  not_trained    1  tommaso.riva"));
  CHECK(contains(text, "20 mentor applications\n  matched       16  andrea.longhi"));
  CHECK(contains(text, "  closed         1  marco.villa"));
  CHECK(contains(text, "  lorenzo.neri     stated no preferences after the speed date"));
  CHECK(contains(text, "  giulia.ferrara   mentee score must be at least 60, it is 40 (rows 2, 6, 8)"));
  CHECK(contains(text, "16 of 19 matched"));
  CHECK(contains(text, "  beatrice.leoni    davide.ferri      2nd    8 meetings  certified\n"));
  CHECK(contains(text, "  martina.sala      laura.bassi       1st    7 meetings  certified  gap flagged: 6 weeks\n"));
  CHECK(contains(text, "  riccardo.mele     anna.colombo      *      8 meetings  certified  (the run proposed "
                       "marco.villa, their 3rd choice)"));
  CHECK(contains(text, "16 pairs: 14 got their 1st choice, 1 their 2nd, 0 their 3rd, 1 (*) a mentor the Career "
                       "Service chose"));
  CHECK(contains(text, "109 meetings held: 15 pairs certified, 1 incomplete"));
  CHECK(contains(text, "45 certificates written to " + (dir / "job/certificates").string()));
  CHECK(std::filesystem::exists(dir / "job/certificates/unimi-2025-mentorship-alessia.conti-certificate-alessia.conti.pdf"));
  CHECK(contains(text, "  giulia.ferrara   mentee_application  selected      in 2025-26: not_selected"));
  CHECK(contains(text, "  irene.lodi       mentor_application  selected      in 2025-26: not_selected"));
  CHECK(contains(text, "re-rendered 45 certificates"));
}

TEST_CASE("the committed UniMi scenario is what generate.py writes", "[examples]") { check_generated("unimi-2025"); }
