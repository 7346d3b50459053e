#pragma once
// The schema of the store, step by step. Step i (from 1) takes a store from version i - 1 to
// version i; a store is migrated on open, each step in its own transaction. Steps are never
// edited once released: a change to the schema is a new step. docs/schema.md describes the
// tables.

#include <span>
#include <string_view>

namespace scrutineer::store {

// The SQL of every step, oldest first; the current version is their number.
std::span<const std::string_view> Migrations();

// Marks a database file as a Scrutineer store ("SCRU").
inline constexpr int kApplicationId = 0x53435255;

}  // namespace scrutineer::store
