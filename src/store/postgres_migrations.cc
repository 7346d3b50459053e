#include "store/postgres_migrations.h"

#include <array>

namespace scrutineer::store {
namespace {

// Version 1, as migrations.cc's: elections, their audit logs, registers, credentials and
// ballots. Identifiers compare byte by byte (COLLATE "C"), so that lists come out in the
// same order as from SQLite whatever the database's locale. The ballot table has no serial
// column and no time: its key is random, and rows are read in key order.
//
// No statistics are kept on the election columns: statistics taken before an election's rows
// arrived would say that it has almost none, and the planner would then look a voter or a
// credential up by the election alone and filter (a whole register scanned for every lookup).
// Without them it takes the default selectivity and uses the whole key.
constexpr std::string_view kVersion1 = R"sql(
CREATE TABLE election (
  id         text COLLATE "C" PRIMARY KEY,
  title      text NOT NULL,
  definition text NOT NULL,
  state      text NOT NULL
);
CREATE TABLE audit (
  election  text COLLATE "C" NOT NULL REFERENCES election(id),
  seq       bigint NOT NULL CHECK (seq >= 1),
  at        bigint NOT NULL,
  kind      text NOT NULL,
  detail    text NOT NULL,
  prev_hash text NOT NULL,
  hash      text NOT NULL,
  PRIMARY KEY (election, seq)
);
CREATE TABLE voter (
  election text COLLATE "C" NOT NULL REFERENCES election(id),
  number   text COLLATE "C" NOT NULL,
  name     text NOT NULL,
  email    text NOT NULL,
  address  text NOT NULL,
  section  text COLLATE "C" NOT NULL,
  joined   text NOT NULL,
  paid     text NOT NULL,
  PRIMARY KEY (election, number)
);
CREATE TABLE credential (
  election  text COLLATE "C" NOT NULL,
  code_hash text COLLATE "C" NOT NULL,
  voter     text COLLATE "C" NOT NULL,
  channel   text NOT NULL,
  state     smallint NOT NULL CHECK (state IN (0, 1, 2)),
  PRIMARY KEY (election, code_hash),
  FOREIGN KEY (election, voter) REFERENCES voter(election, number)
);
CREATE UNIQUE INDEX credential_live ON credential(election, voter) WHERE state <> 2;
CREATE TABLE ballot (
  election      text COLLATE "C" NOT NULL REFERENCES election(id),
  key           text COLLATE "C" NOT NULL,
  contest       text COLLATE "C" NOT NULL,
  section       text COLLATE "C" NOT NULL,
  channel       text COLLATE "C" NOT NULL,
  preferences   text NOT NULL,
  tracking_code text NOT NULL,
  PRIMARY KEY (election, key)
);
CREATE INDEX ballot_contest ON ballot(election, contest, key);
ALTER TABLE audit ALTER COLUMN election SET STATISTICS 0;
ALTER TABLE voter ALTER COLUMN election SET STATISTICS 0;
ALTER TABLE credential ALTER COLUMN election SET STATISTICS 0;
ALTER TABLE ballot ALTER COLUMN election SET STATISTICS 0;
)sql";

// Version 2, as migrations.cc's: nominations. A contest's nominating body, each member's one
// nomination, each candidate's consent or withdrawal, and the ballot paper once fixed. A
// nomination must name a member of the body (so the body cannot be replaced once any of it
// has nominated).
constexpr std::string_view kVersion2 = R"sql(
CREATE TABLE nominator (
  election text COLLATE "C" NOT NULL REFERENCES election(id),
  contest  text COLLATE "C" NOT NULL,
  id       text COLLATE "C" NOT NULL,
  name     text NOT NULL,
  PRIMARY KEY (election, contest, id)
);
CREATE TABLE nomination (
  election  text COLLATE "C" NOT NULL,
  contest   text COLLATE "C" NOT NULL,
  nominator text COLLATE "C" NOT NULL,
  candidate text COLLATE "C" NOT NULL,
  PRIMARY KEY (election, contest, nominator),
  FOREIGN KEY (election, contest, nominator) REFERENCES nominator(election, contest, id)
);
CREATE TABLE candidacy (
  election  text COLLATE "C" NOT NULL REFERENCES election(id),
  contest   text COLLATE "C" NOT NULL,
  candidate text COLLATE "C" NOT NULL,
  withdrawn boolean NOT NULL,
  PRIMARY KEY (election, contest, candidate)
);
CREATE TABLE ballot_paper (
  election  text COLLATE "C" NOT NULL REFERENCES election(id),
  contest   text COLLATE "C" NOT NULL,
  position  integer NOT NULL CHECK (position >= 1),
  candidate text COLLATE "C" NOT NULL,
  PRIMARY KEY (election, contest, position)
);
ALTER TABLE nominator ALTER COLUMN election SET STATISTICS 0;
ALTER TABLE nomination ALTER COLUMN election SET STATISTICS 0;
ALTER TABLE candidacy ALTER COLUMN election SET STATISTICS 0;
ALTER TABLE ballot_paper ALTER COLUMN election SET STATISTICS 0;
)sql";

// Version 3, as migrations.cc's: eliminating ballots.
constexpr std::string_view kVersion3 = R"sql(
CREATE TABLE eliminating_ballot (
  election text COLLATE "C" NOT NULL REFERENCES election(id),
  contest  text COLLATE "C" NOT NULL,
  round    integer NOT NULL CHECK (round >= 1),
  tally    text NOT NULL,
  PRIMARY KEY (election, contest, round)
);
ALTER TABLE eliminating_ballot ALTER COLUMN election SET STATISTICS 0;
)sql";

// Version 4, as migrations.cc's: accounts and sessions.
constexpr std::string_view kVersion4 = R"sql(
CREATE TABLE account (
  name          text COLLATE "C" PRIMARY KEY,
  role          text NOT NULL CHECK (role IN ('administrator', 'returning_officer', 'observer')),
  password_hash text NOT NULL,
  disabled      boolean NOT NULL,
  changed       bigint NOT NULL
);
CREATE TABLE session (
  token_hash text COLLATE "C" PRIMARY KEY,
  account    text COLLATE "C" NOT NULL REFERENCES account(name),
  csrf       text NOT NULL,
  expires    bigint NOT NULL
);
)sql";

constexpr std::array<std::string_view, 4> kMigrations{kVersion1, kVersion2, kVersion3,
                                                      kVersion4};

}  // namespace

std::span<const std::string_view> PostgresMigrations() { return kMigrations; }

}  // namespace scrutineer::store
