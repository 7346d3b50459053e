// The declaration as one self-contained HTML page: the result, the ballot paper account, first
// preferences by section, a chart of every round, the transfers, the round table, the ties and
// the rules. It states the same facts as the text declaration (text.cc). An STV count has its
// own parts instead of the rounds, transfers and round table (html_stv.cc). An instant-runoff
// count weighted by a college or by points decides on each candidate's share of the college or
// points, not on votes: its charts, round table and line at half show those figures, with the
// votes beside them; a college adds its shares by section to each round.
//
// The page stands alone so that it can be published, mailed or archived and still be read
// offline years later: the style and the charts (SVG) are inline, nothing is fetched and no
// script runs. Every chart has a description and a table with the same figures, for screen
// readers and for print. Everything that came from the ballots or the rules (names, parties,
// titles, sections, reasons, lots) is escaped: a candidate's name must never become markup.
// The bytes depend on the declaration alone (no dates, no generated ids).
//
// Figures are formatted from exact votes (core/votes.h). Only bar lengths, which are drawing and
// not results, use floating point.

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "report/declaration.h"
#include "report/html_parts.h"
#include "util/text.h"

namespace scrutineer::report::html {

using core::Votes;
using count::CandidateId;
using count::CandidateState;
using count::Stage;

namespace {

constexpr const char* kNonTransferableColour = "#6b6b6b";

constexpr const char* kStyle = R"(:root{color-scheme:light}
*{box-sizing:border-box}
body{margin:0;background:#fff;color:#1a1a1a;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:56rem;margin:0 auto;padding:1.5rem 1rem 3rem}
h1{font-size:1.8rem;line-height:1.2;margin:0 0 .3rem}
h2{font-size:1.35rem;margin:2.5rem 0 .8rem;padding-bottom:.2rem;border-bottom:2px solid #1a1a1a}
h3{font-size:1.1rem;margin:1.8rem 0 .4rem}
p{margin:.4rem 0}
.method{color:#444;margin:0}
.result{font-size:1.6rem;font-weight:700;line-height:1.3;margin:1.2rem 0 0;padding:.7rem 1rem;background:#f1f1f1;border-left:.4rem solid #1a1a1a}
.note,.party,figcaption{color:#444;font-size:.9rem}
figure{margin:.8rem 0 1.2rem}
figcaption{margin-bottom:.3rem}
svg{display:block;width:100%;max-width:32rem;height:auto;margin:.4rem 0}
svg text{font-family:inherit;fill:#1a1a1a;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
.wide{overflow-x:auto;margin:.5rem 0 1rem}
table{border-collapse:collapse;font-variant-numeric:tabular-nums;margin:.5rem 0 1rem}
.wide table{margin:0}
th,td{padding:.3rem .55rem;border-bottom:1px solid #ccc;text-align:right;vertical-align:top}
th{font-weight:600}
thead th{border-bottom:2px solid #1a1a1a}
tbody th,thead th:first-child{text-align:left}
tbody th{white-space:nowrap}
.wide tbody th,.wide thead th:first-child{position:sticky;left:0;background:#fff}
.sub th{font-weight:400;padding-left:1.5rem}
.total th,.total td{font-weight:700}
td.elected{font-weight:700;background:#e6f0e6}
td.excluded{background:#f6e4e2}
td.out{color:#444;text-align:center}
td.decision{text-align:left;font-size:.9rem}
.swatch{display:inline-block;width:.8em;height:.8em;margin-right:.45em;border-radius:2px;vertical-align:-.05em}
.party{display:block;font-weight:400}
code{font-size:.85rem;overflow-wrap:anywhere}
.tickets td,.tickets th{text-align:left}
ul{padding-left:1.2rem}
footer{margin-top:3rem;color:#444;font-size:.85rem}
@media (max-width:40rem){tbody th{white-space:normal;min-width:7rem}.result{font-size:1.35rem}}
@media print{main{max-width:none;padding:0}h2,h3{break-after:avoid}figure,tr{break-inside:avoid}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
)";

}  // namespace

// The one way user text enters the page, in HTML and in SVG alike.
std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Name(const Declaration& d, CandidateId candidate) { return Escape(d.Name(candidate)); }

std::string Colour(CandidateId candidate) { return kPalette[candidate.index() % kPalette.size()]; }

bool Contains(const std::vector<CandidateId>& candidates, CandidateId candidate) {
  return std::find(candidates.begin(), candidates.end(), candidate) != candidates.end();
}

// "A", "A and B", "A, B and C", escaped.
std::string NameList(const Declaration& d, const std::vector<CandidateId>& candidates) {
  return Escape(d.NameList(candidates));
}

std::string Figure(const Declaration& d, Votes votes) { return d.Figure(votes); }

namespace {

std::string Percent(Votes part, Votes whole) { return core::FormatPercent(part, whole) + "%"; }

// "313,209 (61.8%)".
std::string FigureAndShare(const Declaration& d, Votes part, Votes whole) {
  return Figure(d, part) + " (" + Percent(part, whole) + ")";
}

}  // namespace

// --- Drawing ------------------------------------------------------------------------------

// A coordinate to a tenth of a unit, always in the same form ("12.5", "40"), whatever the
// locale, so that the same count draws the same bytes.
std::string Num(double value) {
  const long tenths = std::lround(std::max(value, 0.0) * 10);
  std::string text = std::to_string(tenths / 10);
  if (tenths % 10 != 0) {
    text += '.';
    text += static_cast<char>('0' + tenths % 10);
  }
  return text;
}

// The share `part / whole` of `full` units of length.
double Length(Votes part, Votes whole, double full) {
  if (whole.units() <= 0) {
    return 0;
  }
  return full * static_cast<double>(part.units()) / static_cast<double>(whole.units());
}

// Roughly how wide `text` (UTF-8, not escaped) is set in the page's sans-serif at `size`: used
// to leave room for labels, so a generous estimate.
double TextWidth(std::string_view text, double size) {
  const auto code_points = std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  });
  return static_cast<double>(code_points) * size * 0.62;
}

std::string FontSize(double size) { return "font-size=\"" + Num(size) + "\""; }

std::string Rect(double x, double y, double width, double height, std::string_view fill) {
  std::string svg = "<rect x=\"" + Num(x) + "\" y=\"" + Num(y) + "\" width=\"" + Num(width);
  svg += "\" height=\"" + Num(height) + "\" fill=\"";
  svg += fill;
  svg += "\"/>\n";
  return svg;
}

// `html` is markup already escaped; `attributes` are added as they are.
std::string Text(double x, double y, const std::string& html, std::string_view attributes) {
  std::string svg = "<text x=\"" + Num(x) + "\" y=\"" + Num(y) + "\"";
  if (!attributes.empty()) {
    svg += ' ';
    svg += attributes;
  }
  svg += '>';
  svg += html;
  svg += "</text>\n";
  return svg;
}

// Writes a chart as an image with a title and a description, named through ids derived from
// `id` so that screen readers announce what it shows. Title and description are markup.
void WriteSvg(std::string& out, const std::string& id, const std::string& title_html,
              const std::string& desc_html, const Chart& chart) {
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + Num(chart.width) + " ";
  out += Num(chart.height) + "\" width=\"100%\" font-size=\"" + Num(kFigureSize);
  out += "\" role=\"img\" aria-labelledby=\"";
  out += id + "-title " + id + "-desc\">\n";
  out += "<title id=\"" + id + "-title\">" + title_html + "</title>\n";
  out += "<desc id=\"" + id + "-desc\">" + desc_html + "</desc>\n";
  out += chart.shapes;
  out += chart.labels;
  out += "</svg>\n";
}

std::string Swatch(std::string_view colour) {
  std::string html = "<span class=\"swatch\" aria-hidden=\"true\" style=\"background:";
  html += colour;
  html += "\"></span>";
  return html;
}

void TicketTable(const Declaration& d, const count::TieRecord& tie, std::string& out) {
  out += "<div class=\"wide\"><table class=\"tickets\">\n<thead><tr>";
  out += "<th scope=\"col\">Candidate</th><th scope=\"col\">Ticket</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const count::Lot::Ticket& ticket : tie.tickets) {
    out += "<tr><th scope=\"row\">" + Name(d, ticket.candidate) + "</th><td><code>" +
           Escape(ticket.ticket) + "</code></td></tr>\n";
  }
  out += "</tbody>\n</table></div>\n";
}

namespace {

// --- The page, part by part ---------------------------------------------------------------

void PageStart(const Declaration& d, std::string& out, const std::string& title) {
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta name=\"generator\" content=\"" + Escape(GeneratedBy()) + "\">\n";
  out += "<title>" + Escape(title) + "</title>\n<style>\n";
  out += kStyle;
  if (d.IsStv()) {
    out += StvStyle();
  }
  out += "</style>\n</head>\n<body>\n<main>\n";
  out += "<header>\n<h1>" + Escape(title) + "</h1>\n";
  out += "<p class=\"method\">" + Escape(d.MethodLine()) + "</p>\n";
  if (d.IsStv()) {
    out += "<p class=\"method\">" + Escape(StvQuotaLine(d)) + "</p>\n";
  }
  out += "<p class=\"result\">";
  if (d.result.motion) {
    out += d.result.motion->carried ? "The motion is carried" : "The motion is not carried";
  } else {
    out += d.result.elected.empty()
               ? "No candidate is elected"
               : NameList(d, d.result.elected) +
                     (d.result.elected.size() == 1 ? " is elected" : " are elected");
  }
  out += "</p>\n</header>\n";
}

void AccountRow(std::string& out, const std::string& label_html, const std::string& value,
                std::string_view row_class = "") {
  out += "<tr";
  if (!row_class.empty()) {
    out += " class=\"";
    out += row_class;
    out += '"';
  }
  out += "><th scope=\"row\">" + label_html + "</th><td>" + value + "</td></tr>\n";
}

void PaperAccount(const Declaration& d, std::string& out) {
  out += "<section id=\"papers\">\n<h2>Ballot papers</h2>\n<table>\n<tbody>\n";
  const int64_t spoilt = d.SpoiltPapers();
  AccountRow(out, "Returned", util::WithThousands(d.papers.total()));
  AccountRow(out, "Valid", util::WithThousands(d.papers.total() - spoilt));
  AccountRow(out, "Blank or spoilt", util::WithThousands(spoilt));
  for (const core::Rejection& rejection : d.ballots.rejected) {
    AccountRow(out, "Rejected: " + Escape(rejection.reason), util::WithThousands(rejection.papers),
               "sub");
  }
  if (d.electorate) {
    AccountRow(out, "Electorate", util::WithThousands(*d.electorate));
  }
  const auto turnout = d.TurnoutPercent();
  if (turnout) {
    AccountRow(out, "Turnout", *turnout + "%");
  }
  out += "</tbody>\n</table>\n";
  if (turnout) {
    out += "<p class=\"note\">Turnout counts " + Escape(d.TurnoutRule()) + ".</p>\n";
  }
  out += "</section>\n";
}

// --- First preferences by section ---

// First preferences in one section, the denominator of that section's percentages.
std::vector<Votes> SectionTotals(const Declaration& d, const Stage& first) {
  std::vector<Votes> totals(d.ballots.sections.size());
  for (CandidateId c : d.ByVotes(first)) {
    for (size_t s = 0; s < totals.size(); ++s) {
      totals[s] += first.votes_by_section[s][c.index()];
    }
  }
  return totals;
}

// All valid first preferences. (Not the stage's continuing votes: an STV count's first stage
// leaves out those it elects.)
Votes Sum(const std::vector<Votes>& totals) {
  Votes sum;
  for (const Votes& total : totals) {
    sum += total;
  }
  return sum;
}

// The rows of one candidate's group: each section, then the total.
struct SectionRow {
  std::string label;  // not escaped
  Votes votes;
  Votes whole;
  bool total = false;
};

std::vector<SectionRow> SectionRows(const Declaration& d, const Stage& first,
                                    const std::vector<Votes>& totals, CandidateId c) {
  std::vector<SectionRow> rows;
  for (size_t s = 0; s < totals.size(); ++s) {
    rows.push_back({d.SectionLabel(s), first.votes_by_section[s][c.index()], totals[s]});
  }
  rows.push_back({"Total", first.votes[c.index()], Sum(totals), true});
  return rows;
}

// A faint line at half of each section, the scale's one landmark.
void HalfwayLine(double x, Chart& chart) {
  chart.shapes += "<line x1=\"" + Num(x) + "\" y1=\"18\" x2=\"" + Num(x) + "\" y2=\"" +
                  Num(chart.height) + "\" stroke=\"#999\" stroke-dasharray=\"3 3\"/>\n";
  chart.labels += Text(x, 13, "50%", FontSize(kNoteSize) + " text-anchor=\"middle\"");
}

// For each candidate, a bar per section and one for the total, each as a share of that
// section's valid first preferences, all to one scale (0 to 100% of the width) so that bars
// compare. Labels sit above their bars, so that the bars keep the whole width on a phone.
Chart SectionBars(const Declaration& d, const Stage& first, const std::vector<Votes>& totals) {
  Chart chart;
  chart.height = 18;
  for (CandidateId c : d.ByVotes(first)) {
    chart.labels +=
        Text(0, chart.height + 17, Name(d, c), FontSize(kNameSize) + " font-weight=\"700\"");
    chart.height += 24;
    for (const SectionRow& row : SectionRows(d, first, totals, c)) {
      const std::string weight = row.total ? "font-weight=\"700\"" : "";
      chart.labels += Text(0, chart.height + 14, Escape(row.label), weight);
      chart.labels += Text(kChartWidth, chart.height + 14, FigureAndShare(d, row.votes, row.whole),
                           weight + " text-anchor=\"end\"");
      chart.shapes +=
          Rect(0, chart.height + 18, Length(row.votes, row.whole, kChartWidth), 11, Colour(c));
      chart.height += 33;
    }
    chart.height += 8;
  }
  HalfwayLine(kChartWidth / 2, chart);
  return chart;
}

std::string SectionDescription(const Declaration& d, const Stage& first,
                               const std::vector<Votes>& totals) {
  std::string desc = "First preferences as a share of each section's valid first preferences.";
  for (CandidateId c : d.ByVotes(first)) {
    std::string separator = ": ";
    desc += " " + Name(d, c);
    for (const SectionRow& row : SectionRows(d, first, totals, c)) {
      desc += separator + Escape(row.label) + " " + FigureAndShare(d, row.votes, row.whole);
      separator = ", ";
    }
    desc += ".";
  }
  return desc;
}

void SectionTableHead(const Declaration& d, std::string& out) {
  out += "<thead>\n<tr><th rowspan=\"2\" scope=\"col\">Candidate</th>";
  for (size_t s = 0; s < d.ballots.sections.size(); ++s) {
    out += "<th colspan=\"2\" scope=\"colgroup\">" + Escape(d.SectionLabel(s)) + "</th>";
  }
  out += "<th colspan=\"2\" scope=\"colgroup\">Total</th></tr>\n<tr>";
  for (size_t s = 0; s <= d.ballots.sections.size(); ++s) {
    out += "<th scope=\"col\">Votes</th><th scope=\"col\">%</th>";
  }
  out += "</tr>\n</thead>\n";
}

// A row of the section table's account: a cell per section, then the total.
template <typename Cell>
void AccountCells(const Declaration& d, const char* label, Cell cell, const std::string& total,
                  std::string& out) {
  out += "<tr class=\"total\"><th scope=\"row\">";
  out += label;
  out += "</th>";
  for (size_t s = 0; s < d.ballots.sections.size(); ++s) {
    out += "<td>" + cell(s) + "</td><td></td>";
  }
  out += "<td>" + total + "</td><td></td></tr>\n";
}

// Each section's spoilt papers and, with an electorate by section, its electorate and turnout.
void SectionAccountRows(const Declaration& d, std::string& out) {
  AccountCells(
      d, "Spoilt", [&](size_t s) { return util::WithThousands(d.SectionSpoilt(s)); },
      util::WithThousands(d.SpoiltPapers()), out);
  if (d.electorate_by_section.size() != d.ballots.sections.size()) {
    return;
  }
  AccountCells(
      d, "Electorate", [&](size_t s) { return util::WithThousands(d.electorate_by_section[s]); },
      d.electorate ? util::WithThousands(*d.electorate) : std::string(), out);
  const auto turnout = d.TurnoutPercent();
  AccountCells(
      d, "Turnout", [&](size_t s) { return d.SectionTurnout(s); },
      turnout ? *turnout + "%" : std::string(), out);
}

void SectionTable(const Declaration& d, const Stage& first, const std::vector<Votes>& totals,
                  std::string& out) {
  out += "<div class=\"wide\"><table>\n";
  SectionTableHead(d, out);
  out += "<tbody>\n";
  for (CandidateId c : d.ByVotes(first)) {
    out += "<tr><th scope=\"row\">" + Swatch(Colour(c)) + Name(d, c) + "</th>";
    for (const SectionRow& row : SectionRows(d, first, totals, c)) {
      out += "<td>" + Figure(d, row.votes) + "</td><td>" + Percent(row.votes, row.whole) + "</td>";
    }
    out += "</tr>\n";
  }
  out += "<tr class=\"total\"><th scope=\"row\">Valid</th>";
  for (const Votes& total : totals) {
    out += "<td>" + Figure(d, total) + "</td><td></td>";
  }
  out += "<td>" + Figure(d, Sum(totals)) + "</td><td></td></tr>\n";
  SectionAccountRows(d, out);
  out += "</tbody>\n</table></div>\n";
}

void SectionPart(const Declaration& d, std::string& out) {
  // Points may have hundreds of districts, too many to chart: the rounds say how many.
  const bool points = d.IsWeighted() && !d.IsCollege();
  if (!d.ballots.has_named_sections() || d.result.stages.empty() ||
      d.result.stages.front().votes_by_section.empty() || points) {
    return;
  }
  const Stage& first = d.result.stages.front();
  const std::vector<Votes> totals = SectionTotals(d, first);
  out += "<section id=\"sections\">\n<h2>First preferences by section</h2>\n<figure>\n";
  out += "<figcaption>Each bar is a share of that section's valid first preferences.";
  out += "</figcaption>\n";
  WriteSvg(out, "sections-chart", "First preferences by section",
           SectionDescription(d, first, totals), SectionBars(d, first, totals));
  SectionTable(d, first, totals, out);
  out += "</figure>\n</section>\n";
}

// --- Round by round ---

// What the round decided for a candidate: "elected", "excluded" or nothing.
std::string RoundMark(const Stage& round, CandidateId c) {
  if (Contains(round.elected, c)) {
    return "elected";
  }
  if (Contains(round.excluded, c)) {
    return "excluded";
  }
  return "";
}

// A weighted count (Declaration::IsWeighted) elects and excludes by each candidate's share of
// the college or points, not by votes: its bars, figures and line are those shares.

// "51.49%" of the college, or "166.08 points" ("1 point").
std::string WeightedLabel(const Declaration& d, Votes weighted) {
  const std::string figure = d.WeightedFigure(weighted);
  if (d.IsCollege()) {
    return figure + "%";
  }
  return figure + (figure == "1" ? " point" : " points");
}

// "968 votes", "1 vote".
std::string VoteCount(const Declaration& d, Votes votes) {
  const bool one = votes == Votes::FromUnits(core::UnitsPerVote(d.result.places));
  return Figure(d, votes) + (one ? " vote" : " votes");
}

// Half of a weighted total, exactly: half a unit of the last place is one more digit, 5
// ("150.005" is half of 300.01).
std::string HalfOf(const Declaration& d, Votes whole) {
  std::string text = d.WeightedFigure(Votes::FromUnits(whole.units() / 2));
  if (whole.units() % 2 != 0) {
    text += d.result.rules.weighting.places == 0 ? ".5" : "5";
  }
  return text;
}

// "To be elected a candidate needs more than half of the college: more than 50.00%."
std::string NeededSentence(const Declaration& d, const Stage& round) {
  return "To be elected a candidate needs more than half of " + d.WeightedWhole() + ": more than " +
         HalfOf(d, round.weighted_continuing) + (d.IsCollege() ? "%." : " points.");
}

// What a candidate's bar is labelled with: "40 (40.0%)", or weighted "51.49% (968 votes)".
std::string BarLabel(const Declaration& d, const Stage& round, CandidateId c) {
  if (d.IsWeighted()) {
    return WeightedLabel(d, round.weighted[c.index()]) + " (" +
           VoteCount(d, round.votes[c.index()]) + ")";
  }
  return FigureAndShare(d, round.votes[c.index()], round.continuing);
}

// What the bars measure, by candidate.
const std::vector<Votes>& BarValues(const Declaration& d, const Stage& round) {
  return d.IsWeighted() ? round.weighted : round.votes;
}

// The dashed line over the bars: a bar that passes it belongs to a candidate with more than
// half of the continuing votes (or of the college, or of the points).
void ThresholdLine(const std::string& label, double x, Chart& chart) {
  chart.shapes += "<line x1=\"" + Num(x) + "\" y1=\"18\" x2=\"" + Num(x) + "\" y2=\"" +
                  Num(chart.height) +
                  "\" stroke=\"#1a1a1a\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"/>\n";
  const bool right_side = x + TextWidth(label, kNoteSize) + 4 > kChartWidth;
  chart.labels += Text(right_side ? x - 4 : x + 4, 13, label,
                       FontSize(kNoteSize) + (right_side ? " text-anchor=\"end\"" : ""));
}

// One candidate's row: the name, and what the round decided for them, over the bar; the figure
// after it. A mark that would run off the end of a long name goes under the bar instead.
void RoundRow(const Declaration& d, const Stage& round, CandidateId c, double length,
              Chart& chart) {
  const std::string mark = RoundMark(round, c);
  // Bold is about a tenth wider; " - excluded" is the longest mark.
  const bool beside =
      TextWidth(d.Name(c), kNameSize) * 1.1 + TextWidth(" - excluded", kNameSize) <= kChartWidth;
  const std::string name = "<tspan font-weight=\"700\">" + Name(d, c) + "</tspan>";
  chart.labels +=
      Text(0, chart.height + 15, beside && !mark.empty() ? name + " &#8212; " + mark : name,
           FontSize(kNameSize));
  chart.shapes += Rect(0, chart.height + 21, length, 18, Colour(c));
  chart.labels += Text(length + 6, chart.height + 35, BarLabel(d, round, c));
  chart.height += 48;
  if (!beside && !mark.empty()) {
    chart.labels += Text(0, chart.height + 6, mark, FontSize(kNameSize));
    chart.height += 18;
  }
}

// Where the line stands: the threshold, or half of the college or points in play (rounded up
// to a unit, which is only drawing).
Votes LineAt(const Declaration& d, const Stage& round) {
  return d.IsWeighted() ? Votes::FromUnits((round.weighted_continuing.units() + 1) / 2)
                        : round.threshold;
}

// The line's label: "More than half: 51", "Half of the college: 50.00%".
std::string LineLabel(const Declaration& d, const Stage& round) {
  if (d.IsWeighted()) {
    return "Half of " + d.WeightedWhole() + ": " + HalfOf(d, round.weighted_continuing) +
           (d.IsCollege() ? "%" : "");
  }
  return "More than half: " + Figure(d, round.threshold);
}

// A bar for each continuing candidate, first in the round first, all to one scale with the line.
Chart RoundBars(const Declaration& d, const Stage& round) {
  const std::vector<CandidateId> order = d.ByVotes(round);
  Chart chart;
  if (order.empty()) {
    return chart;
  }
  double figure_width = 0;
  for (CandidateId c : order) {
    figure_width = std::max(figure_width, TextWidth(BarLabel(d, round, c), kFigureSize) + 8);
  }
  const double bar_max = kChartWidth - figure_width;
  const std::vector<Votes>& values = BarValues(d, round);
  const Votes scale = std::max(values[order.front().index()], LineAt(d, round));
  chart.height = 22;
  for (CandidateId c : order) {
    RoundRow(d, round, c, Length(values[c.index()], scale, bar_max), chart);
  }
  if (d.IsWeighted()) {
    ThresholdLine(LineLabel(d, round), Length(round.weighted_continuing, scale, bar_max) / 2,
                  chart);
  } else if (d.ByMajority()) {
    ThresholdLine(LineLabel(d, round), Length(round.threshold, scale, bar_max), chart);
  }
  return chart;
}

// "College shares of the continuing candidates in round 1, out of 100.00%, with their votes:"
std::string WeightedDescriptionStart(const Declaration& d, const Stage& round) {
  return std::string(d.IsCollege() ? "College shares" : "Points") +
         " of the continuing candidates in round " + std::to_string(round.number) + ", out of " +
         WeightedLabel(d, round.weighted_continuing) + ", with their votes:";
}

std::string RoundDescription(const Declaration& d, const Stage& round) {
  std::string desc = d.IsWeighted() ? WeightedDescriptionStart(d, round)
                                    : "Votes of the continuing candidates in round " +
                                          std::to_string(round.number) +
                                          ", as a share of the continuing votes:";
  std::string separator = " ";
  for (CandidateId c : d.ByVotes(round)) {
    desc += separator + Name(d, c) + " " + BarLabel(d, round, c);
    const std::string mark = RoundMark(round, c);
    desc += mark.empty() ? "" : ", " + mark;
    separator = "; ";
  }
  if (d.IsWeighted()) {
    return desc + ". " + Escape(NeededSentence(d, round));
  }
  return desc + (d.ByMajority() ? ". More than half of the continuing votes is " +
                                      Figure(d, round.threshold) + "."
                                : ".");
}

std::string DecisionHtml(const Declaration& d, const Stage& round) {
  return Escape(d.DecisionSentence(round));
}

// Whether any continuing candidate has votes in section `s`: a section without is out of the
// college in that round.
bool SectionInPlay(const Stage& round, size_t s) {
  for (size_t c = 0; c < round.state.size(); ++c) {
    if (round.state[c] == CandidateState::kContinuing && round.votes_by_section[s][c] > Votes()) {
      return true;
    }
  }
  return false;
}

// A college's shares in a round: a row a candidate, a column a section, each column adding up
// to that section's share of the college.
void CollegeTable(const Declaration& d, const Stage& round, std::string& out) {
  const size_t sections = d.ballots.sections.size();
  out += "<div class=\"wide\"><table>\n<thead><tr><th scope=\"col\">College % by section</th>";
  for (size_t s = 0; s < sections; ++s) {
    out += "<th scope=\"col\">" + Escape(d.SectionLabel(s)) + "</th>";
  }
  out += "<th scope=\"col\">Total</th></tr></thead>\n<tbody>\n";
  for (CandidateId c : d.ByVotes(round)) {
    out += "<tr><th scope=\"row\">" + Swatch(Colour(c)) + Name(d, c) + "</th>";
    for (size_t s = 0; s < sections; ++s) {
      out += "<td>" + d.WeightedFigure(round.weighted_by_section[s][c.index()]) + "</td>";
    }
    out += "<td>" + d.WeightedFigure(round.weighted[c.index()]) + "</td></tr>\n";
  }
  out += "<tr class=\"total\"><th scope=\"row\">Section&#39;s share</th>";
  for (size_t s = 0; s < sections; ++s) {
    out += "<td>" +
           (SectionInPlay(round, s) ? Escape(d.CollegeShare(s)) : d.WeightedFigure(Votes())) +
           "</td>";
  }
  out += "<td>" + d.WeightedFigure(round.weighted_continuing) + "</td></tr>\n";
  out += "</tbody>\n</table></div>\n";
}

// Under a round's chart: the continuing votes (and the college or points in play), what is
// needed to be elected, and a college's shares by section.
void RoundFigures(const Declaration& d, const Stage& round, std::string& out) {
  if (d.IsWeighted()) {
    out += "<p>Continuing: " + WeightedLabel(d, round.weighted_continuing) +
           (d.IsCollege() ? " of the college, " : ", ") + VoteCount(d, round.continuing) +
           "; non-transferable so far " + Figure(d, round.exhausted_total()) + ". " +
           Escape(NeededSentence(d, round)) + "</p>\n";
    if (d.IsCollege()) {
      CollegeTable(d, round, out);
    }
  } else if (d.ByMajority()) {
    out += "<p>Continuing votes " + Figure(d, round.continuing) + "; non-transferable so far " +
           Figure(d, round.exhausted_total()) + ". More than half of the continuing votes is " +
           Figure(d, round.threshold) + ".</p>\n";
  }
}

void RoundPart(const Declaration& d, const Stage& round, std::string& out) {
  const std::string number = std::to_string(round.number);
  const std::string label = Escape(d.StageLabel(round));
  out += "<h3 id=\"round-" + number + "\">" + label + "</h3>\n<figure>\n";
  WriteSvg(out, "round-" + number + "-chart", label, RoundDescription(d, round),
           RoundBars(d, round));
  out += "</figure>\n";
  RoundFigures(d, round, out);
  if (round.tie) {
    out += "<p>" + NameList(d, round.tie->tied) + " were level: see <a href=\"#tie-" + number +
           "\">the tie in round " + number + "</a>.</p>\n";
  }
  out += "<p><strong>" + DecisionHtml(d, round) + "</strong></p>\n";
}

// How a points count weighs its districts: how many, and what each is worth.
std::string DistrictsNote(const Declaration& d) {
  const count::Weighting& weighting = d.result.rules.weighting;
  const size_t districts = d.ballots.sections.size();
  return util::WithThousands(static_cast<int64_t>(districts)) +
         (districts == 1 ? " district (section), worth " : " districts (sections), each worth ") +
         util::WithThousands(weighting.points) + " points" +
         (weighting.points_at_most_votes
              ? ", or one a valid vote where it has fewer valid votes at the first round"
              : "") +
         ". A district's points are shared among the continuing candidates in proportion to "
         "their votes in it; a district with no continuing votes drops out of the points in "
         "play.";
}

// The note over the rounds: what the bars and the line show.
void RoundsNote(const Declaration& d, std::string& out) {
  if (!d.IsWeighted()) {
    out += "<p class=\"note\">Percentages are of the votes continuing in the round. The dashed ";
    out += "line marks more than half of them.</p>\n";
    return;
  }
  if (d.IsCollege()) {
    out += "<p class=\"note\">Each bar is a continuing candidate&#39;s share of the college, in ";
    out += "per cent, with their votes beside it. The college elects and excludes, not the ";
    out += "votes: a candidate past the dashed line, half of the college, is elected.</p>\n";
    return;
  }
  out += "<p class=\"note\">Each bar is a continuing candidate&#39;s points, with their votes ";
  out += "beside it. The points elect and exclude, not the votes: a candidate past the dashed ";
  out += "line, half of the points in play, is elected.</p>\n";
  out += "<p>" + Escape(DistrictsNote(d)) + "</p>\n";
}

void RoundsPart(const Declaration& d, std::string& out) {
  out += "<section id=\"rounds\">\n<h2>Round by round</h2>\n";
  RoundsNote(d, out);
  for (const Stage& round : d.result.stages) {
    RoundPart(d, round, out);
  }
  out += "</section>\n";
}

// --- Transfers ---

// Where one part of a transfer went: a candidate, or non-transferable.
struct Flow {
  std::string label;  // not escaped
  Votes votes;
  std::string colour;
};

// Receiving candidates, most first, then the non-transferable papers (shown even when none, as
// the text declaration does).
std::vector<Flow> Flows(const Declaration& d, const count::Transfer& transfer) {
  std::vector<Flow> flows;
  for (size_t c = 0; c < transfer.to.size(); ++c) {
    if (transfer.to[c] > Votes()) {
      const CandidateId id(static_cast<uint16_t>(c));
      flows.push_back({d.Name(id), transfer.to[c], Colour(id)});
    }
  }
  std::stable_sort(flows.begin(), flows.end(),
                   [](const Flow& a, const Flow& b) { return a.votes > b.votes; });
  flows.push_back({"Non-transferable", count::Total(transfer.exhausted), kNonTransferableColour});
  return flows;
}

// The drawing of a transfer: the bar on the left, the nodes on the right, labels after them.
constexpr double kFlowBar = 14;      // width of the bar and of the nodes
constexpr double kFlowHeight = 150;  // height of the bar: all the votes transferred
constexpr double kFlowSlot = 38;     // least height of a node's place: two lines of label
constexpr double kFlowGap = 6;

// Where the nodes stand: as far right as the longest label allows, so that the bands are long
// and the labels stay in the picture.
double NodesAt(const Declaration& d, const std::vector<Flow>& flows, Votes transferred) {
  double label_width = 0;
  for (const Flow& flow : flows) {
    label_width = std::max({label_width, TextWidth(flow.label, kFigureSize) * 1.1,
                            TextWidth(FigureAndShare(d, flow.votes, transferred), kFigureSize)});
  }
  return std::clamp(kChartWidth - label_width - kFlowBar - 8, 120.0, 240.0);
}

// A band from a slice of the left bar (y0, y1) to a node at x (r0, r1).
std::string Band(double y0, double y1, double x, double r0, double r1, const std::string& colour) {
  const double middle = (kFlowBar + x) / 2;
  return "<path d=\"M" + Num(kFlowBar) + " " + Num(y0) + "C" + Num(middle) + " " + Num(y0) + " " +
         Num(middle) + " " + Num(r0) + " " + Num(x) + " " + Num(r0) + "V" + Num(r1) + "C" +
         Num(middle) + " " + Num(r1) + " " + Num(middle) + " " + Num(y1) + " " + Num(kFlowBar) +
         " " + Num(y1) + "Z\" fill=\"" + colour + "\" fill-opacity=\"0.35\"/>\n";
}

// The excluded candidate's votes as a bar on the left, split into bands that run to a labelled
// node for each receiving candidate and for the non-transferable papers, widths to scale.
Chart TransferFlow(const Declaration& d, const count::Transfer& transfer) {
  const std::vector<Flow> flows = Flows(d, transfer);
  const double x = NodesAt(d, flows, transfer.votes);
  double right_height = -kFlowGap;
  for (const Flow& flow : flows) {
    right_height += std::max(Length(flow.votes, transfer.votes, kFlowHeight), kFlowSlot) + kFlowGap;
  }
  Chart chart;
  chart.height = std::max(kFlowHeight, right_height) + 8;
  double left = 4 + (chart.height - 8 - kFlowHeight) / 2;
  double right = 4 + (chart.height - 8 - right_height) / 2;
  chart.shapes += Rect(0, left, kFlowBar, kFlowHeight, Colour(transfer.from));
  for (const Flow& flow : flows) {
    const double h = Length(flow.votes, transfer.votes, kFlowHeight);
    const double slot = std::max(h, kFlowSlot);
    const double node = right + (slot - h) / 2;
    if (flow.votes > Votes()) {
      chart.shapes += Band(left, left + h, x, node, node + h, flow.colour);
      chart.shapes += Rect(x, node, kFlowBar, std::max(h, 1.0), flow.colour);
    }
    const double text_x = x + kFlowBar + 8;
    chart.labels += Text(text_x, right + slot / 2 - 3, Escape(flow.label), "font-weight=\"700\"");
    chart.labels +=
        Text(text_x, right + slot / 2 + 14, FigureAndShare(d, flow.votes, transfer.votes));
    left += h;
    right += slot + kFlowGap;
  }
  return chart;
}

std::string TransferDescription(const Declaration& d, const count::Transfer& transfer) {
  std::string desc =
      "Where " + Name(d, transfer.from) + "'s " + Figure(d, transfer.votes) + " votes went:";
  std::string separator = " ";
  for (const Flow& flow : Flows(d, transfer)) {
    desc += separator + Escape(flow.label) + " " + FigureAndShare(d, flow.votes, transfer.votes);
    separator = "; ";
  }
  return desc + ".";
}

void TransferTable(const Declaration& d, const count::Transfer& transfer, std::string& out) {
  out +=
      "<div class=\"wide\"><table>\n<thead><tr><th scope=\"col\">To</th><th "
      "scope=\"col\">Votes</th>";
  out += "<th scope=\"col\">% of transfer</th></tr></thead>\n<tbody>\n";
  for (const Flow& flow : Flows(d, transfer)) {
    out += "<tr><th scope=\"row\">" + Swatch(flow.colour) + Escape(flow.label) + "</th><td>+" +
           Figure(d, flow.votes) + "</td><td>" + Percent(flow.votes, transfer.votes) +
           "</td></tr>\n";
  }
  out += "<tr class=\"total\"><th scope=\"row\">Transferred</th><td>" + Figure(d, transfer.votes) +
         "</td><td></td></tr>\n</tbody>\n</table></div>\n";
}

void TransfersPart(const Declaration& d, std::string& out) {
  std::string figures;
  for (const Stage& round : d.result.stages) {
    for (size_t t = 0; t < round.transfers.size(); ++t) {
      const count::Transfer& transfer = round.transfers[t];
      const std::string id =
          "transfer-" + std::to_string(round.number) + "-" + std::to_string(t + 1);
      const std::string caption = "Round " + std::to_string(round.number) + ": transfer of " +
                                  Name(d, transfer.from) + "'s " + Figure(d, transfer.votes) +
                                  " votes";
      figures += "<figure>\n<figcaption><strong>" + caption + "</strong></figcaption>\n";
      WriteSvg(figures, id, caption, TransferDescription(d, transfer), TransferFlow(d, transfer));
      TransferTable(d, transfer, figures);
      figures += "</figure>\n";
    }
  }
  if (!figures.empty()) {
    out += "<section id=\"transfers\">\n<h2>Transfers</h2>\n";
    out += "<p class=\"note\">An excluded candidate's ballots pass to the next continuing ";
    out += "preference, or are non-transferable when there is none.</p>\n";
    out += figures + "</section>\n";
  }
}

// --- The round table ---

// A round's two columns: votes and their share of the continuing votes, or in a weighted count
// the college share or points (which decide), then the votes.
void RoundTableHead(const Declaration& d, std::string& out) {
  out += "<thead>\n<tr><th rowspan=\"2\" scope=\"col\">Candidate</th>";
  const std::string transfer = d.IsWeighted() ? "Transfer (votes)" : "Transfer";
  for (const Stage& round : d.result.stages) {
    out += "<th colspan=\"2\" scope=\"colgroup\">Round " + std::to_string(round.number) + "</th>";
    if (!round.transfers.empty()) {
      out += "<th rowspan=\"2\" scope=\"col\">" + transfer + "</th>";
    }
  }
  out += "</tr>\n<tr>";
  const std::string columns = d.IsWeighted()
                                  ? "<th scope=\"col\">" +
                                        std::string(d.IsCollege() ? "College&#160;%" : "Points") +
                                        "</th><th scope=\"col\">Votes</th>"
                                  : "<th scope=\"col\">Votes</th><th scope=\"col\">%</th>";
  for (size_t r = 0; r < d.result.stages.size(); ++r) {
    out += columns;
  }
  out += "</tr>\n</thead>\n";
}

// A candidate's two cells in one round, marked when the round elects or excludes them.
std::string CandidateCells(const Declaration& d, const Stage& round, CandidateId c) {
  if (round.state[c.index()] != CandidateState::kContinuing) {
    return "<td class=\"out\">&#8211;</td><td class=\"out\"></td>";
  }
  std::string cell = "<td>";
  if (Contains(round.elected, c)) {
    cell = "<td class=\"elected\">";
  } else if (Contains(round.excluded, c)) {
    cell = "<td class=\"excluded\">";
  }
  const Votes v = round.votes[c.index()];
  if (d.IsWeighted()) {
    return cell + d.WeightedFigure(round.weighted[c.index()]) + "</td>" + cell + Figure(d, v) +
           "</td>";
  }
  return cell + Figure(d, v) + "</td>" + cell + Percent(v, round.continuing) + "</td>";
}

// What a candidate gained (+) or, excluded, gave up (&minus;) in a round's transfers.
std::string TransferCell(const Declaration& d, const Stage& round, CandidateId c) {
  if (Contains(round.excluded, c)) {
    return "<td>&#8722;" + Figure(d, round.votes[c.index()]) + "</td>";
  }
  const Votes gained = round.TransferredTo(c);
  return gained > Votes() ? "<td>+" + Figure(d, gained) + "</td>" : "<td></td>";
}

void CandidateRows(const Declaration& d, std::string& out) {
  for (CandidateId c : d.ByVotes(d.result.stages.front())) {
    out += "<tr><th scope=\"row\">" + Swatch(Colour(c)) + Name(d, c);
    if (c.index() < d.ballots.parties.size() && !d.ballots.parties[c.index()].empty()) {
      out += "<span class=\"party\">" + Escape(d.ballots.parties[c.index()]) + "</span>";
    }
    out += "</th>";
    for (const Stage& round : d.result.stages) {
      out += CandidateCells(d, round, c);
      if (!round.transfers.empty()) {
        out += TransferCell(d, round, c);
      }
    }
    out += "</tr>\n";
  }
}

std::string ShortDecision(const Declaration& d, const Stage& round) {
  std::string html;
  if (!round.excluded.empty()) {
    html += NameList(d, round.excluded) + " excluded";
  }
  if (!round.elected.empty()) {
    html += (html.empty() ? "" : "; ") + NameList(d, round.elected) + " elected";
  }
  return html;
}

// The rows under the candidates: non-transferable, continuing, the threshold, the decision.
void SummaryRows(const Declaration& d, std::string& out) {
  std::string exhausted = "<tr><th scope=\"row\">Non-transferable</th>";
  std::string continuing = "<tr class=\"total\"><th scope=\"row\">Continuing votes</th>";
  std::string threshold = "<tr><th scope=\"row\">More than half</th>";
  std::string decision = "<tr><th scope=\"row\">Decision</th>";
  for (const Stage& round : d.result.stages) {
    exhausted += "<td>" + Figure(d, round.exhausted_total()) + "</td><td></td>";
    continuing += "<td>" + Figure(d, round.continuing) + "</td><td></td>";
    threshold += "<td>" + Figure(d, round.threshold) + "</td><td></td>";
    decision += "<td colspan=\"2\" class=\"decision\">" + ShortDecision(d, round) + "</td>";
    if (!round.transfers.empty()) {
      const Votes lost = round.TransferredToExhausted();
      exhausted += lost > Votes() ? "<td>+" + Figure(d, lost) + "</td>" : "<td></td>";
      continuing += "<td></td>";
      threshold += "<td></td>";
      decision += "<td></td>";
    }
  }
  out +=
      exhausted + "</tr>\n" + continuing + "</tr>\n" + threshold + "</tr>\n" + decision + "</tr>\n";
}

// The rows under the candidates of a weighted count: non-transferable votes, the college or
// points in play with the continuing votes, half of what is in play, the decision.
void WeightedSummaryRows(const Declaration& d, std::string& out) {
  std::string exhausted = "<tr><th scope=\"row\">Non-transferable</th>";
  std::string continuing = "<tr class=\"total\"><th scope=\"row\">Continuing</th>";
  std::string half = "<tr><th scope=\"row\">To be elected, more than</th>";
  std::string decision = "<tr><th scope=\"row\">Decision</th>";
  for (const Stage& round : d.result.stages) {
    exhausted += "<td></td><td>" + Figure(d, round.exhausted_total()) + "</td>";
    continuing += "<td>" + d.WeightedFigure(round.weighted_continuing) + "</td><td>" +
                  Figure(d, round.continuing) + "</td>";
    half += "<td>" + HalfOf(d, round.weighted_continuing) + "</td><td></td>";
    decision += "<td colspan=\"2\" class=\"decision\">" + ShortDecision(d, round) + "</td>";
    if (!round.transfers.empty()) {
      const Votes lost = round.TransferredToExhausted();
      exhausted += lost > Votes() ? "<td>+" + Figure(d, lost) + "</td>" : "<td></td>";
      continuing += "<td></td>";
      half += "<td></td>";
      decision += "<td></td>";
    }
  }
  out += exhausted + "</tr>\n" + continuing + "</tr>\n" + half + "</tr>\n" + decision + "</tr>\n";
}

void RoundTablePart(const Declaration& d, std::string& out) {
  if (d.result.stages.empty()) {
    return;
  }
  out += "<section id=\"table\">\n<h2>The count in full</h2>\n<div class=\"wide\"><table>\n";
  RoundTableHead(d, out);
  out += "<tbody>\n";
  CandidateRows(d, out);
  if (d.IsWeighted()) {
    WeightedSummaryRows(d, out);
  } else {
    SummaryRows(d, out);
  }
  out += "</tbody>\n</table></div>\n";
  if (!d.ballots.withdrawn.empty()) {
    out += "<p>Withdrawn before the count: " + NameList(d, d.ballots.withdrawn) + ".</p>\n";
  }
  out += "</section>\n";
}

// --- Ties and rules ---

void TieRecordPart(const Declaration& d, const Stage& round, std::string& out) {
  const count::TieRecord& tie = *round.tie;
  const std::string number = std::to_string(round.number);
  out += "<h3 id=\"tie-" + number + "\">Round " + number + "</h3>\n<p>" + NameList(d, tie.tied) +
         " were level. ";
  switch (tie.decided_by) {
    case count::TieStep::kBackward:
    case count::TieStep::kForward:
      out += "At round " + std::to_string(tie.round_looked_at) + " " + Name(d, tie.loser) +
             " had " + Escape(d.FewerText()) +
             ", which decides it (tie rule: " + std::string(count::TieStepName(tie.decided_by)) +
             " through earlier rounds).</p>\n";
      break;
    case count::TieStep::kOrder:
      out += Name(d, tie.loser) + " comes first in the given tie order.</p>\n";
      break;
    case count::TieStep::kLot:
      out += "Lots were drawn (draw " + std::to_string(tie.draw) + "):</p>\n";
      TicketTable(d, tie, out);
      out += "<p>" + Name(d, tie.loser) + " drew the lowest ticket.</p>\n";
      break;
  }
}

void TiesPart(const Declaration& d, std::string& out) {
  std::string records;
  for (const Stage& round : d.result.stages) {
    if (round.tie) {
      TieRecordPart(d, round, records);
    }
  }
  if (!records.empty()) {
    out += "<section id=\"ties\">\n<h2>Ties</h2>\n" + records + "</section>\n";
  }
}

void RulesPart(const Declaration& d, std::string& out) {
  out += "<section id=\"rules\">\n<h2>Rules</h2>\n<ul>\n";
  for (const std::string& sentence : d.RuleSentences()) {
    out += "<li>" + Escape(sentence) + "</li>\n";
  }
  out += "</ul>\n</section>\n";
}

}  // namespace

// A table of a Condorcet count: table[row][column], the row's votes over the column.
void MatrixPart(const Declaration& d, const std::string& heading,
                const std::vector<std::vector<Votes>>& table, std::string& out) {
  const std::vector<CandidateId>& order = d.result.pairwise->order;
  out += "<h3>" + Escape(heading) + "</h3>\n<div class=\"wide\"><table>\n<thead><tr><th></th>";
  for (CandidateId b : order) {
    out += "<th scope=\"col\">" + Name(d, b) + "</th>";
  }
  out += "</tr></thead>\n<tbody>\n";
  for (CandidateId a : order) {
    out += "<tr><th scope=\"row\">" + Name(d, a) + "</th>";
    for (CandidateId b : order) {
      out += "<td>" + (a == b ? std::string("&#8212;") : Figure(d, table[a.index()][b.index()])) +
             "</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table></div>\n";
}

void PairwisePart(const Declaration& d, std::string& out) {
  if (!d.result.pairwise) {
    return;
  }
  const count::Pairwise& pairwise = *d.result.pairwise;
  out += "<section id=\"pairwise\">\n<h2>Pairwise comparisons</h2>\n";
  MatrixPart(d, "Votes preferring the row to the column", pairwise.wins, out);
  if (!pairwise.strongest.empty()) {
    MatrixPart(d, "Strongest paths (Schulze)", pairwise.strongest, out);
  }
  if (!pairwise.pairs.empty()) {
    out += "<h3>Majorities, strongest first</h3>\n<ol>\n";
    for (const count::Pairwise::Pair& pair : pairwise.pairs) {
      out += "<li>" + Name(d, pair.winner) + " over " + Name(d, pair.loser) + " " +
             Figure(d, pairwise.wins[pair.winner.index()][pair.loser.index()]) + " to " +
             Figure(d, pairwise.wins[pair.loser.index()][pair.winner.index()]) +
             (pair.locked ? ": locked" : ": skipped, it would close a cycle") + "</li>\n";
    }
    out += "</ol>\n";
  }
  out += "<p>Order: " + NameList(d, pairwise.order) + ".</p>\n</section>\n";
}

void MotionPart(const Declaration& d, std::string& out) {
  if (!d.result.motion) {
    return;
  }
  const count::MotionOutcome& m = *d.result.motion;
  out += "<section id=\"motion\">\n<h2>The motion</h2>\n<table>\n<tbody>\n";
  out += "<tr><th scope=\"row\">For</th><td>" + Figure(d, m.votes_for) + "</td></tr>\n";
  out += "<tr><th scope=\"row\">Against</th><td>" + Figure(d, m.votes_against) + "</td></tr>\n";
  out += "<tr><th scope=\"row\">Abstentions</th><td>" + util::WithThousands(m.abstentions) +
         "</td></tr>\n";
  out += "<tr><th scope=\"row\">Spoilt</th><td>" + util::WithThousands(m.spoilt) + "</td></tr>\n";
  if (const auto not_voting = d.NotVoting()) {
    out += "<tr><th scope=\"row\">Not voting</th><td>" + util::WithThousands(*not_voting) +
           "</td></tr>\n";
  }
  out += "</tbody>\n</table>\n<p>To be carried, the votes for must be " +
         Escape(d.ThresholdText()) + ": " + Figure(d, m.needed) + " or more.</p>\n";
  out += "<p><strong>" + DecisionHtml(d, d.result.stages.front()) + "</strong></p>\n</section>\n";
}

}  // namespace scrutineer::report::html

namespace scrutineer::report {

std::string WriteHtml(const Declaration& d) {
  std::string out;
  html::PageStart(d, out, d.title.empty() ? "Result of the count" : d.title);
  html::PaperAccount(d, out);
  if (d.IsStv()) {
    html::StvElectedPart(d, out);
    html::SectionPart(d, out);
    html::StvCountPart(d, out);
  } else {
    html::MotionPart(d, out);
    html::SectionPart(d, out);
    html::RoundsPart(d, out);
    html::PairwisePart(d, out);
    html::TransfersPart(d, out);
    html::RoundTablePart(d, out);
    html::TiesPart(d, out);
  }
  html::RulesPart(d, out);
  out += "<footer>Declaration written by " + html::Escape(GeneratedBy()) + ".</footer>\n";
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace scrutineer::report
