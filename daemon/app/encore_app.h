// encored: the Poco ServerApplication. Parses options, sets up logging, then either serves
// (the default) or runs a one-shot command.
#pragma once

#include <Poco/Util/PropertyFileConfiguration.h>
#include <Poco/Util/ServerApplication.h>

#include <set>
#include <string>
#include <vector>

#include "daemon/app/daemon_options.h"

namespace encore {

class EncoreApp : public Poco::Util::ServerApplication {
 public:
  EncoreApp();

 protected:
  void defineOptions(Poco::Util::OptionSet &options) override;
  void handleOption(const std::string &name, const std::string &value) override;
  int main(const std::vector<std::string> &args) override;

 private:
  void setUpLogging();
  std::optional<std::string> lookup(const std::string &key) const;
  int serve();

  DaemonOptions options_;
  std::set<std::string> given_;
  bool stopEarly_ = false;
  Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> configFile_;
};

}  // namespace encore
