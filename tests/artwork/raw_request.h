// Sends a request target exactly as written ("/a/..%2F..%2Fx"), which Poco's URI class
// would decode and re-encode, and returns the status and body of the answer.
#pragma once

#include <cstdint>
#include <string>

namespace encore::test {

struct RawAnswer {
  int status = 0;
  std::string head;  // status line and headers
  std::string body;
};

RawAnswer rawGet(uint16_t port, const std::string &target);

}  // namespace encore::test
