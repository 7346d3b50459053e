#include "formats/byte_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace scrutineer::formats {
namespace {

class FileSource final : public ByteSource {
 public:
  FileSource(int fd, uint64_t size, std::string name)
      : fd_(fd), size_(size), name_(std::move(name)) {}
  ~FileSource() override { ::close(fd_); }
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  uint64_t size() const override { return size_; }
  const std::string& name() const override { return name_; }

  util::Result<size_t> ReadAt(uint64_t offset, char* buffer, size_t length) const override {
    while (true) {
      const ssize_t got = ::pread(fd_, buffer, length, static_cast<off_t>(offset));
      if (got >= 0) {
        return static_cast<size_t>(got);
      }
      if (errno != EINTR) {
        return util::Error(util::ErrorCode::kIo, std::string("cannot read: ") + strerror(errno),
                           name_);
      }
    }
  }

 private:
  int fd_;
  uint64_t size_;
  std::string name_;
};

class MemoryByteSource final : public ByteSource {
 public:
  MemoryByteSource(std::string_view bytes, std::string name)
      : bytes_(bytes), name_(std::move(name)) {}
  uint64_t size() const override { return bytes_.size(); }
  const std::string& name() const override { return name_; }
  util::Result<size_t> ReadAt(uint64_t offset, char* buffer, size_t length) const override {
    if (offset >= bytes_.size()) {
      return size_t{0};
    }
    const size_t count = std::min<size_t>(length, bytes_.size() - offset);
    std::memcpy(buffer, bytes_.data() + offset, count);
    return count;
  }

 private:
  std::string_view bytes_;
  std::string name_;
};

}  // namespace

util::Result<std::unique_ptr<ByteSource>> OpenFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const util::ErrorCode code =
        errno == ENOENT ? util::ErrorCode::kNotFound : util::ErrorCode::kIo;
    return util::Error(code, std::string("cannot open: ") + strerror(errno), path);
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return util::Error(util::ErrorCode::kInvalidInput, "not a regular file", path);
  }
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return std::unique_ptr<ByteSource>(
      std::make_unique<FileSource>(fd, static_cast<uint64_t>(info.st_size), path));
}

std::unique_ptr<ByteSource> MemorySource(std::string_view bytes, std::string name) {
  return std::make_unique<MemoryByteSource>(bytes, std::move(name));
}

BlockReader::BlockReader(const ByteSource& source, uint64_t begin, size_t block_size,
                         size_t max_buffer)
    : source_(source),
      capacity_(std::max<size_t>(block_size, 16)),
      offset_(begin),
      next_read_(begin),
      max_buffer_(std::max(max_buffer, capacity_)) {
  buffer_.reset(new char[capacity_]);
}

void BlockReader::Consume(size_t count) {
  CHECK(count <= size());
  head_ += count;
  offset_ += count;
}

util::Status BlockReader::Fill() {
  if (at_end_) {
    return {};
  }
  if (head_ > 0) {  // slide the unconsumed bytes (usually part of one line) to the front
    std::memmove(buffer_.get(), buffer_.get() + head_, tail_ - head_);
    tail_ -= head_;
    head_ = 0;
  }
  if (tail_ == capacity_) {
    if (capacity_ >= max_buffer_) {
      return util::Error(util::ErrorCode::kInvalidInput,
                         "a record longer than " + std::to_string(max_buffer_ >> 20) + " MiB",
                         source_.name());
    }
    const size_t bigger = std::min(capacity_ * 2, max_buffer_);
    std::unique_ptr<char[]> grown(new char[bigger]);
    std::memcpy(grown.get(), buffer_.get(), tail_);
    buffer_ = std::move(grown);
    capacity_ = bigger;
  }
  auto got = source_.ReadAt(next_read_, buffer_.get() + tail_, capacity_ - tail_);
  if (!got.ok()) {
    return got.error();
  }
  tail_ += *got;
  next_read_ += *got;
  at_end_ = *got == 0 || next_read_ >= source_.size();
  return {};
}

}  // namespace scrutineer::formats
