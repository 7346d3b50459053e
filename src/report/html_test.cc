#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "count/irv.h"
#include "count/stv.h"
#include "report/declaration.h"

namespace scrutineer::report {
namespace {

using core::CandidateId;
using core::SectionId;
using core::Votes;

Votes V(int64_t votes) { return Votes::FromUnits(votes); }

// {"CB", 14, 0}: 14 papers in section 0 ranking the third candidate, then the second.
struct Group {
  std::string ranking;
  int64_t papers;
  uint16_t section = 0;
};

core::BallotSet Ballots(const std::vector<std::string>& names, const std::vector<Group>& groups,
                        const std::vector<std::string>& sections) {
  core::BallotSet ballots;
  ballots.candidates = names;
  ballots.sections = sections;
  core::BallotSetBuilder builder;
  for (const Group& group : groups) {
    std::vector<CandidateId> ranking;
    for (char c : group.ranking) {
      ranking.emplace_back(static_cast<uint16_t>(c - 'A'));
    }
    builder.Add(SectionId(group.section), ranking, core::Exhaustion::kNoMorePreferences,
                V(group.papers), group.papers);
  }
  builder.MoveInto(ballots);
  return ballots;
}

// A ballot set and its count, kept together because a Declaration refers to both.
struct Counted {
  core::BallotSet ballots;
  count::Result result;
};

Counted Count(core::BallotSet ballots, const count::Lot* lot = nullptr) {
  Counted counted{std::move(ballots), {}};
  auto result = count::CountIrv(counted.ballots, count::IrvRules{}, lot);
  EXPECT_TRUE(result.ok()) << result.error().ToString();
  counted.result = std::move(result.value());
  return counted;
}

// Ada, Ben, Cy and Di; 70 members (section 0) and 30 supporters (section 1).
//
// First preferences      members        supporters    total
//   Ada                  30 (42.9%)     10 (33.3%)    40 (40.0%)
//   Ben                  20 (28.6%)     10 (33.3%)    30 (30.0%)
//   Cy (CB 14, CA 2, C 4) 14 (20.0%)     6 (20.0%)    20 (20.0%)
//   Di (DC 6, D 4)        6 (8.6%)       4 (13.3%)    10 (10.0%)
// Round 1: 100 continuing, more than half is 51. Di is excluded: 6 to Cy (60.0%), 4
//   non-transferable (40.0%).
// Round 2: Ada 40 (41.7%), Ben 30 (31.3%), Cy 26 (27.1%) of 96; more than half is 49. Cy is
//   excluded: 14 to Ben (53.8%), 2 to Ada (7.7%), 10 non-transferable (38.5%: C 4 and DC 6).
// Round 3: Ben 44 (51.2%), Ada 42 (48.8%) of 86; more than half is 44. Ben is elected; 14
//   non-transferable so far.
Counted ThreeRounds() {
  return Count(Ballots({"Ada", "Ben", "Cy", "Di"},
                       {{"A", 30, 0},
                        {"A", 10, 1},
                        {"B", 20, 0},
                        {"B", 10, 1},
                        {"CB", 14, 0},
                        {"CA", 2, 1},
                        {"C", 4, 1},
                        {"DC", 6, 0},
                        {"D", 4, 1}},
                       {"members", "supporters"}));
}

bool Has(const std::string& page, const std::string& text) {
  return page.find(text) != std::string::npos;
}

size_t Occurrences(const std::string& page, const std::string& text) {
  size_t count = 0;
  for (size_t at = page.find(text); at != std::string::npos; at = page.find(text, at + 1)) {
    ++count;
  }
  return count;
}

// The text of every <svg> element, end to end.
std::string SvgParts(const std::string& page) {
  std::string svg;
  for (size_t at = page.find("<svg"); at != std::string::npos; at = page.find("<svg", at + 1)) {
    svg += page.substr(at, page.find("</svg>", at) - at);
  }
  return svg;
}

TEST(HtmlTest, ShowsTheFiguresOfAHandWorkedCount) {
  const Counted counted = ThreeRounds();
  const std::string page = WriteHtml(Declaration(counted.ballots, counted.result));
  EXPECT_TRUE(Has(page, "<p class=\"result\">Ben is elected</p>"));
  const std::string svg = SvgParts(page);
  // First preferences by section, in the chart.
  for (const char* figure : {"30 (42.9%)", "20 (28.6%)", "6 (8.6%)", "4 (13.3%)", "10 (33.3%)"}) {
    EXPECT_TRUE(Has(svg, figure)) << figure;
  }
  // The rounds: votes with their share of the continuing votes, and the threshold.
  for (const char* figure : {"40 (40.0%)", "30 (31.3%)", "26 (27.1%)", "44 (51.2%)", "42 (48.8%)",
                             "More than half: 51", "More than half: 49", "More than half: 44"}) {
    EXPECT_TRUE(Has(svg, figure)) << figure;
  }
  // The transfers, drawn and in the round table.
  for (const char* figure : {"Ben 14 (53.8%)", "Ada 2 (7.7%)", "Non-transferable 10 (38.5%)",
                             "Cy 6 (60.0%)", "Non-transferable 4 (40.0%)"}) {
    EXPECT_TRUE(Has(svg, figure)) << figure;
  }
  EXPECT_TRUE(Has(page, "<td>+14</td>"));
  EXPECT_TRUE(Has(page, "<td>44</td><td>51.2%</td>") ||
              Has(page, "<td class=\"elected\">44</td><td class=\"elected\">51.2%</td>"));
  EXPECT_TRUE(Has(page, "non-transferable so far 14"));
  EXPECT_TRUE(Has(page, "Di has the fewest votes and is excluded."));
  EXPECT_TRUE(Has(page, "Ben has more than half of the continuing votes and is elected."));
}

TEST(HtmlTest, StatesEveryFigureOfTheTextDeclaration) {
  const Counted counted = ThreeRounds();
  Declaration declaration(counted.ballots, counted.result);
  declaration.electorate = 160;
  const std::string page = WriteHtml(declaration);
  const std::string text = WriteText(declaration);
  const std::regex figure("[0-9][0-9,.]*[0-9]|[0-9]");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), figure);
       it != std::sregex_iterator(); ++it) {
    EXPECT_TRUE(Has(page, it->str())) << it->str();
  }
}

