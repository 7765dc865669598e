// Fuzz target: the batch readers (io::HistoryCsvReader over workers.csv and periods.csv, which
// uses io::CsvReader). The input is split at its first NUL byte: workers before, periods after
// (no NUL: all of it is workers.csv and periods.csv is empty). A header problem must be thrown
// as CsvHeaderError; otherwise every entry is a valid history or has located problems, and the
// merge must end.

#include "totalis/core/validation.hpp"
#include "totalis/io/history_csv.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view all(reinterpret_cast<const char*>(data), size);
  const std::size_t nul = all.find('\0');
  std::istringstream workers(std::string(all.substr(0, nul)));
  std::istringstream periods(nul == std::string_view::npos ? std::string() : std::string(all.substr(nul + 1)));
  totalis::io::CsvHistoryOptions options;
  options.lookahead = 4;   // small, so out-of-order and stray groups are reached with few rows
  try {
    totalis::io::HistoryCsvReader reader(workers, "workers.csv", periods, "periods.csv", options);
    totalis::io::CsvWorker entry;
    std::size_t entries = 0;
    while (reader.next(entry)) {
      if (entry.valid() && !totalis::validate(*entry.history).empty()) std::abort();
      if (!entry.valid() && entry.problems.empty()) std::abort();
      for (const totalis::io::InputProblem& p : entry.problems) (void)p.str();
      if (++entries > size + 2) std::abort();   // more entries than bytes: the merge does not advance
    }
  } catch (const totalis::io::CsvHeaderError& e) {
    if (e.problems().empty()) std::abort();
  }
  return 0;
}
