// The voter's pages, which work without JavaScript: `/` takes the voting code, `/ballot` shows
// each contest with a number box beside each candidate, `/review` shows the ranking read from
// the numbers, `/cast` casts it and shows the tracking code; `/check` looks a tracking code up
// in the ballot box. The code travels between the pages in hidden form fields over POST, so
// it is never in an address, a cookie or a log. Every text is escaped (html.h) and comes from
// the message catalogue (messages.h).

#include <map>
#include <nlohmann/json.hpp>

#include "election/lifecycle.h"
#include "web/assets.h"
#include "web/ballot_form.h"
#include "web/html.h"
#include "web/routes.h"

namespace scrutineer::web {
namespace {

using util::ErrorCode;

// The fields of a posted form, in the order they came (repeated names kept, in order).
using Form = httplib::Params;

Form FormOf(const httplib::Request& request) {
  Form form;
  httplib::detail::parse_query_text(request.body, form);
  return form;
}

std::string Field(const Form& form, const std::string& name) {
  const auto found = form.find(name);
  return found == form.end() ? std::string() : found->second;
}

std::string Page(const Catalogue& t, std::string_view title, const std::string& body) {
  return "<!DOCTYPE html>\n<html lang=\"" + Escape(t.language()) +
         "\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
         t.Html(title) + " - " + t.Html("site.name") +
         "</title>\n<link rel=\"stylesheet\" href=\"/style.css\">\n</head>\n<body>\n"
         "<a class=\"skip\" href=\"#main\">" +
         t.Html("site.skip") + "</a>\n<header>\n<p>" + t.Html("site.name") +
         "</p>\n<nav>\n<ul>\n<li><a href=\"/\">" + t.Html("nav.vote") +
         "</a></li>\n<li><a href=\"/check\">" + t.Html("nav.check") +
         "</a></li>\n</ul>\n</nav>\n</header>\n<main id=\"main\">\n" + body +
         "</main>\n</body>\n</html>\n";
}

void Show(httplib::Response& response, int status, const std::string& html) {
  response.status = status;
  response.set_content(html, "text/html; charset=utf-8");
}

std::string Hidden(const std::string& name, const std::string& value) {
  return "<input type=\"hidden\" name=\"" + Escape(name) + "\" value=\"" + Escape(value) + "\">\n";
}

// The problems to put right, announced to screen readers.
std::string Problems(const Catalogue& t, std::string_view heading,
                     const std::vector<std::string>& texts) {
  if (texts.empty()) {
    return "";
  }
  std::string html =
      "<div class=\"problem\" role=\"alert\">\n<h2>" + t.Html(heading) + "</h2>\n<ul>\n";
  for (const std::string& text : texts) {
    html += "<li>" + Escape(text) + "</li>\n";
  }
  return html + "</ul>\n</div>\n";
}

// The election field of the start page: hidden when one election is open, a choice otherwise.
std::string ElectionField(const Catalogue& t, const std::vector<election::Election>& open) {
  if (open.size() == 1) {
    return Hidden("election", open.front().record.id);
  }
  std::string html = "<label for=\"election\">" + t.Html("start.election") +
                     "</label>\n<select id=\"election\" name=\"election\">\n";
  for (const election::Election& election : open) {
    html += "<option value=\"" + Escape(election.record.id) + "\">" +
            Escape(election.record.title) + "</option>\n";
  }
  return html + "</select>\n";
}

void StartPage(Desk& desk, const Catalogue& t, httplib::Response& response, int status,
               const std::string& problem) {
  auto elections = desk.PublicElections();
  std::vector<election::Election> open;  // (none when the store cannot be read)
  if (elections.ok()) {
    std::erase_if(*elections, [](const election::Election& e) {
      return e.state != core::ElectionState::kBallotOpen;
    });
    open = std::move(elections.value());
  }
  std::string body = "<h1>" + t.Html("start.heading") + "</h1>\n" +
                     Problems(t, "refused.heading",
                              problem.empty() ? std::vector<std::string>{} : std::vector{problem});
  if (open.empty()) {
    body += "<p>" + t.Html("start.none") + "</p>\n";
    return Show(response, status, Page(t, "start.title", body));
  }
  body += "<p>" + t.Html("start.intro") + "</p>\n<form method=\"post\" action=\"/ballot\">\n" +
          ElectionField(t, open) + "<label for=\"code\">" + t.Html("start.code") +
          "</label>\n<p class=\"hint\" id=\"code-hint\">" + t.Html("start.code_hint") +
          "</p>\n<input type=\"text\" id=\"code\" name=\"code\" required autocomplete=\"off\" "
          "autocapitalize=\"characters\" spellcheck=\"false\" aria-describedby=\"code-hint\">\n"
          "<button type=\"submit\">" +
          t.Html("start.continue") + "</button>\n</form>\n";
  Show(response, status, Page(t, "start.title", body));
}

// The catalogue key and HTTP status for a refused voting code.
std::pair<const char*, int> RefusalMessage(election::Refusal kind) {
  switch (kind) {
    case election::Refusal::kMistypedCode:
      return {"refused.mistyped", 403};
    case election::Refusal::kUnknownCode:
      return {"refused.unknown", 403};
    case election::Refusal::kSpentCode:
      return {"refused.spent", 409};
    case election::Refusal::kRevokedCode:
      return {"refused.revoked", 403};
    case election::Refusal::kInvalidChoice:
    case election::Refusal::kNone:
      break;
  }
  return {"refused.invalid", 422};
}

// A page saying why the voter cannot go on, with the way back to the start.
void RefusalPage(const Catalogue& t, httplib::Response& response, int status,
                 const std::string& text) {
  Show(response, status,
       Page(t, "refused.title",
            "<h1>" + t.Html("refused.heading") + "</h1>\n<p>" + Escape(text) +
                "</p>\n<p><a href=\"/\">" + t.Html("refused.again") + "</a></p>\n"));
}

// A page saying why nothing could be done, for an error of the Desk's.
void ErrorPage(const Catalogue& t, httplib::Response& response, const util::Error& error,
               const election::Election* election) {
  std::string text = t.Text("refused.unavailable");
  int status = 503;
  if (error.code() == ErrorCode::kConflict && election != nullptr) {
    const core::Timetable& timetable = election->definition.timetable;
    text = t.Text("refused.closed", {{"open", election::IsoTime(timetable.ballot_open)},
                                     {"close", election::IsoTime(timetable.ballot_close)}});
    status = 423;
  } else if (error.code() == ErrorCode::kNotFound || error.code() == ErrorCode::kInvalidInput) {
    text = t.Text("refused.no_election");
    status = 404;
  }
  RefusalPage(t, response, status, text);
}

// The name of the number box beside candidate `index` of `contest`.
std::string RankField(const std::string& contest, size_t index) {
  return "rank." + contest + "." + std::to_string(index);
}

std::string ContestFieldset(const core::Contest& contest, const Form& form, const Catalogue& t) {
  std::string html = "<fieldset>\n<legend>" + Escape(contest.title) + "</legend>\n";
  for (size_t i = 0; i < contest.candidates.size(); ++i) {
    const std::string name = RankField(contest.id, i);
    const std::string id = "r-" + std::to_string(i) + "-" + contest.id;
    html += "<div class=\"candidate\">\n<label for=\"" + Escape(id) + "\">" +
            Escape(contest.candidates[i]) + "</label>\n<input type=\"number\" id=\"" + Escape(id) +
            "\" name=\"" + Escape(name) + "\" min=\"1\" max=\"" +
            std::to_string(contest.candidates.size()) + "\" inputmode=\"numeric\" aria-label=\"" +
            t.Html("ballot.preference_of", {{"name", contest.candidates[i]}}) + "\" value=\"" +
            Escape(Field(form, name)) + "\">\n</div>\n";
  }
  return html + "</fieldset>\n";
}

void BallotPage(const Catalogue& t, const election::Election& election, const Form& form,
                const std::vector<std::string>& problems, httplib::Response& response) {
  std::string body = "<h1>" + t.Html("ballot.heading") + "</h1>\n" +
                     Problems(t, "ballot.problems", problems) + "<p>" + t.Html("ballot.intro") +
                     "</p>\n<form method=\"post\" action=\"/review\">\n" +
                     Hidden("election", election.record.id) + Hidden("code", Field(form, "code"));
  for (const core::Contest& contest : election.definition.contests) {
    body += ContestFieldset(contest, form, t);
  }
  body += "<button type=\"submit\">" + t.Html("ballot.review") + "</button>\n</form>\n";
  Show(response, problems.empty() ? 200 : 422, Page(t, "ballot.title", body));
}

void ShowBallot(Desk& desk, GuessGuard& guard, const Catalogue& t, const httplib::Request& request,
                httplib::Response& response) {
  const Form form = FormOf(request);
  const int64_t now = desk.Now();
  if (!guard.Allows(request.remote_addr, now)) {
    return RefusalPage(t, response, 429, t.Text("refused.too_many"));
  }
  auto found = desk.Find(Field(form, "election"));
  auto checked = found.ok() ? desk.CheckCode(found->record.id, Field(form, "code"))
                            : util::Result<election::VoteOutcome>(found.error());
  if (!checked.ok()) {
    return ErrorPage(t, response, checked.error(), found.ok() ? &*found : nullptr);
  }
  if (!checked->accepted) {
    if (CountsAsGuess(checked->kind)) {
      guard.Refused(request.remote_addr, now);
    }
    const auto [key, status] = RefusalMessage(checked->kind);
    return StartPage(desk, t, response, status, t.Text(key));
  }
  BallotPage(t, *found, form, {}, response);
}

// Each contest's ranking read from the form's numbers; the problems' texts if any.
std::map<std::string, std::vector<std::string>> RankingsOf(const Catalogue& t,
                                                           const election::Election& election,
                                                           const Form& form,
                                                           std::vector<std::string>& problems) {
  std::map<std::string, std::vector<std::string>> rankings;
  for (const core::Contest& contest : election.definition.contests) {
    std::vector<std::string> numbers;
    for (size_t i = 0; i < contest.candidates.size(); ++i) {
      numbers.push_back(Field(form, RankField(contest.id, i)));
    }
    NumberedRanking ranking = RankingFromNumbers(contest.title, contest.candidates, numbers);
    for (const FormProblem& problem : ranking.problems) {
      problems.push_back(t.Text(problem.key, problem.args));
    }
    rankings[contest.id] = std::move(ranking.preferences);
  }
  return rankings;
}

std::string ReviewedContest(const Catalogue& t, const core::Contest& contest,
                            const std::vector<std::string>& ranking, std::string& fields) {
  std::string html = "<h2>" + Escape(contest.title) + "</h2>\n";
  if (ranking.empty()) {
    return html + "<p>" + t.Html("review.blank") + "</p>\n";
  }
  html += "<ol>\n";
  for (const std::string& name : ranking) {
    html += "<li>" + Escape(name) + "</li>\n";
    fields += Hidden("pref." + contest.id, name);
  }
  return html + "</ol>\n";
}

void ReviewBallot(Desk& desk, const Catalogue& t, const httplib::Request& request,
                  httplib::Response& response) {
  const Form form = FormOf(request);
  auto found = desk.Find(Field(form, "election"));
  if (!found.ok()) {
    return ErrorPage(t, response, found.error(), nullptr);
  }
  std::vector<std::string> problems;
  const auto rankings = RankingsOf(t, *found, form, problems);
  if (!problems.empty()) {
    return BallotPage(t, *found, form, problems, response);
  }
  std::string fields = Hidden("election", found->record.id) + Hidden("code", Field(form, "code"));
  std::string body =
      "<h1>" + t.Html("review.heading") + "</h1>\n<p>" + t.Html("review.intro") + "</p>\n";
  for (const core::Contest& contest : found->definition.contests) {
    body += ReviewedContest(t, contest, rankings.at(contest.id), fields);
  }
  std::string change = Hidden("election", found->record.id) + Hidden("code", Field(form, "code"));
  for (const auto& [name, value] : form) {
    change += name.starts_with("rank.") ? Hidden(name, value) : "";
  }
  body += "<form method=\"post\" action=\"/cast\">\n" + fields + "<button type=\"submit\">" +
          t.Html("review.confirm") +
          "</button>\n</form>\n<form method=\"post\" action=\"/ballot\">\n" + change +
          "<button type=\"submit\" class=\"secondary\">" + t.Html("review.change") +
          "</button>\n</form>\n";
  Show(response, 200, Page(t, "review.title", body));
}

// The paper the review page's form carries: each contest's names in order ("pref.CONTEST").
election::BallotPaper PaperOf(const Form& form, const election::Election& election) {
  election::BallotPaper paper{Field(form, "code"), {}};
  for (const core::Contest& contest : election.definition.contests) {
    election::Choice choice{contest.id, {}};
    const auto [first, last] = form.equal_range("pref." + contest.id);
    for (auto field = first; field != last; ++field) {
      choice.preferences.push_back(field->second);
    }
    paper.choices.push_back(std::move(choice));
  }
  return paper;
}

void CastBallot(Desk& desk, GuessGuard& guard, const Catalogue& t, const httplib::Request& request,
                httplib::Response& response) {
  const Form form = FormOf(request);
  const int64_t now = desk.Now();
  if (!guard.Allows(request.remote_addr, now)) {
    return RefusalPage(t, response, 429, t.Text("refused.too_many"));
  }
  auto found = desk.Find(Field(form, "election"));
  if (!found.ok()) {
    return ErrorPage(t, response, found.error(), nullptr);
  }
  auto outcome = desk.Cast(found->record.id, PaperOf(form, *found));
  if (!outcome.ok()) {
    return ErrorPage(t, response, outcome.error(), &*found);
  }
  if (!outcome->accepted) {
    if (CountsAsGuess(outcome->kind)) {
      guard.Refused(request.remote_addr, now);
    }
    const auto [key, status] = RefusalMessage(outcome->kind);
    return RefusalPage(t, response, status, t.Text(key, {{"reason", outcome->refusal}}));
  }
  Show(response, 200,
       Page(t, "cast.title",
            "<h1>" + t.Html("cast.heading") + "</h1>\n<div class=\"done\">\n<h2>" +
                t.Html("cast.tracking") + "</h2>\n<p class=\"code\" id=\"tracking-code\">" +
                Escape(outcome->tracking_code) + "</p>\n</div>\n<p>" + t.Html("cast.keep") +
                "</p>\n<p><a href=\"/check\">" + t.Html("nav.check") + "</a></p>\n"));
}

// What the check of `code` found, for the check page.
std::string CheckAnswer(Desk& desk, const Catalogue& t, const std::string& code) {
  if (code.empty()) {
    return "";
  }
  auto found = desk.FindTrackingCode(code);
  if (!found.ok()) {
    return "<p class=\"problem\" role=\"status\">" + t.Html("refused.unavailable") + "</p>\n";
  }
  if (!found->has_value()) {
    return "<p class=\"problem\" role=\"status\">" + t.Html("check.not_found", {{"code", code}}) +
           "</p>\n";
  }
  return "<p class=\"done\" role=\"status\">" +
         t.Html("check.found", {{"code", code}, {"election", (*found)->title}}) + "</p>\n";
}

void CheckPage(Desk& desk, const Catalogue& t, const httplib::Request& request,
               httplib::Response& response) {
  const std::string code = request.get_param_value("code").substr(0, 64);
  const std::string body =
      "<h1>" + t.Html("check.heading") + "</h1>\n" + CheckAnswer(desk, t, code) + "<p>" +
      t.Html("check.intro") +
      "</p>\n<form method=\"get\" action=\"/check\">\n<label for=\"code\">" + t.Html("check.code") +
      "</label>\n<input type=\"text\" id=\"code\" name=\"code\" value=\"" + Escape(code) +
      "\" autocomplete=\"off\" spellcheck=\"false\">\n<button type=\"submit\">" +
      t.Html("check.submit") + "</button>\n</form>\n";
  Show(response, 200, Page(t, "check.title", body));
}

}  // namespace

void AddPageRoutes(httplib::Server& http, Desk& desk, GuessGuard& guard,
                   const Catalogue& catalogue) {
  const Catalogue& t = catalogue;
  http.Get("/style.css", [](const httplib::Request&, httplib::Response& response) {
    response.headers.erase("Cache-Control");  // the default, no-store, is for pages with codes
    response.set_header("Cache-Control", "max-age=3600");
    response.set_content(std::string(kStyleCss), "text/css; charset=utf-8");
  });
  // Browsers ask for an icon; there is none.
  http.Get("/favicon.ico",
           [](const httplib::Request&, httplib::Response& response) { response.status = 204; });
  http.Get("/", [&desk, &t](const httplib::Request&, httplib::Response& response) {
    StartPage(desk, t, response, 200, "");
  });
  http.Post("/ballot",
            [&desk, &guard, &t](const httplib::Request& request, httplib::Response& response) {
              ShowBallot(desk, guard, t, request, response);
            });
  http.Post("/review", [&desk, &t](const httplib::Request& request, httplib::Response& response) {
    ReviewBallot(desk, t, request, response);
  });
  http.Post("/cast",
            [&desk, &guard, &t](const httplib::Request& request, httplib::Response& response) {
              CastBallot(desk, guard, t, request, response);
            });
  http.Get("/check", [&desk, &t](const httplib::Request& request, httplib::Response& response) {
    CheckPage(desk, t, request, response);
  });
}

httplib::Server::HandlerResponse FillErrorAnswer(const httplib::Request& request,
                                                 httplib::Response& response, const Catalogue& t) {
  if (!response.body.empty()) {
    return httplib::Server::HandlerResponse::Unhandled;
  }
  const bool api = request.path.starts_with("/api/");
  const std::string what = response.status == 413   ? "the request is too long"
                           : response.status == 404 ? "there is nothing at this address"
                                                    : "the request cannot be served";
  if (api || response.status != 404) {
    const char* error = response.status == 413   ? "too_large"
                        : response.status == 404 ? "not_found"
                                                 : "bad_request";
    const nlohmann::json body{{"error", error}, {"message", what}};
    response.set_content(body.dump(), "application/json");
    return httplib::Server::HandlerResponse::Handled;
  }
  response.set_content(
      Page(t, "missing.title",
           "<h1>" + t.Html("missing.heading") + "</h1>\n<p>" + t.Html("missing.intro") + "</p>\n"),
      "text/html; charset=utf-8");
  return httplib::Server::HandlerResponse::Handled;
}

}  // namespace scrutineer::web