TEST(HtmlTest, EscapesUserTextInHtmlAndSvg) {
  const std::string evil = "<script>alert(\"x\")</script> & Co";
  core::BallotSet ballots = Ballots({evil, "Bea O'Neil", "Cal"},
                                    {{"A", 5, 0}, {"B", 4, 1}, {"CA", 3, 0}}, {"a<b", "c&d"});
  ballots.title = "Vote <b>now</b>";
  ballots.parties = {"P&<Q>", "", ""};
  ballots.rejected.push_back({"mark <x> & \"y\"", SectionId(0), 2, 7});
  const Counted counted = Count(std::move(ballots));
  const std::string page = WriteHtml(Declaration(counted.ballots, counted.result));

  const std::string escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co";
  EXPECT_FALSE(Has(page, "<script"));
  EXPECT_FALSE(Has(page, evil));
  EXPECT_TRUE(Has(page, escaped));
  EXPECT_TRUE(Has(SvgParts(page), escaped));
  EXPECT_TRUE(Has(page, "Bea O&#39;Neil"));
  EXPECT_TRUE(Has(page, "<title>Vote &lt;b&gt;now&lt;/b&gt;</title>"));
  EXPECT_TRUE(Has(page, "P&amp;&lt;Q&gt;"));
  EXPECT_TRUE(Has(page, "A&lt;b"));
  EXPECT_TRUE(Has(page, "C&amp;d"));
  EXPECT_TRUE(Has(page, "mark &lt;x&gt; &amp; &quot;y&quot;"));
  // Every tag on the page is one the writer means to write.
  const std::set<std::string> tags{
      "!DOCTYPE", "html", "head",  "meta", "title", "style",   "body",       "main",
      "header",   "h1",   "h2",    "h3",   "p",     "section", "table",      "thead",
      "tbody",    "tr",   "th",    "td",   "div",   "span",    "svg",        "desc",
      "rect",     "text", "tspan", "line", "path",  "figure",  "figcaption", "strong",
      "a",        "code", "ul",    "li",   "footer"};
  const std::regex tag("</?([!A-Za-z0-9]+)");
  for (auto it = std::sregex_iterator(page.begin(), page.end(), tag); it != std::sregex_iterator();
       ++it) {
    EXPECT_TRUE(tags.contains((*it)[1].str())) << it->str();
  }
}

TEST(HtmlTest, TheSameCountGivesTheSameBytes) {
  const Counted counted = ThreeRounds();
  const Declaration declaration(counted.ballots, counted.result);
  const std::string page = WriteHtml(declaration);
  EXPECT_EQ(page, WriteHtml(declaration));
  const Counted again = ThreeRounds();
  EXPECT_EQ(page, WriteHtml(Declaration(again.ballots, again.result)));
}

TEST(HtmlTest, RefersToNothingOutsideThePage) {
  const Counted counted = ThreeRounds();
  std::string page = WriteHtml(Declaration(counted.ballots, counted.result));
  const std::string svg_namespace = "xmlns=\"http://www.w3.org/2000/svg\"";
  for (size_t at = page.find(svg_namespace); at != std::string::npos;
       at = page.find(svg_namespace, at)) {
    page.erase(at, svg_namespace.size());
  }
  for (const char* reference :
       {"http://", "https://", "//", "src=", "<link", "<script", "url(", "@import", "@font-face"}) {
    EXPECT_FALSE(Has(page, reference)) << reference;
  }
  // Links stay on the page.
  EXPECT_EQ(Occurrences(page, "href=\""), Occurrences(page, "href=\"#"));
}

TEST(HtmlTest, EverySvgIsClosedAndDescribed) {
  const Counted counted = ThreeRounds();
  const std::string page = WriteHtml(Declaration(counted.ballots, counted.result));
  // One chart of sections, one per round (3) and one per transfer (2).
  EXPECT_EQ(Occurrences(page, "<svg"), 6u);
  EXPECT_EQ(Occurrences(page, "</svg>"), 6u);
  for (size_t at = page.find("<svg"); at != std::string::npos; at = page.find("<svg", at + 1)) {
    const size_t end = page.find("</svg>", at);
    ASSERT_NE(end, std::string::npos);
    const std::string svg = page.substr(at, end - at);
    EXPECT_FALSE(Has(svg.substr(1), "<svg"));
    EXPECT_TRUE(Has(svg, "role=\"img\""));
    EXPECT_TRUE(Has(svg, "<title"));
    EXPECT_TRUE(Has(svg, "<desc"));
    EXPECT_TRUE(Has(svg, "viewBox=\"0 0 "));
  }
}

TEST(HtmlTest, BallotsWithoutSectionsHaveNoSectionChart) {
  // A 15, B 10, C 8: C's 8 go to B, who wins 18 of 33 in round 2.
  const Counted counted =
      Count(Ballots({"A", "B", "C"}, {{"ABC", 15}, {"BCA", 10}, {"CBA", 8}}, {""}));
  const std::string page = WriteHtml(Declaration(counted.ballots, counted.result));
  EXPECT_FALSE(Has(page, "First preferences by section"));
  EXPECT_TRUE(Has(page, "18 (54.5%)"));
  EXPECT_EQ(Occurrences(page, "<svg"), 3u);  // two rounds, one transfer
}

