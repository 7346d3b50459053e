// OpenStore: the backend by the location's form; and the names the interface gives.

#include "store/store.h"

#include "store/postgres_db.h"
#include "store/postgres_store.h"
#include "store/sqlite_store.h"

namespace scrutineer::store {

util::Result<std::unique_ptr<Store>> OpenStore(const std::string& location, AuditHasher hasher) {
  if (IsPostgresUrl(location)) {
    return OpenPostgresStore(location, std::move(hasher));
  }
  return OpenSqliteStore(location, std::move(hasher));
}

std::string_view CredentialStateName(CredentialState state) {
  switch (state) {
    case CredentialState::kIssued:
      return "issued";
    case CredentialState::kSpent:
      return "spent";
    case CredentialState::kRevoked:
      return "revoked";
  }
  return "";
}

}  // namespace scrutineer::store
