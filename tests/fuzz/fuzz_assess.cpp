// Fuzz target: assess() on fuzzed histories. The input is a JSON history (DESIGN §5), read with
// io::parse_history_json; a valid one is assessed against the bundled rules (agreements/) and the
// synthetic rules of tests/engine/rules. assess() may refuse a valid history it cannot apply a rule
// to with a std::runtime_error naming why (MeasureError: "US-OASDI counts quarters from
// calendar-year earnings: … give one period per calendar year"; EvaluationError), as the CLI
// reports them (exit 1). Anything else escaping (std::logic_error and its out_of_range or
// domain_error, bad_alloc…) is a crash here, as is a broken reconciliation: for every scheme
// lost = max(0, counterfactual − portable), its reasons add up to lost, and 0 ≤ portable ≤ accrued.

#include "totalis/engine/assess.hpp"
#include "totalis/io/history_json.hpp"
#include "totalis/io/rulebook_loader.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <utility>

using namespace totalis;

namespace {

void check(const Assessment& a, const char* rules) {
  const Amount zero;
  for (const SchemeResult& s : a.schemes) {
    Amount reasons;
    for (const LostShare& share : s.lost_reasons) reasons += share.amount;
    const char* broken = nullptr;
    if (s.portable > s.accrued) broken = "portable > accrued";
    else if (s.portable < zero) broken = "portable < 0";
    else if (s.lost != max(zero, s.counterfactual - s.portable)) broken = "lost != max(0, counterfactual - portable)";
    else if (reasons != s.lost) broken = "the lost reasons do not add up to lost";
    if (broken) {
      std::fprintf(stderr, "%s, %s: %s (accrued %s, portable %s, counterfactual %s, lost %s)\n", rules,
                   s.scheme.str().c_str(), broken, s.accrued.str().c_str(), s.portable.str().c_str(),
                   s.counterfactual.str().c_str(), s.lost.str().c_str());
      std::abort();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::shared_ptr<const rules::Rulebook> bundled = io::load_rulebook(TOTALIS_AGREEMENTS);
  static const std::shared_ptr<const rules::Rulebook> synthetic = io::load_rulebook(TOTALIS_SYNTHETIC_RULES);
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const io::HistoryFile file = io::parse_history_json(text, "fuzz.json");
  if (!file.valid()) return 0;
  for (const auto& [rules, name] : {std::pair{bundled.get(), "agreements"}, std::pair{synthetic.get(), "tests/engine/rules"}}) {
    try {
      check(assess(*rules, *file.history), name);
    } catch (const std::runtime_error& e) {
      if (std::string_view(e.what()).empty()) std::abort();   // a refusal says why
    }
  }
  return 0;
}