TEST(HtmlTest, TheBallotPaperAccountShowsTurnoutAndItsRule) {
  // 100 counted, 3 blank and 2 rejected: 105 returned, 100 valid, 5 spoilt; 105 of an
  // electorate of 150 is a turnout of 70.0%.
  core::BallotSet ballots = Ballots({"A", "B"}, {{"A", 60}, {"B", 40}}, {""});
  ballots.blank = {3};
  ballots.rejected.push_back({"two marks for one rank", SectionId(0), 2, 12});
  const Counted counted = Count(std::move(ballots));
  Declaration declaration(counted.ballots, counted.result);
  declaration.electorate = 150;
  const std::string page = WriteHtml(declaration);
  EXPECT_TRUE(Has(page, "<th scope=\"row\">Returned</th><td>105</td>"));
  EXPECT_TRUE(Has(page, "<th scope=\"row\">Valid</th><td>100</td>"));
  EXPECT_TRUE(Has(page, "<th scope=\"row\">Blank or spoilt</th><td>5</td>"));
  EXPECT_TRUE(Has(page, "Rejected: two marks for one rank</th><td>2</td>"));
  EXPECT_TRUE(Has(page, "<th scope=\"row\">Turnout</th><td>70.0%</td>"));
  EXPECT_TRUE(Has(page, kTurnoutRule));
  EXPECT_FALSE(Has(page, "id=\"transfers\""));  // elected in round 1: nothing transferred
}

// A lot whose first tied candidate (in candidate order) loses, with tickets naming them.
class FirstLosesLot final : public count::Lot {
 public:
  std::vector<Ticket> Draw(int draw, std::span<const CandidateId> tied,
                           std::span<const std::string> names) const override {
    std::vector<Ticket> tickets;
    for (CandidateId c : tied) {
      tickets.push_back({c, "ticket " + std::to_string(draw) + " <" + names[c.index()] + ">"});
    }
    return tickets;
  }
  std::string Describe() const override { return "the first tied loses"; }
};

TEST(HtmlTest, ATieRecordShowsTheLotAndEveryTicket) {
  // A 5, B 3, C 3 of 11 (6 needed). B and C are level with no earlier round to look at, so
  // lots are drawn and B loses; B's 3 go to A, who is elected with 8 of 11.
  const FirstLosesLot lot;
  const Counted counted =
      Count(Ballots({"A", "B", "C"}, {{"A", 5}, {"BA", 3}, {"C", 3}}, {""}), &lot);
  const std::string page = WriteHtml(Declaration(counted.ballots, counted.result));
  EXPECT_TRUE(Has(page, "<h2>Ties</h2>"));
  EXPECT_TRUE(Has(page, "B and C were level. Lots were drawn (draw 1)"));
  EXPECT_TRUE(Has(page, "<code>ticket 1 &lt;B&gt;</code>"));
  EXPECT_TRUE(Has(page, "<code>ticket 1 &lt;C&gt;</code>"));
  EXPECT_TRUE(Has(page, "B drew the lowest ticket."));
  EXPECT_TRUE(Has(page, "Lots: the first tied loses."));
  EXPECT_TRUE(Has(page, "href=\"#tie-1\""));
  EXPECT_TRUE(Has(page, "8 (72.7%)"));
}

// --- Instant-runoff weighted by a college or by points ---

Counted CountWeighted(core::BallotSet ballots, const count::Weighting& weighting) {
  Counted counted{std::move(ballots), {}};
  count::IrvRules rules;
  rules.weighting = weighting;
  auto result = count::CountIrv(counted.ballots, rules, nullptr);
  EXPECT_TRUE(result.ok()) << result.error().ToString();
  counted.result = std::move(result.value());
  return counted;
}

count::Weighting Thirds() {
  count::Weighting college;
  college.kind = count::WeightingKind::kCollege;
  college.section_weight = {1, 1, 1};
  return college;
}

count::Weighting PointsEach(int64_t points, int places = 2) {
  count::Weighting weighting;
  weighting.kind = count::WeightingKind::kPoints;
  weighting.points = points;
  weighting.places = places;
  return weighting;
}

// A college of thirds (the shape of Welsh Labour's 2018 deputy contest), candidates A and B:
//   unions  A 604, B 396 of 1,000   A 100/3 x 0.604 = 20.13, B 100/3 x 0.396 = 13.20
//   members A 348, B 652 of 1,000   A 100/3 x 0.348 = 11.60, B 100/3 x 0.652 = 21.73
//   mps     A 16,  B 11  of 27      A 100/3 x 16/27 = 19.75, B 100/3 x 11/27 = 13.58
// A: 100/3 x (0.604 + 0.348 + 16/27) = 51.486... -> 51.49; B: 48.51; of 100.00, half 50.00.
// B has more votes (1,059 to 968; half of the 2,027 votes is 1,013.5) but A has more than half
// of the college and is elected in round 1.
Counted CollegeOfThirds(const std::vector<std::string>& names = {"A", "B"},
                        const std::vector<std::string>& sections = {"unions", "members", "mps"}) {
  return CountWeighted(
      Ballots(
          names,
          {{"A", 604, 0}, {"B", 396, 0}, {"A", 348, 1}, {"B", 652, 1}, {"A", 16, 2}, {"B", 11, 2}},
          sections),
      Thirds());
}

// 100 points a district, candidates A, B and C:
//   d1: A 50, B 30, CA 20 (100 votes)    A 50.00, B 30.00, C 20.00
//   d2: A 2, B 1, C 1 (4 votes)          A 50.00, B 25.00, C 25.00
//   d3: A 10, B 60, CA 15, C 15 (100)    A 10.00, B 60.00, C 30.00
// Round 1: B 115.00 (91 votes), A 110.00 (62), C 75.00 (51) of 300.00; half 150.00. C has the
//   fewest points and is excluded: 35 to A (20 in d1, 15 in d3), 16 non-transferable.
// Round 2: d1 A 70 of 100 -> 70.00; d2 A 2 of 3 -> 66.67; d3 A 25 of 85 -> 29.41. A has
//   70 + 200/3 + 500/17 = 8470/51 = 166.078... -> 166.08 (97 votes), B 133.92 (91 votes) of
//   300.00: A has more than half of the points and is elected.
Counted PointsInThreeDistricts() {
  return CountWeighted(Ballots({"A", "B", "C"},
                               {{"A", 50, 0},
                                {"B", 30, 0},
                                {"CA", 20, 0},
                                {"A", 2, 1},
                                {"B", 1, 1},
                                {"C", 1, 1},
                                {"A", 10, 2},
                                {"B", 60, 2},
                                {"CA", 15, 2},
                                {"C", 15, 2}},
                               {"d1", "d2", "d3"}),
                       PointsEach(100));
}

