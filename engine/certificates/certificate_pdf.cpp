// A certificate as a one-page (or longer) A4 PDF, made with libharu (Debian libhpdf). Bytes
// depend only on the content: the creation date is the issue time, the producer is fixed,
// streams are not compressed (compression would make them depend on the machine's zlib) and
// libharu writes no document id unless encrypting. Up to layout 3 the fonts are PDF's built-in
// Helvetica (nothing embedded): texts are shown in WinAnsi (Western European), and from layout 3
// in ISO 8859-2 where WinAnsi cannot (engine/certificates/certificate_encoding.hpp); other characters print
// as '?'. From layout 4 they are the DejaVu Sans files the certificate records
// (engine/certificates/certificate_fonts.hpp), embedded, with libharu's UTF-8 encoder: every text as written.
#include <hpdf.h>

#include <fmt/core.h>

#include <algorithm>
#include <cstdio>

#include "dsl/time/time_text.hpp"
#include "engine/certificates/certificate.hpp"
#include "engine/certificates/certificate_encoding.hpp"
#include "engine/certificates/certificate_fonts.hpp"

namespace mentorflow::engine::certificates {
namespace {

constexpr float kMargin = 60;
constexpr float kTitleSize = 22, kNameSize = 18, kBodySize = 11, kSmallSize = 8;
constexpr float kSmallestTitleSize = 14;  // layout 4 shrinks a long title to fit, down to this
constexpr float kLine = 16;

// A recorded date-time as a person reads it, in the certificate's zone; a day (from layout 5, an
// activity dated by a `date` input) as it is: it has no time to convert.
std::string shown_time(const std::string& rfc3339, const std::string& zone) {
  if (auto t = dsl::parse_datetime(rfc3339)) return dsl::format_datetime(t->utc_micros, zone);
  return rfc3339;
}

void record_error(HPDF_STATUS error, HPDF_STATUS detail, void* user_data) {
  auto* first = static_cast<std::string*>(user_data);
  if (first->empty()) *first = fmt::format("libharu error 0x{:04X} (detail {})", error, detail);
}

// Writes lines top to bottom, starting a new page when one is full.
class Writer {
 public:
  // Up to layout 3 the WinAnsi fonts are made first, bold then regular, as layouts 1 and 2 always
  // did: the order of the PDF's objects is part of its bytes. From layout 4 the embedded fonts
  // are loaded from `font_files`, regular then bold.
  Writer(HPDF_Doc pdf, int layout, const std::vector<std::string>& font_files) : pdf_(pdf), layout_(layout) {
    if (layout_ >= 4) {
      HPDF_UseUTFEncodings(pdf_);
      for (std::size_t bold = 0; bold < 2 && bold < font_files.size(); ++bold)
        if (const char* name = HPDF_LoadTTFontFromFile(pdf_, font_files[bold].c_str(), HPDF_TRUE))
          embedded_[bold] = HPDF_GetFont(pdf_, name, "UTF-8");
    } else {
      font(true, PdfEncoding::kWinAnsi);
      font(false, PdfEncoding::kWinAnsi);
    }
    new_page();
  }

  // One line of text, or several when it is wider than the page: broken at spaces. From layout 3
  // a line that WinAnsi cannot show is set in ISO 8859-2 when that can (č, ć, đ, ł, ő...); from
  // layout 4 every line is set in the embedded fonts as written.
  void line(const std::string& utf8, float size = kBodySize, bool bold = false, bool centred = false) {
    PdfEncoding encoding = PdfEncoding::kWinAnsi;
    std::string rest;
    HPDF_Font f = nullptr;
    if (layout_ >= 4) {
      rest = to_pdf_utf8(utf8);
      f = embedded_[bold ? 1 : 0];
      if (!f) return;  // the font failed to load: libharu's error is reported by render
    } else if (layout_ < 3) {
      rest = to_winansi(utf8);
    } else if (auto western = encode_for_pdf(utf8, PdfEncoding::kWinAnsi)) {
      rest = std::move(*western);
    } else if (auto central = encode_for_pdf(utf8, PdfEncoding::kLatin2)) {
      rest = std::move(*central);
      encoding = PdfEncoding::kLatin2;
    } else {
      rest = to_winansi(utf8);
    }
    if (!f) f = font(bold, encoding);
    HPDF_Page_SetFontAndSize(page_, f, size);
    const float room = HPDF_Page_GetWidth(page_) - 2 * kMargin;
    while (!rest.empty()) {
      std::size_t cut = rest.size();
      while (HPDF_Page_TextWidth(page_, rest.substr(0, cut).c_str()) > room) {
        const std::size_t space = rest.rfind(' ', cut - 1);
        if (space == std::string::npos || space == 0) break;
        cut = space;
      }
      put(rest.substr(0, cut), f, size, centred);
      rest.erase(0, cut);
      while (!rest.empty() && rest.front() == ' ') rest.erase(0, 1);
    }
  }
  void gap(float points) { y_ -= points; }

