// How do I assess one worker whose history is in a JSON file?
//
// Load the bundled rules once, read and validate the history, assess it, print the report.
// This is what `totalis assess --rules agreements examples/worker.json` does, in 40 lines.
// Run it from the project root: it reads agreements/ and examples/worker.json.

#include "totalis/engine/assess.hpp"         // totalis::assess
#include "totalis/io/history_json.hpp"       // io::read_history_json
#include "totalis/io/report.hpp"             // io::to_text, io::to_json
#include "totalis/io/rulebook_loader.hpp"    // io::load_rulebook

#include <iostream>
#include <memory>
#include <set>

int main() {
  using namespace totalis;

  // 1. The rulebook: every scheme and agreement file under agreements/, checked and compiled.
  //    It throws io::RulebookError listing every problem (file:line:column) if a file is wrong.
  const std::shared_ptr<const rules::Rulebook> rulebook = io::load_rulebook("agreements");

  // 2. The history. Tell the validator which schemes exist, so a period routed to a scheme the
  //    rulebook does not know ("scheme": "JP-EPI") is reported instead of silently ignored.
  ValidationOptions validation;
  validation.known_schemes = std::set<SchemeId>{};
  for (const rules::Scheme& scheme : rulebook->schemes()) validation.known_schemes->insert(scheme.id);

  const io::HistoryFile file = io::read_history_json("examples/worker.json", validation);
  if (!file.valid()) {
    // Every problem at once, each as "FILE:LINE:COLUMN: WORKER RECORD: message".
    for (const io::InputProblem& problem : file.problems) std::cerr << problem.str() << '\n';
    return 1;
  }

  // 3. The assessment: a pure function of (rulebook, history). Nothing is read or written here.
  const Assessment assessment = assess(*rulebook, *file.history);

  // 4. The report a person reads. {.explain = true} adds every scheme's trace with its cites;
  //    io::to_json(assessment) gives the machine-readable form (shared/assessment.schema.json).
  std::cout << io::to_text(assessment);
  return 0;
}
