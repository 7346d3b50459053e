#include "election/sample.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "crypto/voting_code.h"
#include "election/credentials.h"
#include "election/lifecycle.h"
#include "election/register.h"

namespace scrutineer::election {
namespace {

using util::Error;
using util::ErrorCode;

constexpr int64_t kOpenFor = int64_t{7} * 86'400;  // a week

std::string Definition(const std::string& id, int64_t now) {
  std::string candidates;
  for (const std::string& name : SampleCandidates()) {
    candidates += (candidates.empty() ? "\"" : ", \"") + name + "\"";
  }
  return "id = \"" + id + "\"\ntitle = \"Demo leader\"\n[timetable]\ntime_zone = \"UTC\"\n" +
         "nominations_open = " + IsoTime(now - 600) +
         "\nnominations_close = " + IsoTime(now - 300) + "\nballot_open = " + IsoTime(now) +
         "\nballot_close = " + IsoTime(now + kOpenFor) +
         "\n[[sections]]\nid = \"members\"\n"
         "[[contests]]\nid = \"leader\"\ntitle = \"Leader\"\nmethod = \"irv\"\n"
         "candidates = [" +
         candidates + "]\n";
}

// Writes the register of `voters` members to a temporary file, imports it and removes it.
util::Status ImportSampleRegister(store::Store& store, const std::string& id, int64_t voters,
                                  int64_t now) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("scrutineer-sample-" + std::to_string(getpid()) + "-" + crypto::RandomHex(8) + ".csv");
  {
    std::ofstream out(path);
    out << "membership_number,name,email,section,joined\n";
    for (int64_t i = 1; i <= voters; ++i) {
      out << 'D' << i << ",Voter " << i << ",voter" << i << "@example.org,members,2020-01-01\n";
    }
    if (!out) {
      return Error(ErrorCode::kIo, "cannot write the sample register", path.string());
    }
  }
  auto imported = ImportRegister(store, id, path.string(), now);
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
  if (!imported.ok()) {
    return imported.error();
  }
  return {};
}

}  // namespace

std::string KeyFileText(const std::string& key) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (const char byte : key) {
    const auto c = static_cast<unsigned char>(byte);
    hex += kHex[c >> 4];
    hex += kHex[c & 15];
  }
  return hex + "\n";
}

const std::vector<std::string>& SampleCandidates() {
  static const std::vector<std::string> candidates{"Ada Lovelace", "Grace Hopper", "Alan Turing"};
  return candidates;
}

util::Result<SampleElection> OpenSampleElection(store::Store& store, const std::string& id,
                                                int64_t voters, int64_t now) {
  if (voters < 1) {
    return Error(ErrorCode::kInvalidArgument, "a sample election needs a voter", "voters");
  }
  const int64_t early = now - 600;
  if (auto created = CreateElection(store, Definition(id, now), "sample", early); !created.ok()) {
    return created.error();
  }
  if (util::Status imported = ImportSampleRegister(store, id, voters, early); !imported.ok()) {
    return imported.error();
  }
  for (const auto& [state, at] : {std::pair{core::ElectionState::kNominations, early},
                                  std::pair{core::ElectionState::kBallotOpen, now}}) {
    if (util::Status advanced = AdvanceElection(store, id, state, at); !advanced.ok()) {
      return advanced.error();
    }
  }
  SampleElection sample{id, crypto::NewCodeKey(), {}};
  auto issued = IssueCredentials(store, id, sample.key, now);
  if (!issued.ok()) {
    return issued.error();
  }
  sample.codes.reserve(issued->size());
  for (const IssuedCredential& credential : *issued) {
    sample.codes.push_back(credential.code);
  }
  return sample;
}

}  // namespace scrutineer::election
