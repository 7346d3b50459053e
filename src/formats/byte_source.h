#pragma once
// ByteSource: random-access reads of a file or of bytes in memory, so that every reader runs
// the same code on both (tests and fuzz targets read from memory). BlockReader streams a range
// of a source through a buffer of fixed size, so a reader never holds the whole file.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace scrutineer::formats {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual uint64_t size() const = 0;
  // Reads up to `length` bytes at `offset`; returns how many were read (0 at the end).
  // Safe to call from several threads at once.
  virtual util::Result<size_t> ReadAt(uint64_t offset, char* buffer, size_t length) const = 0;
  // The file name used in messages.
  virtual const std::string& name() const = 0;
};

util::Result<std::unique_ptr<ByteSource>> OpenFile(const std::string& path);
// REQUIRES: `bytes` outlives the source.
std::unique_ptr<ByteSource> MemorySource(std::string_view bytes, std::string name);

// Streams the bytes of `source` from `begin` through a buffer. data()/size() are the bytes
// read but not yet consumed; Fill() reads more, keeping them (and growing the buffer when it
// is full of unconsumed bytes, up to `max_buffer`).
class BlockReader {
 public:
  BlockReader(const ByteSource& source, uint64_t begin, size_t block_size,
              size_t max_buffer = size_t{64} << 20);

  const char* data() const { return buffer_.get() + head_; }
  size_t size() const { return tail_ - head_; }
  // The source offset of data()[0].
  uint64_t offset() const { return offset_; }
  bool at_end() const { return at_end_; }

  void Consume(size_t count);
  // Reads at least one more byte unless the source has ended. Fails on a read error or when
  // the unconsumed bytes would exceed max_buffer.
  util::Status Fill();

 private:
  const ByteSource& source_;
  std::unique_ptr<char[]> buffer_;  // left uninitialised: it is always written before read
  size_t capacity_;
  size_t head_ = 0;
  size_t tail_ = 0;
  uint64_t offset_;
  uint64_t next_read_;
  size_t max_buffer_;
  bool at_end_ = false;
};

}  // namespace scrutineer::formats
