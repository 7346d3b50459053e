#pragma once
// The pieces of the HTML declaration (report/html.cc) that its STV part (report/html_stv.cc)
// shares: escaping, figures, colours and the SVG drawing primitives. Internal to the HTML
// writer; other writers use report/declaration.h.
//
// Everything that returns markup escapes what came from the ballots or the rules; a parameter
// named `html` is markup already escaped and is written as it is.

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "report/declaration.h"

namespace scrutineer::report::html {

// Charts are drawn in a viewBox this wide (unless a chart says otherwise), then scaled to the
// width of the page.
inline constexpr double kChartWidth = 400;
inline constexpr double kNameSize = 15;    // font size of candidate names in charts
inline constexpr double kFigureSize = 14;  // font size of figures in charts (the charts' default)
inline constexpr double kNoteSize = 13;    // font size of the scale's landmarks

// One colour per candidate, by ballot-paper index, repeating after ten. Each has a contrast of
// at least 4.5:1 on white (WCAG AA for normal text), so it stays legible as a bar, a swatch or
// a label, on screen and in print.
inline constexpr std::array<const char*, 10> kPalette{"#1f5fa8", "#b3261e", "#2e7d32", "#6a3d9a",
                                                      "#a34d00", "#00796b", "#ad1457", "#5d4037",
                                                      "#7a6c00", "#455a64"};

// The one way user text enters the page, in HTML and in SVG alike.
std::string Escape(std::string_view text);
// A candidate's name, escaped.
std::string Name(const Declaration& d, count::CandidateId candidate);
// The candidate's colour from kPalette.
std::string Colour(count::CandidateId candidate);
bool Contains(const std::vector<count::CandidateId>& candidates, count::CandidateId candidate);
// "A", "A and B", "A, B and C", escaped.
std::string NameList(const Declaration& d, const std::vector<count::CandidateId>& candidates);
// Votes with thousands separators ("1,914.00000").
std::string Figure(const Declaration& d, core::Votes votes);

// --- Drawing ---

// A coordinate to a tenth of a unit, always in the same form ("12.5", "40"), whatever the
// locale, so that the same count draws the same bytes. Negative values are drawn at 0.
std::string Num(double value);
// The share `part / whole` of `full` units of length (0 when `whole` is not positive).
double Length(core::Votes part, core::Votes whole, double full);
// Roughly how wide `text` (UTF-8, not escaped) is set in the page's sans-serif at `size`: used
// to leave room for labels, so a generous estimate.
double TextWidth(std::string_view text, double size);
std::string FontSize(double size);  // font-size="14"
std::string Rect(double x, double y, double width, double height, std::string_view fill);
// `attributes` are added as they are.
std::string Text(double x, double y, const std::string& html, std::string_view attributes = "");

// A chart being drawn: shapes first, then the labels over them.
struct Chart {
  std::string shapes;
  std::string labels;
  double height = 0;
  double width = kChartWidth;  // of the viewBox
};

// Writes a chart as an image with a title and a description, named through ids derived from
// `id` so that screen readers announce what it shows. Title and description are markup.
void WriteSvg(std::string& out, const std::string& id, const std::string& title_html,
              const std::string& desc_html, const Chart& chart);
// A small square of `colour`, hidden from screen readers, to key a row to a chart.
std::string Swatch(std::string_view colour);
// The tickets of a tie decided by lot, one row each.
void TicketTable(const Declaration& d, const count::TieRecord& tie, std::string& out);

// --- STV (report/html_stv.cc) ---

// The style the STV parts add to the page's.
std::string_view StvStyle();
// The quota, as plain text: "Quota: 1,914.00000".
std::string StvQuotaLine(const Declaration& d);
// Who was elected, in order, and at which stage.
void StvElectedPart(const Declaration& d, std::string& out);
// The chart of votes across the stages, the stage table, Meek's keep values and what each
// stage did (ties included).
void StvCountPart(const Declaration& d, std::string& out);

}  // namespace scrutineer::report::html
