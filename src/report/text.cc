// The declaration as text, to be read out: the ballot paper account, first preferences by
// section, each round with votes and percentages of the continuing votes, what was decided and
// why, the transfers, and the rules the count followed.

#include "util/text.h"

#include <algorithm>

#include "report/declaration.h"

namespace scrutineer::report {
namespace {

using core::Votes;
using count::CandidateId;
using count::Stage;

// Display width of UTF-8 text: one column per code point.
size_t Width(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string PadRight(std::string_view text, size_t width) {
  std::string out(text);
  out.append(width > Width(text) ? width - Width(text) : 0, ' ');
  return out;
}

std::string PadLeft(std::string_view text, size_t width) {
  std::string out(width > Width(text) ? width - Width(text) : 0, ' ');
  out += text;
  return out;
}

std::string Grouped(const Declaration& d, Votes votes) { return d.Figure(votes); }

std::string Percent(Votes part, Votes whole) { return core::FormatPercent(part, whole) + "%"; }

size_t NameWidth(const Declaration& d) {
  size_t width = 26;
  for (const std::string& name : d.ballots.candidates) {
    width = std::max(width, Width(name) + 2);
  }
  return width;
}

void Line(std::string& out, std::string_view label, const std::string& value, size_t width) {
  out += "  " + PadRight(label, width) + PadLeft(value, 12) + "\n";
}

void PaperAccount(const Declaration& d, std::string& out, size_t width) {
  out += "Ballot papers\n";
  Line(out, "Returned", util::WithThousands(d.papers.total()), width);
  const int64_t spoilt = d.SpoiltPapers();
  Line(out, "Valid", util::WithThousands(d.papers.total() - spoilt), width);
  Line(out, "Blank or spoilt", util::WithThousands(spoilt), width);
  for (const core::Rejection& rejection : d.ballots.rejected) {
    Line(out, "  rejected: " + rejection.reason, util::WithThousands(rejection.papers), width);
  }
  if (d.electorate) {
    Line(out, "Electorate", util::WithThousands(*d.electorate), width);
  }
  if (const auto turnout = d.TurnoutPercent()) {
    Line(out, "Turnout", *turnout + "%", width);
    out += "  (turnout counts " + std::string(d.TurnoutRule()) + ")\n";
  }
  out += "\n";
}

// Each section's spoilt papers, and (with an electorate by section) its electorate and turnout.
void SectionAccount(const Declaration& d, std::string& out, size_t width, size_t column) {
  const auto row = [&](const char* label, auto cell, const std::string& total) {
    out += "  " + PadRight(label, width);
    for (size_t s = 0; s < d.ballots.sections.size(); ++s) {
      out += PadLeft(cell(s) + "        ", column);
    }
    out += PadLeft(total + "        ", column) + "\n";
  };
  row(
      "Spoilt", [&](size_t s) { return util::WithThousands(d.SectionSpoilt(s)); },
      util::WithThousands(d.SpoiltPapers()));
  if (d.electorate_by_section.size() != d.ballots.sections.size()) {
    return;
  }
  row(
      "Electorate", [&](size_t s) { return util::WithThousands(d.electorate_by_section[s]); },
      d.electorate ? util::WithThousands(*d.electorate) : std::string());
  row(
      "Turnout", [&](size_t s) { return d.SectionTurnout(s); },
      d.TurnoutPercent() ? *d.TurnoutPercent() + "%" : std::string());
}

void SectionTable(const Declaration& d, std::string& out, size_t width) {
  if (!d.ballots.has_named_sections() || d.result.stages.empty() ||
      d.result.stages.front().votes_by_section.empty()) {
    return;
  }
  const Stage& first = d.result.stages.front();
  const size_t column = 24;
  out += "First preferences by section\n  " + PadRight("", width);
  for (size_t s = 0; s < d.ballots.sections.size(); ++s) {
    out += PadLeft(d.SectionLabel(s), column);
  }
  out += PadLeft("Total", column) + "\n";
  std::vector<Votes> section_totals(d.ballots.sections.size());
  for (CandidateId c : d.ByVotes(first)) {
    for (size_t s = 0; s < section_totals.size(); ++s) {
      section_totals[s] += first.votes_by_section[s][c.index()];
    }
  }
  for (CandidateId c : d.ByVotes(first)) {
    out += "  " + PadRight(d.Name(c), width);
    for (size_t s = 0; s < section_totals.size(); ++s) {
      const Votes v = first.votes_by_section[s][c.index()];
      out += PadLeft(Grouped(d, v) + "  " + PadLeft(Percent(v, section_totals[s]), 6), column);
    }
    const Votes v = first.votes[c.index()];
    out += PadLeft(Grouped(d, v) + "  " + PadLeft(Percent(v, first.continuing), 6), column) + "\n";
  }
  out += "  " + PadRight("Valid", width);
  for (const Votes& total : section_totals) {
    out += PadLeft(Grouped(d, total) + "        ", column);
  }
  out += PadLeft(Grouped(d, first.continuing) + "        ", column) + "\n";
  SectionAccount(d, out, width, column);
  out += "\n";
}

// How a tie was broken. `loser` is the one the tie went against: excluded, or (between equal
// surpluses) the one whose surplus goes first, having had more votes.
std::string TieText(const Declaration& d, const count::TieRecord& tie, bool surplus = false) {
  std::string text = "  " + d.NameList(tie.tied) + " were level. ";
  const std::string unit = d.IsStv() ? "stage" : "round";
  switch (tie.decided_by) {
    case count::TieStep::kBackward:
    case count::TieStep::kForward:
      text += "At " + unit + " " + std::to_string(tie.round_looked_at) + " " + d.Name(tie.loser) +
              (surplus ? " had more votes, so that surplus goes first" : " had " + d.FewerText()) +
              " (tie rule: " + std::string(count::TieStepName(tie.decided_by)) +
              " through earlier " + unit + "s).\n";
      break;
    case count::TieStep::kOrder:
      text += d.Name(tie.loser) + " comes first in the given tie order.\n";
      break;
    case count::TieStep::kLot:
      text += "Lots were drawn (draw " + std::to_string(tie.draw) + "):\n";
      for (const count::Lot::Ticket& ticket : tie.tickets) {
        text += "    " + d.Name(ticket.candidate) + ": " + ticket.ticket + "\n";
      }
      text += "  " + d.Name(tie.loser) + " drew the lowest ticket.\n";
      break;
  }
  return text;
}

void TransferText(const Declaration& d, const count::Transfer& transfer, std::string& out) {
  out += "  Transfer of " + d.Name(transfer.from) + "'s " + Grouped(d, transfer.votes) + " votes:";
  std::string separator = " ";
  for (size_t c = 0; c < transfer.to.size(); ++c) {
    if (transfer.to[c] > Votes()) {
      out += separator + d.ballots.candidates[c] + " +" + Grouped(d, transfer.to[c]);
      separator = ", ";
    }
  }
  out += separator + "non-transferable " + Grouped(d, count::Total(transfer.exhausted)) + "\n";
}

// A college's shares by section: a row a candidate, a column a section.
void CollegeBySection(const Declaration& d, const Stage& round, std::string& out, size_t width) {
  size_t column = 14;
  for (size_t s = 0; s < d.ballots.sections.size(); ++s) {
    column = std::max(column, Width(d.SectionLabel(s)) + 2);
  }
  out += "  " + PadRight("College % by section", width);
  for (size_t s = 0; s < d.ballots.sections.size(); ++s) {
    out += PadLeft(d.SectionLabel(s), column);
  }
  out += "\n";
  for (CandidateId c : d.ByVotes(round)) {
    out += "  " + PadRight("  " + d.Name(c), width);
    for (size_t s = 0; s < d.ballots.sections.size(); ++s) {
      out += PadLeft(d.WeightedFigure(round.weighted_by_section[s][c.index()]), column);
    }
    out += "\n";
  }
}

// A round of a weighted count: votes, then the college share or points that decide.
void WeightedRoundText(const Declaration& d, const Stage& round, std::string& out, size_t width) {
  out += PadRight(d.StageLabel(round), width + 2) + PadLeft("votes", 12) +
         PadLeft(d.WeightedUnit(), 14) + "\n";
  for (CandidateId c : d.ByVotes(round)) {
    out += "  " + PadRight(d.Name(c), width) + PadLeft(Grouped(d, round.votes[c.index()]), 12) +
           PadLeft(d.WeightedFigure(round.weighted[c.index()]), 14) + "\n";
  }
  out += "  " + PadRight("Continuing", width) + PadLeft(Grouped(d, round.continuing), 12) +
         PadLeft(d.WeightedFigure(round.weighted_continuing), 14) + "\n";
  out += "  " + PadRight("Non-transferable so far", width) +
         PadLeft(Grouped(d, round.exhausted_total()), 12) + "\n";
  if (d.IsCollege()) {
    CollegeBySection(d, round, out, width);
  }
  out += "  To be elected: more than half of " + d.WeightedFigure(round.weighted_continuing) +
         (d.IsCollege() ? " per cent of the college" : " points") + ".\n";
  if (round.tie) {
    out += TieText(d, *round.tie);
  }
  out += "  " + d.DecisionSentence(round) + "\n";
  for (const count::Transfer& transfer : round.transfers) {
    TransferText(d, transfer, out);
  }
  out += "\n";
}

void RoundText(const Declaration& d, const Stage& round, std::string& out, size_t width) {
  if (d.IsWeighted()) {
    WeightedRoundText(d, round, out, width);
    return;
  }
  out += PadRight(d.StageLabel(round), width + 2) + PadLeft("votes", 12) + PadLeft("%", 8) + "\n";
  for (CandidateId c : d.ByVotes(round)) {
    const Votes v = round.votes[c.index()];
    out += "  " + PadRight(d.Name(c), width) + PadLeft(Grouped(d, v), 12) +
           PadLeft(core::FormatPercent(v, round.continuing), 8) + "\n";
  }
  out += "  " + PadRight(d.ByMajority() ? "Continuing votes" : "Valid votes", width) +
         PadLeft(Grouped(d, round.continuing), 12) + "\n";
  if (d.ByMajority()) {
    out += "  " + PadRight("Non-transferable so far", width) +
           PadLeft(Grouped(d, round.exhausted_total()), 12) + "\n";
    out += "  More than half of the continuing votes is " + Grouped(d, round.threshold) + ".\n";
  }
  if (round.tie) {
    out += TieText(d, *round.tie);
  }
  out += "  " + d.DecisionSentence(round) + "\n";
  for (const count::Transfer& transfer : round.transfers) {
    TransferText(d, transfer, out);
  }
  out += "\n";
}

// A signed change in votes: "+7.13482", "-129.00000", "" when nothing changed.
std::string Change(const Declaration& d, Votes now, Votes before) {
  if (now == before) {
    return "";
  }
  return now > before ? "+" + Grouped(d, now - before) : "-" + Grouped(d, before - now);
}

std::string StvState(const Stage& stage, CandidateId c) {
  const auto in = [c](const std::vector<CandidateId>& list) {
    return std::find(list.begin(), list.end(), c) != list.end();
  };
  if (in(stage.elected)) {
    return "elected";
  }
  if (in(stage.excluded)) {
    return "excluded";
  }
  return stage.state[c.index()] == count::CandidateState::kElected ? "(elected)" : "";
}

// An STV stage: every candidate not yet excluded with their votes after the stage and the
// change it made, the non-transferable papers and the rounding loss, the quota, and what the
// stage did.
void StvStageText(const Declaration& d, const Stage& stage, const Stage* before, std::string& out,
                  size_t width) {
  const auto change = [&](Votes now, Votes then) {
    return before == nullptr ? std::string() : Change(d, now, then);
  };
  out += PadRight(d.StageLabel(stage), width + 2) + PadLeft("votes", 16) + PadLeft("change", 16) +
         "\n";
  for (CandidateId c : d.Standing(stage)) {
    const Votes v = stage.votes[c.index()];
    std::string line = "  " + PadRight(d.Name(c), width) + PadLeft(Grouped(d, v), 16) +
                       PadLeft(change(v, before ? before->votes[c.index()] : Votes()), 16) + "   " +
                       StvState(stage, c);
    line.erase(line.find_last_not_of(' ') + 1);
    out += line + "\n";
  }
  const auto total_line = [&](const char* label, Votes now, Votes then) {
    std::string line = "  " + PadRight(label, width) + PadLeft(Grouped(d, now), 16) +
                       PadLeft(change(now, then), 16);
    line.erase(line.find_last_not_of(' ') + 1);
    out += line + "\n";
  };
  total_line("Non-transferable", stage.exhausted_total(),
             before ? before->exhausted_total() : Votes());
  total_line("Lost to rounding", stage.loss, before ? before->loss : Votes());
  out += "  " + PadRight("Quota", width) + PadLeft(Grouped(d, stage.threshold), 16) + "\n";
  if (stage.tie) {
    out += TieText(d, *stage.tie, stage.decision == count::Decision::kSurplus);
  }
  for (const count::TieRecord& tie : stage.more_ties) {
    out += TieText(d, tie, stage.decision == count::Decision::kSurplus);
  }
  out += "  " + d.DecisionSentence(stage) + "\n\n";
}

void MotionText(const Declaration& d, std::string& out, size_t width) {
  const count::MotionOutcome& m = *d.result.motion;
  const Votes cast = m.votes_for + m.votes_against;
  out += PadRight("Votes", width + 2) + PadLeft("votes", 12) + PadLeft("%", 8) + "\n";
  out += "  " + PadRight("For: " + d.Name(m.for_option), width) +
         PadLeft(Grouped(d, m.votes_for), 12) + PadLeft(core::FormatPercent(m.votes_for, cast), 8) +
         "\n";
  out += "  " + PadRight("Against: " + d.Name(m.against_option), width) +
         PadLeft(Grouped(d, m.votes_against), 12) +
         PadLeft(core::FormatPercent(m.votes_against, cast), 8) + "\n";
  out += "  " + PadRight("Abstentions (blank papers)", width) +
         PadLeft(util::WithThousands(m.abstentions), 12) + "\n";
  out += "  " + PadRight("Spoilt", width) + PadLeft(util::WithThousands(m.spoilt), 12) + "\n";
  if (const auto not_voting = d.NotVoting()) {
    out +=
        "  " + PadRight("Not voting", width) + PadLeft(util::WithThousands(*not_voting), 12) + "\n";
  }
  out += "  To be carried, the votes for must be " + d.ThresholdText() + ": " +
         Grouped(d, m.needed) + " or more.\n";
  out += "  " + d.DecisionSentence(d.result.stages.front()) + "\n\n";
}

// One table of a Condorcet count: table[row][column], the row's votes over the column.
void MatrixText(const Declaration& d, const std::string& heading,
                const std::vector<std::vector<Votes>>& table, std::string& out, size_t width) {
  const std::vector<CandidateId>& order = d.result.pairwise->order;
  out += heading + "\n  " + PadRight("", width);
  for (CandidateId b : order) {
    out += PadLeft(d.Name(b).substr(0, 10), 12);
  }
  out += "\n";
  for (CandidateId a : order) {
    out += "  " + PadRight(d.Name(a), width);
    for (CandidateId b : order) {
      out += PadLeft(a == b ? "-" : Grouped(d, table[a.index()][b.index()]), 12);
    }
    out += "\n";
  }
  out += "\n";
}

// The pairwise table and the method's working of a Condorcet count.
void PairwiseText(const Declaration& d, std::string& out, size_t width) {
  const count::Pairwise& pairwise = *d.result.pairwise;
  MatrixText(d, "Pairwise comparisons (votes preferring the row to the column)", pairwise.wins, out,
             width);
  if (!pairwise.strongest.empty()) {
    MatrixText(d, "Strongest paths (Schulze)", pairwise.strongest, out, width);
  }
  for (const count::Pairwise::Pair& pair : pairwise.pairs) {
    out += "  " + d.Name(pair.winner) + " over " + d.Name(pair.loser) + " " +
           Grouped(d, pairwise.wins[pair.winner.index()][pair.loser.index()]) + " to " +
           Grouped(d, pairwise.wins[pair.loser.index()][pair.winner.index()]) +
           (pair.locked ? ": locked\n" : ": skipped, it would close a cycle\n");
  }
  out += std::string(pairwise.pairs.empty() ? "" : "\n") + "Order: " + d.NameList(pairwise.order) +
         "\n\n";
}

void RulesText(const Declaration& d, std::string& out) {
  out += "Rules\n";
  for (const std::string& sentence : d.RuleSentences()) {
    out += "  " + sentence + "\n";
  }
}

}  // namespace

std::string WriteText(const Declaration& d) {
  const size_t width = NameWidth(d);
  std::string out;
  out += d.title.empty() ? "Result of the count" : d.title;
  out += '\n';
  out += d.MethodLine();
  out += "\n\n";
  PaperAccount(d, out, width);
  if (d.result.motion) {
    MotionText(d, out, width);
    RulesText(d, out);
    return out;
  }
  SectionTable(d, out, width);
  const Stage* before = nullptr;
  for (const Stage& round : d.result.stages) {
    if (d.IsStv()) {
      StvStageText(d, round, before, out, width);
    } else {
      RoundText(d, round, out, width);
    }
    before = &round;
  }
  if (d.result.pairwise) {
    PairwiseText(d, out, width);
  }
  out += "Result\n  " + d.NameList(d.result.elected) +
         (d.result.elected.size() == 1 ? " is elected.\n" : " are elected.\n");
  const auto unfilled = static_cast<size_t>(d.result.seats) - d.result.elected.size();
  if (unfilled > 0 && d.result.elected.size() < static_cast<size_t>(d.result.seats)) {
    out += "  " + std::to_string(unfilled) + " of the " + std::to_string(d.result.seats) +
           " seats remain unfilled: too few candidates stood.\n";
  }
  out += "\n";
  RulesText(d, out);
  return out;
}

}  // namespace scrutineer::report
