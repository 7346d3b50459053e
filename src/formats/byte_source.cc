#include "formats/byte_source.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace scrutineer::formats {

Window::~Window() {
  if (mapping_ != nullptr) {
    munmap(mapping_, mapping_size_);
  }
}

Window& Window::operator=(Window&& other) noexcept {
  std::swap(data_, other.data_);
  std::swap(size_, other.size_);
  std::swap(mapping_, other.mapping_);
  std::swap(mapping_size_, other.mapping_size_);
  return *this;
}

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

  // Maps the window, its pages read in at once (MAP_POPULATE) rather than faulted one by one.
  util::Result<Window> Map(uint64_t offset, size_t length) const override {
    if (offset >= size_) {
      return Window();
    }
    length = static_cast<size_t>(std::min<uint64_t>(length, size_ - offset));
    static const auto page = static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
    const uint64_t aligned = offset / page * page;
    const size_t mapped = length + static_cast<size_t>(offset - aligned);
    void* mapping = mmap(nullptr, mapped, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd_,
                         static_cast<off_t>(aligned));
    if (mapping == MAP_FAILED) {
      return util::Error(util::ErrorCode::kIo, std::string("cannot read: ") + strerror(errno),
                         name_);
    }
    const char* data = static_cast<const char*>(mapping) + (offset - aligned);
    return Window(data, length, mapping, mapped);
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
  util::Result<Window> Map(uint64_t offset, size_t length) const override {
    if (offset >= bytes_.size()) {
      return Window();
    }
    const size_t count = std::min<size_t>(length, bytes_.size() - offset);
    return Window(bytes_.data() + offset, count, nullptr, 0);
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
  return std::unique_ptr<ByteSource>(
      std::make_unique<FileSource>(fd, static_cast<uint64_t>(info.st_size), path));
}

std::unique_ptr<ByteSource> MemorySource(std::string_view bytes, std::string name) {
  return std::make_unique<MemoryByteSource>(bytes, std::move(name));
}

BlockReader::BlockReader(const ByteSource& source, uint64_t begin, size_t window_size,
                         size_t max_window)
    : source_(source),
      window_offset_(begin),
      offset_(begin),
      window_size_(std::max<size_t>(window_size, 16)),
      max_window_(std::max(max_window, window_size_)) {}

void BlockReader::Consume(size_t count) {
  CHECK(count <= size());
  offset_ += count;
}

util::Status BlockReader::Fill() {
  if (at_end() && window_.size() > 0) {
    return {};
  }
  // The new window starts at the unconsumed bytes; if they fill a whole window (one record
  // longer than the window), the window doubles.
  if (size() >= window_size_ / 2) {
    if (window_size_ >= max_window_) {
      return util::Error(util::ErrorCode::kInvalidInput,
                         "a record longer than " + std::to_string(max_window_ >> 20) + " MiB",
                         source_.name());
    }
    window_size_ = std::min(window_size_ * 2, max_window_);
  }
  auto window = source_.Map(offset_, window_size_);
  if (!window.ok()) {
    return window.error();
  }
  window_ = std::move(window.value());
  window_offset_ = offset_;
  return {};
}

}  // namespace scrutineer::formats