  // From layout 4: the largest size from `size` down to `smallest` at which `utf8` fits on one
  // line (DejaVu Sans is wider than Helvetica: a title that fitted in layout 3 may not at 22).
  float fitting(const std::string& utf8, float size, float smallest, bool bold) const {
    HPDF_Font f = embedded_[bold ? 1 : 0];
    if (!f) return size;
    const std::string text = to_pdf_utf8(utf8);
    const float units = static_cast<float>(
        HPDF_Font_TextWidth(f, reinterpret_cast<const HPDF_BYTE*>(text.data()), static_cast<HPDF_UINT>(text.size()))
            .width);
    const float room = HPDF_Page_GetWidth(page_) - 2 * kMargin;
    while (size > smallest && units * size / 1000 > room) size -= 1;
    return size;
  }

 private:
  // The ISO 8859-2 fonts are made when first used, so a document holds only those it shows.
  HPDF_Font font(bool bold, PdfEncoding encoding) {
    HPDF_Font& f = fonts_[bold ? 1 : 0][encoding == PdfEncoding::kWinAnsi ? 0 : 1];
    if (!f) f = HPDF_GetFont(pdf_, bold ? "Helvetica-Bold" : "Helvetica", pdf_encoding_name(encoding));
    return f;
  }

  void put(const std::string& text, HPDF_Font f, float size, bool centred) {
    if (y_ < kMargin + kLine) new_page();
    HPDF_Page_SetFontAndSize(page_, f, size);
    const float width = HPDF_Page_TextWidth(page_, text.c_str());
    const float x = centred ? (HPDF_Page_GetWidth(page_) - width) / 2 : kMargin;
    HPDF_Page_BeginText(page_);
    HPDF_Page_TextOut(page_, x, y_, text.c_str());
    HPDF_Page_EndText(page_);
    y_ -= size + (kLine - kBodySize);
  }

