#pragma once
// The PostgreSQL store's schema, step by step, as migrations.h is for SQLite: step i (from 1)
// takes a database from version i - 1 to version i, each step in its own transaction, and the
// version is kept in the table scrutineer_schema. The versions mean the same tables on both
// backends (docs/schema.md): a change to the schema is a new step in both lists.

#include <span>
#include <string_view>

namespace scrutineer::store {

// The SQL of every step, oldest first; the current version is their number.
std::span<const std::string_view> PostgresMigrations();

}  // namespace scrutineer::store
