// A stream of bytes to import: a plain file, or one entry of a zip inflated on the fly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace encore {

/// Reading failed in a way the import cannot get past (truncated archive, CRC mismatch,
/// an entry inflating past its limits).
class ImportReadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  /// Up to `capacity` bytes; 0 at the end. Throws ImportReadError.
  virtual size_t read(uint8_t *buffer, size_t capacity) = 0;
  /// The size in bytes once read whole (-1 when unknown).
  virtual int64_t size() const = 0;
};

}  // namespace encore