// The chart of round `number`.
std::string RoundChart(const std::string& page, int number) {
  const size_t id = page.find("aria-labelledby=\"round-" + std::to_string(number) + "-chart-");
  if (id == std::string::npos) {
    return "";
  }
  const size_t start = page.rfind("<svg", id);
  return page.substr(start, page.find("</svg>", start) - start);
}

// The lengths of a round chart's bars, in order, and where its dashed line stands.
std::vector<double> BarLengths(const std::string& chart) {
  std::vector<double> lengths;
  const std::regex bar("<rect x=\"0\" y=\"[0-9.]+\" width=\"([0-9.]+)\"");
  for (auto it = std::sregex_iterator(chart.begin(), chart.end(), bar);
       it != std::sregex_iterator(); ++it) {
    lengths.push_back(std::stod((*it)[1].str()));
  }
  return lengths;
}

double LineAt(const std::string& chart) {
  std::smatch match;
  const std::regex line("<line x1=\"([0-9.]+)\"");
  return std::regex_search(chart, match, line) ? std::stod(match[1].str()) : -1;
}

// The <td> cells of a row of the table `id` (the count in full, "table"), end to end.
std::string TableRow(const std::string& page, const std::string& id, const std::string& header) {
  const size_t table = page.find("<section id=\"" + id + "\">");
  const size_t at = page.find(header + "</th>", table);
  if (table == std::string::npos || at == std::string::npos) {
    return "";
  }
  const size_t start = page.find("<td", at);
  return page.substr(start, page.find("</tr>", start) - start);
}

TEST(HtmlWeightedTest, ACollegeChartsSharesOfTheCollegeWithTheLineAtHalf) {
  const Counted counted = CollegeOfThirds();
  const std::string page = WriteHtml(Declaration(counted.ballots, counted.result));
  EXPECT_TRUE(Has(page, "<p class=\"result\">A is elected</p>"));
  const std::string chart = RoundChart(page, 1);
  EXPECT_TRUE(Has(chart, ">51.49% (968 votes)</text>"));
  EXPECT_TRUE(Has(chart, ">48.51% (1,059 votes)</text>"));
  EXPECT_TRUE(Has(chart, ">Half of the college: 50.00%</text>"));
  EXPECT_TRUE(Has(chart,
                  "<desc id=\"round-1-chart-desc\">College shares of the continuing candidates in "
                  "round 1, out of 100.00%, with their votes: A 51.49% (968 votes), elected; "
                  "B 48.51% (1,059 votes). To be elected a candidate needs more than half of "
                  "the college: more than 50.00%.</desc>"));
  EXPECT_FALSE(Has(chart, "More than half:"));
  // A's bar (51.49) passes the line at half the college (50.00); B's (48.51) does not. Drawn by
  // votes, B's would be the longer.
  const std::vector<double> bars = BarLengths(chart);
  ASSERT_EQ(bars.size(), 2u);
  const double line = LineAt(chart);
  EXPECT_GT(bars[0], line);
  EXPECT_LT(bars[1], line);
  EXPECT_NEAR(bars[0] / line, 51.49 / 50.00, 0.01);
  EXPECT_NEAR(bars[1] / line, 48.51 / 50.00, 0.01);
  EXPECT_TRUE(Has(page,
                  "Continuing: 100.00% of the college, 2,027 votes; non-transferable so far 0. "
                  "To be elected a candidate needs more than half of the college: more than "
                  "50.00%."));
  EXPECT_TRUE(Has(page, "<strong>A has more than half of the college and is elected.</strong>"));
}

TEST(HtmlWeightedTest, ACollegeShowsItsSharesBySectionEachRound) {
  const Counted counted = CollegeOfThirds();
  const std::string page = WriteHtml(Declaration(counted.ballots, counted.result));
  EXPECT_TRUE(Has(page,
                  "<thead><tr><th scope=\"col\">College % by section</th><th scope=\"col\">"
                  "Unions</th><th scope=\"col\">Members</th><th scope=\"col\">Mps</th>"
                  "<th scope=\"col\">Total</th></tr></thead>"));
  EXPECT_EQ(TableRow(page, "rounds", "A"),
            "<td>20.13</td><td>11.60</td><td>19.75</td><td>51.49</td>");
  EXPECT_EQ(TableRow(page, "rounds", "B"),
            "<td>13.20</td><td>21.73</td><td>13.58</td><td>48.51</td>");
  EXPECT_EQ(TableRow(page, "rounds", "Section&#39;s share"),
            "<td>33.33</td><td>33.33</td><td>33.33</td><td>100.00</td>");
}

TEST(HtmlWeightedTest, TheCountInFullShowsTheCollegeFirstThenTheVotes) {
  const Counted counted = CollegeOfThirds();
  const std::string page = WriteHtml(Declaration(counted.ballots, counted.result));
  EXPECT_TRUE(Has(page, "<th scope=\"col\">College&#160;%</th><th scope=\"col\">Votes</th>"));
  EXPECT_EQ(TableRow(page, "table", "A"),
            "<td class=\"elected\">51.49</td><td class=\"elected\">968</td>");
  EXPECT_EQ(TableRow(page, "table", "B"), "<td>48.51</td><td>1,059</td>");
  EXPECT_EQ(TableRow(page, "table", "Continuing"), "<td>100.00</td><td>2,027</td>");
  EXPECT_EQ(TableRow(page, "table", "To be elected, more than"), "<td>50.00</td><td></td>");
  EXPECT_EQ(TableRow(page, "table", "Non-transferable"), "<td></td><td>0</td>");
  EXPECT_FALSE(Has(page, "Continuing votes"));
  // The rules say what the college is.
  EXPECT_TRUE(Has(page,
                  "<li>College: Unions 33.33%, Members 33.33% and Mps 33.33%; each round a "
                  "section&#39;s share is divided among the continuing candidates in proportion "
                  "to their votes in it.</li>"));
  EXPECT_TRUE(Has(page, "<li>Elected: more than half of the college in a round.</li>"));
}

