#include "support/shell.h"

#include <stdio.h>
#include <sys/wait.h>

namespace encore::test {

int runShell(const std::string &command, std::string *output) {
  std::string full = command + " 2>&1";
  FILE *pipe = popen(full.c_str(), "r");
  if (pipe == nullptr) return -1;
  char buffer[4096];
  std::string text;
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) text.append(buffer, n);
  int status = pclose(pipe);
  if (output != nullptr) *output = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace encore::test
