#pragma once
// The declaration of a count: everything a returning officer reads out and an auditor checks,
// gathered from the ballot set, the count's result and the rules, and written out as text (to
// be read aloud), JSON (our schema, docs/formats/result-json.md), RCTab's summary JSON (to
// compare with that tabulator), CSV (the round table) or one self-contained HTML page with
// charts. Every writer is a pure function of the Declaration: the same count gives the same
// bytes.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/ballot_rules.h"
#include "core/ballot_set.h"
#include "count/result.h"

namespace scrutineer::report {

inline constexpr const char* kTurnoutRule =
    "ballot papers returned (valid and spoilt) / electorate";
inline constexpr const char* kValidTurnoutRule = "valid ballot papers / electorate";

struct Declaration {
  // REQUIRES: `ballots` and `result` outlive the declaration.
  Declaration(const core::BallotSet& ballots, const count::Result& result);

  const core::BallotSet& ballots;
  const count::Result& result;
  std::string title;                  // defaults to the ballot set's title
  core::BallotRules ballot_rules;     // as applied when the ballots were read
  std::optional<int64_t> electorate;  // ballots issued, when known
  // Ballots issued by section (indexed like ballots.sections), when known: the declaration
  // then gives each section's electorate and turnout.
  std::vector<int64_t> electorate_by_section;
  // The turnout counts spoilt papers as returned (Labour 2016's 77.6%); false: valid only.
  bool turnout_counts_spoilt = true;
  core::PaperCounts papers;  // computed from the ballots

  // Helpers shared by the writers.
  const std::string& Name(count::CandidateId candidate) const;
  std::string Votes(core::Votes votes) const;  // formatted with the ballots' places
  // Continuing candidates of a round, most votes first (ties in ballot-paper order).
  std::vector<count::CandidateId> ByVotes(const count::Stage& round) const;
  // Papers not counted for any candidate: blank, rejected, void under the method, or with no
  // usable first preference. (For a motion, blank papers are abstentions, not spoilt.)
  int64_t SpoiltPapers() const;
  // Turnout as the published rule counts it: all papers returned (valid and spoilt) over the
  // electorate, one decimal place. Nothing without an electorate.
  std::optional<std::string> TurnoutPercent() const;
  // Section s's papers returned (valid and spoilt), spoilt, and turnout ("" without an
  // electorate for it).
  int64_t SectionReturned(size_t section) const;
  int64_t SectionSpoilt(size_t section) const;
  std::string SectionTurnout(size_t section) const;
  // With an electorate: those who returned no paper (a motion of a small body reports them).
  std::optional<int64_t> NotVoting() const {
    return electorate ? std::optional<int64_t>(*electorate - papers.total()) : std::nullopt;
  }
  // How the turnout is counted, in words (kTurnoutRule or kValidTurnoutRule).
  const char* TurnoutRule() const {
    return turnout_counts_spoilt ? kTurnoutRule : kValidTurnoutRule;
  }
  // Sections in display form ("registered_supporters" -> "Registered supporters").
  std::string SectionLabel(size_t section) const;

  // The wording every human-readable writer shares, as plain text (HTML escapes it).
  // Votes with thousands separators: "313,209", "1,250.50".
  std::string Figure(core::Votes votes) const;
  // "A", "A and B", "A, B and C".
  std::string NameList(const std::vector<count::CandidateId>& candidates) const;
  // What a round decided, as one sentence: "X has the fewest votes and is excluded."
  std::string DecisionSentence(const count::Stage& round) const;
  // The rules the count followed, one sentence each.
  std::vector<std::string> RuleSentences() const;
  // "Instant-runoff (alternative vote), one to elect", "Block vote, 3 to elect", ...
  std::string MethodLine() const;
  // The method's name in outputs: "instant-runoff", "plurality", "motion", ...
  std::string_view MethodName() const;
  // STV: what a stage did and who it elected, as sentences.
  std::string StvStageSentence(const count::Stage& stage) const;
  // STV: the preset's rules by name ("Scottish STV rules").
  std::string StvRulesName() const;
  // STV: the candidates shown at a stage, in ballot-paper order: all but those excluded (or
  // withdrawn) before it; an elected candidate stays, at the quota once their surplus moved.
  std::vector<count::CandidateId> Standing(const count::Stage& stage) const;
  bool IsStv() const { return result.method == count::Method::kStv; }
  // "Round 2" for instant-runoff; "Stage 2" for STV; "Votes" for a method counted in one stage.
  std::string StageLabel(const count::Stage& stage) const;
  // True for methods whose stages elect by more than half of the continuing votes.
  bool ByMajority() const { return result.method == count::Method::kInstantRunoff; }
  // A motion's threshold in words: "more than half of the votes cast (212)".
  std::string ThresholdText() const;

  // Instant-runoff weighted by a college or points (count::Weighting).
  bool IsWeighted() const { return result.rules.weighting.active(); }
  bool IsCollege() const { return result.rules.weighting.kind == count::WeightingKind::kCollege; }
  // A weighted figure with thousands separators at the weighting's places: "51.49", "16,901.00".
  std::string WeightedFigure(core::Votes weighted) const;
  // What the weighted figures are: "college %" or "points".
  std::string WeightedUnit() const { return IsCollege() ? "college %" : "points"; }
  // "the college" or "the points", for sentences ("more than half of the college").
  std::string WeightedWhole() const { return IsCollege() ? "the college" : "the points"; }
  // What the lower of two candidates had: "fewer votes", or in a weighted count "a smaller
  // share of the college" / "fewer points".
  std::string FewerText() const {
    return !IsWeighted() ? "fewer votes"
                         : (IsCollege() ? "a smaller share of the college" : "fewer points");
  }
  // Section s's share of the college in per cent ("33.33"), at the weighting's places.
  std::string CollegeShare(size_t section) const;
};

std::string WriteText(const Declaration& declaration);
std::string WriteJson(const Declaration& declaration);
std::string WriteRctabJson(const Declaration& declaration);
std::string WriteCsv(const Declaration& declaration);
std::string WriteHtml(const Declaration& declaration);

// The version written into outputs ("Scrutineer 0.1.0").
std::string GeneratedBy();

}  // namespace scrutineer::report
