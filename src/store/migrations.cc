#include "store/migrations.h"

#include <array>

namespace scrutineer::store {
namespace {

// Version 1: elections, their audit logs, registers, credentials and ballots. Tables are
// WITHOUT ROWID, so rows sit in key order: a ballot's random key says nothing of when it came.
constexpr std::string_view kVersion1 = R"sql(
CREATE TABLE election (
  id         TEXT PRIMARY KEY,
  title      TEXT NOT NULL,
  definition TEXT NOT NULL,
  state      TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE TABLE audit (
  election  TEXT NOT NULL REFERENCES election(id),
  seq       INTEGER NOT NULL CHECK (seq >= 1),
  at        INTEGER NOT NULL,
  kind      TEXT NOT NULL,
  detail    TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL,
  PRIMARY KEY (election, seq)
) STRICT, WITHOUT ROWID;
CREATE TABLE voter (
  election TEXT NOT NULL REFERENCES election(id),
  number   TEXT NOT NULL,
  name     TEXT NOT NULL,
  email    TEXT NOT NULL,
  address  TEXT NOT NULL,
  section  TEXT NOT NULL,
  joined   TEXT NOT NULL,
  paid     TEXT NOT NULL,
  PRIMARY KEY (election, number)
) STRICT, WITHOUT ROWID;
CREATE TABLE credential (
  election  TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  voter     TEXT NOT NULL,
  channel   TEXT NOT NULL,
  state     INTEGER NOT NULL CHECK (state IN (0, 1, 2)),
  PRIMARY KEY (election, code_hash),
  FOREIGN KEY (election, voter) REFERENCES voter(election, number)
) STRICT, WITHOUT ROWID;
CREATE UNIQUE INDEX credential_live ON credential(election, voter) WHERE state != 2;
CREATE TABLE ballot (
  election      TEXT NOT NULL REFERENCES election(id),
  key           TEXT NOT NULL,
  contest       TEXT NOT NULL,
  section       TEXT NOT NULL,
  channel       TEXT NOT NULL,
  preferences   TEXT NOT NULL,
  tracking_code TEXT NOT NULL,
  PRIMARY KEY (election, key)
) STRICT, WITHOUT ROWID;
CREATE INDEX ballot_contest ON ballot(election, contest, key);
)sql";

// Version 2: nominations. A contest's nominating body, each nominator's one nomination, the
// candidates' consents and withdrawals, and the ballot paper fixed when the ballot opens.
constexpr std::string_view kVersion2 = R"sql(
CREATE TABLE nominator (
  election TEXT NOT NULL REFERENCES election(id),
  contest  TEXT NOT NULL,
  id       TEXT NOT NULL,
  name     TEXT NOT NULL,
  PRIMARY KEY (election, contest, id)
) STRICT, WITHOUT ROWID;
CREATE TABLE nomination (
  election  TEXT NOT NULL,
  contest   TEXT NOT NULL,
  nominator TEXT NOT NULL,
  candidate TEXT NOT NULL,
  PRIMARY KEY (election, contest, nominator),
  FOREIGN KEY (election, contest, nominator) REFERENCES nominator(election, contest, id)
) STRICT, WITHOUT ROWID;
CREATE TABLE candidacy (
  election  TEXT NOT NULL REFERENCES election(id),
  contest   TEXT NOT NULL,
  candidate TEXT NOT NULL,
  withdrawn INTEGER NOT NULL CHECK (withdrawn IN (0, 1)),
  PRIMARY KEY (election, contest, candidate)
) STRICT, WITHOUT ROWID;
CREATE TABLE ballot_paper (
  election  TEXT NOT NULL REFERENCES election(id),
  contest   TEXT NOT NULL,
  position  INTEGER NOT NULL CHECK (position >= 1),
  candidate TEXT NOT NULL,
  PRIMARY KEY (election, contest, position)
) STRICT, WITHOUT ROWID;
)sql";

// Version 3: a contest's eliminating ballots (ballots of the nominating body before the
// members' ballot), each round's tally as the election layer writes it.
constexpr std::string_view kVersion3 = R"sql(
CREATE TABLE eliminating_ballot (
  election TEXT NOT NULL REFERENCES election(id),
  contest  TEXT NOT NULL,
  round    INTEGER NOT NULL CHECK (round >= 1),
  tally    TEXT NOT NULL,
  PRIMARY KEY (election, contest, round)
) STRICT, WITHOUT ROWID;
)sql";

// Version 4: administrators' accounts and their sessions (of the whole store).
constexpr std::string_view kVersion4 = R"sql(
CREATE TABLE account (
  name          TEXT PRIMARY KEY,
  role          TEXT NOT NULL CHECK (role IN ('administrator', 'returning_officer', 'observer')),
  password_hash TEXT NOT NULL,
  disabled      INTEGER NOT NULL CHECK (disabled IN (0, 1)),
  changed       INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE TABLE session (
  token_hash TEXT PRIMARY KEY,
  account    TEXT NOT NULL REFERENCES account(name),
  csrf       TEXT NOT NULL,
  expires    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
)sql";

constexpr std::array<std::string_view, 4> kMigrations{kVersion1, kVersion2, kVersion3,
                                                      kVersion4};

}  // namespace

std::span<const std::string_view> Migrations() { return kMigrations; }

}  // namespace scrutineer::store
