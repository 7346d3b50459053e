#pragma once
// A tar archive (POSIX ustar) of a few files, written in memory: the published record as one
// download. Every entry is a regular file, mode 0644, owned by nobody, dated the epoch, so that
// the same files give the same bytes.

#include <string>
#include <vector>

#include "web/admin_desk.h"

namespace scrutineer::web {

// REQUIRES: each name is under 100 bytes.
std::string Tar(const std::string& folder, const std::vector<RecordFile>& files);

}  // namespace scrutineer::web
