#pragma once
// The administrator's pages, drawn (admin_views.cc) for the routes of admin_pages.cc once a
// request is admitted. Each takes the admitted session, whose CSRF token goes into every form
// it draws. Internal to src/web.

#include <string>

#include "web/routes.h"

namespace scrutineer::web {

// A field of a posted form (URL-encoded or multipart); empty when absent.
std::string FieldOf(const httplib::Request& request, const std::string& name);
// An uploaded text: the file field "file" when one was chosen, else the text area "text".
std::string UploadOf(const httplib::Request& request);
void ShowPage(httplib::Response& response, int status, const std::string& html);
// An administrator's page: `session` (when signed in) gives the sign-out form.
std::string AdminPage(const Catalogue& t, const election::Session* session,
                      std::string_view title_key, const std::string& body);
// The sign-in page, with `problem` (a text) when there is one.
std::string SignInForm(const Catalogue& t, const std::string& problem);

using Session = election::Session;
using Response = httplib::Response;

// Pieces of the pages, escaped as they are put together.
std::string Hidden(const std::string& name, const std::string& value);
// A form posted to `action` carrying the session's CSRF token, then `fields` and a button;
// `upload`: multipart, for a file.
std::string PostForm(const Catalogue& t, const Session& session, const std::string& action,
                     const std::string& fields, std::string_view button_key, bool upload = false);
// A labelled text box named `name`, its id made unique on the page by `scope`.
std::string TextField(const std::string& scope, const std::string& name, const std::string& label);
// A file to choose ("file") or a text to paste ("text"), for UploadOf.
std::string UploadFields(const Catalogue& t, const std::string& scope, std::string_view file_key,
                         std::string_view text_key);
// A done notice, or a problem when `problem` is not empty.
std::string Notice(const std::string& done, const std::string& problem);
// A page saying why nothing was done, with the error's status.
void ShowError(AdminContext& admin, const Session& session, Response& response,
               const util::Error& error);

void ElectionsPage(AdminContext& admin, const Session& session, Response& response,
                   const std::string& problem);
void CreatePage(AdminContext& admin, const Session& session, const std::string& definition,
                Response& response);
// `notice` is shown as done; `status` is the answer's.
void OverviewPage(AdminContext& admin, const Session& session, const std::string& id,
                  Response& response, int status, const std::string& notice);
void AdvancePage(AdminContext& admin, const Session& session, const std::string& id,
                 const std::string& to, Response& response);
void RegisterPage(AdminContext& admin, const Session& session, const std::string& id,
                  const election::RegisterImport* imported, Response& response);
void ImportPage(AdminContext& admin, const Session& session, const std::string& id,
                const std::string& csv, Response& response);
void NominationsPage(AdminContext& admin, const Session& session, const std::string& id,
                     Response& response, int status, const std::string& notice);
// POST .../nominations/CONTEST/{nominators,nominate,consent,withdraw}.
void NominationStep(AdminContext& admin, const Session& session, const httplib::Request& request,
                    Response& response);
void EliminatingPage(AdminContext& admin, const Session& session, const std::string& id,
                     Response& response, int status, const std::string& notice);
void RecordEliminatingPage(AdminContext& admin, const Session& session,
                           const httplib::Request& request, Response& response);
void CredentialsPage(AdminContext& admin, const Session& session, const std::string& id,
                     Response& response, int status, const std::string& notice);
// Issues every code (`number` empty) or reissues one; the codes' CSV is the answer, once.
void IssuePage(AdminContext& admin, const Session& session, const std::string& id,
               const std::string& number, Response& response);
void RecordDownload(AdminContext& admin, const Session& session, const std::string& id,
                    Response& response);

// The HTTP status for an error of the library's.
int StatusOf(const util::Error& error);

}  // namespace scrutineer::web
