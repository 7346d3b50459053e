// The PostgreSQL store's ballots: casting a batch, reading and counting (see
// postgres_store_impl.h).

#include <algorithm>
#include <unordered_set>

#include "store/postgres_store_impl.h"

namespace scrutineer::store::detail {
namespace {

BallotRecord BallotFrom(const PgResult& rows, int row) {
  return {rows.Text(row, 0), rows.Text(row, 1), rows.Text(row, 2),
          rows.Text(row, 3), rows.Text(row, 4), rows.Text(row, 5)};
}

// The stored state of each credential in `hashes`.
util::Result<std::map<std::string, CredentialState>> StatesOf(const PgDb& db,
                                                              const std::string& election,
                                                              PgArray hashes) {
  std::map<std::string, CredentialState> states;
  if (hashes.size() == 0) {
    return states;
  }
  auto rows = db.Query(
      "SELECT code_hash, state FROM credential WHERE election = $1 AND code_hash = ANY($2::text[])",
      {election, hashes.Take()});
  if (!rows.ok()) {
    return rows.error();
  }
  for (int row = 0; row < rows->Rows(); ++row) {
    states[rows->Text(row, 0)] = static_cast<CredentialState>(rows->Int(row, 1));
  }
  return states;
}

}  // namespace

// Spends every issued credential the requests name, at once: code hash -> the voter's section.
util::Result<std::map<std::string, std::string>> PostgresStore::SpendCredentials(
    const std::string& election, const std::vector<CastRequest>& requests) {
  PgArray hashes;
  for (const CastRequest& request : requests) {
    hashes.Add(request.code_hash);
  }
  auto rows = db_.Query(
      "UPDATE credential c SET state = 1 FROM voter v WHERE c.election = $1 "
      "AND c.code_hash = ANY($2::text[]) AND c.state = 0 AND v.election = c.election "
      "AND v.number = c.voter RETURNING c.code_hash, v.section",
      {election, hashes.Take()});
  if (!rows.ok()) {
    return rows.error();
  }
  std::map<std::string, std::string> spent;
  for (int row = 0; row < rows->Rows(); ++row) {
    spent[rows->Text(row, 0)] = rows->Text(row, 1);
  }
  return spent;
}

// Each request's outcome, in order, given the credentials spent by this batch: the first
// request with one is accepted, any later one with the same credential finds it spent.
util::Result<std::vector<CastOutcome>> PostgresStore::Outcomes(
    const std::string& election, const std::vector<CastRequest>& requests,
    const std::map<std::string, std::string>& spent) {
  PgArray others;
  for (const CastRequest& request : requests) {
    if (!spent.contains(request.code_hash)) {
      others.Add(request.code_hash);
    }
  }
  auto states = StatesOf(db_, election, std::move(others));
  if (!states.ok()) {
    return states.error();
  }
  std::vector<CastOutcome> outcomes;
  std::unordered_set<std::string_view> used;
  for (const CastRequest& request : requests) {
    if (spent.contains(request.code_hash)) {
      const bool first = used.insert(request.code_hash).second;
      outcomes.push_back(first ? CastOutcome::kAccepted : CastOutcome::kSpent);
      continue;
    }
    auto state = states->find(request.code_hash);
    outcomes.push_back(state == states->end()                     ? CastOutcome::kUnknown
                       : state->second == CredentialState::kSpent ? CastOutcome::kSpent
                                                                  : CastOutcome::kRevoked);
  }
  return outcomes;
}

// Stores the ballots of the accepted requests, each with its voter's section.
util::Status PostgresStore::InsertBallots(const std::string& election,
                                          const std::vector<CastRequest>& requests,
                                          const std::vector<CastOutcome>& outcomes,
                                          const std::map<std::string, std::string>& spent) {
  std::vector<std::pair<const BallotRecord*, const std::string*>> ballots;
  for (size_t i = 0; i < requests.size(); ++i) {
    if (outcomes[i] != CastOutcome::kAccepted) {
      continue;
    }
    const std::string& section = spent.at(requests[i].code_hash);
    for (const BallotRecord& ballot : requests[i].ballots) {
      ballots.emplace_back(&ballot, &section);
    }
  }
  // Written in key order, which is random, so that where the rows lie on disk says nothing of
  // the order in which they were cast within the batch.
  std::sort(ballots.begin(), ballots.end(),
            [](const auto& a, const auto& b) { return a.first->key < b.first->key; });
  PgArray keys, contests, sections, channels, preferences, tracking_codes;
  for (const auto& [ballot, section] : ballots) {
    keys.Add(ballot->key);
    contests.Add(ballot->contest);
    sections.Add(*section);
    channels.Add(ballot->channel);
    preferences.Add(ballot->preferences);
    tracking_codes.Add(ballot->tracking_code);
  }
  if (ballots.empty()) {
    return {};
  }
  return db_.Execute(
      "INSERT INTO ballot (election, key, contest, section, channel, preferences, tracking_code) "
      "SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], "
      "$7::text[])",
      {election, keys.Take(), contests.Take(), sections.Take(), channels.Take(), preferences.Take(),
       tracking_codes.Take()});
}

util::Result<std::vector<CastOutcome>> PostgresStore::Cast(
    const std::string& election, const std::vector<CastRequest>& requests) {
  auto transaction = PgTransaction::Begin(db_);
  if (!transaction.ok()) {
    return transaction.error();
  }
  auto log = PgAuditLog::Start(db_, election, hasher_);
  if (!log.ok()) {
    return log.error();
  }
  auto spent = SpendCredentials(election, requests);
  if (!spent.ok()) {
    return spent.error();
  }
  auto outcomes = Outcomes(election, requests, *spent);
  if (!outcomes.ok()) {
    return outcomes.error();
  }
  if (util::Status stored = InsertBallots(election, requests, *outcomes, *spent); !stored.ok()) {
    return stored.error();
  }
  for (size_t i = 0; i < requests.size(); ++i) {
    if ((*outcomes)[i] == CastOutcome::kAccepted) {
      log->Add(requests[i].event);
    }
  }
  util::Status done = log->Write();
  if (done.ok()) {
    done = transaction->Commit();
  }
  return done.ok() ? std::move(outcomes) : done.error();
}

util::Status PostgresStore::ForEachBallot(
    const std::string& election, const std::string& contest,
    const std::function<bool(const BallotRecord&)>& visit) const {
  return WalkPages<BallotRecord>(
      db_,
      "SELECT key, contest, section, channel, preferences, tracking_code FROM ballot "
      "WHERE election = $1 AND contest = $2 AND ($4 OR key > $3) ORDER BY key LIMIT " +
          std::to_string(kPgPage),
      {election, contest}, 0, BallotFrom, visit);
}

util::Result<std::vector<ReturnCount>> PostgresStore::CountBallots(
    const std::string& election) const {
  auto rows = db_.Query(
      "SELECT contest, section, channel, count(*) FROM ballot WHERE election = $1 "
      "GROUP BY contest, section, channel ORDER BY contest, section, channel",
      {election});
  if (!rows.ok()) {
    return rows.error();
  }
  std::vector<ReturnCount> counts;
  counts.reserve(static_cast<size_t>(rows->Rows()));
  for (int row = 0; row < rows->Rows(); ++row) {
    counts.push_back(
        {rows->Text(row, 0), rows->Text(row, 1), rows->Text(row, 2), rows->Int(row, 3)});
  }
  return counts;
}

}  // namespace scrutineer::store::detail
