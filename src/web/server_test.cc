// The web server against a real store (SQLite, and PostgreSQL when SCRUTINEER_TEST_POSTGRES
// is set), spoken to over HTTP on loopback as a voter's browser or a client of the API would.
//
// The election: a club's chair, by instant-runoff among Ada, Ben and Cy, four members on the
// register. Worked by hand: Ann ranks Ada then Ben, Bo ranks Ben, Cat ranks Ben then Ada.
// Round 1: Ada 1, Ben 2, Cy 0 of 3 continuing votes; more than half is 2, so Ben is elected
// in the first round with 2 votes (66.7%) to Ada's 1 (33.3%).

#include "web/server.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "crypto/voting_code.h"
#include "election/credentials.h"
#include "election/register.h"
#include "store/test_store.h"

namespace scrutineer::web {
namespace {

using nlohmann::json;
using store::test::Backend;

constexpr int64_t kBallotOpen = 1'790'000'000;
constexpr int64_t kBallotClose = kBallotOpen + 86'400;

std::string Definition() {
  return "id = \"club\"\ntitle = \"Club chair 2026\"\n[timetable]\ntime_zone = \"UTC\"\n"
         "nominations_open = " +
         election::IsoTime(kBallotOpen - 200) +
         "\nnominations_close = " + election::IsoTime(kBallotOpen - 100) +
         "\nballot_open = " + election::IsoTime(kBallotOpen) +
         "\nballot_close = " + election::IsoTime(kBallotClose) +
         "\n[[sections]]\nid = \"members\"\n"
         "[[contests]]\nid = \"chair\"\ntitle = \"Chair\"\nmethod = \"irv\"\n"
         "candidates = [\"Ada\", \"Ben\", \"Cy\"]\n";
}

class WebServerTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres && store::test::TestPostgresUrl().empty()) {
      GTEST_SKIP() << store::test::kNoPostgres;
    }
    const std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    auto place = store::test::TestPlace::Make(GetParam(), name);
    ASSERT_TRUE(place.ok()) << place.error().ToString();
    place_.emplace(std::move(place.value()));
    auto opened = election::OpenElectionStore(place_->location());
    ASSERT_TRUE(opened.ok()) << opened.error().ToString();
    store_ = std::move(opened.value());
    OpenTheElection(name);
    desk_.emplace(
        *store_, [this](const std::string&) { return util::Result<std::string>(key_); },
        [this] { return now_.load(); });
    ServerOptions options;
    options.port = 0;
    server_.emplace(*desk_, options);
    auto port = server_->Bind();
    ASSERT_TRUE(port.ok()) << port.error().ToString();
    serving_ = std::thread([this] { (void)server_->Run(); });
    client_.emplace("127.0.0.1", *port);
  }

  void TearDown() override {
    if (server_) {
      server_->Stop();
      serving_.join();
    }
  }

  // The definition stored, the register imported, the ballot opened and codes issued.
  void OpenTheElection(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("scrutineer-web-" + std::to_string(getpid()) + "-" + name);
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "register.csv") << "number,section,joined,email\n"
                                           "1,members,2015-01-01,ann@example.org\n"
                                           "2,members,2015-01-01,bo@example.org\n"
                                           "3,members,2015-01-01,cat@example.org\n"
                                           "4,members,2015-01-01,dee@example.org\n";
    const int64_t early = kBallotOpen - 300;
    ASSERT_TRUE(election::CreateElection(*store_, Definition(), "club.toml", early).ok());
    ASSERT_TRUE(
        election::ImportRegister(*store_, "club", (dir / "register.csv").string(), early).ok());
    std::filesystem::remove_all(dir);
    ASSERT_TRUE(election::AdvanceElection(*store_, "club", core::ElectionState::kNominations,
                                          kBallotOpen - 150)
                    .ok());
    ASSERT_TRUE(
        election::AdvanceElection(*store_, "club", core::ElectionState::kBallotOpen, kBallotOpen)
            .ok());
    auto issued = election::IssueCredentials(*store_, "club", key_, kBallotOpen);
    ASSERT_TRUE(issued.ok()) << issued.error().ToString();
    for (const election::IssuedCredential& credential : *issued) {
      codes_[credential.voter.number] = credential.code;
    }
  }

  httplib::Result Vote(const std::string& code, const json& chair) {
    const json body{{"credential", code}, {"contests", {{"chair", chair}}}};
    return client_->Post("/api/v1/ballots", body.dump(), "application/json");
  }

  // The stored ballots' preferences, one a line, in sorted order.
  std::multiset<std::string> StoredBallots() {
    std::multiset<std::string> ballots;
    EXPECT_TRUE(store_
                    ->ForEachBallot("club", "chair",
                                    [&](const store::BallotRecord& ballot) {
                                      ballots.insert(ballot.preferences);
                                      return true;
                                    })
                    .ok());
    return ballots;
  }

  std::optional<store::test::TestPlace> place_;
  std::unique_ptr<store::Store> store_;
  std::string key_ = crypto::NewCodeKey();
  std::map<std::string, std::string> codes_;  // by membership number
  std::atomic<int64_t> now_ = kBallotOpen + 3600;
  std::optional<Desk> desk_;
  std::optional<Server> server_;
  std::thread serving_;
  std::optional<httplib::Client> client_;
};

