// Fuzz target: the RFC 4180 reader (io::CsvReader). The first byte picks the record size limit
// (16 bytes to 4 KiB, so the limit is reached often) and the expected field count (0: any);
// the rest is the file. Every record must come back with its fields or a problem, lines must
// not go backwards, and reading must end.

#include "totalis/io/csv_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t limit = std::size_t{16} << (data[0] & 0x07);
  const std::size_t expect = (data[0] >> 3) & 0x07;
  std::istringstream in(std::string(reinterpret_cast<const char*>(data + 1), size - 1));
  totalis::io::CsvReader csv(in, limit);
  csv.expect_fields(expect);
  std::size_t last_line = 0, records = 0, bytes = 0;
  while (csv.next()) {
    if (csv.line() < last_line) std::abort();
    last_line = csv.line();
    for (const std::string_view field : csv.fields()) bytes += field.size();
    if (csv.problem().empty() && expect != 0 && csv.size() != expect) std::abort();
    if (++records > size + 1) std::abort();   // more records than bytes: the reader does not advance
  }
  if (bytes > size) std::abort();               // fields hold at most the input's bytes
  if (csv.bytes_read() > size - 1) std::abort();
  return 0;
}
