// The administrator's pages and API, and the public results page, against the real server on
// loopback with a real store (SQLite, and PostgreSQL when SCRUTINEER_TEST_POSTGRES is set).
//
// Three accounts: alice (administrator), rory (returning officer), olive (observer). The
// election: a club's chair by instant-runoff among Ada, Ben and Cy, four members on the
// register, the ballot open with codes issued. Worked by hand: Ann ranks Ada then Ben, Bo
// ranks Ben, Cat ranks Ben then Ada; Dee does not vote. Round 1: Ada 1, Ben 2, Cy 0 of 3
// continuing votes; more than half is 2, so Ben is elected in the first round with 2 votes
// (66.7%) to Ada's 1 (33.3%); 3 of 4 voted: turnout 75.0%.

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "crypto/voting_code.h"
#include "election/accounts.h"
#include "election/credentials.h"
#include "election/register.h"
#include "store/test_store.h"
#include "web/server.h"

namespace scrutineer::web {
namespace {

using nlohmann::json;
using store::test::Backend;

constexpr int64_t kBallotOpen = 1'790'000'000;
constexpr int64_t kBallotClose = kBallotOpen + 86'400;
constexpr const char* kPassword = "correct horse battery";
constexpr const char* kRegister =
    "number,section,joined,email\n1,members,2015-01-01,ann@example.org\n"
    "2,members,2015-01-01,bo@example.org\n3,members,2015-01-01,cat@example.org\n"
    "4,members,2015-01-01,dee@example.org\n";

std::string Definition(const std::string& id) {
  return "id = \"" + id + "\"\ntitle = \"Club chair 2026\"\n[timetable]\ntime_zone = \"UTC\"\n" +
         "nominations_open = " + election::IsoTime(kBallotOpen - 200) +
         "\nnominations_close = " + election::IsoTime(kBallotOpen - 100) +
         "\nballot_open = " + election::IsoTime(kBallotOpen) +
         "\nballot_close = " + election::IsoTime(kBallotClose) +
         "\n[[sections]]\nid = \"members\"\n"
         "[[contests]]\nid = \"chair\"\ntitle = \"Chair\"\nmethod = \"irv\"\n"
         "candidates = [\"Ada\", \"Ben\", \"Cy\"]\n";
}

// A signed-in client: its cookie header and CSRF token.
struct Signed {
  httplib::Headers cookie;
  std::string csrf;
  httplib::Headers WithCsrf() const {
    httplib::Headers headers = cookie;
    headers.emplace("X-CSRF-Token", csrf);
    return headers;
  }
};

class AdminTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres && store::test::TestPostgresUrl().empty()) {
      GTEST_SKIP() << store::test::kNoPostgres;
    }
    const std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    auto place = store::test::TestPlace::Make(GetParam(), "admin" + name);
    ASSERT_TRUE(place.ok()) << place.error().ToString();
    place_.emplace(std::move(place.value()));
    auto opened = election::OpenElectionStore(place_->location());
    ASSERT_TRUE(opened.ok()) << opened.error().ToString();
    store_ = std::move(opened.value());
    for (const auto& [account, role] : {std::pair{"alice", election::Role::kAdministrator},
                                        std::pair{"rory", election::Role::kReturningOfficer},
                                        std::pair{"olive", election::Role::kObserver}}) {
      ASSERT_TRUE(election::AddAccount(*store_, account, role, kPassword, kBallotOpen).ok());
    }
    OpenTheElection(name);
    desk_.emplace(
        *store_, [this](const std::string&) { return util::Result<std::string>(key_); },
        [this] { return now_.load(); });
    ServerOptions options;
    options.port = 0;
    options.make_key = [this](const std::string&) { return util::Result<std::string>(key_); };
    options.sign_ins = {.max_refusals = 3, .window = 600};
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

  void OpenTheElection(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("scrutineer-admin-" + std::to_string(getpid()) + "-" + name);
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "register.csv") << kRegister;
    const int64_t early = kBallotOpen - 300;
    ASSERT_TRUE(election::CreateElection(*store_, Definition("club"), "club.toml", early).ok());
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

  // Ann, Bo and Cat vote as worked in the header, and the ballot's time runs out.
  void VoteAndReachTheClose() {
    const std::pair<const char*, json> votes[] = {
        {"1", {"Ada", "Ben"}}, {"2", {"Ben"}}, {"3", {"Ben", "Ada"}}};
    for (const auto& [number, chair] : votes) {
      const json body{{"credential", codes_[number]}, {"contests", {{"chair", chair}}}};
      ASSERT_EQ(client_->Post("/api/v1/ballots", body.dump(), "application/json")->status, 201);
    }
    now_ = kBallotClose;
  }