  void new_page() {
    page_ = HPDF_AddPage(pdf_);
    HPDF_Page_SetSize(page_, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    y_ = HPDF_Page_GetHeight(page_) - kMargin - kTitleSize;
  }

  HPDF_Doc pdf_;
  int layout_;
  HPDF_Font fonts_[2][2] = {};  // [bold][latin2]: the built-in fonts, up to layout 3
  HPDF_Font embedded_[2] = {};  // [bold]: from layout 4
  HPDF_Page page_ = nullptr;
  float y_ = 0;
};

// The issue time in UTC, as the PDF's creation date.
HPDF_Date pdf_date(const std::string& rfc3339) {
  HPDF_Date d{};
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  const auto t = dsl::parse_datetime(rfc3339);
  const std::string utc = t ? dsl::format_datetime_json(t->utc_micros, "UTC") : "";
  if (std::sscanf(utc.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &year, &month, &day, &hour, &minute, &second) == 6) {
    d.year = year, d.month = month, d.day = day, d.hour = hour, d.minutes = minute, d.seconds = second;
  } else {
    d.year = 1970, d.month = 1, d.day = 1;
  }
  d.ind = 'Z';
  return d;
}

// Who took part in what, centred: the title, the name, the party, the programme, the edition.
void write_head(Writer& w, const Certificate& c, float title_size, const std::string& party) {
  w.line(c.title, title_size, true, true);
  w.gap(kLine);
  w.line("This certifies that", kBodySize, false, true);
  w.gap(kLine / 2);
  w.line(c.name, kNameSize, true, true);
  w.gap(kLine / 2);
  w.line(fmt::format("took part as {} in", party), kBodySize, false, true);
  w.line(c.programme, kBodySize + 2, true, true);
  w.line(fmt::format("edition {}", c.edition), kBodySize, false, true);
  w.gap(kLine);
}

std::ptrdiff_t count_of(const Certificate& c, const std::string& counter) {
  return std::count_if(c.activities.begin(), c.activities.end(),
                       [&](const CertifiedActivity& a) { return a.counter == counter; });
}

void write_body(Writer& w, const Certificate& c) {
  write_head(w, c, kTitleSize, c.party);
  // `meetings: 6` reads well; a rule's call reads better after the value it gave. From layout 2
  // a value that is a counter's count is said once, in that counter's heading: `meetings (6):`.
  const bool plain = c.value_of.find_first_not_of("abcdefghijklmnopqrstuvwxyz_0123456789") == std::string::npos;
  const bool said_in_heading = c.layout >= 2 && plain && count_of(c, c.value_of) > 0;
  if (!c.value.empty() && !said_in_heading)
    w.line(plain ? fmt::format("{}: {}", c.value_of, c.value) : fmt::format("{}: {} ({})", c.title, c.value, c.value_of),
           kBodySize, true);
  std::string counter;
  for (const CertifiedActivity& a : c.activities) {
    if (a.counter != counter) {
      counter = a.counter;
      w.gap(kLine / 2);
      w.line(c.layout >= 2 ? fmt::format("{} ({}):", counter, count_of(c, counter)) : fmt::format("{}:", counter),
             kBodySize, true);
    }
    std::string text = fmt::format("  {}. {}{}", a.number, a.dated_by_input ? "" : "recorded ", shown_time(a.at, c.zone));
    if (a.length) text += fmt::format(", {}", *a.length);
    w.line(text);
  }
  w.gap(kLine);
  w.line(fmt::format("Issued on {}", shown_time(c.issued_at, c.zone)));
  w.line(fmt::format("Recipient: {} ({}), case {}", c.recipient, c.party, c.case_name), kSmallSize);
  w.line(fmt::format("Check it against the log: mentorflow verify-certificate --store DIR FILE.pdf (layout {})",
                     c.layout),
         kSmallSize);
}

// Layout 4: the designer's words. The value is called by its label and never shown as the
// expression that computed it; the fields the output shows follow it; each list of activities is
// headed by its counter's title and count.
void write_body_words(Writer& w, const Certificate& c) {
  write_head(w, c, w.fitting(c.title, kTitleSize, kSmallestTitleSize, true), readable_name(c.party, false));
  const bool said_in_heading = count_of(c, c.value_of) > 0;  // the value is the count of a list below
  if (!c.value.empty() && !said_in_heading) w.line(fmt::format("{}: {}", c.value_label, c.value), kBodySize, true);
  for (const CertifiedFact& f : c.facts) w.line(fmt::format("{}: {}", f.label, f.text));
  // One list per counter, in the order the counters were first counted (the activities are
  // recorded in the order they happened, the counters interleaved).
  std::vector<std::string> counters;
  for (const CertifiedActivity& a : c.activities)
    if (std::find(counters.begin(), counters.end(), a.counter) == counters.end()) counters.push_back(a.counter);
  for (const std::string& counter : counters) {
    const auto heading = c.headings.find(counter);
    w.gap(kLine / 2);
    w.line(fmt::format("{} ({}):", heading == c.headings.end() ? readable_name(counter, true) : heading->second,
                       count_of(c, counter)),
           kBodySize, true);
    for (const CertifiedActivity& a : c.activities) {
      if (a.counter != counter) continue;
      std::string text = fmt::format("  {}. {}", a.number, shown_time(a.at, c.zone));
      if (a.length) text += fmt::format(", {}", *a.length);
      if (!a.dated_by_input) text += " (recorded)";
      w.line(text);
    }
  }
  w.gap(kLine);
  w.line(fmt::format("Issued on {}", shown_time(c.issued_at, c.zone)));
  w.line(fmt::format("Recipient: {} ({}), case {}", c.recipient, c.party, c.case_name), kSmallSize);
  w.line(fmt::format("Check it: mentorflow verify-certificate --store DIR FILE.pdf (layout {})", c.layout),
         kSmallSize);
}

}  // namespace

std::string certificate_library() { return fmt::format("libharu {}", HPDF_GetVersion()); }

Result<std::string> render_certificate_pdf(const Certificate& c) {
  if (c.layout < 1 || c.layout > kCertificateLayout)
    return Status::invalid_argument(
        fmt::format("certificate layout {} cannot be rendered by this version (layout {})", c.layout, kCertificateLayout));
  std::vector<std::string> font_files;
  if (c.layout >= 4) {
    auto files = recorded_font_paths(c);
    if (!files.is_ok()) return files.status();
    font_files = std::move(*files);
  }
  std::string error;
  HPDF_Doc pdf = HPDF_New(record_error, &error);
  if (!pdf) return Status::io_error("the PDF library could not start");
  HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);
  HPDF_SetInfoAttr(pdf, HPDF_INFO_PRODUCER, "mentorflow");
  HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "mentorflow");
  HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, to_winansi(c.title).c_str());
  HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, pdf_date(c.issued_at));
  Writer writer(pdf, c.layout, font_files);
  if (c.layout >= 4) write_body_words(writer, c);
  else write_body(writer, c);
  std::string bytes;
  if (error.empty() && HPDF_SaveToStream(pdf) == HPDF_OK) {
    bytes.resize(HPDF_GetStreamSize(pdf));
    HPDF_UINT32 size = static_cast<HPDF_UINT32>(bytes.size());
    HPDF_ReadFromStream(pdf, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &size);
    bytes.resize(size);
  }
  HPDF_Free(pdf);
  if (!error.empty()) return Status::io_error(fmt::format("the certificate PDF could not be made: {}", error));
  return bytes;
}

}  // namespace mentorflow::engine::certificates
