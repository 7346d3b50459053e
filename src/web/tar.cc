#include "web/tar.h"

#include <cstdio>

#include "util/check.h"

namespace scrutineer::web {
namespace {

constexpr size_t kBlock = 512;

// An octal number of `width - 1` digits and a NUL at `offset` of `header`.
void Octal(std::string& header, size_t offset, size_t width, uint64_t value) {
  for (size_t i = width - 1; i-- > 0;) {
    header[offset + i] = static_cast<char>('0' + (value & 7));
    value >>= 3;
  }
  header[offset + width - 1] = '\0';
}

std::string Header(const std::string& name, size_t size) {
  CHECK(name.size() < 100);
  std::string header(kBlock, '\0');
  header.replace(0, name.size(), name);
  Octal(header, 100, 8, 0644);  // mode
  Octal(header, 108, 8, 0);     // uid
  Octal(header, 116, 8, 0);     // gid
  Octal(header, 124, 12, size);
  Octal(header, 136, 12, 0);  // mtime
  header.replace(148, 8, 8, ' ');
  header[156] = '0';  // a regular file
  header.replace(257, 6, std::string("ustar\0", 6));
  header.replace(263, 2, "00");
  uint64_t sum = 0;
  for (const char c : header) {
    sum += static_cast<unsigned char>(c);
  }
  Octal(header, 148, 7, sum);
  header[155] = ' ';
  return header;
}

}  // namespace

std::string Tar(const std::string& folder, const std::vector<RecordFile>& files) {
  std::string tar;
  for (const RecordFile& file : files) {
    tar += Header(folder + "/" + file.name, file.content.size());
    tar += file.content;
    tar.append((kBlock - file.content.size() % kBlock) % kBlock, '\0');
  }
  tar.append(2 * kBlock, '\0');
  return tar;
}

}  // namespace scrutineer::web
