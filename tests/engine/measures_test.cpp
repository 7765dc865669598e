// Measure kinds and a scheme's warning (contributions_sum, months_between_ages per year,
// earnings_sum before an age, the warning), on the small rulebook of tests/engine/measures_rules. Figures are worked out in the
// comments, never copied from the program.

#include "totalis/engine/assess.hpp"
#include "totalis/io/history_json.hpp"
#include "totalis/io/rulebook_loader.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>

using namespace totalis;
namespace fs = std::filesystem;

namespace {

// tests/engine/measures_rules: PH-TEST (contributions_sum, a warning), AU-TEST (months between
// ages) and IN-TEST, which receives AU-TEST's months through AU-IN-TEST.
const rules::Rulebook& book() {
  static const std::shared_ptr<const rules::Rulebook> rules =
      io::load_rulebook(fs::path(TOTALIS_TEST_DATA) / "engine" / "measures_rules");
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
  REQUIRE(a.schemes.size() == 1);   // PH-TEST alone: no period of the other test schemes
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

TEST_SUITE("months_between_ages") {
TEST_CASE("its months per calendar year, without the + 1, are what an agreement credits") {
  // AU residence 2000-01-01..2003-06-15: 3 years 5 months 15 days, AWLR 41 + 1 = 42 (DSS
  // 1.1.A.340). Per year: 12, 12, 12 and 5 months 15 days = 5.5: 41.5 credited to IN-TEST, whose
  // 84 own months (2004-01..2010-12) make 84 + 41.5 = 125.5 ≥ 120: qualified through the agreement.
  const Assessment a = run(R"({
    "worker": { "id": "M", "birth_date": "1960-01-01", "residence": "IN", "as_of": "2025-07-01" },
    "periods": [
      { "country": "AU", "from": "2000-01-01", "to": "2003-06-15", "kind": "residence" },
      { "country": "IN", "from": "2004-01-01", "to": "2010-12-31", "kind": "employed" } ] })");
  const auto find = [&](std::string_view id) {
    return std::find_if(a.schemes.begin(), a.schemes.end(), [&](const SchemeResult& r) { return r.scheme.view() == id; });
  };
  REQUIRE(find("AU-TEST") != a.schemes.end());
  CHECK(find("AU-TEST")->own_periods.count == Amount{42});
  REQUIRE(find("IN-TEST") != a.schemes.end());
  const SchemeResult& in = *find("IN-TEST");
  CHECK_FALSE(in.qualified_alone);
  CHECK(in.qualified_totalized);
  REQUIRE(in.totalized_periods);
  CHECK(in.totalized_periods->count == Amount::parse("125.5"));
}
}

TEST_SUITE("earnings_sum") {
TEST_CASE("with to_age, only the earnings before the age count, a period across it by its days") {
  // KE-TEST (earnings before 58, attained on the birthday): born 1960-07-16, 58 on 2018-07-16.
  // 2017: 50,000, all before. 2018-01-01..2018-12-31, 365,000 over 365 days: its 196 days to
  // 2018-07-15 (31 + 28 + 31 + 30 + 31 + 30 + 15) keep 365,000 × 196/365 = 196,000. 2019: after,
  // nothing. 50,000 + 196,000 = 246,000.00.
  const Assessment a = run(R"({
    "worker": { "id": "E", "birth_date": "1960-07-16", "residence": "KE", "as_of": "2025-07-01" },
    "periods": [
      { "country": "KE", "from": "2017-01-01", "to": "2017-12-31", "kind": "employed", "earnings": "50000" },
      { "country": "KE", "from": "2018-01-01", "to": "2018-12-31", "kind": "employed", "earnings": "365000" },
      { "country": "KE", "from": "2019-01-01", "to": "2019-12-31", "kind": "employed", "earnings": "100000" } ] })");
  REQUIRE(a.schemes.size() == 1);
  CHECK(a.schemes.front().accrued == Amount::parse("246000.00"));
}

TEST_CASE("a period that starts on the birthday of the age earns nothing") {
  // Born 1960-07-16: the period from 2018-07-16 is wholly after 58; the day before is before it.
  const Assessment a = run(R"({
    "worker": { "id": "F", "birth_date": "1960-07-16", "residence": "KE", "as_of": "2025-07-01" },
    "periods": [
      { "country": "KE", "from": "2018-07-15", "to": "2018-07-15", "kind": "employed", "earnings": "100" },
      { "country": "KE", "from": "2018-07-16", "to": "2018-12-31", "kind": "employed", "earnings": "90000" } ] })");
  REQUIRE(a.schemes.size() == 1);
  CHECK(a.schemes.front().accrued == Amount::parse("100.00"));
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