TEST_P(WebServerTest, EveryAnswerCarriesTheSecurityHeaders) {
  std::vector<httplib::Result> answers;
  answers.push_back(client_->Get("/healthz"));
  answers.push_back(client_->Get("/"));
  answers.push_back(client_->Get("/api/v1/elections"));
  answers.push_back(client_->Get("/no/such/page"));
  answers.push_back(client_->Get("/style.css"));
  answers.push_back(client_->Post("/api/v1/ballots", std::string(20'000, 'x'), "text/plain"));
  for (const httplib::Result& answer : answers) {
    ASSERT_TRUE(answer);
    const auto& headers = answer->headers;
    const std::string csp = answer->get_header_value("Content-Security-Policy");
    EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << csp;
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
    EXPECT_EQ(answer->get_header_value("X-Frame-Options"), "DENY");
    EXPECT_EQ(answer->get_header_value("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(answer->get_header_value("Referrer-Policy"), "no-referrer");
    EXPECT_EQ(headers.count("Content-Security-Policy"), 1u);
  }
  EXPECT_EQ(answers[0]->status, 200);
  EXPECT_EQ(json::parse(answers[0]->body), (json{{"status", "ok"}}));
  EXPECT_EQ(answers[3]->status, 404);
  EXPECT_EQ(answers[4]->get_header_value("Content-Type"), "text/css; charset=utf-8");
  EXPECT_EQ(answers[4]->headers.count("Cache-Control"), 1u);
  EXPECT_EQ(answers[5]->status, 413);
}

TEST_P(WebServerTest, ListsTheElectionWithItsContestsAndCandidates) {
  auto answer = client_->Get("/api/v1/elections");
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 200);
  EXPECT_EQ(answer->get_header_value("Content-Type"), "application/json");
  const json expected = json::parse(R"({"elections": [{
    "id": "club", "title": "Club chair 2026", "state": "ballot_open",
    "ballot_open": "2026-09-21T14:13:20Z", "ballot_close": "2026-09-22T14:13:20Z",
    "contests": [{"id": "chair", "title": "Chair", "method": "irv", "seats": 1,
                  "candidates": [{"name": "Ada"}, {"name": "Ben"}, {"name": "Cy"}]}]}]})");
  EXPECT_EQ(json::parse(answer->body), expected);
}

TEST_P(WebServerTest, ABallotIsAcceptedOnceStoredCountedAndDeclared) {
  auto ann = Vote(codes_["1"], {"Ada", "Ben"});
  ASSERT_TRUE(ann);
  ASSERT_EQ(ann->status, 201) << ann->body;
  const std::string tracking = json::parse(ann->body).at("tracking_code");
  EXPECT_EQ(tracking.size(), 19u);  // 16 hex digits in groups of four
  // Acknowledged only once durable: the ballot is in the store when the answer comes.
  EXPECT_EQ(StoredBallots(), (std::multiset<std::string>{"Ada\nBen"}));
  auto again = Vote(codes_["1"], {"Cy"});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 409);
  EXPECT_EQ(json::parse(again->body),
            (json{{"error", "spent_credential"},
                  {"message", "this voting code has been used: its ballot is cast"}}));
  EXPECT_EQ(StoredBallots(), (std::multiset<std::string>{"Ada\nBen"}));
  ASSERT_EQ(Vote(codes_["2"], {"Ben"})->status, 201);
  ASSERT_EQ(Vote(codes_["3"], {"Ben", "Ada"})->status, 201);

  auto box = client_->Get("/api/v1/ballot-box/" + tracking);
  ASSERT_TRUE(box);
  EXPECT_EQ(json::parse(box->body),
            (json{{"tracking_code", tracking}, {"in_ballot_box", true}, {"election", "club"}}));
  auto absent = client_->Get("/api/v1/ballot-box/0000-0000-0000-0000");
  EXPECT_EQ(json::parse(absent->body).at("in_ballot_box"), false);

  EXPECT_EQ(client_->Get("/api/v1/elections/club/results")->status, 409);  // not declared
  EXPECT_EQ(client_->Get("/api/v1/elections/nowhere/results")->status, 404);
  now_ = kBallotClose;
  auto late = Vote(codes_["4"], {"Cy"});
  EXPECT_EQ(late->status, 423);
  EXPECT_EQ(json::parse(late->body).at("error"), "voting_closed");
  for (auto state : {core::ElectionState::kClosed, core::ElectionState::kCounted,
                     core::ElectionState::kDeclared}) {
    ASSERT_TRUE(election::AdvanceElection(*store_, "club", state, kBallotClose).ok());
  }
  auto results = client_->Get("/api/v1/elections/club/results");
  ASSERT_TRUE(results);
  ASSERT_EQ(results->status, 200) << results->body;
  const json declaration = json::parse(results->body).at("contests").at(0).at("declaration");
  EXPECT_EQ(declaration.at("elected"), (json{"Ben"}));
  EXPECT_EQ(declaration.at("rounds").size(), 1u);
  EXPECT_EQ(declaration.at("rounds").at(0).at("tally"),
            (json{{"Ben", "2"}, {"Ada", "1"}, {"Cy", "0"}}));
  EXPECT_EQ(declaration.at("ballot_papers").at("valid"), 3);
}

