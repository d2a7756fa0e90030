// The certificate PDF on its own: the same content renders the same bytes, and each layout's
// bytes are pinned, so a change to a released layout (which would make every certificate issued
// under it fail verification) cannot go unnoticed: a new look is a new layout number. From
// layout 4 names print as written in any European script, and a machine whose fonts differ from
// those recorded says so instead of rendering other bytes.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/certificates/certificate.hpp"
#include "engine/certificates/certificate_fonts.hpp"
#include "store/hash.hpp"
#include "tests/support/pdf_text.hpp"
#include "tests/support/temp_dir.hpp"

using mentorflow::engine::certificates::Certificate;
using mentorflow::engine::certificates::render_certificate_pdf;

namespace {

// Debian 12's fonts-dejavu-core 2.37-6 and libhpdf 2.3.0, which layout 4's pinned bytes were made with.
constexpr const char* kDebianRegular = "abdc775b21b1bc470d50c97e790d276f2054b7504e56e5bd3e64f48d68582322";
constexpr const char* kDebianBold = "0d977336a6d5fba34eab8e3199eb218327161b5143749f802982c2bc34df0c96";

Certificate sample(int layout) {
  return Certificate{
      .case_name = "unimi-2025/mentorship/anna",
      .output = "certificate",
      .title = "Certificate of attendance",
      .programme = "Mentoring at the University of Milan",
      .edition = "unimi-2025",
      .party = "mentee",
      .recipient = "anna",
      .name = "Anna Bianchi \u0160imi\u0107",  // Š is in WinAnsi, ć is not: printed '?'
      .value = "2",
      .value_of = "meetings",
      .zone = "Europe/Rome",
      .issued_at = "2026-05-05T09:00:00+02:00[Europe/Rome]",
      .activities = {{"meetings", 1, "2025-11-05T18:00:00+01:00[Europe/Rome]", true, "90min"},
                     {"meetings", 2, "2025-11-26T18:00:00+01:00[Europe/Rome]", true, "90min"},
                     {"diaries", 1, "2025-11-27T20:00:00+01:00[Europe/Rome]", false, std::nullopt}},
      .layout = layout,
      .value_label = {},
      .headings = {},
      .facts = {},
      .library = {},
      .fonts = {}};
}

// Layout 4's sample: the words a workflow gives and the fonts installed here.
Certificate words(const std::string& name = "Anna Bianchi \u0160imi\u0107") {
  Certificate c = sample(4);
  c.name = name;
  c.value_label = "Meetings held";
  c.headings = {{"meetings", "Meetings with the mentor"}, {"diaries", "Diaries"}};
  c.facts = {{"Degree course", "Economics"}, {"Mentor", "Dr. Zoë Ἀθηνᾶ"}};
  c.library = mentorflow::engine::certificates::certificate_library();
  auto fonts = mentorflow::engine::certificates::installed_certificate_fonts();
  INFO(fonts.status().to_string());
  REQUIRE(fonts.is_ok());
  for (const auto& f : *fonts) c.fonts.push_back(f.font);
  return c;
}

// Sets an environment variable for the life of the guard (the fonts' folder).
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) { setenv(name, value.c_str(), 1); }
  ~ScopedEnv() { unsetenv(name_); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
};

std::string text_of(const Certificate& c, mentorflow::testing::TempDir& dir, const std::string& file) {
  auto pdf = render_certificate_pdf(c);
  INFO(pdf.status().to_string());
  REQUIRE(pdf.is_ok());
  const auto path = dir / file;
  std::ofstream(path, std::ios::binary) << *pdf;
  return mentorflow::testing::pdf_text(path);
}

// The lines of `text`, each without the spaces pdftotext centres it with.
std::vector<std::string> trimmed_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const auto first = line.find_first_not_of(' ');
    if (first == std::string::npos) continue;
    lines.push_back(line.substr(first, line.find_last_not_of(' ') - first + 1));
  }
  return lines;
}

