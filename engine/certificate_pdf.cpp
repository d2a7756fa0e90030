// A certificate as a one-page (or longer) A4 PDF, made with libharu (Debian libhpdf). Bytes
// depend only on the content: the creation date is the issue time, the producer is fixed, the
// fonts are PDF's built-in Helvetica (nothing embedded), streams are not compressed and libharu
// writes no document id unless encrypting. Texts are shown in WinAnsi (Western European);
// characters outside it print as '?'.
#include <hpdf.h>

#include <fmt/core.h>

#include <algorithm>
#include <cstdio>
#include <map>

#include "dsl/time_text.hpp"
#include "engine/certificate.hpp"

namespace mentorflow::engine {
namespace {

constexpr float kMargin = 60;
constexpr float kTitleSize = 22, kNameSize = 18, kBodySize = 11, kSmallSize = 8;
constexpr float kLine = 16;

// The Unicode code points WinAnsiEncoding places at 0x80-0x9F.
const std::map<char32_t, char>& winansi_extras() {
  static const std::map<char32_t, char> table = {
      {0x20AC, '\x80'}, {0x201A, '\x82'}, {0x0192, '\x83'}, {0x201E, '\x84'}, {0x2026, '\x85'}, {0x2020, '\x86'},
      {0x2021, '\x87'}, {0x02C6, '\x88'}, {0x2030, '\x89'}, {0x0160, '\x8A'}, {0x2039, '\x8B'}, {0x0152, '\x8C'},
      {0x017D, '\x8E'}, {0x2018, '\x91'}, {0x2019, '\x92'}, {0x201C, '\x93'}, {0x201D, '\x94'}, {0x2022, '\x95'},
      {0x2013, '\x96'}, {0x2014, '\x97'}, {0x02DC, '\x98'}, {0x2122, '\x99'}, {0x0161, '\x9A'}, {0x203A, '\x9B'},
      {0x0153, '\x9C'}, {0x017E, '\x9E'}, {0x0178, '\x9F'}};
  return table;
}

// UTF-8 -> WinAnsi bytes; an invalid sequence or an unmapped character becomes '?'.
std::string to_winansi(std::string_view utf8) {
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto b = static_cast<unsigned char>(utf8[i]);
    const int extra = b < 0x80 ? 0 : (b >> 5) == 0x6 ? 1 : (b >> 4) == 0xE ? 2 : (b >> 3) == 0x1E ? 3 : -1;
    if (extra < 0 || i + extra >= utf8.size() + (extra == 0 ? 1 : 0)) {
      out += '?';
      ++i;
      continue;
    }
    char32_t cp = extra == 0 ? b : b & (0x3F >> extra);
    bool valid = true;
    for (int k = 1; k <= extra; ++k) {
      const auto c = static_cast<unsigned char>(utf8[i + k]);
      valid = valid && (c & 0xC0) == 0x80;
      cp = (cp << 6) | (c & 0x3F);
    }
    i += extra + 1;
    if (!valid) out += '?';
    else if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) out += static_cast<char>(cp);
    else if (auto it = winansi_extras().find(cp); it != winansi_extras().end()) out += it->second;
    else out += '?';
  }
  return out;
}

// A recorded date-time as a person reads it, in the certificate's zone.
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
  Writer(HPDF_Doc pdf, HPDF_Font regular, HPDF_Font bold) : pdf_(pdf), regular_(regular), bold_(bold) { new_page(); }

  // One line of text, or several when it is wider than the page: broken at spaces.
  void line(const std::string& utf8, float size = kBodySize, bool bold = false, bool centred = false) {
    HPDF_Page_SetFontAndSize(page_, bold ? bold_ : regular_, size);
    std::string rest = to_winansi(utf8);
    const float room = HPDF_Page_GetWidth(page_) - 2 * kMargin;
    while (!rest.empty()) {
      std::size_t cut = rest.size();
      while (HPDF_Page_TextWidth(page_, rest.substr(0, cut).c_str()) > room) {
        const std::size_t space = rest.rfind(' ', cut - 1);
        if (space == std::string::npos || space == 0) break;
        cut = space;
      }
      put(rest.substr(0, cut), size, bold, centred);
      rest.erase(0, cut);
      while (!rest.empty() && rest.front() == ' ') rest.erase(0, 1);
    }
  }
  void gap(float points) { y_ -= points; }

 private:
  void put(const std::string& text, float size, bool bold, bool centred) {
    if (y_ < kMargin + kLine) new_page();
    HPDF_Page_SetFontAndSize(page_, bold ? bold_ : regular_, size);
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
  HPDF_Font regular_, bold_;
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

void write_body(Writer& w, const Certificate& c) {
  w.line(c.title, kTitleSize, true, true);
  w.gap(kLine);
  w.line("This certifies that", kBodySize, false, true);
  w.gap(kLine / 2);
  w.line(c.name, kNameSize, true, true);
  w.gap(kLine / 2);
  w.line(fmt::format("took part as {} in", c.party), kBodySize, false, true);
  w.line(c.programme, kBodySize + 2, true, true);
  w.line(fmt::format("edition {}", c.edition), kBodySize, false, true);
  w.gap(kLine);
  const auto count_of = [&](const std::string& counter) {
    return std::count_if(c.activities.begin(), c.activities.end(),
                         [&](const CertifiedActivity& a) { return a.counter == counter; });
  };
  // `meetings: 6` reads well; a rule's call reads better after the value it gave. From layout 2
  // a value that is a counter's count is said once, in that counter's heading: `meetings (6):`.
  const bool plain = c.value_of.find_first_not_of("abcdefghijklmnopqrstuvwxyz_0123456789") == std::string::npos;
  const bool said_in_heading = c.layout >= 2 && plain && count_of(c.value_of) > 0;
  if (!c.value.empty() && !said_in_heading)
    w.line(plain ? fmt::format("{}: {}", c.value_of, c.value) : fmt::format("{}: {} ({})", c.title, c.value, c.value_of),
           kBodySize, true);
  std::string counter;
  for (const CertifiedActivity& a : c.activities) {
    if (a.counter != counter) {
      counter = a.counter;
      w.gap(kLine / 2);
      w.line(c.layout >= 2 ? fmt::format("{} ({}):", counter, count_of(counter)) : fmt::format("{}:", counter),
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

}  // namespace

Result<std::string> render_certificate_pdf(const Certificate& c) {
  if (c.layout < 1 || c.layout > kCertificateLayout)
    return Status::invalid_argument(
        fmt::format("certificate layout {} cannot be rendered by this version (layout {})", c.layout, kCertificateLayout));
  std::string error;
  HPDF_Doc pdf = HPDF_New(record_error, &error);
  if (!pdf) return Status::io_error("the PDF library could not start");
  HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);
  HPDF_SetInfoAttr(pdf, HPDF_INFO_PRODUCER, "mentorflow");
  HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "mentorflow");
  HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, to_winansi(c.title).c_str());
  HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, pdf_date(c.issued_at));
  Writer writer(pdf, HPDF_GetFont(pdf, "Helvetica", "WinAnsiEncoding"),
                HPDF_GetFont(pdf, "Helvetica-Bold", "WinAnsiEncoding"));
  write_body(writer, c);
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

}  // namespace mentorflow::engine
