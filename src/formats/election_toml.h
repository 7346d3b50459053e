#pragma once
// The election definition file (docs/formats/election.md): TOML declaring an election's
// timetable, sections and their eligibility, contests and nominations, declaration rules and
// tie-break. Read with toml++; nothing of toml++ (its types or its exceptions) leaves this
// reader.
//
// Strict: an unknown key, a value of the wrong type and a time without a zone offset are
// refused, since a typo in an election's definition must not pass silently. Every problem is
// reported at once as "file:line: what", then core::Validate's problems, each placed on the
// line of the key it concerns (or of its table, or the file when the key is absent).

#include <string>
#include <string_view>

#include "core/election.h"
#include "util/result.h"

namespace scrutineer::formats {

// Reads `text`, named `name` in messages (e.g. "election.toml"), into a definition that
// passes core::Validate.
util::Result<core::ElectionDefinition> ParseElectionToml(std::string_view text,
                                                         const std::string& name);
// The same for the file at `path`; kNotFound when it cannot be opened.
util::Result<core::ElectionDefinition> ReadElectionToml(const std::string& path);

}  // namespace scrutineer::formats
