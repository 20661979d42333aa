// `encored backup FILE`: a consistent copy of the data directory's database, safe while
// the daemon runs (see daemon/store/backup.h).
#pragma once

#include <ostream>
#include <string>

namespace encore {

/// Returns a process exit code: 0 written, 66 no database, 73 the copy failed.
int runBackupCommand(const std::string &target, const std::string &dataDir, std::ostream &out,
                     std::ostream &err);

}  // namespace encore