  Signed SignIn(const std::string& name) {
    const json body{{"name", name}, {"password", kPassword}};
    auto answer = client_->Post("/api/v1/admin/sessions", body.dump(), "application/json");
    EXPECT_EQ(answer->status, 201) << answer->body;
    const std::string cookie = answer->get_header_value("Set-Cookie");
    return {{{"Cookie", cookie.substr(0, cookie.find(';'))}}, json::parse(answer->body)["csrf"]};
  }

  // Moves the election on through the API as `who`; the answer's status.
  int MoveTo(const Signed& who, const std::string& to, const std::string& id = "club") {
    auto answer = client_->Post("/api/v1/admin/elections/" + id + "/state", who.WithCsrf(),
                                json{{"to", to}}.dump(), "application/json");
    return answer ? answer->status : -1;
  }

  core::ElectionState StateOf(const std::string& id) {
    auto loaded = election::LoadElection(*store_, id);
    EXPECT_TRUE(loaded.ok());
    return loaded.ok() ? loaded->state : core::ElectionState::kDraft;
  }

  std::optional<store::test::TestPlace> place_;
  std::unique_ptr<store::Store> store_;
  std::string key_ = crypto::NewCodeKey();
  std::map<std::string, std::string> codes_;
  std::atomic<int64_t> now_ = kBallotOpen + 3600;
  std::optional<Desk> desk_;
  std::optional<Server> server_;
  std::thread serving_;
  std::optional<httplib::Client> client_;
};

TEST_P(AdminTest, SignInSetsAStrictCookieAndRefusesEveryBadSignInAlike) {
  EXPECT_EQ(client_->Get("/admin/sign-in")->status, 200);
  auto no_session = client_->Get("/admin");
  EXPECT_EQ(no_session->status, 303);
  EXPECT_EQ(no_session->get_header_value("Location"), "/admin/sign-in");
  auto good =
      client_->Post("/admin/sign-in", httplib::Params{{"name", "rory"}, {"password", kPassword}});
  ASSERT_EQ(good->status, 303);
  EXPECT_EQ(good->get_header_value("Location"), "/admin");
  const std::string cookie = good->get_header_value("Set-Cookie");
  EXPECT_TRUE(std::regex_match(
      cookie, std::regex("scrutineer_session=[0-9a-f]{64}; HttpOnly; SameSite=Strict; Path=/")))
      << cookie;
  auto wrong =
      client_->Post("/admin/sign-in", httplib::Params{{"name", "rory"}, {"password", "x"}});
  auto unknown =
      client_->Post("/admin/sign-in", httplib::Params{{"name", "nobody"}, {"password", kPassword}});
  EXPECT_EQ(wrong->status, 401);
  EXPECT_EQ(unknown->status, 401);
  EXPECT_NE(wrong->body.find("The name or the password is wrong."), std::string::npos);
  EXPECT_EQ(wrong->body, unknown->body);
  // Signed in, the list of elections; its forms carry the CSRF token.
  auto list = client_->Get("/admin", {{"Cookie", cookie.substr(0, cookie.find(';'))}});
  ASSERT_EQ(list->status, 200);
  EXPECT_NE(list->body.find(">Club chair 2026</a></th><td>ballot_open</td>"), std::string::npos);
  EXPECT_NE(list->body.find("name=\"csrf\" value=\""), std::string::npos);
  // A third failure from this address reaches the limit (3): even a good password must wait.
  EXPECT_EQ(client_->Post("/admin/sign-in", httplib::Params{{"name", "olive"}, {"password", "y"}})
                ->status,
            401);
  auto limited =
      client_->Post("/admin/sign-in", httplib::Params{{"name", "rory"}, {"password", kPassword}});
  EXPECT_EQ(limited->status, 429);
  const json body{{"name", "rory"}, {"password", kPassword}};
  EXPECT_EQ(client_->Post("/api/v1/admin/sessions", body.dump(), "application/json")->status, 429);
}

