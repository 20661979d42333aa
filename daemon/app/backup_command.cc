#include "daemon/app/backup_command.h"

#include <filesystem>

#include "daemon/store/backup.h"

namespace encore {

int runBackupCommand(const std::string &target, const std::string &dataDir, std::ostream &out,
                     std::ostream &err) {
  if (!std::filesystem::exists(std::filesystem::path(dataDir) / "encore.db")) {
    err << "encored backup: no database in " << dataDir << " (use --data-dir or --config)\n";
    return 66;  // EX_NOINPUT
  }
  try {
    auto result = backupDatabase(dataDir, target);
    out << "backed up " << result.source << " to " << result.target << " (" << result.bytes
        << " bytes, schema version " << result.schemaVersion << ")\n";
    return 0;
  } catch (const std::exception &e) {
    err << "encored backup: " << e.what() << "\n";
    return 73;  // EX_CANTCREAT
  }
}

}  // namespace encore
