#pragma once
// Shared by the fuzz targets: a ballot set that was read is counted and written in every
// format, so that whatever a reader accepts, the rest of the pipeline takes without crashing.

#include "count/irv.h"
#include "crypto/sha256_lot.h"
#include "report/declaration.h"

namespace scrutineer::fuzz {

inline void CountAndWrite(const core::BallotSet& ballots) {
  const crypto::Sha256Lot lot("fuzz");
  count::IrvRules rules;
  rules.batch_elimination = ballots.size() % 2 == 1;
  auto result = count::CountIrv(ballots, rules, &lot);
  if (!result.ok()) {
    return;
  }
  report::Declaration declaration(ballots, *result);
  declaration.electorate = 1000;
  (void)report::WriteText(declaration);
  (void)report::WriteJson(declaration);
  (void)report::WriteRctabJson(declaration);
  (void)report::WriteCsv(declaration);
  (void)report::WriteHtml(declaration);
}

}  // namespace scrutineer::fuzz