TEST(HtmlWeightedTest, PointsChartAndTabulateThePointsOfEveryRound) {
  const Counted counted = PointsInThreeDistricts();
  const std::string page = WriteHtml(Declaration(counted.ballots, counted.result));
  EXPECT_TRUE(Has(page, "<p class=\"result\">A is elected</p>"));
  const std::string first = RoundChart(page, 1);
  for (const char* label :
       {">115.00 points (91 votes)</text>", ">110.00 points (62 votes)</text>",
        ">75.00 points (51 votes)</text>", ">Half of the points: 150.00</text>"}) {
    EXPECT_TRUE(Has(first, label)) << label;
  }
  const std::string second = RoundChart(page, 2);
  for (const char* label : {">166.08 points (97 votes)</text>", ">133.92 points (91 votes)</text>",
                            ">Half of the points: 150.00</text>"}) {
    EXPECT_TRUE(Has(second, label)) << label;
  }
  EXPECT_TRUE(Has(second,
                  "Points of the continuing candidates in round 2, out of 300.00 points, with "
                  "their votes: A 166.08 points (97 votes), elected; B 133.92 points (91 votes). "
                  "To be elected a candidate needs more than half of the points: more than "
                  "150.00 points."));
  const std::vector<double> bars = BarLengths(second);
  ASSERT_EQ(bars.size(), 2u);
  EXPECT_NEAR(bars[0] / LineAt(second), 166.08 / 150.00, 0.01);
  EXPECT_NEAR(bars[1] / LineAt(second), 133.92 / 150.00, 0.01);
  // Round 1, C's transfer, round 2.
  EXPECT_TRUE(Has(page, "<th scope=\"col\">Points</th><th scope=\"col\">Votes</th>"));
  EXPECT_TRUE(Has(page, "<th rowspan=\"2\" scope=\"col\">Transfer (votes)</th>"));
  EXPECT_EQ(TableRow(page, "table", "A"),
            "<td>110.00</td><td>62</td><td>+35</td>"
            "<td class=\"elected\">166.08</td><td class=\"elected\">97</td>");
  EXPECT_EQ(TableRow(page, "table", "B"),
            "<td>115.00</td><td>91</td><td></td><td>133.92</td><td>91</td>");
  EXPECT_EQ(TableRow(page, "table", "C"),
            "<td class=\"excluded\">75.00</td><td class=\"excluded\">51</td><td>&#8722;51</td>"
            "<td class=\"out\">&#8211;</td><td class=\"out\"></td>");
  EXPECT_EQ(TableRow(page, "table", "Non-transferable"),
            "<td></td><td>0</td><td>+16</td><td></td><td>16</td>");
  EXPECT_EQ(TableRow(page, "table", "Continuing"),
            "<td>300.00</td><td>204</td><td></td><td>300.00</td><td>188</td>");
  EXPECT_EQ(TableRow(page, "table", "To be elected, more than"),
            "<td>150.00</td><td></td><td></td><td>150.00</td><td></td>");
  EXPECT_TRUE(Has(page,
                  "No candidate has more than half of the points. C has the fewest points and is "
                  "excluded."));
  EXPECT_TRUE(Has(page, "A has more than half of the points and is elected."));
}

TEST(HtmlWeightedTest, PointsSayHowManyDistrictsWithoutATableOfThem) {
  const Counted counted = PointsInThreeDistricts();
  const std::string page = WriteHtml(Declaration(counted.ballots, counted.result));
  EXPECT_TRUE(Has(page, "<p>3 districts (sections), each worth 100 points. "));
  EXPECT_TRUE(Has(page, "<li>Points: each district (section) is worth 100 points; "));
  EXPECT_FALSE(Has(page, "College % by section"));
  EXPECT_FALSE(Has(page, "First preferences by section"));
  EXPECT_FALSE(Has(page, "D2"));
}

TEST(HtmlWeightedTest, HalfOfAnOddTotalIsExact) {
  // One point a district, shown to whole points. d1: A 2, B 1; d2: A 2, B 1; d3: B 1.
  // A 2/3 + 2/3 = 1.33 -> 1 (4 votes); B 1/3 + 1/3 + 1 = 1.67 -> 2 (3 votes); of 3, half 1.5.
  // B has fewer votes but more than half of the points, and is elected.
  const Counted counted = CountWeighted(
      Ballots({"A", "B"}, {{"A", 2, 0}, {"B", 1, 0}, {"A", 2, 1}, {"B", 1, 1}, {"B", 1, 2}},
              {"d1", "d2", "d3"}),
      PointsEach(1, 0));
  const std::string page = WriteHtml(Declaration(counted.ballots, counted.result));
  EXPECT_TRUE(Has(page, "<p class=\"result\">B is elected</p>"));
  const std::string chart = RoundChart(page, 1);
  EXPECT_TRUE(Has(chart, ">2 points (3 votes)</text>"));
  EXPECT_TRUE(Has(chart, ">1 point (4 votes)</text>"));
  EXPECT_TRUE(Has(chart, ">Half of the points: 1.5</text>"));
  EXPECT_EQ(TableRow(page, "table", "To be elected, more than"), "<td>1.5</td><td></td>");
  EXPECT_TRUE(Has(page, "more than half of the points: more than 1.5 points."));
}

