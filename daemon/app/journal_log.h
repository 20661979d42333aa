// Logging under systemd: when stderr is the journal's stream ($JOURNAL_STREAM names its
// device and inode), each line is written as "<N>source: text", N the syslog priority of the
// message's level, and without a timestamp (the journal keeps its own).
#pragma once

#include <Poco/Formatter.h>
#include <Poco/Message.h>

#include <string>

namespace encore {

/// True when stderr is connected to the journal (what JOURNAL_STREAM describes).
bool stderrIsJournal();

/// The syslog priority (0 emerg .. 7 debug) of a Poco level.
int syslogPriority(Poco::Message::Priority priority);

class JournalFormatter : public Poco::Formatter {
 public:
  /// Every line of a multi-line message carries the prefix: the journal reads each line as
  /// one entry.
  void format(const Poco::Message &message, std::string &text) override;
};

}  // namespace encore
