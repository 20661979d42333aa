#include <iostream>

#include "daemon/app/encore_app.h"

int main(int argc, char **argv) {
  try {
    encore::EncoreApp app;
    return app.run(argc, argv);
  } catch (const Poco::Exception &e) {
    std::cerr << "encored: " << e.displayText() << "\n";
    return Poco::Util::Application::EXIT_CONFIG;
  } catch (const std::exception &e) {
    std::cerr << "encored: " << e.what() << "\n";
    return Poco::Util::Application::EXIT_SOFTWARE;
  }
}