TEST(HtmlWeightedTest, EscapesNamesAndSections) {
  const std::string evil = "<script>alert(\"x\")</script> & Co";
  const Counted counted = CollegeOfThirds({evil, "Bea O'Neil"}, {"a<b", "c&d", "mps"});
  const std::string page = WriteHtml(Declaration(counted.ballots, counted.result));
  const std::string escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co";
  EXPECT_FALSE(Has(page, "<script"));
  EXPECT_FALSE(Has(page, evil));
  EXPECT_TRUE(Has(RoundChart(page, 1), escaped + " 51.49% (968 votes), elected"));
  EXPECT_EQ(TableRow(page, "rounds", escaped),
            "<td>20.13</td><td>11.60</td><td>19.75</td><td>51.49</td>");
  EXPECT_TRUE(Has(page, "<th scope=\"col\">A&lt;b</th><th scope=\"col\">C&amp;d</th>"));
  EXPECT_TRUE(Has(page, "Bea O&#39;Neil"));
  const std::regex tag("</?([!A-Za-z0-9]+)");
  const std::set<std::string> tags{
      "!DOCTYPE", "html", "head",  "meta", "title", "style",   "body",       "main",
      "header",   "h1",   "h2",    "h3",   "p",     "section", "table",      "thead",
      "tbody",    "tr",   "th",    "td",   "div",   "span",    "svg",        "desc",
      "rect",     "text", "tspan", "line", "path",  "figure",  "figcaption", "strong",
      "a",        "code", "ul",    "li",   "footer"};
  for (auto it = std::sregex_iterator(page.begin(), page.end(), tag); it != std::sregex_iterator();
       ++it) {
    EXPECT_TRUE(tags.contains((*it)[1].str())) << it->str();
  }
}

TEST(HtmlWeightedTest, StatesEveryFigureOfTheTextDeclaration) {
  for (const Counted& counted : {CollegeOfThirds(), PointsInThreeDistricts()}) {
    const Declaration declaration(counted.ballots, counted.result);
    const std::string page = WriteHtml(declaration);
    const std::string text = WriteText(declaration);
    // From the rounds on: a points page leaves out first preferences by district.
    const std::string rounds = text.substr(text.find("Round 1"));
    const std::regex figure("[0-9][0-9,.]*[0-9]|[0-9]");
    for (auto it = std::sregex_iterator(rounds.begin(), rounds.end(), figure);
         it != std::sregex_iterator(); ++it) {
      EXPECT_TRUE(Has(page, it->str())) << it->str();
    }
  }
}

TEST(HtmlWeightedTest, TheSameCountGivesTheSameBytes) {
  const Counted counted = PointsInThreeDistricts();
  const std::string page = WriteHtml(Declaration(counted.ballots, counted.result));
  EXPECT_EQ(page, WriteHtml(Declaration(counted.ballots, counted.result)));
  const Counted again = PointsInThreeDistricts();
  EXPECT_EQ(page, WriteHtml(Declaration(again.ballots, again.result)));
}

TEST(HtmlTest, SectionsShowTheirElectorateAndTurnout) {
  // Members: Ada 3, Ben 1 and 1 blank paper of an electorate of 10: 5 returned, 50.0%.
  // Supporters: Ada 1, Ben 1 of 4: 50.0%. In all 7 returned of 14: 50.0%.
  const Counted counted = [] {
    core::BallotSetBuilder builder;
    builder.Add(SectionId(0), std::vector<CandidateId>{CandidateId(0)},
                core::Exhaustion::kNoMorePreferences, V(3), 3);
    builder.Add(SectionId(0), std::vector<CandidateId>{CandidateId(1)},
                core::Exhaustion::kNoMorePreferences, V(1), 1);
    builder.Add(SectionId(1), std::vector<CandidateId>{CandidateId(0)},
                core::Exhaustion::kNoMorePreferences, V(1), 1);
    builder.Add(SectionId(1), std::vector<CandidateId>{CandidateId(1)},
                core::Exhaustion::kNoMorePreferences, V(1), 1);
    builder.AddBlank(SectionId(0), 1);
    core::BallotSet with_blank;
    with_blank.candidates = {"Ada", "Ben"};
    with_blank.sections = {"members", "supporters"};
    builder.MoveInto(with_blank);
    return Count(std::move(with_blank));
  }();
  Declaration declaration(counted.ballots, counted.result);
  declaration.electorate = 14;
  declaration.electorate_by_section = {10, 4};
  const std::string page = WriteHtml(declaration);
  EXPECT_TRUE(Has(page,
                  "<tr class=\"total\"><th scope=\"row\">Spoilt</th><td>1</td><td></td><td>0</td>"
                  "<td></td><td>1</td><td></td></tr>"));
  EXPECT_TRUE(Has(page,
                  "<th scope=\"row\">Electorate</th><td>10</td><td></td><td>4</td><td></td>"
                  "<td>14</td><td></td></tr>"));
  EXPECT_TRUE(Has(page,
                  "<th scope=\"row\">Turnout</th><td>50.0%</td><td></td><td>50.0%</td>"
                  "<td></td><td>50.0%</td><td></td></tr>"));
}

// --- STV ---

Counted CountStv(core::BallotSet ballots, count::StvPreset preset, int seats,
                 const count::Lot* lot = nullptr) {
  Counted counted{std::move(ballots), {}};
  count::StvRules rules;
  rules.preset = preset;
  rules.seats = seats;
  auto result = count::CountStv(counted.ballots, rules, lot);
  EXPECT_TRUE(result.ok()) << result.error().ToString();
  counted.result = std::move(result.value());
  return counted;
}

// 12 papers, 2 seats, Scottish rules: quota floor(12 / 3) + 1 = 5.
// Stage 1: Ada 7 (elected), Ben 3, Cy 2.
// Stage 2: Ada's surplus of 2 moves at 2 / 7 = 0.28571 a paper (five places, rest ignored):
//   Ben +5 x 0.28571 = 1.42855 (4.42855), Cy +2 x 0.28571 = 0.57142 (2.57142), 0.00003 lost;
//   Ada holds the quota, 5.
// Stage 3: Cy (2.57142) is excluded; none of Cy's papers has a further preference, so all
//   2.57142 are non-transferable. Ben alone continues for the last seat and is elected.
Counted ThreeStages(const std::vector<std::string>& names = {"Ada", "Ben", "Cy"}) {
  return CountStv(Ballots(names, {{"AB", 5}, {"AC", 2}, {"B", 3}, {"C", 2}}, {""}),
                  count::StvPreset::kScottish, 2);
}

