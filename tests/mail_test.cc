// Mail to voters through a real SMTP server on 127.0.0.1 (tests/tools/smtp_sink.py, Debian's
// python3-aiosmtpd): credential letters carry each voter's own code, a mailbox the server
// refuses is reported and the rest still go, a revoked code is never sent, reminders go only
// to those who have not voted and carry no code, and no message holds anything of a ballot.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "tests/run_command.h"

namespace scrutineer::testing {
namespace {

// A port on 127.0.0.1 the kernel just handed out, closed again.
int FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  EXPECT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), length), 0);
  EXPECT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  close(fd);
  return ntohs(address.sin_port);
}

// The test mail server, running while the object lives.
class SmtpSink {
 public:
  explicit SmtpSink(const std::string& dir) : dir_(dir), port_(FreePort()) {
    const std::string script = std::string(SCRUTINEER_SOURCE_DIR) + "/tests/tools/smtp_sink.py";
    const std::string port = std::to_string(port_);
    pid_ = fork();
    if (pid_ == 0) {
      execl("/usr/bin/python3", "python3", script.c_str(), port.c_str(), dir.c_str(), nullptr);
      _exit(127);
    }
    for (int i = 0; i < 200 && !std::filesystem::exists(dir + "/ready"); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  ~SmtpSink() {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  bool ready() const { return std::filesystem::exists(dir_ + "/ready"); }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  // Every message received so far, in order.
  std::vector<std::string> Messages() const {
    std::vector<std::string> messages;
    for (int n = 1; std::filesystem::exists(Path(n)); ++n) {
      messages.push_back(ReadFile(Path(n)));
    }
    return messages;
  }

 private:
  std::string Path(int n) const {
    char name[16];
    std::snprintf(name, sizeof name, "/%04d.eml", n);
    return dir_ + name;
  }
  std::string dir_;
  int port_;
  pid_t pid_ = -1;
};

class MailTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = TempDir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    const int64_t now = NowSeconds();
    WriteFile(dir_ + "/election.toml",
              "id = \"club\"\ntitle = \"Club chair\"\n[timetable]\ntime_zone = \"UTC\"\n"
              "nominations_open = " +
                  TomlTime(now - 300) + "\nnominations_close = " + TomlTime(now - 200) +
                  "\nballot_open = " + TomlTime(now - 100) +
                  "\nballot_close = " + TomlTime(now + 3600) +
                  "\n[[sections]]\nid = \"members\"\n[[contests]]\nid = \"chair\"\n"
                  "title = \"Chair\"\nmethod = \"irv\"\ncandidates = [\"Ada\", \"Ben\"]\n");
    // Ann and Bo by email, Cy by post, Di's mailbox does not exist.
    WriteFile(dir_ + "/register.csv",
              "number,name,email,section,joined\n1,Ann,ann@example.org,members,2020-01-01\n"
              "2,Bo,bo@example.org,members,2020-01-01\n3,Cy,,members,2020-01-01\n"
              "4,Di,bounce.di@example.org,members,2020-01-01\n");
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"election", "create", dir_ + "/election.toml"},
          {"register", "import", "club", dir_ + "/register.csv"},
          {"election", "advance", "club", "--to", "nominations"},
          {"election", "advance", "club", "--to", "ballot_open"}}) {
      ASSERT_EQ(Run(args).exit_code, 0) << args[0] << " " << args[1];
    }
    const CommandResult issued = Run({"credentials", "issue", "club", "--out", dir_ + "/codes.csv"});
    ASSERT_EQ(issued.exit_code, 0) << issued.err;
    codes_ = ReadFile(dir_ + "/codes.csv");
  }
  CommandResult Run(std::vector<std::string> args) {
    args.insert(args.begin(), ScrutineerBinary());
    args.insert(args.end(), {"--store", dir_ + "/club.db", "--key-file", dir_ + "/club.key"});
    if ((args[1] != "credentials" && args[1] != "vote" && args[1] != "mail") ||
        args[2] == "reminders") {
      args.resize(args.size() - 2);  // only these take the code key
    }
    return RunCommand(args);
  }
  CommandResult Mail(const std::string& what, const SmtpSink& sink,
                     std::vector<std::string> more = {}) {
    std::vector<std::string> args{"mail", what, "club"};
    args.insert(args.end(), more.begin(), more.end());
    args.insert(args.end(), {"--smtp", sink.url(), "--from", "returning.officer@example.org",
                             "--rate", "200", "--report", dir_ + "/report.csv"});
    return Run(args);
  }
  std::string dir_;
  std::string codes_;
};