TEST_P(AdminTest, ChangesWithoutTheRightCsrfTokenAreRefused) {
  VoteAndReachTheClose();
  const Signed rory = SignIn("rory");
  // The page's form without the token, and with a wrong one; the API without the header.
  httplib::Params form{{"to", "closed"}};
  EXPECT_EQ(client_->Post("/admin/elections/club/advance", rory.cookie, form)->status, 403);
  form.emplace("csrf", std::string(rory.csrf.size(), 'a'));
  auto wrong = client_->Post("/admin/elections/club/advance", rory.cookie, form);
  EXPECT_EQ(wrong->status, 403);
  EXPECT_NE(wrong->body.find("did not come from this site"), std::string::npos);
  auto api = client_->Post("/api/v1/admin/elections/club/state", rory.cookie,
                           json{{"to", "closed"}}.dump(), "application/json");
  EXPECT_EQ(api->status, 403);
  EXPECT_EQ(json::parse(api->body)["error"], "forbidden");
  EXPECT_EQ(StateOf("club"), core::ElectionState::kBallotOpen);
  // Without a session at all: 401.
  EXPECT_EQ(client_->Get("/api/v1/admin/elections")->status, 401);
  // With the token the page closes the ballot.
  auto closed = client_->Post("/admin/elections/club/advance", rory.cookie,
                              httplib::Params{{"to", "closed"}, {"csrf", rory.csrf}});
  EXPECT_EQ(closed->status, 200) << closed->body;
  EXPECT_EQ(StateOf("club"), core::ElectionState::kClosed);
  // Signed out, the session no longer works.
  EXPECT_EQ(client_->Delete("/api/v1/admin/sessions", rory.WithCsrf())->status, 204);
  EXPECT_EQ(client_->Get("/api/v1/admin/elections", rory.cookie)->status, 401);
}

TEST_P(AdminTest, OnlyTheReturningOfficerClosesCountsAndDeclares) {
  VoteAndReachTheClose();
  const Signed olive = SignIn("olive");
  const Signed alice = SignIn("alice");
  const Signed rory = SignIn("rory");
  EXPECT_EQ(MoveTo(olive, "closed"), 403);
  EXPECT_EQ(MoveTo(alice, "closed"), 403);
  EXPECT_EQ(StateOf("club"), core::ElectionState::kBallotOpen);
  EXPECT_EQ(MoveTo(rory, "closed"), 200);
  EXPECT_EQ(MoveTo(olive, "counted"), 403);
  EXPECT_EQ(MoveTo(rory, "counted"), 200);
  EXPECT_EQ(MoveTo(alice, "declared"), 403);
  EXPECT_EQ(MoveTo(olive, "declared"), 403);
  EXPECT_EQ(StateOf("club"), core::ElectionState::kCounted);
  EXPECT_EQ(MoveTo(rory, "declared"), 200);
  EXPECT_EQ(StateOf("club"), core::ElectionState::kDeclared);
  // Each step is in the audit log, the count and declaration with their digests.
  auto log = store_->ReadAudit("club");
  ASSERT_TRUE(log.ok());
  ASSERT_GE(log->size(), 2u);
  EXPECT_EQ(log->back().kind, "declared");
  EXPECT_TRUE(log->back().detail.starts_with("declaration SHA-256: chair "));
  // The observer sees the figures: 3 of 4 returned online.
  auto overview = client_->Get("/api/v1/admin/elections/club", olive.cookie);
  ASSERT_EQ(overview->status, 200);
  EXPECT_EQ(json::parse(overview->body)["sections"],
            json::parse(R"([{"section": "members", "registered": 4, "codes": 4, "revoked": 0,
                             "returned_online": 3, "returned_postal": 0}])"));
}