TEST_P(WebServerTest, EachRefusalHasItsStatusAndSaysWhy) {
  struct Case {
    std::string body;
    int status;
    std::string error;
    std::string message;
  };
  std::string mistyped = codes_["1"];
  mistyped[0] = mistyped[0] == 'A' ? 'B' : 'A';
  auto ballot = [](const std::string& code, const json& contests) {
    return json{{"credential", code}, {"contests", contests}}.dump();
  };
  auto reissued = election::ReissueCredential(*store_, "club", key_, "2", kBallotOpen + 60);
  ASSERT_TRUE(reissued.ok());
  const std::vector<Case> cases{
      {ballot(crypto::NewVotingCode(), {{"chair", {"Ada"}}}), 403, "unknown_credential",
       "this voting code was not issued for this election"},
      {ballot(mistyped, {{"chair", {"Ada"}}}), 403, "unknown_credential",
       "the voting code is mistyped: its check characters do not match"},
      {ballot(codes_["2"], {{"chair", {"Ada"}}}), 403, "revoked_credential",
       "this voting code was replaced by a reissued one"},
      {ballot(codes_["1"], {{"chair", {"Dan"}}}), 422, "invalid_ballot",
       "'Dan' is not a candidate in contest 'chair'"},
      {ballot(codes_["1"], {{"chair", {"Ada", "Ada"}}}), 422, "invalid_ballot",
       "'Ada' is marked twice in contest 'chair'"},
      {ballot(codes_["1"], json::object()), 422, "invalid_ballot",
       "the paper has no choice for contest 'chair' (a blank one is allowed)"},
      {"{\"credential\": ", 400, "bad_request", "request body: is not a JSON object"},
      {"{\"contests\": {}}", 400, "bad_request",
       "request body: needs \"credential\", the voting code, as a string"},
      {ballot(codes_["1"], {{"chair", "Ada"}}), 400, "bad_request",
       "request body: contest \"chair\" must be a list of candidates' names"},
      {json{{"election", "nowhere"}, {"credential", codes_["1"]}, {"contests", json::object()}}
           .dump(),
       404, "not_found", "election: there is no public election 'nowhere'"},
  };
  for (const Case& c : cases) {
    auto answer = client_->Post("/api/v1/ballots", c.body, "application/json");
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, c.status) << c.body;
    EXPECT_EQ(json::parse(answer->body), (json{{"error", c.error}, {"message", c.message}}))
        << c.body;
  }
  // Nothing was cast, and Ann's code still works.
  EXPECT_TRUE(StoredBallots().empty());
  EXPECT_EQ(Vote(codes_["1"], {"Cy"})->status, 201);
  auto too_long =
      client_->Post("/api/v1/ballots", ballot(codes_["3"], {{"chair", {std::string(17'000, 'A')}}}),
                    "application/json");
  EXPECT_EQ(too_long->status, 413);
  EXPECT_EQ(json::parse(too_long->body).at("error"), "too_large");
}

TEST_P(WebServerTest, AnAddressWhoseCodesAreRefusedTooOftenMustWait) {
  ServerOptions options;
  options.port = 0;
  options.guesses = {.max_refusals = 2, .window = 600};
  Server strict(*desk_, options);
  auto port = strict.Bind();
  ASSERT_TRUE(port.ok());
  std::thread serving([&strict] { (void)strict.Run(); });
  httplib::Client client("127.0.0.1", *port);
  auto vote = [&client](const std::string& code) {
    const json body{{"credential", code}, {"contests", {{"chair", {"Ada"}}}}};
    return client.Post("/api/v1/ballots", body.dump(), "application/json");
  };
  // Two codes never issued: each refused (403), and this address has used its two tries.
  EXPECT_EQ(vote(crypto::NewVotingCode())->status, 403);
  EXPECT_EQ(vote(crypto::NewVotingCode())->status, 403);
  // Now even Ann's good code must wait, through the API and through the pages.
  auto refused = vote(codes_["1"]);
  EXPECT_EQ(refused->status, 429);
  EXPECT_EQ(json::parse(refused->body).at("error"), "too_many_attempts");
  auto page = client.Post("/ballot", httplib::Params{{"election", "club"}, {"code", codes_["1"]}});
  EXPECT_EQ(page->status, 429);
  EXPECT_NE(page->body.find("Too many wrong voting codes"), std::string::npos);
  EXPECT_TRUE(StoredBallots().empty());
  // Once the window has passed since the refusals, Ann votes.
  now_ += 600;
  EXPECT_EQ(vote(codes_["1"])->status, 201);
  strict.Stop();
  serving.join();
}

TEST_P(WebServerTest, ServesHttpsWithACertificateAndKey) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("scrutineer-web-tls-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::string cert = (dir / "cert.pem").string();
  const std::string key = (dir / "key.pem").string();
  const std::string make =
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 "
      "-nodes -days 1 -subj /CN=127.0.0.1 -keyout " +
      key + " -out " + cert + " 2>/dev/null";
  ASSERT_EQ(std::system(make.c_str()), 0);
  ServerOptions options;
  options.port = 0;
  options.tls_cert = cert;
  options.tls_key = key;
  Server secure(*desk_, options);
  auto port = secure.Bind();
  ASSERT_TRUE(port.ok()) << port.error().ToString();
  std::thread serving([&secure] { (void)secure.Run(); });
  httplib::SSLClient client("127.0.0.1", *port);
  client.enable_server_certificate_verification(false);  // self-signed, made just now
  auto answer = client.Get("/api/v1/elections");
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 200);
  EXPECT_EQ(json::parse(answer->body).at("elections").at(0).at("id"), "club");
  EXPECT_EQ(answer->get_header_value("X-Frame-Options"), "DENY");
  EXPECT_FALSE(httplib::Client("127.0.0.1", *port).Get("/healthz"));  // no plain HTTP there
  secure.Stop();
  serving.join();
  options.tls_key = (dir / "missing.pem").string();
  Server broken(*desk_, options);
  auto refused = broken.Bind();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code(), util::ErrorCode::kInvalidInput);
  std::filesystem::remove_all(dir);
}

// The voter's pages without a browser: the forms posted as a browser without JavaScript would.
TEST_P(WebServerTest, TheVoterPagesCastABallotFromNumberedPreferences) {
  const httplib::Params start{{"election", "club"}, {"code", codes_["1"]}};
  auto ballot = client_->Post("/ballot", start);
  ASSERT_TRUE(ballot);
  ASSERT_EQ(ballot->status, 200) << ballot->body;
  EXPECT_NE(ballot->body.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(ballot->body.find("<legend>Chair</legend>"), std::string::npos);
  EXPECT_NE(ballot->body.find(">Cy</label>"), std::string::npos);
  // Cy 1, Ada 2: the review lists Cy then Ada.
  httplib::Params numbers = start;
  numbers.emplace("rank.chair.0", "2");
  numbers.emplace("rank.chair.1", "");
  numbers.emplace("rank.chair.2", "1");
  auto review = client_->Post("/review", numbers);
  ASSERT_EQ(review->status, 200) << review->body;
  EXPECT_NE(review->body.find("<ol>\n<li>Cy</li>\n<li>Ada</li>\n</ol>"), std::string::npos)
      << review->body;
  EXPECT_TRUE(StoredBallots().empty());  // nothing is cast before the voter confirms
  httplib::Params confirm = start;
  confirm.emplace("pref.chair", "Cy");
  confirm.emplace("pref.chair", "Ada");
  auto cast = client_->Post("/cast", confirm);
  ASSERT_EQ(cast->status, 200) << cast->body;
  EXPECT_NE(cast->body.find("id=\"tracking-code\""), std::string::npos);
  EXPECT_EQ(StoredBallots(), (std::multiset<std::string>{"Cy\nAda"}));
  auto again = client_->Post("/ballot", start);
  EXPECT_EQ(again->status, 409);
  EXPECT_NE(again->body.find("This voting code has been used"), std::string::npos);
  // A number given twice is shown to the voter, escaped, and nothing is cast.
  httplib::Params twice{{"election", "club"},
                        {"code", codes_["2"]},
                        {"rank.chair.0", "1"},
                        {"rank.chair.1", "1"},
                        {"rank.chair.2", "<b>"}};
  auto problem = client_->Post("/review", twice);
  EXPECT_EQ(problem->status, 422);
  EXPECT_NE(problem->body.find("Chair: the number 1 is given to more than one candidate."),
            std::string::npos);
  EXPECT_NE(problem->body.find("&quot;&lt;b&gt;&quot; is not a whole number"), std::string::npos);
  EXPECT_EQ(problem->body.find("<b>"), std::string::npos);
}

TEST_P(WebServerTest, TheCheckPageFindsATrackingCode) {
  auto ann = Vote(codes_["1"], {"Ada"});
  const std::string tracking = json::parse(ann->body).at("tracking_code");
  auto found = client_->Get("/check?code=" + tracking);
  ASSERT_EQ(found->status, 200);
  EXPECT_NE(found->body.find("A ballot with tracking code " + tracking +
                             " is in the ballot box of Club chair 2026."),
            std::string::npos);
  auto missing = client_->Get("/check?code=%3Cscript%3E");
  EXPECT_NE(missing->body.find("No ballot with tracking code &lt;script&gt; is in a ballot box."),
            std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, WebServerTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) {
                           return param_info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
                         });

}  // namespace
}  // namespace scrutineer::web
