#include "raw_request.h"

#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

namespace encore::test {

RawAnswer rawGet(uint16_t port, const std::string &target) {
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port));
  socket.setReceiveTimeout(Poco::Timespan(10, 0));
  const std::string request =
      "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  socket.sendBytes(request.data(), static_cast<int>(request.size()));
  std::string answer;
  char buffer[8192];
  for (;;) {
    int n = socket.receiveBytes(buffer, sizeof buffer);
    if (n <= 0) break;
    answer.append(buffer, static_cast<size_t>(n));
  }
  RawAnswer out;
  const auto end = answer.find("\r\n\r\n");
  out.head = answer.substr(0, end);
  out.body = end == std::string::npos ? std::string() : answer.substr(end + 4);
  if (answer.rfind("HTTP/1.", 0) == 0 && answer.size() > 12)
    out.status = std::stoi(answer.substr(9, 3));
  return out;
}

}  // namespace encore::test
