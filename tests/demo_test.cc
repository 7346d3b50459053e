// `scrutineer demo` (what `make run` runs): Labour's 2016 leadership election from register to
// declaration through the real library calls, declaring the published result.

#include <gtest/gtest.h>

#include "tests/run_command.h"

namespace scrutineer::testing {
namespace {

TEST(DemoTest, TheDemoDeclaresTheLabour2016Result) {
  const std::string dir = TempDir("demo");
  const CommandResult run = RunCommand(
      {ScrutineerBinary(), "demo", "--store", dir + "/demo.db", "--definition",
       std::string(SCRUTINEER_SOURCE_DIR) + "/examples/labour_2016_leader/election.toml"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  // The published figures (../shared/conformance/published/labour_2016_leader).
  for (const char* expected :
       {"Jeremy Corbyn                  313,209    61.8",
        "Owen Smith                     193,229    38.2", "Blank or spoilt                  1,042",
        "Electorate                     654,006", "Turnout                          77.6%",
        "Jeremy Corbyn is elected.", "168,216   59.0%", "84,918   69.9%", "60,075   60.2%"}) {
    EXPECT_NE(run.out.find(expected), std::string::npos) << expected << "\n" << run.out;
  }
  EXPECT_EQ(RunCommand({ScrutineerBinary(), "audit", "verify", "labour-2016-leader", "--store",
                        dir + "/demo.db"})
                .exit_code,
            0);
}

}  // namespace
}  // namespace scrutineer::testing
