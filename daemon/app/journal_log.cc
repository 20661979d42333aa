#include "daemon/app/journal_log.h"

#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>

namespace encore {

bool stderrIsJournal() {
  const char *stream = std::getenv("JOURNAL_STREAM");
  if (stream == nullptr) return false;
  unsigned long long device = 0, inode = 0;
  if (std::sscanf(stream, "%llu:%llu", &device, &inode) != 2) return false;
  // The variable is inherited by children whose stderr may be elsewhere: trust it only for
  // the stream it names.
  struct stat st {};
  if (fstat(2, &st) != 0) return false;
  return static_cast<unsigned long long>(st.st_dev) == device &&
         static_cast<unsigned long long>(st.st_ino) == inode;
}

int syslogPriority(Poco::Message::Priority priority) {
  switch (priority) {
    case Poco::Message::PRIO_FATAL:
    case Poco::Message::PRIO_CRITICAL:
      return 2;  // crit
    case Poco::Message::PRIO_ERROR:
      return 3;  // err
    case Poco::Message::PRIO_WARNING:
      return 4;  // warning
    case Poco::Message::PRIO_NOTICE:
      return 5;  // notice
    case Poco::Message::PRIO_INFORMATION:
      return 6;  // info
    case Poco::Message::PRIO_DEBUG:
    case Poco::Message::PRIO_TRACE:
      return 7;  // debug
  }
  return 6;
}

void JournalFormatter::format(const Poco::Message &message, std::string &text) {
  const std::string prefix = "<" + std::to_string(syslogPriority(message.getPriority())) + ">";
  text = prefix + message.getSource() + ": ";
  for (char c : message.getText()) {
    text += c;
    if (c == '\n') text += prefix;
  }
}

}  // namespace encore
