// `scrutineer serve --demo`: a newcomer is given voting codes that the server accepts, once.

#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "tests/run_command.h"
#include "tests/serve_process.h"

namespace scrutineer {
namespace {

using nlohmann::json;

TEST(ServeDemoTest, PrintsCredentialsThatVoteOnce) {
  const std::string dir = testing::TempDir("serve_demo");
  testing::ServeProcess server(testing::ScrutineerBinary(),
                               {"--demo", "--store", dir + "/demo.db", "--keys", dir});
  ASSERT_TRUE(server.Start()) << server.error();
  std::vector<std::string> codes;
  const std::regex credential("credential: ([0-9A-Z-]+)");
  std::istringstream said(server.output());
  for (std::string line; std::getline(said, line);) {
    if (std::smatch match; std::regex_match(line, match, credential)) {
      codes.push_back(match[1]);
    }
  }
  ASSERT_EQ(codes.size(), 5u) << server.output();
  httplib::Client client("127.0.0.1", server.port());
  auto elections = client.Get("/api/v1/elections");
  ASSERT_TRUE(elections);
  const json contest = json::parse(elections->body).at("elections").at(0).at("contests").at(0);
  const json ballot{
      {"credential", codes[0]},
      {"contests", {{contest.at("id"), {contest.at("candidates").at(1).at("name")}}}}};
  auto first = client.Post("/api/v1/ballots", ballot.dump(), "application/json");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 201) << first->body;
  auto again = client.Post("/api/v1/ballots", ballot.dump(), "application/json");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 409) << again->body;
  EXPECT_EQ(
      client
          .Post("/api/v1/ballots",
                json{{"credential", codes[1]}, {"contests", {{contest.at("id"), json::array()}}}}
                    .dump(),
                "application/json")
          ->status,
      201);
  EXPECT_EQ(WEXITSTATUS(server.Signal(SIGTERM)), 0);
}

TEST(ServeDemoTest, WithNoStoreNamedUsesATemporaryOne) {
  if (std::getenv("SCRUTINEER_STORE") != nullptr) {
    GTEST_SKIP() << "SCRUTINEER_STORE names a store";
  }
  testing::ServeProcess server(testing::ScrutineerBinary(), {"--demo"});
  ASSERT_TRUE(server.Start()) << server.error();
  std::smatch match;
  const std::string said = server.output();
  ASSERT_TRUE(std::regex_search(said, match, std::regex("Demo store: (/\\S+) \\(temporary\\)")))
      << said;
  const std::string path = match[1];
  EXPECT_TRUE(std::filesystem::exists(path)) << path;
  EXPECT_NE(said.find("credential: "), std::string::npos);
  server.Signal(SIGTERM);
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(path + suffix);
  }
}

}  // namespace
}  // namespace scrutineer
