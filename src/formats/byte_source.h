#pragma once
// ByteSource: windows onto a file or onto bytes in memory, so that every reader runs the same
// code on both (tests and fuzz targets read from memory). BlockReader streams a source through
// a window of fixed size, so a reader never holds the whole file: a file is mapped a window at
// a time (the kernel's page cache is read in place, never copied), memory is pointed into.
//
// A file must not be truncated while it is read: bytes that vanish from under a mapping cannot
// be read, and the process would stop.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "util/result.h"

namespace scrutineer::formats {

// A read-only view of some bytes of a source, valid while the Window lives.
class Window {
 public:
  Window() = default;
  Window(const char* data, size_t size, void* mapping, size_t mapping_size)
      : data_(data), size_(size), mapping_(mapping), mapping_size_(mapping_size) {}
  ~Window();
  Window(Window&& other) noexcept { *this = std::move(other); }
  Window& operator=(Window&& other) noexcept;
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  const char* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  const char* data_ = nullptr;
  size_t size_ = 0;
  void* mapping_ = nullptr;  // to unmap, when the window is a mapping
  size_t mapping_size_ = 0;
};

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual uint64_t size() const = 0;
  // The bytes [offset, offset + length), cut at the end of the source. Safe to call from
  // several threads at once.
  virtual util::Result<Window> Map(uint64_t offset, size_t length) const = 0;
  // The file name used in messages.
  virtual const std::string& name() const = 0;
};

util::Result<std::unique_ptr<ByteSource>> OpenFile(const std::string& path);
// REQUIRES: `bytes` outlives the source.
std::unique_ptr<ByteSource> MemorySource(std::string_view bytes, std::string name);

// Streams the bytes of `source` from `begin`. data()/size() are the bytes in view but not yet
// consumed; Fill() moves the window on, keeping them in view (and widening the window when a
// record is longer than it, up to `max_window`).
class BlockReader {
 public:
  BlockReader(const ByteSource& source, uint64_t begin, size_t window_size,
              size_t max_window = size_t{64} << 20);

  const char* data() const { return window_.data() + (offset_ - window_offset_); }
  size_t size() const { return static_cast<size_t>(window_offset_ + window_.size() - offset_); }
  // The source offset of data()[0].
  uint64_t offset() const { return offset_; }
  // True when the window reaches the end of the source.
  bool at_end() const { return window_offset_ + window_.size() >= source_.size(); }

  void Consume(size_t count);
  // Brings at least one more byte into view unless the source has ended. Fails when the
  // source cannot be read, or the unconsumed bytes would need a window over max_window.
  util::Status Fill();

 private:
  const ByteSource& source_;
  Window window_;
  uint64_t window_offset_;
  uint64_t offset_;
  size_t window_size_;
  size_t max_window_;
};

}  // namespace scrutineer::formats
