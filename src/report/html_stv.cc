// The STV parts of the HTML declaration, laid out as a Scottish council's stage report: who
// was elected and at which stage; a chart of every candidate's votes across the stages against
// the quota; the stage table, candidates in ballot-paper order down the side and stages across,
// each cell the votes after the stage with the change it made; Meek's keep values; and what
// each stage did, ties and lots included. The same facts as the text declaration's stages
// (StvStageText in text.cc).
//
// A stage is one action (first preferences, a surplus, an exclusion) and its figures are those
// after it. A count in rounds (sb1288) shows each round's tally instead, and what the round
// decided is counted in the next.

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "report/html_parts.h"
#include "util/text.h"

namespace scrutineer::report::html {
namespace {

using core::Votes;
using count::CandidateId;
using count::CandidateState;
using count::Decision;
using count::Stage;

constexpr const char* kStvStyle =
    R"(.breakout{width:min(calc(100vw - 3rem),90rem);margin-left:calc(50% - min(calc(50vw - 1.5rem),45rem))}
table.stages{font-size:.85rem}
.stages th,.stages td{padding:.3rem .4rem}
.stages thead th{vertical-align:bottom}
.stages thead a{color:inherit}
.stages .what{display:block;min-width:5.5rem;font-weight:400;font-size:.8rem;color:#444}
.stages td{white-space:nowrap}
.stages .party{white-space:normal;font-size:.8rem}
.stages .change,.stages .mark{display:block;font-size:.8rem}
.stages .change{color:#555;font-weight:400}
.stages td.elected .mark{color:#1b5e20}
.stages td.excluded .mark{color:#8c1d18}
td.held{background:#f1f7f1}
.stages td.out{background:#f4f4f4}
.stages tr.quota th,.stages tr.quota td{border-top:2px solid #1a1a1a;font-weight:700}
.line-chart svg{max-width:48rem}
)";

// "stage" or, for a count in rounds, "round".
std::string Unit(const Declaration& d) { return d.result.stages_are_rounds ? "round" : "stage"; }

std::string StageLink(const Declaration& d, const Stage& stage) {
  const std::string number = std::to_string(stage.number);
  return "<a href=\"#stage-" + number + "\">" + Unit(d) + " " + number + "</a>";
}

bool Stands(const Declaration& d, const Stage& stage, CandidateId c) {
  return Contains(d.Standing(stage), c);
}

// The stage at which `c` was elected, if they were.
const Stage* ElectedAt(const Declaration& d, CandidateId c) {
  for (const Stage& stage : d.result.stages) {
    if (Contains(stage.elected, c)) {
      return &stage;
    }
  }
  return nullptr;
}

// The stage at which `c` was excluded, if they were.
const Stage* ExcludedAt(const Declaration& d, CandidateId c) {
  for (const Stage& stage : d.result.stages) {
    if (Contains(stage.excluded, c)) {
      return &stage;
    }
  }
  return nullptr;
}

// What a stage did, as a column heading (plain text): "Surplus of A", "Exclusion of B".
std::string StageAction(const Declaration& d, const Stage& stage) {
  std::string action;
  switch (stage.decision) {
    case Decision::kFirstPreferences:
      return "First preferences";
    case Decision::kSurplus:
      action = stage.surplus_of ? "surplus of " + d.Name(*stage.surplus_of) : "surplus";
      break;
    case Decision::kExclude:
      action = "exclusion of " + d.NameList(stage.excluded);
      break;
    case Decision::kMeekRound:
      action = "keep values settled";
      break;
    default:
      return "";
  }
  if (d.result.stages_are_rounds) {
    return "Then " + action;
  }
  action[0] = static_cast<char>(action[0] - 'a' + 'A');
  return action;
}

// A change in votes: "+7.13482", "&#8722;129.00000" (a minus sign), "" when nothing changed.
std::string Change(const Declaration& d, Votes now, Votes before) {
  if (now == before) {
    return "";
  }
  return now > before ? "+" + Figure(d, now - before) : "&#8722;" + Figure(d, before - now);
}

// The figure, the change beneath it (when there is one) and a mark beneath that.
std::string CellBody(const std::string& figure, const std::string& change, std::string_view mark) {
  std::string html = figure;
  if (!change.empty()) {
    html += "<span class=\"change\">" + change + "</span>";
  }
  if (!mark.empty()) {
    html += "<span class=\"mark\">";
    html += mark;
    html += "</span>";
  }
  return html;
}

// " class=\"elected\"" for a candidate elected at the stage, "excluded" for one excluded at
// it, "held" for one elected before it; "" otherwise. The mark says the same in words.
struct CellState {
  std::string attribute;
  std::string_view mark;
};

CellState StateAt(const Stage& stage, CandidateId c) {
  if (Contains(stage.elected, c)) {
    return {" class=\"elected\"", "elected"};
  }
  if (Contains(stage.excluded, c)) {
    return {" class=\"excluded\"", "excluded"};
  }
  if (stage.state[c.index()] == CandidateState::kElected) {
    return {" class=\"held\"", ""};
  }
  return {"", ""};
}

// --- Who was elected ---

std::string ElectedItem(const Declaration& d, CandidateId c) {
  std::string html = "<li><strong>" + Name(d, c) + "</strong>";
  const Stage* stage = ElectedAt(d, c);
  if (stage == nullptr) {
    return html + "</li>\n";
  }
  html +=
      ", at " + StageLink(d, *stage) + ", with " + Figure(d, stage->votes[c.index()]) + " votes";
  if (Contains(stage->elected_remaining, c)) {
    html += ", to a remaining seat: no more candidates continued than seats remained";
  }
  return html + "</li>\n";
}

// --- The chart: every candidate's votes across the stages ---

constexpr double kLineChartWidth = 600;
constexpr double kPlotLeft = 58;  // room for the scale's figures
constexpr double kPlotTop = 14;
constexpr double kPlotHeight = 300;
constexpr double kPlotRight = 52;  // room for the quota's label
constexpr double kLegendRow = 22;

// Where the plot stands in the chart and its scale: stages across, votes up.
struct Plot {
  size_t stages = 1;
  Votes top;             // the votes at the top of the scale, a whole number of steps
  int64_t step = 1;      // whole votes between the scale's lines
  int64_t per_vote = 1;  // units of a vote

  double X(size_t stage) const {
    const double width = kLineChartWidth - kPlotLeft - kPlotRight;
    return stages <= 1
               ? kPlotLeft + width / 2
               : kPlotLeft + width * static_cast<double>(stage) / static_cast<double>(stages - 1);
  }
  double Y(Votes votes) const { return kPlotTop + kPlotHeight - Length(votes, top, kPlotHeight); }
};

// The step of at most seven lines that covers `whole` votes: 1, 2 or 5 times a power of ten.
int64_t NiceStep(int64_t whole) {
  for (int64_t base = 1;; base *= 10) {
    for (int64_t times : {1, 2, 5}) {
      if (base * times * 7 >= whole) {
        return base * times;
      }
    }
  }
}

Plot Scale(const Declaration& d) {
  Votes most = d.result.quota;
  for (const Stage& stage : d.result.stages) {
    most = std::max(most, stage.threshold);
    for (CandidateId c : d.Standing(stage)) {
      most = std::max(most, stage.votes[c.index()]);
    }
  }
  Plot plot;
  plot.stages = d.result.stages.size();
  plot.per_vote = core::UnitsPerVote(d.result.places);
  const int64_t whole = std::max<int64_t>((most.units() + plot.per_vote - 1) / plot.per_vote, 1);
  plot.step = NiceStep(whole);
  plot.top = Votes::FromUnits((whole + plot.step - 1) / plot.step * plot.step * plot.per_vote);
  return plot;
}

std::string LineTo(double x1, double y1, double x2, double y2, std::string_view style) {
  std::string svg = "<line x1=\"" + Num(x1) + "\" y1=\"" + Num(y1) + "\" x2=\"" + Num(x2) +
                    "\" y2=\"" + Num(y2) + "\" ";
  svg += style;
  svg += "/>\n";
  return svg;
}

// The scale: a line and a figure at every step, and the stage numbers along the bottom.
void Axes(const Declaration& d, const Plot& plot, Chart& chart) {
  const double right = kLineChartWidth - kPlotRight;
  for (int64_t v = 0; v * plot.per_vote <= plot.top.units(); v += plot.step) {
    const double y = plot.Y(Votes::FromUnits(v * plot.per_vote));
    chart.shapes +=
        LineTo(kPlotLeft, y, right, y, v == 0 ? "stroke=\"#1a1a1a\"" : "stroke=\"#ddd\"");
    chart.labels += Text(kPlotLeft - 6, y + 4, util::WithThousands(v),
                         FontSize(kNoteSize) + " text-anchor=\"end\"");
  }
  const size_t every = (plot.stages + 19) / 20;
  const double base = kPlotTop + kPlotHeight;
  for (size_t s = 0; s < plot.stages; s += every) {
    chart.labels += Text(plot.X(s), base + 18, std::to_string(d.result.stages[s].number),
                         FontSize(kNoteSize) + " text-anchor=\"middle\"");
  }
  std::string unit = Unit(d);
  unit[0] = static_cast<char>(unit[0] - 'a' + 'A');
  chart.labels += Text(kPlotLeft + (right - kPlotLeft) / 2, base + 36, unit,
                       FontSize(kNoteSize) + " text-anchor=\"middle\"");
}

std::string Points(const std::vector<std::pair<double, double>>& points) {
  std::string text;
  // (Appending piece by piece: GCC 12 warns falsely on " " + std::string.)
  for (const auto& [x, y] : points) {
    if (!text.empty()) {
      text += ' ';
    }
    text += Num(x);
    text += ',';
    text += Num(y);
  }
  return text;
}

// The quota at every stage, dashed, labelled at its end. Drawn over the candidates' lines, as
// an elected candidate's runs along it.
void QuotaLine(const Declaration& d, const Plot& plot, Chart& chart) {
  std::vector<std::pair<double, double>> points;
  for (size_t s = 0; s < plot.stages; ++s) {
    points.emplace_back(plot.X(s), plot.Y(d.result.stages[s].threshold));
  }
  chart.shapes += "<polyline points=\"" + Points(points) +
                  "\" fill=\"none\" stroke=\"#1a1a1a\" stroke-width=\"1.5\" "
                  "stroke-dasharray=\"6 4\"/>\n";
  chart.labels +=
      Text(plot.X(plot.stages - 1) + 8, points.back().second + 4, "Quota", FontSize(kNoteSize));
}

// Candidates past the tenth share a colour with an earlier one: their lines are dashed.
std::string LineStyle(CandidateId c) {
  std::string style = "stroke=\"" + Colour(c) + "\" stroke-width=\"2.5\"";
  const size_t cycle = c.index() / kPalette.size();
  if (cycle > 0) {
    style += cycle == 1 ? " stroke-dasharray=\"7 4\"" : " stroke-dasharray=\"2 3\"";
  }
  return style;
}

// A dot where the candidate is elected, a cross where they are excluded.
std::string Marker(const Stage& stage, CandidateId c, double x, double y) {
  if (Contains(stage.elected, c)) {
    return "<circle cx=\"" + Num(x) + "\" cy=\"" + Num(y) + "\" r=\"5\" fill=\"" + Colour(c) +
           "\" stroke=\"#fff\" stroke-width=\"1.5\"/>\n";
  }
  if (Contains(stage.excluded, c)) {
    const std::string style = "stroke=\"" + Colour(c) + "\" stroke-width=\"2.5\"";
    return LineTo(x - 4, y - 4, x + 4, y + 4, style) + LineTo(x - 4, y + 4, x + 4, y - 4, style);
  }
  return "";
}

// One candidate's votes at every stage at which they stand.
void CandidateLine(const Declaration& d, const Plot& plot, CandidateId c, Chart& chart) {
  std::vector<std::pair<double, double>> points;
  std::string markers;
  for (size_t s = 0; s < plot.stages; ++s) {
    const Stage& stage = d.result.stages[s];
    if (Stands(d, stage, c)) {
      points.emplace_back(plot.X(s), plot.Y(stage.votes[c.index()]));
      markers += Marker(stage, c, points.back().first, points.back().second);
    }
  }
  chart.shapes += "<polyline points=\"" + Points(points) + "\" fill=\"none\" " + LineStyle(c) +
                  " stroke-linejoin=\"round\"/>\n" + markers;
}

// "Name, elected at stage 2", "Name, excluded at stage 3" or the name alone (plain text).
std::string Fate(const Declaration& d, CandidateId c) {
  const Stage* elected = ElectedAt(d, c);
  if (elected != nullptr) {
    return d.Name(c) + ", elected at " + Unit(d) + " " + std::to_string(elected->number);
  }
  const Stage* excluded = ExcludedAt(d, c);
  if (excluded != nullptr) {
    return d.Name(c) + ", excluded at " + Unit(d) + " " + std::to_string(excluded->number);
  }
  return d.Name(c);
}

// A key under the plot: each candidate's line and fate, in two columns when they fit.
void Legend(const Declaration& d, const std::vector<CandidateId>& candidates, Chart& chart) {
  double widest = 0;
  for (CandidateId c : candidates) {
    widest = std::max(widest, TextWidth(Fate(d, c), kNoteSize) + 34);
  }
  const size_t columns = widest * 2 <= kLineChartWidth ? 2 : 1;
  const size_t rows = (candidates.size() + columns - 1) / columns;
  const double top = chart.height;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const size_t column = i / rows;
    const double x = static_cast<double>(column) * kLineChartWidth / 2;
    const double y = top + static_cast<double>(i % rows) * kLegendRow + 12;
    chart.shapes += LineTo(x, y, x + 24, y, LineStyle(candidates[i]));
    chart.labels += Text(x + 30, y + 4, Escape(Fate(d, candidates[i])), FontSize(kNoteSize));
  }
  chart.height = top + static_cast<double>(rows) * kLegendRow + 4;
}

Chart VotesChart(const Declaration& d) {
  const Plot plot = Scale(d);
  Chart chart;
  chart.width = kLineChartWidth;
  Axes(d, plot, chart);
  const std::vector<CandidateId> candidates = d.Standing(d.result.stages.front());
  for (CandidateId c : candidates) {
    CandidateLine(d, plot, c, chart);
  }
  QuotaLine(d, plot, chart);
  chart.height = kPlotTop + kPlotHeight + 52;
  Legend(d, candidates, chart);
  return chart;
}

std::string VotesDescription(const Declaration& d) {
  const Stage& first = d.result.stages.front();
  std::string desc = "Each candidate's votes, " + Unit(d) + " by " + Unit(d) +
                     ", against the quota (dashed), which is " + Figure(d, first.threshold) +
                     " at the first.";
  for (CandidateId c : d.Standing(first)) {
    desc += ' ';
    desc += Escape(Fate(d, c)) + ": " + Figure(d, first.votes[c.index()]) + " at the first";
    const Stage* last = &first;
    for (const Stage& stage : d.result.stages) {
      last = Stands(d, stage, c) ? &stage : last;
    }
    if (last != &first) {
      desc += ", " + Figure(d, last->votes[c.index()]) + " at " + Unit(d) + " " +
              std::to_string(last->number);
    }
    desc += ".";
  }
  return desc;
}

// --- The stage table ---

void StageTableHead(const Declaration& d, std::string& out) {
  out += "<thead>\n<tr><th scope=\"col\">Candidate</th>";
  for (const Stage& stage : d.result.stages) {
    out += "<th scope=\"col\"><a href=\"#stage-" + std::to_string(stage.number) + "\">" +
           Escape(d.StageLabel(stage)) + "</a><span class=\"what\">" +
           Escape(StageAction(d, stage)) + "</span></th>";
  }
  out += "</tr>\n</thead>\n";
}

std::string StageCell(const Declaration& d, const Stage& stage, const Stage* before,
                      CandidateId c) {
  if (!Stands(d, stage, c)) {
    return "<td class=\"out\"></td>";
  }
  const Votes votes = stage.votes[c.index()];
  const CellState state = StateAt(stage, c);
  const std::string change = before == nullptr ? "" : Change(d, votes, before->votes[c.index()]);
  return "<td" + state.attribute + ">" + CellBody(Figure(d, votes), change, state.mark) + "</td>";
}

void StageCandidateRows(const Declaration& d, std::string& out) {
  for (CandidateId c : d.Standing(d.result.stages.front())) {
    out += "<tr><th scope=\"row\">" + Swatch(Colour(c)) + Name(d, c);
    if (c.index() < d.ballots.parties.size() && !d.ballots.parties[c.index()].empty()) {
      out += "<span class=\"party\">" + Escape(d.ballots.parties[c.index()]) + "</span>";
    }
    out += "</th>";
    const Stage* before = nullptr;
    for (const Stage& stage : d.result.stages) {
      out += StageCell(d, stage, before, c);
      before = &stage;
    }
    out += "</tr>\n";
  }
}

// Non-transferable papers and the rounding loss (each with its change), and the quota.
void StageSummaryRows(const Declaration& d, std::string& out) {
  std::string exhausted = "<tr><th scope=\"row\">Non-transferable</th>";
  std::string loss = "<tr><th scope=\"row\">Lost to rounding</th>";
  std::string quota = "<tr class=\"quota\"><th scope=\"row\">Quota</th>";
  const Stage* before = nullptr;
  for (const Stage& stage : d.result.stages) {
    const Votes exhausted_before = before == nullptr ? Votes() : before->exhausted_total();
    const Votes loss_before = before == nullptr ? Votes() : before->loss;
    exhausted += "<td>" +
                 CellBody(Figure(d, stage.exhausted_total()),
                          Change(d, stage.exhausted_total(), exhausted_before), "") +
                 "</td>";
    loss +=
        "<td>" + CellBody(Figure(d, stage.loss), Change(d, stage.loss, loss_before), "") + "</td>";
    quota += "<td>" + Figure(d, stage.threshold) + "</td>";
    before = &stage;
  }
  out += exhausted + "</tr>\n" + loss + "</tr>\n" + quota + "</tr>\n";
}

void StageTablePart(const Declaration& d, std::string& out) {
  out += "<section id=\"table\">\n<h2>The count in full</h2>\n<p class=\"note\">";
  out += d.result.stages_are_rounds
             ? "Each column is a round's tally, with the change from the round before beneath "
               "it; the surplus or exclusion the round decided is counted in the next round."
             : "Each column shows the votes after the stage, with the change it made beneath "
               "them. Once a surplus has been transferred its candidate holds the quota.";
  const std::string unit = Unit(d);
  out += " Green: elected (pale once elected at an earlier " + unit +
         "); red: excluded. A blank cell: excluded at an earlier " + unit +
         ".</p>\n<div class=\"wide breakout\"><table class=\"stages\">\n";
  StageTableHead(d, out);
  out += "<tbody>\n";
  StageCandidateRows(d, out);
  StageSummaryRows(d, out);
  out += "</tbody>\n</table></div>\n";
  if (!d.ballots.withdrawn.empty()) {
    out += "<p>Withdrawn before the count: " + NameList(d, d.ballots.withdrawn) + ".</p>\n";
  }
  out += "</section>\n";
}

// --- Meek's keep values ---

void KeepRows(const Declaration& d, std::string& out) {
  for (CandidateId c : d.Standing(d.result.stages.front())) {
    out += "<tr><th scope=\"row\">" + Swatch(Colour(c)) + Name(d, c) + "</th>";
    for (const Stage& stage : d.result.stages) {
      if (stage.keep.empty()) {
        continue;
      }
      if (!Stands(d, stage, c)) {
        out += "<td class=\"out\"></td>";
        continue;
      }
      out += "<td" + StateAt(stage, c).attribute + ">" + Figure(d, stage.keep[c.index()]) + "</td>";
    }
    out += "</tr>\n";
  }
}

// "1 iteration", "9 iterations"; nothing before any surplus is settled.
std::string Iterations(const Stage& stage) {
  if (stage.iterations == 0) {
    return "";
  }
  return std::to_string(stage.iterations) + (stage.iterations == 1 ? " iteration" : " iterations");
}

void KeepPart(const Declaration& d, std::string& out) {
  const bool any = std::any_of(d.result.stages.begin(), d.result.stages.end(),
                               [](const Stage& stage) { return !stage.keep.empty(); });
  if (!any) {
    return;
  }
  out +=
      "<section id=\"keep\">\n<h2>Keep values</h2>\n<p class=\"note\">The share of each vote "
      "that reaches a candidate which the candidate keeps, after each stage: all of it while "
      "hopeful, just enough to hold the quota once elected.</p>\n";
  out +=
      "<div class=\"wide breakout\"><table class=\"stages\">\n<thead>\n<tr>"
      "<th scope=\"col\">Candidate</th>";
  for (const Stage& stage : d.result.stages) {
    if (!stage.keep.empty()) {
      const std::string iterations = Iterations(stage);
      out += "<th scope=\"col\">" + Escape(d.StageLabel(stage)) +
             (iterations.empty() ? "" : "<span class=\"what\">" + iterations + "</span>") + "</th>";
    }
  }
  out += "</tr>\n</thead>\n<tbody>\n";
  KeepRows(d, out);
  out += "</tbody>\n</table></div>\n</section>\n";
}

// --- Stage by stage ---

// How a tie was broken, continuing the stage's paragraph (a lot's tickets in a table within it).
// The loser is the one the tie went against: excluded or, between equal surpluses, the one
// whose surplus goes first, having had more votes.
void StvTie(const Declaration& d, const Stage& stage, const count::TieRecord& tie,
            std::string& out) {
  const std::string unit = Unit(d);
  out += NameList(d, tie.tied) + " were level. ";
  switch (tie.decided_by) {
    case count::TieStep::kBackward:
    case count::TieStep::kForward:
      out += "At " + unit + " " + std::to_string(tie.round_looked_at) + " " + Name(d, tie.loser) +
             (stage.decision == Decision::kSurplus ? " had more votes, so that surplus goes first"
                                                   : " had fewer votes") +
             " (tie rule: " + std::string(count::TieStepName(tie.decided_by)) +
             " through earlier " + unit + "s). ";
      break;
    case count::TieStep::kOrder:
      out += Name(d, tie.loser) + " comes first in the given tie order. ";
      break;
    case count::TieStep::kLot:
      out += "Lots were drawn (draw " + std::to_string(tie.draw) + "):</p>\n";
      TicketTable(d, tie, out);
      out += "<p>" + Name(d, tie.loser) + " drew the lowest ticket. ";
      break;
  }
}

// What each stage did, with any tie it broke.
void StagesPart(const Declaration& d, std::string& out) {
  out += "<section id=\"stages\">\n<h2>" +
         std::string(d.result.stages_are_rounds ? "Round" : "Stage") + " by " + Unit(d) + "</h2>\n";
  for (const Stage& stage : d.result.stages) {
    out += "<p id=\"stage-" + std::to_string(stage.number) + "\"><strong>" +
           Escape(d.StageLabel(stage)) + ".</strong> ";
    if (stage.tie) {
      StvTie(d, stage, *stage.tie, out);
    }
    for (const count::TieRecord& tie : stage.more_ties) {
      StvTie(d, stage, tie, out);
    }
    out += Escape(d.DecisionSentence(stage)) + "</p>\n";
  }
  out += "</section>\n";
}

}  // namespace

std::string_view StvStyle() { return kStvStyle; }

std::string StvQuotaLine(const Declaration& d) {
  const bool varies =
      std::any_of(d.result.stages.begin(), d.result.stages.end(),
                  [&](const Stage& stage) { return stage.threshold != d.result.quota; });
  return varies ? "Quota at the first stage: " + d.Figure(d.result.quota) +
                      "; it changes from stage to stage (see the count in full)"
                : "Quota: " + d.Figure(d.result.quota);
}

void StvElectedPart(const Declaration& d, std::string& out) {
  out += "<section id=\"elected\">\n<h2>Elected</h2>\n";
  if (d.result.elected.empty()) {
    out += "<p>No candidate is elected.</p>\n";
  } else {
    out += "<ol>\n";
    for (CandidateId c : d.result.elected) {
      out += ElectedItem(d, c);
    }
    out += "</ol>\n";
  }
  const auto seats = static_cast<size_t>(d.result.seats);
  if (d.result.elected.size() < seats) {
    out += "<p>" + std::to_string(seats - d.result.elected.size()) + " of the " +
           std::to_string(seats) + " seats remain unfilled: too few candidates stood.</p>\n";
  }
  out += "</section>\n";
}

void StvCountPart(const Declaration& d, std::string& out) {
  if (d.result.stages.empty()) {
    return;
  }
  out += "<section id=\"chart\">\n<h2>Votes at each " + Unit(d) +
         "</h2>\n<figure class=\"line-chart\">\n<figcaption>Each line is a candidate's votes, " +
         Unit(d) + " by " + Unit(d) +
         "; the dashed line is the quota. A dot marks an election, a cross an "
         "exclusion.</figcaption>\n";
  WriteSvg(out, "votes-chart", "Votes at each " + Unit(d), VotesDescription(d), VotesChart(d));
  out += "</figure>\n</section>\n";
  StageTablePart(d, out);
  KeepPart(d, out);
  StagesPart(d, out);
}

}  // namespace scrutineer::report::html
