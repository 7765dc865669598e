// Measure kinds and a scheme's warning (contributions_sum, the warning), on a one-scheme rulebook written to a
// temporary folder. Figures are worked out in the comments, never copied from the program.

#include "totalis/engine/assess.hpp"
#include "totalis/io/history_json.hpp"
#include "totalis/io/rulebook_loader.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

using namespace totalis;
namespace fs = std::filesystem;

namespace {

// A lump sum of the contributions paid when fewer than 120 months qualify (the SSS shape), and a
// warning said with every assessment of the scheme.
constexpr std::string_view scheme_file = R"(
scheme = "PH-TEST"
country = "PH"
name = "Test scheme"
currency = "PHP"
per = "month"
cite = "test"
warning = "test warning"

[periods]
kinds = ["employed"]
overlap = "merge"
unit = "month"
count = "months"
cite = "test"

[measures.months]
kind = "period_count"
mode = "own"
unit = "month"
counting = "calendar_months_touched"
cite = "test"

[measures.paid]
kind = "contributions_sum"
mode = "own"
cite = "test"

[[variant]]
id = "pension"
qualifies = 'months >= 120'
benefit = 'round_half_up(months * 10, 0.01)'
cite = "test"

[[refund]]
id = "lump_sum"
who = 'not qualified_alone'
amount = 'round_half_up(paid, 0.01)'
erases_periods = true
cite = "test"
)";

const rules::Rulebook& book() {
  static const std::shared_ptr<const rules::Rulebook> rules = [] {
    const fs::path dir = fs::temp_directory_path() / "totalis_measures_test";
    fs::create_directories(dir);
    std::ofstream(dir / "PH-TEST.toml") << scheme_file;
    return io::load_rulebook(dir);
  }();
  return *rules;
}

Assessment run(std::string_view json) {
  io::HistoryFile file = io::parse_history_json(json, "inline.json");
  REQUIRE(file.valid());
  return assess(book(), *file.history);
}

}  // namespace

TEST_SUITE("contributions_sum") {
TEST_CASE("sums the contributions of the scheme's own periods, both shares") {
  // 2015-01..2019-12 = 60 months < 120: not qualified; the lump sum is the contributions paid,
  // 12000.50 + 3000.25 = 15000.75.
  const Assessment a = run(R"({
    "worker": { "id": "C", "birth_date": "1960-01-10", "residence": "PH", "as_of": "2025-07-01" },
    "periods": [
      { "country": "PH", "from": "2015-01-01", "to": "2017-12-31", "kind": "employed", "contributions": "12000.50" },
      { "country": "PH", "from": "2018-01-01", "to": "2019-12-31", "kind": "employed", "contributions": "3000.25" } ] })");
  REQUIRE(a.schemes.size() == 1);
  const SchemeResult& r = a.schemes.front();
  CHECK_FALSE(r.qualified_alone);
  REQUIRE(r.options.size() == 1);
  CHECK(r.options[0].amount.amount() == Amount::parse("15000.75"));
}

TEST_CASE("periods without contributions add nothing") {
  const Assessment a = run(R"({
    "worker": { "id": "D", "birth_date": "1960-01-10", "residence": "PH", "as_of": "2025-07-01" },
    "periods": [ { "country": "PH", "from": "2015-01-01", "to": "2015-12-31", "kind": "employed" } ] })");
  REQUIRE(a.schemes.front().options.size() == 1);
  CHECK(a.schemes.front().options[0].amount.amount() == Amount{});
}
}

TEST_SUITE("scheme warning") {
TEST_CASE("a scheme's warning is said with its assessment, prefixed by the scheme") {
  const Assessment a = run(R"({
    "worker": { "id": "W", "birth_date": "1960-01-10", "residence": "PH", "as_of": "2025-07-01" },
    "periods": [ { "country": "PH", "from": "2015-01-01", "to": "2015-12-31", "kind": "employed" } ] })");
  CHECK(std::count(a.warnings.begin(), a.warnings.end(), "PH-TEST: test warning") == 1);
}
}