std::string sha_of(const Certificate& c) {
  auto pdf = render_certificate_pdf(c);
  INFO(pdf.status().to_string());
  REQUIRE(pdf.is_ok());
  return mentorflow::store::to_hex(mentorflow::store::sha256(*pdf));
}

}  // namespace

TEST_CASE("every released certificate layout renders exactly the bytes it always has", "[engine]") {
  CHECK(sha_of(sample(1)) == "682b0f173aedb7aa5dac131773f5214f5824a766ec6a386affb67eb0ee8da57f");
  CHECK(sha_of(sample(2)) == "edecc950f37ec2baa38e19fe003b6ccb904d69932bce2be7356d656c99042f4e");
  CHECK(sha_of(sample(3)) == "7aa5d7360668c4a6138dfc88bdd427734c38d2b1bc5e7f4a7dfe519ef12d5241");
  CHECK(mentorflow::engine::certificates::kCertificateLayout == 5);  // a new layout adds its pinned line below
  const Certificate four = words();
  if (four.fonts.at(0).sha256 != kDebianRegular || four.fonts.at(1).sha256 != kDebianBold ||
      four.library != "libharu 2.3.0") {
    WARN("the fonts or PDF library here are not Debian 12's: layouts 4 and 5's pinned bytes are not checked");
    return;
  }
  CHECK(sha_of(four) == "46783bd45cde3de448d3c6f674bbdfb2c6c04838211d5c90b975b30804001687");
  // Layout 5 is drawn as layout 4, with a meeting dated by a `date` input listed on its day.
  Certificate five = words();
  five.layout = 5;
  five.activities[1].at = "2025-11-26";
  five.activities[1].length.reset();
  CHECK(sha_of(five) == "7642554a3d10739f72f79c4d39ff974dfab473388b8906ab793f40e154685b7f");
}

TEST_CASE("a certificate renders the same bytes every time, and an unknown layout is refused", "[engine]") {
  CHECK(sha_of(sample(3)) == sha_of(sample(3)));
  CHECK(sha_of(words()) == sha_of(words()));
  Certificate moved = words();
  moved.facts[0].text = "Law";
  CHECK(sha_of(moved) != sha_of(words()));
  Certificate other = sample(3);
  other.recipient = "anna.bianchi";
  CHECK(sha_of(other) != sha_of(sample(3)));
  auto unknown = render_certificate_pdf(sample(mentorflow::engine::certificates::kCertificateLayout + 1));
  CHECK(unknown.status().is_invalid_argument());
  CHECK(!render_certificate_pdf(sample(0)).is_ok());
}

TEST_CASE("Central European names are shown as written from layout 3", "[engine]") {
  mentorflow::testing::TempDir dir;
  const auto text_of = [&](int layout) {
    auto pdf = render_certificate_pdf(sample(layout));
    REQUIRE(pdf.is_ok());
    const auto path = dir / ("layout-" + std::to_string(layout) + ".pdf");
    std::ofstream(path, std::ios::binary) << *pdf;
    return mentorflow::testing::pdf_text(path);
  };
  const std::string now = text_of(3), before = text_of(2);
  CHECK(now.find("Anna Bianchi \u0160imi\u0107") != std::string::npos);
  CHECK(before.find("Anna Bianchi \u0160imi?") != std::string::npos);  // as layout 2 printed it
  CHECK(now.find("Mentoring at the University of Milan") != std::string::npos);
}

TEST_CASE("from layout 4 every European name prints exactly as written", "[engine]") {
  mentorflow::testing::TempDir dir;
  // Lithuanian, Czech, Polish, Greek, Bulgarian, Croatian: letters neither WinAnsi nor ISO 8859-2 has.
  const std::vector<std::string> names = {"Eglė Stankevičiūtė", "Rūta Jankauskienė", "Tomáš Dvořák", "Lucie Černá",
                                          "Łukasz Wójcik-Żółkiewski", "Γιώργος Παπαδόπουλος", "Ольга Петрова",
                                          "Đurđa Šimić"};
  for (std::size_t i = 0; i < names.size(); ++i) {
    INFO(names[i]);
    const std::string text = text_of(words(names[i]), dir, "name-" + std::to_string(i) + ".pdf");
    const auto lines = trimmed_lines(text);
    CHECK(std::count(lines.begin(), lines.end(), names[i]) == 1);  // its own line, letter for letter
    CHECK(std::count(lines.begin(), lines.end(), "Mentor: Dr. Zoë Ἀθηνᾶ") == 1);
  }
}

