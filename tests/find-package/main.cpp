// Uses the installed headers, the io library and the compiled engine the way an agency's program
// would.
#include <totalis/core/amount.hpp>
#include <totalis/engine/assess.hpp>
#include <totalis/io/history_json.hpp>

#include <iostream>

int main() {
  using totalis::Amount;
  // 20 CFR 404.1918 Example 1: 453 × 26/104 = 113.25, rounded down to the dime = 113.20
  const Amount pro_rata =
      (Amount{453} * Amount{26} / Amount{104}).rounded(Amount::parse("0.10"), totalis::Rounding::down);
  std::cout << pro_rata.fixed(2) << '\n';

  const auto file = totalis::io::parse_history_json(
      R"({"worker": {"id": "W-1", "birth_date": "1960-01-01", "residence": "US", "as_of": "2025-01-01"},
          "periods": [{"country": "US", "from": "1990-01-01", "to": "1990-12-31", "kind": "employed"}]})",
      "inline.json");
  std::cout << (file.valid() ? "history valid" : "history invalid") << '\n';
  if (!file.valid()) return 1;

  // assess() from totalis::engine: a rulebook without schemes assesses none.
  const totalis::rules::Rulebook empty({}, {}, "sha256:none");
  const totalis::Assessment a = totalis::assess(empty, *file.history);
  std::cout << "schemes assessed " << a.schemes.size() << '\n';
  return pro_rata == Amount::parse("113.2") && a.schemes.empty() ? 0 : 1;
}
