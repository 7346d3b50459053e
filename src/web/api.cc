// The JSON API under /api/v1/ (docs/api/openapi.yaml). Each handler asks the Desk and turns
// its answer into an HTTP status here: a refused ballot by the kind of its refusal, an error
// by its code.

#include <nlohmann/json.hpp>

#include "election/lifecycle.h"
#include "web/routes.h"

namespace scrutineer::web {
namespace {

using nlohmann::json;
using util::ErrorCode;

void Answer(httplib::Response& response, int status, const json& body) {
  response.status = status;
  response.set_content(body.dump(), "application/json");
}

void Refuse(httplib::Response& response, int status, const std::string& error,
            const std::string& message) {
  Answer(response, status, {{"error", error}, {"message", message}});
}

// The status for an error of the Desk's: `closed` for kConflict (the ballot not open: 423;
// results not declared: 409).
void RefuseError(httplib::Response& response, const util::Error& error, int closed) {
  switch (error.code()) {
    case ErrorCode::kNotFound:
      return Refuse(response, 404, "not_found", error.ToString());
    case ErrorCode::kConflict:
      return Refuse(response, closed, closed == 423 ? "voting_closed" : "not_declared",
                    error.ToString());
    case ErrorCode::kInvalidInput:
    case ErrorCode::kInvalidArgument:
      return Refuse(response, 400, "bad_request", error.ToString());
    default:
      // The store's own failure: the message may name its file or server, not for the public.
      return Refuse(response, 503, "unavailable", "the election's records cannot be reached");
  }
}

void RefuseBallot(httplib::Response& response, const election::VoteOutcome& outcome) {
  switch (outcome.kind) {
    case election::Refusal::kSpentCode:
      return Refuse(response, 409, "spent_credential", outcome.refusal);
    case election::Refusal::kInvalidChoice:
      return Refuse(response, 422, "invalid_ballot", outcome.refusal);
    case election::Refusal::kMistypedCode:
    case election::Refusal::kUnknownCode:
      return Refuse(response, 403, "unknown_credential", outcome.refusal);
    case election::Refusal::kRevokedCode:
      return Refuse(response, 403, "revoked_credential", outcome.refusal);
    case election::Refusal::kNone:
      break;
  }
  Refuse(response, 500, "internal", "the ballot was neither accepted nor refused");
}

json ElectionJson(const election::Election& election) {
  json contests = json::array();
  for (const core::Contest& contest : election.definition.contests) {
    json candidates = json::array();
    for (const std::string& name : contest.candidates) {
      candidates.push_back({{"name", name}});
    }
    contests.push_back({{"id", contest.id},
                        {"title", contest.title},
                        {"method", contest.method},
                        {"seats", contest.seats},
                        {"candidates", candidates}});
  }
  const core::Timetable& timetable = election.definition.timetable;
  return {{"id", election.record.id},
          {"title", election.record.title},
          {"state", election.record.state},
          {"ballot_open", election::IsoTime(timetable.ballot_open)},
          {"ballot_close", election::IsoTime(timetable.ballot_close)},
          {"contests", contests}};
}

// A ballot request: {"election": ID (optional), "credential": CODE, "contests": {"leader":
// ["A", "B"], ...}}; kInvalidInput saying what is wrong with it.
util::Result<std::pair<std::string, election::BallotPaper>> ReadBallotRequest(
    const std::string& body) {
  const json request = json::parse(body, nullptr, false);
  auto malformed = [](const std::string& what) {
    return util::Error(ErrorCode::kInvalidInput, what, "request body");
  };
  if (!request.is_object()) {
    return malformed("is not a JSON object");
  }
  if (!request.contains("credential") || !request["credential"].is_string()) {
    return malformed("needs \"credential\", the voting code, as a string");
  }
  if (!request.contains("contests") || !request["contests"].is_object()) {
    return malformed("needs \"contests\", an object of contest ids to lists of names");
  }
  if (request.contains("election") && !request["election"].is_string()) {
    return malformed("\"election\" must be a string");
  }
  election::BallotPaper paper{request["credential"].get<std::string>(), {}};
  for (const auto& [contest, names] : request["contests"].items()) {
    election::Choice choice{contest, {}};
    for (const json& name : names.is_array() ? names : json::array({nullptr})) {
      if (!name.is_string()) {
        return malformed("contest \"" + contest + "\" must be a list of candidates' names");
      }
      choice.preferences.push_back(name.get<std::string>());
    }
    paper.choices.push_back(std::move(choice));
  }
  return std::pair{request.value("election", std::string()), std::move(paper)};
}

void CastBallot(Desk& desk, GuessGuard& guard, const httplib::Request& request,
                httplib::Response& response) {
  auto ballot = ReadBallotRequest(request.body);
  if (!ballot.ok()) {
    return Refuse(response, 400, "bad_request", ballot.error().ToString());
  }
  const int64_t now = desk.Now();
  if (!guard.Allows(request.remote_addr, now)) {
    return Refuse(response, 429, "too_many_attempts",
                  "too many voting codes from this address were refused: try again later");
  }
  auto outcome = desk.Cast(ballot->first, ballot->second);
  if (!outcome.ok()) {
    return RefuseError(response, outcome.error(), 423);
  }
  if (!outcome->accepted) {
    if (CountsAsGuess(outcome->kind)) {
      guard.Refused(request.remote_addr, now);
    }
    return RefuseBallot(response, *outcome);
  }
  Answer(response, 201, {{"tracking_code", outcome->tracking_code}});
}

void ListElections(Desk& desk, httplib::Response& response) {
  auto elections = desk.PublicElections();
  if (!elections.ok()) {
    return RefuseError(response, elections.error(), 409);
  }
  json list = json::array();
  for (const election::Election& election : *elections) {
    list.push_back(ElectionJson(election));
  }
  Answer(response, 200, {{"elections", list}});
}

void CheckBallotBox(Desk& desk, const std::string& code, httplib::Response& response) {
  auto found = desk.FindTrackingCode(code);
  if (!found.ok()) {
    return RefuseError(response, found.error(), 409);
  }
  json answer{{"tracking_code", code}, {"in_ballot_box", found->has_value()}};
  if (found->has_value()) {
    answer["election"] = (*found)->election;
  }
  Answer(response, 200, answer);
}

void ShowResults(Desk& desk, const std::string& id, httplib::Response& response) {
  auto results = desk.Results(id);
  if (!results.ok()) {
    return RefuseError(response, results.error(), 409);
  }
  json contests = json::array();
  for (const ContestResult& result : *results) {
    contests.push_back({{"contest", result.contest},
                        {"declaration", json::parse(result.declaration_json, nullptr, false)}});
  }
  Answer(response, 200, {{"election", id}, {"contests", contests}});
}

}  // namespace

void AddApiRoutes(httplib::Server& http, Desk& desk, GuessGuard& guard) {
  http.Get("/healthz", [](const httplib::Request&, httplib::Response& response) {
    Answer(response, 200, {{"status", "ok"}});
  });
  http.Get("/api/v1/elections", [&desk](const httplib::Request&, httplib::Response& response) {
    ListElections(desk, response);
  });
  http.Post("/api/v1/ballots",
            [&desk, &guard](const httplib::Request& request, httplib::Response& response) {
              CastBallot(desk, guard, request, response);
            });
  http.Get(R"(/api/v1/ballot-box/([^/]{1,64}))",
           [&desk](const httplib::Request& request, httplib::Response& response) {
             CheckBallotBox(desk, request.matches[1], response);
           });
  http.Get(R"(/api/v1/elections/([^/]{1,200})/results)",
           [&desk](const httplib::Request& request, httplib::Response& response) {
             ShowResults(desk, request.matches[1], response);
           });
}

}  // namespace scrutineer::web
