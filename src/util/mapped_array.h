#pragma once
// MappedArray<T>: a zero-filled array in its own anonymous memory mapping, with the kernel
// asked for transparent huge pages. For the large hash tables of readers: pages arrive zeroed
// from the kernel (no memset), are only committed when first touched (a large capacity can be
// reserved up front and never copied as it fills), and 2 MiB pages mean far fewer faults and
// TLB misses than 4 KiB ones (for arrays of 1 MiB or more; smaller ones get ordinary pages).
// REQUIRES: T is trivially copyable and zero is a valid value.

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <type_traits>
#include <utility>

#include "util/check.h"

namespace scrutineer::util {

template <typename T>
class MappedArray {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  MappedArray() = default;
  // `populate`: commit every page now (for tables read all over before they are written: a
  // page first read and then written would be faulted twice).
  explicit MappedArray(size_t size, bool populate = false) : size_(size) {
    if (size == 0) {
      return;
    }
    constexpr size_t kHuge = size_t{2} << 20;
    // Below half a huge page, a huge page would commit more memory than the array needs.
    const bool huge = size * sizeof(T) >= kHuge / 2;
    const size_t align = huge ? kHuge : size_t{4096};
    bytes_ = (size * sizeof(T) + align - 1) / align * align + (huge ? kHuge : 0);  // to align
    void* mapping = mmap(nullptr, bytes_, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    CHECK(mapping != MAP_FAILED);  // out of address space: nothing sensible to do
    mapping_ = mapping;
    void* aligned = mapping;
    size_t space = bytes_;
    CHECK(std::align(align, size * sizeof(T), aligned, space) != nullptr);
    data_ = static_cast<T*>(aligned);
    if (huge) {
      madvise(data_, bytes_ - kHuge, MADV_HUGEPAGE);  // a hint; fine if refused
    }
    if (populate) {
      madvise(data_, size * sizeof(T), MADV_POPULATE_WRITE);  // Linux 5.14+; a hint too
    }
  }
  ~MappedArray() {
    if (mapping_ != nullptr) {
      munmap(mapping_, bytes_);
    }
  }
  MappedArray(MappedArray&& other) noexcept { *this = std::move(other); }
  MappedArray& operator=(MappedArray&& other) noexcept {
    std::swap(mapping_, other.mapping_);
    std::swap(data_, other.data_);
    std::swap(bytes_, other.bytes_);
    std::swap(size_, other.size_);
    return *this;
  }
  MappedArray(const MappedArray&) = delete;
  MappedArray& operator=(const MappedArray&) = delete;

  T* data() { return data_; }
  const T* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }

 private:
  void* mapping_ = nullptr;
  T* data_ = nullptr;
  size_t bytes_ = 0;
  size_t size_ = 0;
};

}  // namespace scrutineer::util
