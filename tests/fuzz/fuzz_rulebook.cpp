// Fuzz target: the TOML rulebook loader (io::check_rulebook). The input is written as fuzz.toml
// into a directory of its own that also holds two synthetic schemes of tests/engine/rules (FI-SYN
// and SE-SYN), so a fuzzed agreement between FI and SE reaches the party and conversion checks.
// check_rulebook must return problems, never throw, for any file; when the rules load, a small
// FI/SE career is assessed with them (an exception there is a rule the engine cannot apply and
// is accepted; a crash or a sanitizer finding is a bug).

#include "totalis/core/validation.hpp"
#include "totalis/engine/assess.hpp"
#include "totalis/io/rulebook_loader.hpp"

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>

using namespace totalis;
namespace fs = std::filesystem;

namespace {

const fs::path& directory() {
  static const fs::path dir = [] {
    const fs::path d = fs::temp_directory_path() / ("totalis-fuzz-rulebook-" + std::to_string(::getpid()));
    fs::create_directories(d / "schemes");
    const fs::path rules = fs::path(TOTALIS_SYNTHETIC_RULES) / "schemes";
    fs::copy_file(rules / "FI-SYN.toml", d / "schemes" / "FI-SYN.toml", fs::copy_options::overwrite_existing);
    fs::copy_file(rules / "SE-SYN.toml", d / "schemes" / "SE-SYN.toml", fs::copy_options::overwrite_existing);
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(fs::temp_directory_path() / ("totalis-fuzz-rulebook-" + std::to_string(::getpid())), ec);
    });
    return d;
  }();
  return dir;
}

History career() {
  History h;
  h.worker.id = "F-1";
  h.worker.birth_date = Date(1955, 3, 14);
  h.worker.as_of = Date(2024, 7, 1);
  h.worker.residence = Country("SE");
  h.worker.nationalities.push_back(Country("FI"));
  Period fi;
  fi.country = Country("FI");
  fi.span = Span(Date(1980, 1, 1), Date(1999, 12, 31));
  fi.kind = PeriodKind::employed;
  fi.earnings = Amount::parse("420000.00");
  Period se;
  se.country = Country("SE");
  se.span = Span(Date(2000, 1, 1), Date(2019, 6, 30));
  se.kind = PeriodKind::employed;
  se.contributions = Amount::parse("91000.50");
  h.periods = {fi, se};
  return h;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fs::path file = directory() / "fuzz.toml";
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  const io::RulebookCheck check = io::check_rulebook(directory());
  for (const io::Diagnostic& d : check.problems) (void)d.str();
  if (check.problems.empty() != static_cast<bool>(check.rulebook)) std::abort();   // rules xor problems
  if (!check.rulebook) return 0;
  static const History h = career();
  try {
    (void)assess(*check.rulebook, h);
  } catch (const std::exception&) {
  }
  return 0;
}
