// The round table as CSV: a row per candidate, then the non-transferable and continuing
// totals; for each round its votes, its percentage of the continuing votes and the transfer
// that followed it; and how each candidate finished.

#include "report/declaration.h"
#include "util/text.h"

namespace scrutineer::report {
namespace {

using core::Votes;

std::string Outcome(const Declaration& d, size_t candidate) {
  const std::string unit = d.IsStv() && !d.result.stages_are_rounds ? " at stage " : " in round ";
  for (const count::Stage& round : d.result.stages) {
    for (count::CandidateId c : round.elected) {
      if (c.index() == candidate) {
        return "elected" + unit + std::to_string(round.number);
      }
    }
    for (count::CandidateId c : round.excluded) {
      if (c.index() == candidate) {
        return "excluded" + unit + std::to_string(round.number);
      }
    }
  }
  const bool withdrawn = !d.result.stages.empty() &&
                         d.result.stages[0].state[candidate] == count::CandidateState::kWithdrawn;
  return withdrawn ? "withdrawn" : "not elected";
}

// The columns of each round: a weighted count adds the college share or points.
std::vector<std::string> RoundColumns(const Declaration& d) {
  if (d.IsWeighted()) {
    return {"_votes", "_percent", d.IsCollege() ? "_college" : "_points", "_transfer"};
  }
  return {"_votes", "_percent", "_transfer"};
}

std::string Header(const Declaration& d) {
  std::string line = "candidate";
  for (const count::Stage& round : d.result.stages) {
    const std::string n = std::to_string(round.number);
    for (const std::string& column : RoundColumns(d)) {
      line += ",round_";
      line += n;
      line += column;
    }
  }
  return line + ",outcome\n";
}

// What a round's transfers did to a candidate: received, less all they gave up if excluded.
Votes NetTransfer(const count::Stage& round, count::CandidateId candidate) {
  Votes net = round.TransferredTo(candidate);
  for (const count::Transfer& transfer : round.transfers) {
    if (transfer.from == candidate) {
      net -= transfer.votes;
    }
  }
  return net;
}

std::string CandidateRow(const Declaration& d, size_t c) {
  const count::CandidateId id(static_cast<uint16_t>(c));
  std::string line = util::CsvField(d.ballots.candidates[c]);
  for (const count::Stage& round : d.result.stages) {
    if (round.state[c] != count::CandidateState::kContinuing) {
      line += d.IsWeighted() ? ",,,," : ",,,";
      continue;
    }
    // (Appending piece by piece: GCC 12 warns falsely on "," + std::string.)
    line += ',';
    line += d.Votes(round.votes[c]);
    line += ',';
    line += core::FormatPercent(round.votes[c], round.continuing);
    if (d.IsWeighted()) {
      line += ',';
      line += core::FormatVotes(round.weighted[c], d.result.rules.weighting.places);
    }
    line += ',';
    line += round.transfers.empty() ? std::string() : d.Votes(NetTransfer(round, id));
  }
  line += ',';
  line += Outcome(d, c);
  line += '\n';
  return line;
}

}  // namespace

// After the round table of a Condorcet count, a blank line and the pairwise table: the votes
// preferring the row's candidate to the column's.
void PairwiseRows(const Declaration& d, std::string& out) {
  const count::Pairwise& pairwise = *d.result.pairwise;
  out += "\npairwise";
  for (count::CandidateId b : pairwise.order) {
    out += ',';
    out += util::CsvField(d.Name(b));
  }
  out += '\n';
  for (count::CandidateId a : pairwise.order) {
    out += util::CsvField(d.Name(a));
    for (count::CandidateId b : pairwise.order) {
      out += ',';
      out += a == b ? std::string() : d.Votes(pairwise.wins[a.index()][b.index()]);
    }
    out += '\n';
  }
}

// A motion as rows: each option's votes, the abstentions, the spoilt, and the outcome.
std::string MotionCsv(const Declaration& d) {
  const count::MotionOutcome& m = *d.result.motion;
  std::string out = "line,value\n";
  out += "for," + d.Votes(m.votes_for) + "\n";
  out += "against," + d.Votes(m.votes_against) + "\n";
  out += "abstentions," + std::to_string(m.abstentions) + "\n";
  out += "spoilt," + std::to_string(m.spoilt) + "\n";
  out += "needed," + d.Votes(m.needed) + "\n";
  out += std::string("carried,") + (m.carried ? "yes" : "no") + "\n";
  return out;
}

// A row of the STV stage table: `label`, then for each stage the figure and its change from
// the stage before, both empty where `shown` is false.
template <typename Figure, typename Shown>
void StvRow(const Declaration& d, const std::string& label, Figure figure, Shown shown,
            std::string& out) {
  out += util::CsvField(label);
  const count::Stage* before = nullptr;
  for (const count::Stage& stage : d.result.stages) {
    out += ',';
    out += shown(stage) ? d.Votes(figure(stage)) : std::string();
    out += ',';
    out += shown(stage) && before != nullptr ? d.Votes(figure(stage) - figure(*before))
                                             : std::string();
    before = &stage;
  }
}

// STV as a stage table: a row per candidate with the votes after each stage and the change
// it made (empty once excluded), then the non-transferable votes, the rounding loss and the
// quota, and how each candidate finished.
std::string StvCsv(const Declaration& d) {
  std::string out = "candidate";
  for (const count::Stage& stage : d.result.stages) {
    const std::string n = std::to_string(stage.number);
    for (const char* column : {"_votes", "_change"}) {
      out += ",stage_";
      out += n;
      out += column;
    }
  }
  out += ",outcome\n";
  for (size_t c = 0; c < d.ballots.candidates.size(); ++c) {
    const auto standing = [c](const count::Stage& stage) {
      return stage.state[c] == count::CandidateState::kContinuing ||
             stage.state[c] == count::CandidateState::kElected;
    };
    StvRow(
        d, d.ballots.candidates[c], [c](const count::Stage& stage) { return stage.votes[c]; },
        standing, out);
    out += ',';
    out += util::CsvField(Outcome(d, c));
    out += '\n';
  }
  const auto always = [](const count::Stage&) { return true; };
  StvRow(
      d, "Non-transferable", [](const count::Stage& s) { return s.exhausted_total(); }, always,
      out);
  out += ",\n";
  StvRow(
      d, "Lost to rounding", [](const count::Stage& s) { return s.loss; }, always, out);
  out += ",\n";
  StvRow(
      d, "Quota", [](const count::Stage& s) { return s.threshold; }, always, out);
  out += ",\n";
  return out;
}

std::string WriteCsv(const Declaration& d) {
  if (d.result.motion) {
    return MotionCsv(d);
  }
  if (d.IsStv()) {
    return StvCsv(d);
  }
  std::string out = Header(d);
  for (size_t c = 0; c < d.ballots.candidates.size(); ++c) {
    out += CandidateRow(d, c);
  }
  std::string exhausted = "Non-transferable";
  std::string continuing = "Continuing";
  for (const count::Stage& round : d.result.stages) {
    exhausted += ',';
    exhausted += d.Votes(round.exhausted_total());
    exhausted += d.IsWeighted() ? ",,," : ",,";
    exhausted += round.transfers.empty() ? std::string() : d.Votes(round.TransferredToExhausted());
    continuing += ',';
    continuing += d.Votes(round.continuing);
    continuing += ",100.0,";
    if (d.IsWeighted()) {
      continuing += core::FormatVotes(round.weighted_continuing, d.result.rules.weighting.places);
      continuing += ',';
    }
  }
  out += exhausted;
  out += ",\n";
  out += continuing;
  out += ",\n";
  if (d.result.pairwise) {
    PairwiseRows(d, out);
  }
  return out;
}

}  // namespace scrutineer::report