TEST_CASE("layout 4 says the designer's words and never the value's expression", "[engine]") {
  mentorflow::testing::TempDir dir;
  Certificate c = words();
  c.value_of = "credits(degree, meetings)";
  c.value = "3";
  c.value_label = "ECTS credits";
  const auto lines = trimmed_lines(text_of(c, dir, "words.pdf"));
  const auto has = [&](const std::string& line) { return std::count(lines.begin(), lines.end(), line) == 1; };
  CHECK(has("ECTS credits: 3"));
  CHECK(has("Degree course: Economics"));
  CHECK(has("Meetings with the mentor (2):"));
  CHECK(has("1. 2025-11-05 18:00 Europe/Rome, 90min"));
  CHECK(has("Diaries (1):"));
  CHECK(has("1. 2025-11-27 20:00 Europe/Rome (recorded)"));
  CHECK(has("took part as mentee in"));
  for (const std::string& l : lines) CHECK(l.find("credits(") == std::string::npos);
  // A value that is a list's count is said once, in the list's heading.
  const auto counted = trimmed_lines(text_of(words(), dir, "counted.pdf"));
  CHECK(std::count(counted.begin(), counted.end(), "Meetings with the mentor (2):") == 1);
  CHECK(std::none_of(counted.begin(), counted.end(), [](const std::string& l) { return l.starts_with("Meetings held"); }));
}

TEST_CASE("a layout 4 certificate is not rendered with fonts other than those it records", "[engine]") {
  mentorflow::testing::TempDir dir;
  const Certificate c = words();
  auto installed = mentorflow::engine::certificates::installed_certificate_fonts();
  REQUIRE(installed.is_ok());
  // Copies of the installed files, the bold one a byte longer: another build of the font.
  for (const auto& f : *installed) std::filesystem::copy_file(f.path, dir / f.font.file);
  std::ofstream(dir / "DejaVuSans-Bold.ttf", std::ios::binary | std::ios::app) << '\0';
  {
    ScopedEnv fonts("MENTORFLOW_FONT_DIR", dir.path().string());
    auto other = render_certificate_pdf(c);
    CHECK(other.status().is_io_error());
    CHECK(other.status().message().find("DejaVuSans-Bold.ttf with sha256 " + c.fonts[1].sha256) != std::string::npos);
  }
  {
    ScopedEnv fonts("MENTORFLOW_FONT_DIR", (dir / "nowhere").string());
    auto missing = render_certificate_pdf(c);
    CHECK(missing.status().is_io_error());
    CHECK(missing.status().message().find("fonts-dejavu-core") != std::string::npos);
    CHECK(!mentorflow::engine::certificates::installed_certificate_fonts().is_ok());
  }
  CHECK(render_certificate_pdf(c).is_ok());  // the recorded files, where they are installed
  Certificate forged = c;
  forged.fonts[0].file = "../DejaVuSans.ttf";
  CHECK(render_certificate_pdf(forged).status().is_invalid_argument());
}

TEST_CASE("layout 4's content reads back from its JSON form, and needs its words and fonts", "[engine]") {
  const Certificate c = words();
  auto back = mentorflow::engine::certificates::certificate_from_json(mentorflow::engine::certificates::to_json(c));
  REQUIRE(back.is_ok());
  CHECK(*back == c);
  auto json = mentorflow::engine::certificates::to_json(c);
  json.erase("typeset");
  CHECK(mentorflow::engine::certificates::certificate_from_json(json).status().is_invalid_argument());
  // Earlier layouts' content is what they always recorded: none of layout 4's members.
  CHECK_FALSE(mentorflow::engine::certificates::to_json(sample(3)).contains("facts"));
}
