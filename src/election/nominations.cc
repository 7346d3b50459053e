#include "election/nominations.h"

#include <algorithm>

#include "election/eliminating.h"
#include "formats/csv_table.h"
#include "util/text.h"

namespace scrutineer::election {
namespace {

using util::Error;
using util::ErrorCode;

util::Result<const core::Contest*> NominatedContest(const Election& election,
                                                    const std::string& contest) {
  for (const core::Contest& c : election.definition.contests) {
    if (c.id == contest) {
      if (!c.nominations) {
        return Error(ErrorCode::kInvalidArgument,
                     "contest '" + contest + "' has no nominations in its definition",
                     election.record.id);
      }
      return &c;
    }
  }
  return Error(ErrorCode::kNotFound, "there is no contest '" + contest + "'", election.record.id);
}

// Loads the election and its nominated contest, requiring one of `states`.
util::Result<std::pair<Election, const core::Contest*>> Load(
    const store::Store& store, const std::string& id, const std::string& contest,
    std::initializer_list<core::ElectionState> states, const char* what) {
  auto election = LoadElection(store, id);
  if (!election.ok()) {
    return election.error();
  }
  if (std::find(states.begin(), states.end(), election->state) == states.end()) {
    return Error(
        ErrorCode::kConflict,
        std::string(what) + " not now: the election is in state '" + election->record.state + "'",
        id);
  }
  auto found = NominatedContest(*election, contest);
  if (!found.ok()) {
    return found.error();
  }
  // (The contest pointer is into the definition, which moves with the election.)
  const size_t index = static_cast<size_t>(*found - election->definition.contests.data());
  std::pair<Election, const core::Contest*> loaded{std::move(election.value()), nullptr};
  loaded.second = &loaded.first.definition.contests[index];
  return loaded;
}

util::Result<std::vector<store::NominatorRecord>> ReadNominators(const std::string& path) {
  auto table = formats::CsvTable::OpenPath(path);
  if (!table.ok()) {
    return table.error();
  }
  const int id = (*table)->Column("id");
  if (id < 0) {
    return Error(ErrorCode::kInvalidInput, "the header has no column id", path + ":1");
  }
  std::vector<store::NominatorRecord> nominators;
  while (true) {
    auto row = (*table)->Next();
    if (!row.ok()) {
      return row.error();
    }
    if (!*row) {
      return nominators;
    }
    nominators.push_back(
        {std::string((*table)->Field(id)), std::string((*table)->Field((*table)->Column("name")))});
  }
}

}  // namespace

util::Result<int64_t> ImportNominators(store::Store& store, const std::string& id,
                                       const std::string& contest, const std::string& path,
                                       int64_t now) {
  auto loaded =
      Load(store, id, contest, {core::ElectionState::kDraft, core::ElectionState::kNominations},
           "the nominating body can be set");
  auto nominators = ReadNominators(path);
  if (!loaded.ok() || !nominators.ok()) {
    return loaded.ok() ? nominators.error() : loaded.error();
  }
  const std::string detail =
      "contest " + contest + ": " + std::to_string(nominators->size()) + " nominators from " + path;
  if (util::Status set =
          store.SetNominators(id, contest, *nominators, {now, "nominators set", detail});
      !set.ok()) {
    return set.error();
  }
  return static_cast<int64_t>(nominators->size());
}

util::Status Nominate(store::Store& store, const std::string& id, const std::string& contest,
                      const std::string& nominator, const std::string& candidate, int64_t now) {
  auto loaded = Load(store, id, contest, {core::ElectionState::kNominations}, "nominations");
  if (!loaded.ok()) {
    return loaded.error();
  }
  const auto& [election, c] = *loaded;
  if (now >= election.definition.timetable.nominations_close) {
    return Error(
        ErrorCode::kConflict,
        "nominations closed at " + IsoTime(election.definition.timetable.nominations_close), id);
  }
  if (!c->candidates.empty() &&
      std::find(c->candidates.begin(), c->candidates.end(), candidate) == c->candidates.end()) {
    return Error(ErrorCode::kInvalidArgument,
                 "'" + candidate + "' is not a candidate listed for contest '" + contest + "'", id);
  }
  return store.Nominate(
      id, contest, nominator, candidate,
      {now, "nomination", "contest " + contest + ": " + nominator + " nominates " + candidate});
}

util::Status Consent(store::Store& store, const std::string& id, const std::string& contest,
                     const std::string& candidate, int64_t now) {
  auto loaded = Load(store, id, contest, {core::ElectionState::kNominations}, "consent");
  if (!loaded.ok()) {
    return loaded.error();
  }
  return store.SetCandidacy(id, contest, candidate, false,
                            {now, "consent", "contest " + contest + ": " + candidate});
}

util::Status Withdraw(store::Store& store, const std::string& id, const std::string& contest,
                      const std::string& candidate, int64_t now) {
  auto loaded =
      Load(store, id, contest, {core::ElectionState::kDraft, core::ElectionState::kNominations},
           "a withdrawal before the ballot opens");
  if (!loaded.ok()) {
    return loaded.error();
  }
  return store.SetCandidacy(id, contest, candidate, true,
                            {now, "withdrawal", "contest " + contest + ": " + candidate});
}

util::Result<NominationsStatus> NominationsOf(const store::Store& store, const Election& election,
                                              const std::string& contest) {
  auto c = NominatedContest(election, contest);
  if (!c.ok()) {
    return c.error();
  }
  auto counts = store.CountNominations(election.record.id, contest);
  if (!counts.ok()) {
    return counts.error();
  }
  const core::Nominations& rules = *(*c)->nominations;
  NominationsStatus status{
      contest, rules.body, rules.body_size, core::NominationsNeeded(rules), {}};
  for (const std::string& name : rules.automatic) {
    status.nominees.push_back({name, 0, true, true, false, false});
  }
  for (const store::NominationCount& count : *counts) {
    auto at = std::find_if(status.nominees.begin(), status.nominees.end(),
                           [&](const Nominee& n) { return n.candidate == count.candidate; });
    if (at == status.nominees.end()) {
      at = status.nominees.insert(status.nominees.end(),
                                  {count.candidate, 0, false, false, false, false});
    }
    at->nominations = count.nominations;
    at->consented = at->automatic || count.consented;
    at->withdrawn = count.withdrawn;
  }
  for (Nominee& nominee : status.nominees) {
    nominee.valid = !nominee.withdrawn && nominee.consented &&
                    (nominee.automatic || nominee.nominations >= status.needed);
  }
  return status;
}

// The contest's ballot paper: its valid candidates, in the order the definition lists them,
// then by name.
std::vector<std::string> PaperOf(const NominationsStatus& status, const core::Contest& contest) {
  std::vector<std::string> paper;
  for (const std::string& listed : contest.candidates) {
    for (const Nominee& n : status.nominees) {
      if (n.valid && n.candidate == listed) {
        paper.push_back(listed);
      }
    }
  }
  std::vector<std::string> others;
  for (const Nominee& n : status.nominees) {
    if (n.valid && std::find(paper.begin(), paper.end(), n.candidate) == paper.end()) {
      others.push_back(n.candidate);
    }
  }
  std::sort(others.begin(), others.end());
  paper.insert(paper.end(), others.begin(), others.end());
  return paper;
}

// The ballot paper of a nominated contest: the validly nominated, or those its eliminating
// ballots leave standing, once they are over.
util::Result<std::vector<std::string>> PaperFor(const store::Store& store, const Election& election,
                                                const core::Contest& contest) {
  if (contest.eliminating_ballots) {
    auto ballots = EliminatingBallotsOf(store, election, contest.id);
    if (!ballots.ok() || !ballots->finished()) {
      return ballots.ok() ? Error(ErrorCode::kConflict,
                                  "contest '" + contest.id + "' has " +
                                      std::to_string(ballots->standing.size()) +
                                      " candidates standing after " +
                                      std::to_string(ballots->ballots.size()) +
                                      " eliminating ballots; they go on until " +
                                      std::to_string(ballots->finalists) + " remain",
                                  election.record.id)
                          : util::Result<std::vector<std::string>>(ballots.error());
    }
    return ballots->standing;
  }
  auto status = NominationsOf(store, election, contest.id);
  if (!status.ok()) {
    return status.error();
  }
  return PaperOf(*status, contest);
}

util::Status FixBallotPapers(store::Store& store, const Election& election, int64_t now) {
  for (const core::Contest& contest : election.definition.contests) {
    auto fixed = store.BallotPaper(election.record.id, contest.id);
    if (!contest.nominations || (fixed.ok() && fixed->has_value())) {
      continue;
    }
    auto paper = PaperFor(store, election, contest);
    if (!paper.ok()) {
      return paper.error();
    }
    if (paper->empty()) {
      return Error(ErrorCode::kConflict,
                   "contest '" + contest.id + "' has no validly nominated candidate",
                   election.record.id);
    }
    const std::string detail = "contest " + contest.id + ": " +
                               (paper->size() == 1 ? paper->front() + " elected unopposed"
                                                   : std::to_string(paper->size()) + " candidates");
    if (util::Status set = store.FixBallotPaper(election.record.id, contest.id, *paper,
                                                {now, "ballot paper", detail});
        !set.ok()) {
      return set;
    }
  }
  return {};
}

std::string NominationsText(const NominationsStatus& status) {
  std::string text = "Contest " + status.contest + ": nominations by " + status.body + " (" +
                     util::WithThousands(status.body_size) + "); " +
                     util::WithThousands(status.needed) + " needed\n";
  for (const Nominee& n : status.nominees) {
    text += "  " + n.candidate + ": " +
            (n.automatic ? std::string("on the ballot automatically")
                         : util::WithThousands(n.nominations) + " nominations") +
            (n.withdrawn ? ", withdrawn" : (n.consented ? ", consented" : ", not yet consented")) +
            (n.valid ? " - on the ballot\n" : "\n");
  }
  return text;
}

}  // namespace scrutineer::election