// The <td> cells of a candidate's row in the stage table, end to end.
std::string StageRow(const std::string& page, const std::string& name) {
  const size_t table = page.find("<table class=\"stages\">");
  const size_t at = page.find("</span>" + name + "</th>", table);
  if (table == std::string::npos || at == std::string::npos) {
    return "";
  }
  const size_t start = page.find("<td", at);
  return page.substr(start, page.find("</tr>", start) - start);
}

TEST(HtmlStvTest, ShowsTheStageTableOfAHandWorkedCount) {
  const Counted counted = ThreeStages();
  const std::string page = WriteHtml(Declaration(counted.ballots, counted.result));
  EXPECT_TRUE(Has(page, "<p class=\"result\">Ada and Ben are elected</p>"));
  EXPECT_TRUE(Has(page, "<p class=\"method\">Quota: 5.00000</p>"));
  // A heading per stage saying what it did.
  for (const char* heading : {"Stage 1</a><span class=\"what\">First preferences</span>",
                              "Stage 2</a><span class=\"what\">Surplus of Ada</span>",
                              "Stage 3</a><span class=\"what\">Exclusion of Cy</span>"}) {
    EXPECT_TRUE(Has(page, heading)) << heading;
  }
  // Votes after each stage, the change beneath, elected and excluded marked, blank once out.
  EXPECT_EQ(StageRow(page, "Ada"),
            "<td class=\"elected\">7.00000<span class=\"mark\">elected</span></td>"
            "<td class=\"held\">5.00000<span class=\"change\">&#8722;2.00000</span></td>"
            "<td class=\"held\">5.00000</td>");
  EXPECT_EQ(StageRow(page, "Ben"),
            "<td>3.00000</td><td>4.42855<span class=\"change\">+1.42855</span></td>"
            "<td class=\"elected\">4.42855<span class=\"mark\">elected</span></td>");
  EXPECT_EQ(StageRow(page, "Cy"),
            "<td>2.00000</td><td>2.57142<span class=\"change\">+0.57142</span></td>"
            "<td class=\"excluded\">0.00000<span class=\"change\">&#8722;2.57142</span>"
            "<span class=\"mark\">excluded</span></td>");
  EXPECT_TRUE(Has(page,
                  "<th scope=\"row\">Non-transferable</th><td>0.00000</td><td>0.00000</td>"
                  "<td>2.57142<span class=\"change\">+2.57142</span></td>"));
  EXPECT_TRUE(Has(page,
                  "<th scope=\"row\">Lost to rounding</th><td>0.00000</td>"
                  "<td>0.00003<span class=\"change\">+0.00003</span></td><td>0.00003</td>"));
  EXPECT_TRUE(Has(page,
                  "<th scope=\"row\">Quota</th><td>5.00000</td><td>5.00000</td>"
                  "<td>5.00000</td>"));
  // Who was elected, and when.
  EXPECT_TRUE(Has(page, "<strong>Ada</strong>, at <a href=\"#stage-1\">stage 1</a>, with 7.00000"));
  EXPECT_TRUE(Has(page,
                  "<strong>Ben</strong>, at <a href=\"#stage-3\">stage 3</a>, with 4.42855 "
                  "votes, to a remaining seat"));
  // What each stage did.
  EXPECT_TRUE(Has(page, "First preferences are counted. Ada reaches the quota and is elected."));
  EXPECT_TRUE(Has(page, "Ada&#39;s surplus of 2.00000 is transferred."));
  EXPECT_TRUE(Has(page,
                  "Cy has the fewest votes and is excluded; their papers are transferred. "
                  "Ben is elected to the remaining seats"));
  // Not the instant-runoff parts.
  EXPECT_FALSE(Has(page, "More than half"));
  EXPECT_FALSE(Has(page, "id=\"rounds\""));
  EXPECT_FALSE(Has(page, "id=\"keep\""));
  EXPECT_TRUE(Has(page, "Quota at the first stage: 5.00000."));
}

TEST(HtmlStvTest, ChartsEveryCandidateAgainstTheQuota) {
  const Counted counted = ThreeStages();
  const std::string page = WriteHtml(Declaration(counted.ballots, counted.result));
  EXPECT_EQ(Occurrences(page, "<svg"), 1u);
  const std::string svg = SvgParts(page);
  EXPECT_TRUE(Has(svg, "role=\"img\""));
  EXPECT_TRUE(Has(svg, "<desc"));
  EXPECT_EQ(Occurrences(svg, "<polyline"), 4u);  // three candidates and the quota
  EXPECT_TRUE(Has(svg, ">Quota</text>"));
  EXPECT_TRUE(Has(svg, "Ada, elected at stage 1"));
  EXPECT_TRUE(Has(svg, "Ben, elected at stage 3"));
  EXPECT_TRUE(Has(svg, "Cy, excluded at stage 3"));
  // Cy stands at every stage: 2, then 2.57142, then 0 once excluded.
  EXPECT_TRUE(Has(svg, "Cy, excluded at stage 3: 2.00000 at the first, 0.00000 at stage 3."));
}

