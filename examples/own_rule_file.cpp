// How do I add my own rule file beside the bundled ones?
//
// examples/own_rules/IN-EPS.toml is an agency's own version of India's Employees' Pension Scheme
// (EPS-95), in place of the bundled agreements/schemes/IN-EPS.toml. load_rulebook() reads one
// directory (recursively) or one file, so we gather both into a scratch directory and load that:
// the bundled schemes and agreements, less the scheme ours replaces (an id may be defined only
// once), plus ours. In your own deployment, simply keep your file in your rules directory.
// Check a new file first with `totalis check examples/own_rules/IN-EPS.toml`.

#include "totalis/engine/assess.hpp"         // totalis::assess
#include "totalis/io/history_json.hpp"       // io::parse_history_json
#include "totalis/io/report.hpp"             // io::to_text
#include "totalis/io/rulebook_loader.hpp"    // io::load_rulebook

#include <filesystem>
#include <iostream>
#include <memory>
#include <set>

namespace fs = std::filesystem;

// An Indian national who worked four years in the US on an H-1B visa, then 12 years 7 months in
// India. There is no US–India totalization agreement, so the US quarters stand alone.
constexpr const char* worker_json = R"({
  "worker": { "id": "IN-1", "birth_date": "1962-04-20", "nationalities": ["IN"],
              "residence": "IN", "residence_since": "2004-01-01", "as_of": "2025-07-01" },
  "periods": [
    { "country": "US", "from": "2000-01-01", "to": "2000-12-31", "kind": "employed", "earnings": "60000.00" },
    { "country": "US", "from": "2001-01-01", "to": "2001-12-31", "kind": "employed", "earnings": "65000.00" },
    { "country": "US", "from": "2002-01-01", "to": "2002-12-31", "kind": "employed", "earnings": "70000.00" },
    { "country": "US", "from": "2003-01-01", "to": "2003-12-31", "kind": "employed", "earnings": "72000.00" },
    { "country": "IN", "from": "2004-01-01", "to": "2016-07-31", "kind": "employed",
      "credits": { "pensionable_salary": "15000" } }
  ]
})";

int main() {
  using namespace totalis;

  // 1. The bundled rules and our own file, side by side in one scratch directory.
  const fs::path dir = fs::temp_directory_path() / "totalis-example-own-rules";
  fs::remove_all(dir);
  fs::create_directories(dir / "own");
  fs::copy("agreements", dir / "bundled", fs::copy_options::recursive);
  fs::remove(dir / "bundled" / "schemes" / "IN-EPS.toml");   // ours replaces it
  fs::copy_file("examples/own_rules/IN-EPS.toml", dir / "own" / "IN-EPS.toml");

  // 2. Load them as one rulebook. A mistake in our file throws io::RulebookError, whose what()
  //    lists every problem as "path:line:column: error: message".
  std::shared_ptr<const rules::Rulebook> rulebook;
  try {
    rulebook = io::load_rulebook(dir);
  } catch (const io::RulebookError& e) {
    std::cerr << e.what();
    return 1;
  }
  fs::remove_all(dir);   // the rulebook holds everything it needs; the files can go
  std::cout << rulebook->schemes().size() << " schemes, " << rulebook->agreements().size()
            << " agreements; ours: " << rulebook->scheme(SchemeId{"IN-EPS"}).name << "\n\n";

  // 3. A worker who touches our scheme: validated against the schemes the rulebook knows.
  ValidationOptions validation;
  validation.known_schemes = std::set<SchemeId>{};
  for (const rules::Scheme& scheme : rulebook->schemes()) validation.known_schemes->insert(scheme.id);
  const io::HistoryFile file = io::parse_history_json(worker_json, "IN-1.json", validation);
  if (!file.valid()) {
    for (const io::InputProblem& problem : file.problems) std::cerr << problem.str() << '\n';
    return 1;
  }

  // 4. Assess and report. Our scheme's figures are traced to the cites written in our file.
  //    (AssessOptions::trace_expressions would add every sub-expression of every rule, too.)
  const Assessment assessment = assess(*rulebook, *file.history);
  std::cout << io::to_text(assessment);
  for (const SchemeResult& s : assessment.schemes) {
    if (s.scheme != SchemeId{"IN-EPS"}) continue;
    std::cout << "\nTrace IN-EPS:\n";
    for (const TraceStep& step : s.trace) std::cout << "  " << step.step << " = " << step.value << "\n    [" << step.cite << "]\n";
  }
  return 0;
}
