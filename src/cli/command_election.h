#pragma once
// The commands that run an election (docs/cli.md): `election create|show|advance`,
// `register import`, `credentials issue|reissue`, `vote`, and `audit verify|show`. The store is
// --store: a file path for SQLite (default scrutineer.db, or $SCRUTINEER_STORE) or a postgres://
// URL.

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace scrutineer::cli {

struct ElectionOptions {
  std::string store;                 // --store; empty: $SCRUTINEER_STORE, else scrutineer.db
  std::string definition;            // election create: the TOML file
  std::string id;                    // the election
  std::string to;                    // election advance: the state to move to
  std::string file;                  // register import: the register CSV
  std::string report;                // register import: where the row report goes (empty: stdout)
  std::string key_file;              // credentials, vote: the election's code key (default: ID.key)
  std::string out;                   // credentials issue: where the codes go (empty: stdout)
  std::string number;                // credentials reissue: the voter's membership number
  std::string code;                  // vote: the voting code
  std::vector<std::string> choices;  // vote: CONTEST=NAME>NAME>..., one per contest
  std::string channel = "online";    // vote: online or postal
  std::string format = "text";       // count, declare, result: text, json or html
  std::string contest;               // count, declare, result: one contest; nominations
  std::string nominator;             // nominate: the member of the nominating body
  std::string candidate;             // nominate, consent, withdraw
  std::string smtp;                  // mail: the server, smtp://host:port or smtps://...
  std::string mail_from;             // mail: the From: address
  std::string smtp_user;             // mail: the login (password from $SCRUTINEER_SMTP_PASSWORD)
  double rate = 10;                  // mail: messages a second at most
  bool reissue = false;              // mail letters: the codes are reissued ones
  std::string account;               // accounts: the account's name
  std::string role;                  // accounts add: its role
  std::string listen = "127.0.0.1:8080";  // serve: HOST:PORT (port 0: any free port)
  std::string key_dir = ".";              // serve: where each election's ID.key is
  std::string tls_cert;                   // serve: HTTPS certificate (PEM); empty: plain HTTP
  std::string tls_key;                    // serve: HTTPS private key (PEM)
  bool demo = false;                      // serve: open a demo election and print its codes
};

// Adds `election` and `audit` with their subcommands; each runs when parsed and leaves its
// exit status in `status`.
void AddElectionCommands(CLI::App& app, ElectionOptions& options, int& status);

}  // namespace scrutineer::cli