TEST(HtmlStvTest, EscapesNamesEverywhere) {
  const std::string evil = "<script>alert(\"x\")</script> & Co";
  core::BallotSet ballots =
      Ballots({evil, "Bea O'Neil", "<b>Cal</b>"}, {{"AB", 5}, {"AC", 2}, {"B", 3}, {"C", 2}}, {""});
  ballots.title = "Ward <1>";
  ballots.parties = {"P&<Q>", "", ""};
  const Counted counted = CountStv(std::move(ballots), count::StvPreset::kScottish, 2);
  const std::string page = WriteHtml(Declaration(counted.ballots, counted.result));
  const std::string escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co";
  EXPECT_FALSE(Has(page, "<script"));
  EXPECT_FALSE(Has(page, "<b>"));
  EXPECT_TRUE(Has(page, "Surplus of " + escaped + "</span>"));
  EXPECT_TRUE(Has(page, "Exclusion of &lt;b&gt;Cal&lt;/b&gt;"));
  EXPECT_TRUE(Has(page, "<strong>" + escaped + "</strong>, at"));
  EXPECT_TRUE(Has(SvgParts(page), escaped + ", elected at stage 1"));
  EXPECT_TRUE(Has(page, "Bea O&#39;Neil"));
  EXPECT_TRUE(Has(page, "P&amp;&lt;Q&gt;"));
  EXPECT_TRUE(Has(page, "<title>Ward &lt;1&gt;</title>"));
  const std::set<std::string> tags{
      "!DOCTYPE",   "html",   "head", "meta", "title",    "style",   "body",
      "main",       "header", "h1",   "h2",   "p",        "section", "table",
      "thead",      "tbody",  "tr",   "th",   "td",       "div",     "span",
      "svg",        "desc",   "text", "line", "polyline", "circle",  "figure",
      "figcaption", "strong", "a",    "ol",   "li",       "ul",      "footer"};
  const std::regex tag("</?([!A-Za-z0-9]+)");
  for (auto it = std::sregex_iterator(page.begin(), page.end(), tag); it != std::sregex_iterator();
       ++it) {
    EXPECT_TRUE(tags.contains((*it)[1].str())) << it->str();
  }
}

TEST(HtmlStvTest, TheSameCountGivesTheSameBytes) {
  const Counted counted = ThreeStages();
  const std::string page = WriteHtml(Declaration(counted.ballots, counted.result));
  EXPECT_EQ(page, WriteHtml(Declaration(counted.ballots, counted.result)));
  const Counted again = ThreeStages();
  EXPECT_EQ(page, WriteHtml(Declaration(again.ballots, again.result)));
}

TEST(HtmlStvTest, StatesEveryFigureOfTheTextDeclaration) {
  const Counted counted = ThreeStages();
  const Declaration declaration(counted.ballots, counted.result);
  const std::string page = WriteHtml(declaration);
  const std::string text = WriteText(declaration);
  const std::regex figure("[0-9][0-9,.]*[0-9]|[0-9]");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), figure);
       it != std::sregex_iterator(); ++it) {
    EXPECT_TRUE(Has(page, it->str())) << it->str();
  }
}

TEST(HtmlStvTest, MeekShowsTheKeepValuesOfEveryStage) {
  // 9 papers, 2 seats: quota 9 / 3 + 0.000000001 = 3.000000001. Ada (6) is elected at stage 2;
  // her keep value becomes 3.000000001 / 6 rounded up to nine places, 0.500000001, so she
  // keeps 6 x 0.500000001 = 3.000000006 and passes 2.999999994 to Ben (4.999999994), who is
  // elected at stage 3.
  const Counted counted =
      CountStv(Ballots({"Ada", "Ben", "Cy"}, {{"AB", 6}, {"B", 2}, {"C", 1}}, {""}),
               count::StvPreset::kMeek, 2);
  const std::string page = WriteHtml(Declaration(counted.ballots, counted.result));
  EXPECT_TRUE(Has(page, "<h2>Keep values</h2>"));
  EXPECT_EQ(StageRow(page.substr(page.find("id=\"keep\"")), "Ada"),
            "<td>1.000000000</td><td class=\"elected\">1.000000000</td>"
            "<td class=\"held\">0.500000001</td>");
  EXPECT_TRUE(Has(page,
                  "<td class=\"held\">3.000000006<span class=\"change\">&#8722;"
                  "2.999999994</span></td>"));
  EXPECT_TRUE(Has(page, "4.999999994<span class=\"change\">+2.999999994</span>"));
}

TEST(HtmlStvTest, ATieShowsTheLotInItsStage) {
  // 11 papers, 1 seat: quota floor(11 / 2) + 1 = 6. Ben and Cy have 3 each at the first
  // stage with no earlier stage to look at, so lots are drawn and Ben loses; his 3 go to Ada,
  // who reaches the quota with 8.
  const FirstLosesLot lot;
  const Counted counted =
      CountStv(Ballots({"Ada", "Ben", "Cy"}, {{"A", 5}, {"BA", 3}, {"C", 3}}, {""}),
               count::StvPreset::kScottish, 1, &lot);
  const std::string page = WriteHtml(Declaration(counted.ballots, counted.result));
  EXPECT_TRUE(Has(page,
                  "<strong>Stage 2.</strong> Ben and Cy were level. Lots were drawn "
                  "(draw 1):</p>"));
  EXPECT_TRUE(Has(page, "<code>ticket 1 &lt;Ben&gt;</code>"));
  EXPECT_TRUE(Has(page,
                  "<p>Ben drew the lowest ticket. Ben has the fewest votes and is "
                  "excluded"));
  EXPECT_TRUE(Has(page, "<td class=\"elected\">8.00000<span class=\"change\">+3.00000</span>"));
}

TEST(HtmlStvTest, ACountInRoundsSaysSo) {
  const Counted counted =
      CountStv(Ballots({"Ada", "Ben", "Cy"}, {{"AB", 5}, {"AC", 2}, {"B", 3}, {"C", 2}}, {""}),
               count::StvPreset::kSb1288, 2);
  const std::string page = WriteHtml(Declaration(counted.ballots, counted.result));
  EXPECT_TRUE(Has(page, "<h2>Round by round</h2>"));
  EXPECT_TRUE(Has(page, "Round 1</a><span class=\"what\">Then surplus of Ada</span>"));
  EXPECT_TRUE(Has(page, "Each column is a round's tally"));
}

}  // namespace
}  // namespace scrutineer::report