TEST_F(MailTest, LettersCarryEachVotersOwnCodeAndARefusedMailboxIsReported) {
  SmtpSink sink(dir_ + "/mail");
  ASSERT_TRUE(sink.ready());
  const std::string ann = CsvCell(codes_, 1, 6);
  const std::string bo = CsvCell(codes_, 2, 6);
  const CommandResult sent = Mail("letters", sink, {dir_ + "/codes.csv"});
  ASSERT_EQ(sent.exit_code, 0) << sent.err;
  EXPECT_NE(sent.err.find("3 messages: 2 sent, 1 not sent"), std::string::npos) << sent.err;
  const std::string report = ReadFile(dir_ + "/report.csv");
  EXPECT_NE(report.find("1,ann@example.org,sent,\n2,bo@example.org,sent,\n"
                        "4,bounce.di@example.org,not sent,"),
            std::string::npos)
      << report;
  EXPECT_NE(report.find("550"), std::string::npos) << report;
  const std::vector<std::string> messages = sink.Messages();
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_NE(messages[0].find("X-Envelope-To: ann@example.org\r\n"), std::string::npos);
  EXPECT_NE(messages[0].find("Subject: Your voting code: Club chair\r\n"), std::string::npos);
  EXPECT_NE(messages[0].find("Dear Ann,"), std::string::npos);
  EXPECT_NE(messages[0].find("    " + ann + "\r\n"), std::string::npos) << messages[0];
  EXPECT_EQ(messages[0].find(bo), std::string::npos);  // only her own code
  EXPECT_NE(messages[1].find(bo), std::string::npos);
  const CommandResult log = Run({"audit", "show", "club"});
  EXPECT_NE(log.out.find("credential letters: 2 sent, 1 not sent"), std::string::npos) << log.out;
}

TEST_F(MailTest, ARevokedCodeIsNeverSentAndRemindersCarryNoCodeNorChoice) {
  SmtpSink sink(dir_ + "/mail");
  ASSERT_TRUE(sink.ready());
  const std::string ann = CsvCell(codes_, 1, 6);
  // Ann votes; Bo's code is reissued, so the first export's code for him is dead.
  ASSERT_EQ(Run({"vote", "club", "--code", ann, "--choice", "chair=Ada>Ben"}).exit_code, 0);
  const CommandResult reissued =
      Run({"credentials", "reissue", "club", "2", "--out", dir_ + "/bo.csv"});
  ASSERT_EQ(reissued.exit_code, 0) << reissued.err;
  ASSERT_EQ(Mail("letters", sink, {dir_ + "/codes.csv"}).exit_code, 0);
  EXPECT_NE(ReadFile(dir_ + "/report.csv")
                .find("1,ann@example.org,not sent,the code is no longer live (used or replaced)\n"
                      "2,bo@example.org,not sent,the code is no longer live (used or replaced)\n"),
            std::string::npos)
      << ReadFile(dir_ + "/report.csv");
  const CommandResult renewed = Mail("letters", sink, {dir_ + "/bo.csv", "--reissue"});
  ASSERT_EQ(renewed.exit_code, 0) << renewed.err;
  const std::string new_code = CsvCell(ReadFile(dir_ + "/bo.csv"), 1, 6);
  // Reminders: Bo (not voted) and Di (refused by the server); not Ann, who has voted.
  const CommandResult reminded = Mail("reminders", sink);
  ASSERT_EQ(reminded.exit_code, 0) << reminded.err;
  EXPECT_EQ(ReadFile(dir_ + "/report.csv"),
            "membership_number,email,outcome,reason\n2,bo@example.org,sent,\n"
            "4,bounce.di@example.org,not sent,"
            "RCPT failed: 550 (server reply 550)\n");
  const std::vector<std::string> messages = sink.Messages();
  ASSERT_EQ(messages.size(), 2u);  // Bo's new code, Bo's reminder (Di's mailbox is refused)
  EXPECT_NE(messages[0].find("    " + new_code + "\r\n"), std::string::npos) << messages[0];
  EXPECT_NE(messages[0].find("replaces the code sent to you before"), std::string::npos);
  EXPECT_NE(messages[1].find("Subject: Reminder: you have not yet voted in Club chair"),
            std::string::npos)
      << messages[1];
  for (const std::string& message : messages) {
    for (const std::string& secret : {ann, new_code, std::string("Ada"), std::string("Ben")}) {
      if (message != messages[0] || secret != new_code) {
        EXPECT_EQ(message.find(secret), std::string::npos) << secret << " in\n" << message;
      }
    }
  }
}

TEST_F(MailTest, NoServerStopsTheMailingAndBadSettingsAreRefused) {
  SmtpSink none(dir_ + "/none");  // started, then its port is taken from a closed one
  const std::string closed = "smtp://127.0.0.1:" + std::to_string(FreePort());
  const CommandResult down =
      Run({"mail", "letters", "club", dir_ + "/codes.csv", "--smtp", closed, "--from",
           "ro@example.org"});
  EXPECT_EQ(down.exit_code, 4) << down.err;
  EXPECT_NE(down.err.find(closed), std::string::npos) << down.err;
  const CommandResult log = Run({"audit", "show", "club"});
  EXPECT_NE(log.out.find("credential letters: 0 sent, 0 not sent; stopped:"), std::string::npos)
      << log.out;
  EXPECT_EQ(Run({"mail", "reminders", "club", "--smtp", "http://127.0.0.1:1", "--from",
                 "ro@example.org"})
                .exit_code,
            1);
  EXPECT_EQ(Run({"mail", "reminders", "club", "--smtp", closed, "--from", "ro@ex ample.org"})
                .exit_code,
            1);
  WriteFile(dir_ + "/nocode.csv", "membership_number,email\n1,ann@example.org\n");
  EXPECT_EQ(Mail("letters", none, {dir_ + "/nocode.csv"}).exit_code, 2);
}

}  // namespace
}  // namespace scrutineer::testing
