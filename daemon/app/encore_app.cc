#include "daemon/app/encore_app.h"

#include <Poco/AsyncChannel.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/Environment.h>
#include <Poco/FileChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/PatternFormatter.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <signal.h>

#include <filesystem>
#include <iostream>

#include "daemon/app/backup_command.h"
#include "daemon/app/journal_log.h"
#include "daemon/app/runtime.h"
#include "daemon/app/systemd_notify.h"
#include "daemon/imports/import_command.h"
#include "daemon/store/migration.h"

namespace encore {

using Poco::Util::Option;
using Poco::Util::OptionSet;

EncoreApp::EncoreApp() {
  setUnixOptions(true);
}

void EncoreApp::defineOptions(OptionSet &options) {
  ServerApplication::defineOptions(options);
  auto add = [&](const char *name, const char *help, const char *argument) {
    Option option(name, "", help);
    option.required(false).repeatable(false);
    if (argument != nullptr) option.argument(argument);
    options.addOption(option);
  };
  add("data-dir", "data directory holding encore.db and artwork (ENCORE_DATA_DIR; ./data)", "DIR");
  add("bind", "address to listen on (ENCORE_BIND; 127.0.0.1)", "ADDRESS");
  add("port", "port to listen on, 0 for any free one (ENCORE_PORT; 8770)", "PORT");
  add("plugin-dir", "directory of plugin libraries (ENCORE_PLUGIN_DIR)", "DIR");
  add("config", "properties file with ENCORE_* keys, e.g. ENCORE_SPOTIFY_API_URL", "FILE");
  add("log-level", "error, warning, information or debug (ENCORE_LOG_LEVEL)", "LEVEL");
  add("help", "print this help and exit", nullptr);
  add("version", "print the version and exit", nullptr);
}

void EncoreApp::handleOption(const std::string &name, const std::string &value) {
  ServerApplication::handleOption(name, value);
  given_.insert(name);
  if (name == "data-dir") options_.dataDir = value;
  if (name == "bind") options_.bind = value;
  if (name == "plugin-dir") options_.pluginDir = value;
  if (name == "log-level") options_.logLevel = value;
  if (name == "daemon") options_.daemonize = true;
  if (name == "port") {
    try {
      options_.port = parsePort(value);
    } catch (const std::invalid_argument &e) {
      throw Poco::InvalidArgumentException(e.what());
    }
  }
  if (name == "config") {
    options_.configFile = value;
    // Read now, before --daemon moves the working directory to /.
    configFile_ = new Poco::Util::PropertyFileConfiguration(value);
  }
  if (name == "help") {
    Poco::Util::HelpFormatter help(this->options());
    help.setCommand(commandName());
    help.setUsage("[options] [import FILE | backup FILE]");
    help.setHeader("Encore: your music library, listening history and stats, on your own disk.");
    help.format(std::cout);
    stopOptionsProcessing();
    stopEarly_ = true;
  }
  if (name == "version") {
    std::cout << "encored " << Runtime::kVersion << " (plugin ABI " << ENCORE_ABI_VERSION_STRING
              << ")\n";
    stopOptionsProcessing();
    stopEarly_ = true;
  }
}

std::optional<std::string> EncoreApp::lookup(const std::string &key) const {
  if (key.rfind("ENCORE_", 0) != 0 && key.find("_proxy") == std::string::npos &&
      key.find("_PROXY") == std::string::npos) {
    return std::nullopt;
  }
  if (Poco::Environment::has(key)) return Poco::Environment::get(key);
  if (configFile_ && configFile_->hasProperty(key)) return configFile_->getString(key);
  return std::nullopt;
}

void EncoreApp::setUpLogging() {
  Poco::AutoPtr<Poco::Channel> sink;
  if (options_.daemonize) {
    // stdout/stderr are /dev/null once daemonized: log to a rotated file in the data dir.
    std::filesystem::create_directories(options_.dataDir);
    Poco::AutoPtr<Poco::FileChannel> file(new Poco::FileChannel(options_.dataDir + "/encored.log"));
    file->setProperty("rotation", "10 M");
    file->setProperty("archive", "number");
    file->setProperty("purgeCount", "5");
    sink = file;
  } else {
    sink = new Poco::ConsoleChannel;
  }
  Poco::AutoPtr<Poco::Formatter> formatter;
  if (!options_.daemonize && stderrIsJournal()) {
    formatter = new JournalFormatter;  // the journal adds the time and keeps the priority
  } else {
    Poco::AutoPtr<Poco::PatternFormatter> pattern(
        new Poco::PatternFormatter("%Y-%m-%d %H:%M:%S.%i [%p] %s: %t"));
    pattern->setProperty("times", "UTC");
    formatter = pattern;
  }
  Poco::AutoPtr<Poco::FormattingChannel> formatting(new Poco::FormattingChannel(formatter, sink));
  Poco::Logger::setChannel("", formatting);
  int level = Poco::Message::PRIO_INFORMATION;
  try {
    level = Poco::Logger::parseLevel(options_.logLevel);
  } catch (const Poco::Exception &) {
    Poco::Logger::get("encored").warning("unknown log level '%s'; using information",
                                         options_.logLevel);
  }
  Poco::Logger::setLevel("", level);
}

int EncoreApp::main(const std::vector<std::string> &args) {
  if (stopEarly_) return EXIT_OK;
  try {
    resolveOptions(
        options_, [this](const std::string &k) { return lookup(k); },
        [this](const std::string &option) { return given_.count(option) != 0; });
  } catch (const std::invalid_argument &e) {
    std::cerr << "encored: " << e.what() << "\n";
    return EXIT_USAGE;
  }
  setUpLogging();
  if (!args.empty() && args.front() == "import") {
    if (args.size() != 2) {
      std::cerr << "usage: encored import <file> [--data-dir DIR]\n";
      return EXIT_USAGE;
    }
    try {
      return runImportCommand({args[1], options_.dataDir, options_.pluginDir,
                               [this](const std::string &k) { return lookup(k); }},
                              std::cout, std::cerr);
    } catch (const std::exception &e) {
      std::cerr << "encored import: " << e.what() << "\n";
      return EXIT_SOFTWARE;
    }
  }
  if (!args.empty() && args.front() == "backup") {
    if (args.size() != 2) {
      std::cerr << "usage: encored backup <file> [--data-dir DIR | --config FILE]\n";
      return EXIT_USAGE;
    }
    return runBackupCommand(args[1], options_.dataDir, std::cout, std::cerr);
  }
  if (!args.empty()) {
    Poco::Logger::get("encored").error("unknown command '%s' (see --help)", args.front());
    return EXIT_USAGE;
  }
  return serve();
}

int EncoreApp::serve() {
  auto &log = Poco::Logger::get("encored");
  // Block the stop signals before any thread exists, so every thread inherits the mask
  // and only waitForTerminationRequest() receives them.
  sigset_t stopSignals;
  sigemptyset(&stopSignals);
  sigaddset(&stopSignals, SIGINT);
  sigaddset(&stopSignals, SIGTERM);
  sigaddset(&stopSignals, SIGQUIT);
  pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  std::unique_ptr<Runtime> runtime;
  try {
    runtime =
        std::make_unique<Runtime>(options_, [this](const std::string &k) { return lookup(k); });
    runtime->start();
  } catch (const MigrationError &e) {
    log.fatal("cannot start: %s", std::string(e.what()));
    return EXIT_CONFIG;
  } catch (const Poco::Exception &e) {
    log.fatal("cannot start: %s", e.displayText());
    return EXIT_SOFTWARE;
  } catch (const std::exception &e) {
    log.fatal("cannot start: %s", std::string(e.what()));
    return EXIT_SOFTWARE;
  }
  log.information("encored %s listening on http://%s:%d (data in %s, plugins from %s)",
                  std::string(Runtime::kVersion), options_.bind, static_cast<int>(runtime->port()),
                  options_.dataDir, options_.pluginDir);
  notifySystemd("READY=1\nSTATUS=listening on port " + std::to_string(runtime->port()));
  waitForTerminationRequest();
  notifySystemd("STOPPING=1");
  log.information("stopping");
  runtime->stop(1500);
  runtime.reset();
  log.information("stopped");
  return EXIT_OK;
}

}  // namespace encore