TEST_P(AdminTest, TheAdministratorCreatesImportsAndIssuesButTheObserverCannot) {
  const Signed alice = SignIn("alice");
  const Signed olive = SignIn("olive");
  auto refused = client_->Post("/api/v1/admin/elections", olive.WithCsrf(), Definition("club2"),
                               "application/toml");
  EXPECT_EQ(refused->status, 403);
  auto created = client_->Post("/api/v1/admin/elections", alice.WithCsrf(), Definition("club2"),
                               "application/toml");
  ASSERT_EQ(created->status, 201) << created->body;
  EXPECT_EQ(json::parse(created->body),
            (json{{"id", "club2"}, {"title", "Club chair 2026"}, {"state", "draft"}}));
  // The register through the page, as a file: one row rejected (no section 'staff').
  const std::string csv = std::string(kRegister) + "5,staff,2015-01-01,eve@example.org\n";
  const httplib::MultipartFormDataItems upload{{"csrf", alice.csrf, "", ""},
                                               {"file", csv, "register.csv", "text/csv"}};
  auto imported = client_->Post("/admin/elections/club2/register", alice.cookie, upload);
  ASSERT_EQ(imported->status, 200) << imported->body;
  EXPECT_NE(imported->body.find("5 rows read: 4 on the register; 1 rows noted below."),
            std::string::npos)
      << imported->body;
  EXPECT_NE(imported->body.find("<td>6</td><td>5</td><td>rejected</td>"), std::string::npos);
  EXPECT_EQ(MoveTo(alice, "nominations", "club2"), 200);
  EXPECT_EQ(MoveTo(alice, "ballot_open", "club2"), 200);
  // The codes, once, as a download; a second issue is refused.
  auto codes = client_->Post("/admin/elections/club2/credentials", alice.cookie,
                             httplib::Params{{"csrf", alice.csrf}});
  ASSERT_EQ(codes->status, 200) << codes->body;
  EXPECT_EQ(codes->get_header_value("Content-Disposition"),
            "attachment; filename=\"codes-club2.csv\"");
  EXPECT_EQ(codes->get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(std::count(codes->body.begin(), codes->body.end(), '\n'), 5);  // header and 4
  auto again = client_->Post("/admin/elections/club2/credentials", alice.cookie,
                             httplib::Params{{"csrf", alice.csrf}});
  EXPECT_EQ(again->status, 409);
  // Bo lost his code: a new one, once, and the old one is revoked.
  auto reissued = client_->Post("/admin/elections/club2/credentials", alice.cookie,
                                httplib::Params{{"csrf", alice.csrf}, {"number", "2"}});
  ASSERT_EQ(reissued->status, 200) << reissued->body;
  EXPECT_EQ(reissued->get_header_value("Content-Disposition"),
            "attachment; filename=\"codes-club2-2.csv\"");
  EXPECT_EQ(std::count(reissued->body.begin(), reissued->body.end(), '\n'), 2);
  auto overview = client_->Get("/api/v1/admin/elections/club2", alice.cookie);
  EXPECT_EQ(json::parse(overview->body)["sections"][0]["revoked"], 1);
}

TEST_P(AdminTest, OnlyASignedInAdministratorMaySendALongUpload) {
  const Signed alice = SignIn("alice");
  ASSERT_EQ(client_
                ->Post("/api/v1/admin/elections", alice.WithCsrf(), Definition("club2"),
                       "application/toml")
                ->status,
            201);
  std::string csv = "number,section,joined,email\n";
  for (int i = 1; i <= 600; ++i) {
    csv += std::to_string(i) + ",members,2015-01-01,member" + std::to_string(i) + "@example.org\n";
  }
  ASSERT_GT(csv.size(), 16'384u);
  const std::string path = "/api/v1/admin/elections/club2/register";
  EXPECT_EQ(client_->Post(path, csv, "text/csv")->status, 413);
  auto imported = client_->Post(path, alice.WithCsrf(), csv, "text/csv");
  ASSERT_EQ(imported->status, 200) << imported->body;
  EXPECT_EQ(json::parse(imported->body)["accepted"], 600);
  EXPECT_EQ(json::parse(imported->body)["by_section"], (json{{"members", 600}}));
}

TEST_P(AdminTest, TheResultsPageShowsTheDeclaredFiguresUnderAStrictPolicy) {
  VoteAndReachTheClose();
  EXPECT_EQ(client_->Get("/elections/club/results")->status, 409);
  EXPECT_EQ(client_->Get("/elections/nowhere/results")->status, 404);
  const Signed rory = SignIn("rory");
  for (const char* to : {"closed", "counted", "declared"}) {
    ASSERT_EQ(MoveTo(rory, to), 200) << to;
  }
  auto page = client_->Get("/elections/club/results");
  ASSERT_EQ(page->status, 200);
  const std::string csp = page->get_header_value("Content-Security-Policy");
  EXPECT_NE(csp.find("style-src 'self';"), std::string::npos);
  EXPECT_EQ(page->body.find("<style"), std::string::npos);
  EXPECT_EQ(page->body.find(" style="), std::string::npos);
  EXPECT_NE(page->body.find("href=\"/elections/club/results/chair/style.css\""), std::string::npos);
  EXPECT_NE(page->body.find("<p class=\"result\">Ben is elected</p>"), std::string::npos);
  EXPECT_NE(page->body.find("66.7"), std::string::npos);
  EXPECT_NE(page->body.find("33.3"), std::string::npos);
  EXPECT_NE(page->body.find("75.0%"), std::string::npos);
  auto css = client_->Get("/elections/club/results/chair/style.css");
  ASSERT_EQ(css->status, 200);
  EXPECT_EQ(css->get_header_value("Content-Type"), "text/css; charset=utf-8");
  EXPECT_NE(css->body.find(".swatch-1f5fa8{background:#1f5fa8}"), std::string::npos);
  // The published record, as one tar of the record's files.
  auto record = client_->Get("/admin/elections/club/record.tar", rory.cookie);
  ASSERT_EQ(record->status, 200);
  EXPECT_EQ(record->get_header_value("Content-Type"), "application/x-tar");
  EXPECT_EQ(record->body.size() % 512, 0u);
  for (const char* file : {"record-club/election.toml", "record-club/ballots-chair.csv",
                           "record-club/declaration-chair.json", "record-club/audit.csv"}) {
    EXPECT_NE(record->body.find(file), std::string::npos) << file;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, AdminTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) {
                           return param_info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
                         });

}  // namespace
}  // namespace scrutineer::web
