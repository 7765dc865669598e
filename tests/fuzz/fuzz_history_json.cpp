// Fuzz target: the JSON history reader (io::parse_history_json), any bytes. Every input must end
// in a history or in located problems; a crash, a sanitizer finding or an exception escaping is a
// bug. A valid history must also re-validate clean and print its problems' text without fault.

#include "totalis/io/history_json.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const totalis::io::HistoryFile file = totalis::io::parse_history_json(text, "fuzz.json");
  std::size_t chars = 0;
  for (const totalis::io::InputProblem& p : file.problems) chars += p.str().size();
  if (file.valid() && !totalis::validate(*file.history).empty()) std::abort();   // valid means valid
  if (!file.valid() && file.problems.empty()) std::abort();                      // a rejection says why
  return chars == std::size_t(-1) ? 1 : 0;
}
