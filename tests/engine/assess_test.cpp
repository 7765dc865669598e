// Engine tests on the synthetic rulebook of tests/engine/rules (see its README: seven schemes of
// abstract states under real ISO codes, five agreements). Every figure asserted here is worked out
// by hand in the comment above it, from the rule files, never copied from the program's output.
//
// Common facts used throughout (all schemes): pension age 65, attained on the birthday, paid from
// the month after. A worker born 1955-03-15 is 65 on 2020-03-15 and entitled from 2020-04-01; with
// as-of 2025-07-01 that scheme is in payment. Months are calendar months touched, so a period
// 1980-01-01..1989-12-31 is 10 × 12 = 120 months. NZ-SYN's rate is 10 until 2017, 11 from
// 2018-01-01, 12 from 2023-01-01 (12 on the as-of date 2025-07-01).

#include "totalis/engine/assess.hpp"
#include "totalis/io/history_json.hpp"
#include "totalis/io/rulebook_loader.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

using namespace totalis;
namespace fs = std::filesystem;

namespace doctest {
template <>
struct StringMaker<totalis::Amount> {
  static String convert(const totalis::Amount& a) { return a.str().c_str(); }
};
template <>
struct StringMaker<totalis::Date> {
  static String convert(const totalis::Date& d) { return d.is_special() ? "special date" : totalis::format_date(d).c_str(); }
};
}  // namespace doctest

namespace {

const rules::Rulebook& book() {
  static const std::shared_ptr<const rules::Rulebook> rules =
      io::load_rulebook(fs::path(TOTALIS_TEST_DATA) / "engine" / "rules");
  return *rules;
}

Amount A(std::string_view text) { return Amount::parse(text); }

History read(std::string_view json) {
  io::HistoryFile file = io::parse_history_json(json, "inline.json");
  std::string problems;
  for (const io::InputProblem& p : file.problems) problems += p.str() + "\n";
  REQUIRE_MESSAGE(file.valid(), problems);
  return *file.history;
}

Assessment run(std::string_view json, const AssessOptions& options = {}) { return assess(book(), read(json), options); }

const SchemeResult& scheme(const Assessment& a, std::string_view id) {
  for (const SchemeResult& s : a.schemes)
    if (s.scheme.view() == id) return s;
  FAIL("no result for scheme " << std::string(id));
  throw std::logic_error("unreachable");
}

bool has_scheme(const Assessment& a, std::string_view id) {
  return std::any_of(a.schemes.begin(), a.schemes.end(), [&](const SchemeResult& s) { return s.scheme.view() == id; });
}

/// The lost reasons in their order, as "reason amount, reason amount".
std::string reasons(const SchemeResult& r) {
  std::string out;
  for (const LostShare& s : r.lost_reasons)
    out += (out.empty() ? "" : ", ") + std::string(to_string(s.reason)) + " " + s.amount.fixed(2);
  return out;
}

/// The reasons add up to lost exactly, and lost = max(0, counterfactual − portable).
void check_reconciles(const SchemeResult& r) {
  Amount sum;
  for (const LostShare& s : r.lost_reasons) sum += s.amount;
  CHECK(sum == r.lost);
  CHECK(r.lost == max(Amount{}, r.counterfactual - r.portable));
}

bool considered(const SchemeResult& r, std::string_view agreement) {
  return std::find(r.agreements_considered.begin(), r.agreements_considered.end(), agreement) !=
         r.agreements_considered.end();
}

const TraceStep* step(const SchemeResult& r, std::string_view starts_with) {
  for (const TraceStep& t : r.trace)
    if (std::string_view(t.step).substr(0, starts_with.size()) == starts_with) return &t;
  return nullptr;
}

/// A worker with SE 1990-01..2004-12 = 180 months (≥ 36: 180 × 4 = 720.00), living in SE.
std::string se_worker(std::string_view birth, std::string_view extra) {
  return R"({ "worker": { "id": "ST", "birth_date": ")" + std::string(birth) +
         R"(", "nationalities": ["SE"], "residence": "SE", "as_of": "2025-07-01")" + std::string(extra) +
         R"( }, "periods": [ { "country": "SE", "from": "1990-01-01", "to": "2004-12-31", "kind": "employed" } ] })";
}

/// A worker with CL 1981-01..2005-12 = 300 months (≥ 240: 300 × 10 = 3000.00), living in `residence`
/// since 2010.
std::string cl_worker(std::string_view id, std::string_view residence) {
  return R"({ "worker": { "id": ")" + std::string(id) + R"(", "birth_date": "1955-03-15", "nationalities": ["CL"], "residence": ")" +
         std::string(residence) + R"(", "residence_since": "2010-01-01", "as_of": "2025-07-01" },
    "periods": [ { "country": "CL", "from": "1981-01-01", "to": "2005-12-31", "kind": "employed" } ] })";
}

}  // namespace

TEST_SUITE("assess: methods") {

TEST_CASE("independent: own periods alone, no agreement") {
  // SE 1990-01..2004-12 = 180 months ≥ 36: independent = 180 × 4 = 720.00. SE-SYN has no export
  // rule; the worker lives in SE, so it is paid at home, uprated. Counterfactual = 720, lost 0.
  const Assessment a = run(R"({
    "worker": { "id": "IND", "birth_date": "1955-03-15", "nationalities": ["SE"], "residence": "SE",
                "as_of": "2025-07-01" },
    "periods": [ { "country": "SE", "from": "1990-01-01", "to": "2004-12-31", "kind": "employed" } ] })");
  REQUIRE(a.schemes.size() == 1);
  const SchemeResult& se = scheme(a, "SE-SYN");
  CHECK(se.currency.code() == "SEK");
  CHECK(se.per == Per::month);
  CHECK(se.own_periods.count == A("180"));
  CHECK(se.own_periods.unit == TimeUnit::month);
  CHECK_FALSE(se.totalized_periods);
  CHECK(se.qualified_alone);
  CHECK_FALSE(se.qualified_totalized);
  CHECK(se.agreements_considered.empty());
  REQUIRE(se.independent);
  CHECK(*se.independent == A("720.00"));
  CHECK(se.basis == Basis::independent);
  CHECK_FALSE(se.agreement_applied);
  CHECK_FALSE(se.theoretical);
  CHECK_FALSE(se.pro_rata);
  CHECK(se.accrued == A("720.00"));
  CHECK(se.portable == A("720.00"));
  CHECK(se.indexation == Indexation::uprated);
  CHECK(se.counterfactual == A("720.00"));
  CHECK(se.lost == A("0"));
  CHECK(se.lost_reasons.empty());
  CHECK(a.unassessed.empty());
  check_reconciles(se);
}

TEST_CASE("pro-rata without the cap: own / total pays less than the own-period formula") {
  // NZ 1971-01..1995-12 = 300 months, CL 1996-01..2005-12 = 120 months; lives in CL.
  // CL-SYN alone: 120 < 240, not qualified. NZ-CL: minimum 12 own months met; total 120 + 300 = 420
  // ≥ 240. Theoretical = min(420, 360) × 10 = 3600.00; ratio = own / total = 120 / 420 = 2/7;
  // pro-rata = 3600 × 2/7 = 1028.5714… → 1028.57. Counterfactual = 120 × 10 = 1200.00.
  // Lives in CL, a party: NZ-CL's export rule pays it, uprated. lost = 1200 − 1028.57 = 171.43,
  // all pro_rata_method.
  const Assessment a = run(R"({
    "worker": { "id": "PR", "birth_date": "1955-03-15", "nationalities": ["CL"], "residence": "CL",
                "residence_since": "1996-01-01", "as_of": "2025-07-01" },
    "periods": [
      { "country": "NZ", "from": "1971-01-01", "to": "1995-12-31", "kind": "employed" },
      { "country": "CL", "from": "1996-01-01", "to": "2005-12-31", "kind": "employed" } ] })");
  const SchemeResult& cl = scheme(a, "CL-SYN");
  CHECK_FALSE(cl.qualified_alone);
  CHECK_FALSE(cl.independent);   // absent, not zero
  CHECK(cl.qualified_totalized);
  REQUIRE(cl.totalized_periods);
  CHECK(cl.totalized_periods->count == A("420"));
  CHECK(cl.basis == Basis::pro_rata);
  CHECK(cl.agreement_applied == "NZ-CL");
  REQUIRE(cl.theoretical);
  CHECK(*cl.theoretical == A("3600.00"));
  REQUIRE(cl.pro_rata);
  CHECK(*cl.pro_rata == A("1028.57"));
  CHECK(cl.accrued == A("1028.57"));
  CHECK(cl.portable == A("1028.57"));
  CHECK(cl.indexation == Indexation::uprated);
  CHECK(cl.counterfactual == A("1200.00"));
  CHECK(cl.lost == A("171.43"));
  CHECK(reasons(cl) == "pro_rata_method 171.43");
  check_reconciles(cl);

  // NZ-SYN: 300 ≥ 120 alone: 300 × 12 = 3600.00. Under NZ-CL: theoretical 420 × 12 = 5040, ratio
  // 300/420 → 3600.00, not more than the independent amount, so the basis stays independent.
  // The worker lives in CL: NZ-CL's export rule (resident in a party, uprated) comes before
  // NZ-SYN's own "frozen abroad", so nothing is frozen.
  const SchemeResult& nz = scheme(a, "NZ-SYN");
  CHECK(nz.basis == Basis::independent);
  CHECK(nz.accrued == A("3600.00"));
  CHECK(nz.portable == A("3600.00"));
  CHECK(nz.indexation == Indexation::uprated);
  CHECK_FALSE(nz.projected_loss);
  CHECK(nz.lost == A("0"));
  check_reconciles(nz);
}

TEST_CASE("pro-rata with the cap: the ratio's total is capped at the full-benefit period") {
  // IS 1971-01..1995-12 = 300 months, CL 1996-01..2005-12 = 120 months; lives in CL.
  // IS-CL: CL total 420 ≥ 240. Theoretical = min(420, 360) × 10 = 3600.00; ratio =
  // own / min(total, full_benefit 360) = 120/360 = 1/3 (without the cap it would be 120/420);
  // pro-rata = 3600 / 3 = 1200.00 = the counterfactual 120 × 10: nothing lost.
  const Assessment a = run(R"({
    "worker": { "id": "CAP", "birth_date": "1955-03-15", "nationalities": ["CL"], "residence": "CL",
                "as_of": "2025-07-01" },
    "periods": [
      { "country": "IS", "from": "1971-01-01", "to": "1995-12-31", "kind": "employed" },
      { "country": "CL", "from": "1996-01-01", "to": "2005-12-31", "kind": "employed" } ] })");
  const SchemeResult& cl = scheme(a, "CL-SYN");
  CHECK(cl.basis == Basis::pro_rata);
  CHECK(cl.agreement_applied == "IS-CL");
  REQUIRE(cl.theoretical);
  CHECK(*cl.theoretical == A("3600.00"));
  REQUIRE(cl.pro_rata);
  CHECK(*cl.pro_rata == A("1200.00"));
  const TraceStep* ratio = step(cl, "ratio");
  REQUIRE(ratio);
  CHECK(ratio->value.rfind("0.333333333333", 0) == 0);   // 1/3, printed to the engine's precision
  CHECK(cl.accrued == A("1200.00"));
  CHECK(cl.portable == A("1200.00"));
  CHECK(cl.counterfactual == A("1200.00"));
  CHECK(cl.lost == A("0"));
  CHECK(cl.lost_reasons.empty());
  check_reconciles(cl);

  // IS-SYN: 300 ≥ 120 alone: 300 × 5 = 1500.00 (IS has no full-benefit period: the IS-CL ratio is
  // 300/420 of 420 × 5 = 2100 → 1500, no more). Lives in CL, an IS-CL party: uprated.
  const SchemeResult& is = scheme(a, "IS-SYN");
  CHECK(is.basis == Basis::independent);
  CHECK(is.accrued == A("1500.00"));
  CHECK(is.portable == A("1500.00"));
  CHECK(is.indexation == Indexation::uprated);
  check_reconciles(is);
}

TEST_CASE("direct: eligibility by totalization, the amount from own periods only") {
  // IS 1980-01..1984-12 = 60 months, NZ 1985-01..1992-12 = 96 months; lives in NZ.
  // IS-SYN: 60 < 120 alone; IS-NZ total 60 + 96 = 156 ≥ 120: direct = 60 × 5 = 300.00.
  // NZ-SYN: 96 < 120 alone; total 156 ≥ 120: direct = 96 × 12 = 1152.00.
  // Counterfactuals are the same own-period formulas, so nothing is lost; no theoretical amount.
  const Assessment a = run(R"({
    "worker": { "id": "DIR", "birth_date": "1955-03-15", "nationalities": ["NZ"], "residence": "NZ",
                "residence_since": "1985-01-01", "as_of": "2025-07-01" },
    "periods": [
      { "country": "IS", "from": "1980-01-01", "to": "1984-12-31", "kind": "employed" },
      { "country": "NZ", "from": "1985-01-01", "to": "1992-12-31", "kind": "employed" } ] })");
  const SchemeResult& is = scheme(a, "IS-SYN");
  CHECK_FALSE(is.qualified_alone);
  CHECK(is.qualified_totalized);
  CHECK(is.basis == Basis::direct);
  CHECK(is.agreement_applied == "IS-NZ");
  REQUIRE(is.totalized_periods);
  CHECK(is.totalized_periods->count == A("156"));
  CHECK_FALSE(is.theoretical);
  CHECK_FALSE(is.pro_rata);
  CHECK(is.accrued == A("300.00"));
  CHECK(is.portable == A("300.00"));   // IS-NZ export: resident in a party, uprated
  CHECK(is.indexation == Indexation::uprated);
  CHECK(is.counterfactual == A("300.00"));
  CHECK(is.lost == A("0"));

  const SchemeResult& nz = scheme(a, "NZ-SYN");
  CHECK(nz.basis == Basis::direct);
  CHECK(nz.accrued == A("1152.00"));
  CHECK(nz.portable == A("1152.00"));
  CHECK(nz.counterfactual == A("1152.00"));
  CHECK(nz.lost == A("0"));
  check_reconciles(is);
  check_reconciles(nz);
}

TEST_CASE("higher_of: the pro-rata side wins, and the multilateral supersedes the bilateral") {
  // FI 1980-01..1989-12 = 120 months, SE 1990-01..2004-12 = 180 months; lives in FI.
  // FI-SYN alone: 120 ≥ 60: independent = 100 + 120 × 2 = 340.00 (under 240 months: rate 2).
  // EU-SYN: total 300 (≥ 240: rate 3): theoretical = 100 + 300 × 3 = 1000.00; ratio =
  // 120 / min(300, 480) = 0.4; pro-rata = 400.00 > 340: basis pro_rata, accrued 400.00.
  // FI-SE alone would pay 1000 × min(1, 2 × 120/300) = 800.00 — more favourable, but EU-SYN
  // supersedes bilaterals between its parties (Art 8), so 400.00 it is.
  // Counterfactual = FI's formula over its own 120 months = 340.00 ≤ 400: nothing lost.
  const Assessment a = run(R"({
    "worker": { "id": "HO1", "birth_date": "1955-03-15", "nationalities": ["FI"], "residence": "FI",
                "as_of": "2025-07-01" },
    "periods": [
      { "country": "FI", "from": "1980-01-01", "to": "1989-12-31", "kind": "employed" },
      { "country": "SE", "from": "1990-01-01", "to": "2004-12-31", "kind": "employed" } ] })");
  const SchemeResult& fi = scheme(a, "FI-SYN");
  CHECK(considered(fi, "EU-SYN"));
  CHECK(considered(fi, "FI-SE"));
  REQUIRE(fi.independent);
  CHECK(*fi.independent == A("340.00"));
  CHECK(fi.basis == Basis::pro_rata);
  CHECK(fi.agreement_applied == "EU-SYN");
  REQUIRE(fi.theoretical);
  CHECK(*fi.theoretical == A("1000.00"));
  REQUIRE(fi.pro_rata);
  CHECK(*fi.pro_rata == A("400.00"));
  CHECK(fi.accrued == A("400.00"));
  CHECK(fi.portable == A("400.00"));
  CHECK(fi.indexation == Indexation::uprated);
  CHECK(fi.counterfactual == A("340.00"));
  CHECK(fi.lost == A("0"));
  check_reconciles(fi);

  // SE-SYN: 180 ≥ 36: independent 720.00; EU-SYN: 300 × 4 = 1200 × 180/300 = 720.00, not more:
  // independent. (FI-SE: 1200 × min(1, 360/300) = 1200 — superseded.)
  const SchemeResult& se = scheme(a, "SE-SYN");
  CHECK(se.basis == Basis::independent);
  CHECK_FALSE(se.agreement_applied);
  CHECK(se.accrued == A("720.00"));
  // Lives in FI, an EU-SYN party: EU-SYN's export rule pays it although SE-SYN has none.
  CHECK(se.portable == A("720.00"));
  CHECK(se.indexation == Indexation::uprated);
  check_reconciles(se);
}

TEST_CASE("higher_of: the independent side wins") {
  // FI 1980-01..1999-12 = 240 months, SE 2000-01..2004-12 = 60 months; lives in FI.
  // FI alone: 240 ≥ 240 → rate 3: independent = 100 + 240 × 3 = 820.00.
  // EU-SYN: total 300: theoretical = 100 + 300 × 3 = 1000; ratio 240/300 = 0.8; pro-rata 800.00 <
  // 820: the independent amount is paid (Art 52(3)).
  const Assessment a = run(R"({
    "worker": { "id": "HO2", "birth_date": "1955-03-15", "nationalities": ["FI"], "residence": "FI",
                "as_of": "2025-07-01" },
    "periods": [
      { "country": "FI", "from": "1980-01-01", "to": "1999-12-31", "kind": "employed" },
      { "country": "SE", "from": "2000-01-01", "to": "2004-12-31", "kind": "employed" } ] })");
  const SchemeResult& fi = scheme(a, "FI-SYN");
  CHECK(fi.qualified_alone);
  CHECK(fi.qualified_totalized);
  CHECK(fi.basis == Basis::independent);
  CHECK_FALSE(fi.agreement_applied);
  REQUIRE(fi.independent);
  CHECK(*fi.independent == A("820.00"));
  CHECK(fi.accrued == A("820.00"));
  CHECK(fi.portable == A("820.00"));
  CHECK(fi.counterfactual == A("820.00"));
  CHECK(fi.lost == A("0"));
  REQUIRE(fi.totalized_periods);
  CHECK(fi.totalized_periods->count == A("300"));
  check_reconciles(fi);

  // SE: 60 ≥ 36: 60 × 4 = 240.00; EU-SYN: 1200 × 60/300 = 240.00: independent.
  const SchemeResult& se = scheme(a, "SE-SYN");
  CHECK(se.basis == Basis::independent);
  CHECK(se.accrued == A("240.00"));
}

}  // TEST_SUITE

TEST_SUITE("assess: precedence") {

TEST_CASE("qualified alone: the totalized count is the furthest agreement's, not the first that qualifies") {
  // NZ 1980-01..1990-10 = 130 months ≥ 120: independent 130 × 12 = 1560.00. IS 1991-01..1991-10
  // = 10 months (IS-NZ, direct: 1560.00) and CL 1992-01..1996-02 = 50 months (NZ-CL, pro rata:
  // 180 × 12 × 130/180 = 1560.00) both qualify and pay no more: no agreement is applied, and the
  // totalized count is the furthest an agreement got, 130 + 50 = 180 (not IS-NZ's 130 + 10).
  const Assessment a = run(R"({
    "worker": { "id": "TOT", "birth_date": "1955-03-15", "nationalities": ["NZ"], "residence": "NZ",
                "as_of": "2025-07-01" },
    "periods": [
      { "country": "NZ", "from": "1980-01-01", "to": "1990-10-31", "kind": "employed" },
      { "country": "IS", "from": "1991-01-01", "to": "1991-10-31", "kind": "employed" },
      { "country": "CL", "from": "1992-01-01", "to": "1996-02-29", "kind": "employed" } ] })");
  const SchemeResult& nz = scheme(a, "NZ-SYN");
  CHECK(nz.basis == Basis::independent);
  CHECK(nz.accrued == A("1560.00"));
  CHECK_FALSE(nz.agreement_applied);
  REQUIRE(nz.totalized_periods);
  CHECK(nz.totalized_periods->count == A("180"));
}

TEST_CASE("of two bilaterals, the most favourable is applied") {
  // Born 1950-01-10 (65 on 2015-01-10, in payment). NZ 1970-01..1994-12 = 300 months and IS
  // 1970-01..1994-12 = 300 months (two states at once: valid, other countries), CL 1995-01..
  // 2004-12 = 120 months. CL-SYN, not qualified alone (120 < 240):
  //   NZ-CL: total 420, theoretical min(420, 360) × 10 = 3600 × 120/420 = 1028.57;
  //   IS-CL: total 420, theoretical 3600 × 120/min(420, 360) = 1200.00.
  // The most favourable, IS-CL, is applied: 1200.00.
  const Assessment a = run(R"({
    "worker": { "id": "FAV", "birth_date": "1950-01-10", "nationalities": ["CL"], "residence": "CL",
                "as_of": "2025-07-01" },
    "periods": [
      { "country": "NZ", "from": "1970-01-01", "to": "1994-12-31", "kind": "employed" },
      { "country": "IS", "from": "1970-01-01", "to": "1994-12-31", "kind": "employed" },
      { "country": "CL", "from": "1995-01-01", "to": "2004-12-31", "kind": "employed" } ] })");
  const SchemeResult& cl = scheme(a, "CL-SYN");
  CHECK(considered(cl, "NZ-CL"));
  CHECK(considered(cl, "IS-CL"));
  CHECK(cl.agreements_considered.size() == 2);
  CHECK(cl.agreement_applied == "IS-CL");
  CHECK(cl.basis == Basis::pro_rata);
  CHECK(cl.accrued == A("1200.00"));
  CHECK(cl.portable == A("1200.00"));
  CHECK(cl.lost == A("0"));
  check_reconciles(cl);
}

TEST_CASE("a multilateral with supersedes_bilateral is applied even where the bilateral pays more") {
  // FI 1980-01..1983-12 = 48 months (< 60: not alone), SE 1984-01..2008-12 = 300 months.
  // EU-SYN: total 348 ≥ 240 → rate 3: theoretical 100 + 348 × 3 = 1144; ratio 48/min(348, 480)
  // = 48/348; pro-rata = 1144 × 48/348 = 157.79… → 157.79.
  // FI-SE: ratio min(1, 96/348) = 96/348: 315.59 — twice as much, superseded.
  // Counterfactual = 100 + 48 × 2 = 196.00; lost = 196 − 157.79 = 38.21, pro_rata_method.
  const Assessment a = run(R"({
    "worker": { "id": "SUP", "birth_date": "1955-03-15", "nationalities": ["SE"], "residence": "SE",
                "as_of": "2025-07-01" },
    "periods": [
      { "country": "FI", "from": "1980-01-01", "to": "1983-12-31", "kind": "employed" },
      { "country": "SE", "from": "1984-01-01", "to": "2008-12-31", "kind": "employed" } ] })");
  const SchemeResult& fi = scheme(a, "FI-SYN");
  CHECK(fi.agreement_applied == "EU-SYN");
  CHECK(fi.basis == Basis::pro_rata);
  REQUIRE(fi.theoretical);
  CHECK(*fi.theoretical == A("1144.00"));
  CHECK(fi.accrued == A("157.79"));
  CHECK(fi.portable == A("157.79"));   // lives in SE, an EU-SYN party
  CHECK(fi.counterfactual == A("196.00"));
  CHECK(reasons(fi) == "pro_rata_method 38.21");
  check_reconciles(fi);
}

}  // TEST_SUITE

TEST_SUITE("assess: export") {

TEST_CASE("uprated by the scheme's own rule") {
  // IS 1980-01..1994-12 = 180 months ≥ 120: 180 × 5 = 900.00; no foreign periods and living in
  // AR, which no agreement names: IS-SYN exports everywhere, uprated: portable 900.00 in AR.
  const Assessment a = run(R"({
    "worker": { "id": "UPR", "birth_date": "1955-03-15", "nationalities": ["IS"], "residence": "AR",
                "residence_since": "2010-01-01", "as_of": "2025-07-01" },
    "periods": [ { "country": "IS", "from": "1980-01-01", "to": "1994-12-31", "kind": "employed" } ] })");
  const SchemeResult& is = scheme(a, "IS-SYN");
  CHECK(is.accrued == A("900.00"));
  CHECK(is.portable == A("900.00"));
  CHECK(is.indexation == Indexation::uprated);
  CHECK_FALSE(is.projected_loss);
  CHECK(is.lost == A("0"));
  const TraceStep* t = step(is, "portable where the worker lives (AR, uprated)");
  REQUIRE(t);
  CHECK(t->cite == "synthetic test rule imitating unrestricted export with uprating");
}

TEST_CASE("frozen: the rate when first paid abroad, frozen_uprating and projected_loss") {
  // NZ 1980-01..1999-12 = 240 months ≥ 120; lives in AR (no agreement names it: NZ-SYN's own
  // rule freezes the pension abroad) since 2015-01-01. Accrued at today's
  // rate 12: 240 × 12 = 2880.00. First paid abroad at max(claim 2020-04-01, move 2015-01-01) =
  // 2020-04-01, when the rate was 11: frozen at 240 × 11 = 2640.00.
  // Counterfactual (uprated, anywhere) 2880; lost = 2880 − 2640 = 240.00, frozen_uprating.
  // projected_loss (NZ-SYN's defaults: 10 years at 2 %): 2640 × (1.02^10 − 1) =
  // 2640 × 0.21899441999475713024 = 578.1452… → 578.15.
  const char* json = R"({
    "worker": { "id": "FRZ", "birth_date": "1955-03-15", "nationalities": ["NZ"], "residence": "AR",
                "residence_since": "2015-01-01", "as_of": "2025-07-01" },
    "periods": [ { "country": "NZ", "from": "1980-01-01", "to": "1999-12-31", "kind": "employed" } ] })";
  const Assessment a = run(json);
  const SchemeResult& nz = scheme(a, "NZ-SYN");
  CHECK(nz.status == Status::in_payment);
  CHECK(nz.claim_date == Date(2020, 4, 1));
  CHECK(nz.accrued == A("2880.00"));
  CHECK(nz.indexation == Indexation::frozen);
  CHECK(nz.portable == A("2640.00"));
  CHECK(nz.counterfactual == A("2880.00"));
  CHECK(nz.lost == A("240.00"));
  CHECK(reasons(nz) == "frozen_uprating 240.00");
  REQUIRE(nz.projected_loss);
  CHECK(nz.projected_loss->horizon_years == 10);
  CHECK(nz.projected_loss->amount == A("578.15"));
  CHECK(nz.projected_loss->uprating.find("2% a year") != std::string::npos);
  check_reconciles(nz);

  // The horizon and uprating from the options instead: 1 year at 10 %: 2640 × 0.10 = 264.00.
  AssessOptions options;
  options.horizon_years = 1;
  options.uprating_percent = A("10");
  const Assessment b = run(json, options);
  const SchemeResult& nz2 = scheme(b, "NZ-SYN");
  REQUIRE(nz2.projected_loss);
  CHECK(nz2.projected_loss->horizon_years == 1);
  CHECK(nz2.projected_loss->amount == A("264.00"));
  CHECK(nz2.portable == A("2640.00"));   // the month's figures do not change
}

TEST_CASE("not exportable: an export rule that pays 0 abroad") {
  // CL 1981-01..2005-12 = 300 months ≥ 240: 300 × 10 = 3000.00; lives in AR, which no agreement
  // with CL names: CL-SYN's rules: not resident in CL → payable 0. lost 3000.00, not_exportable.
  const Assessment a = run(cl_worker("NEX", "AR"));
  const SchemeResult& cl = scheme(a, "CL-SYN");
  CHECK(cl.accrued == A("3000.00"));
  CHECK(cl.portable == A("0"));
  CHECK(cl.counterfactual == A("3000.00"));
  CHECK(reasons(cl) == "not_exportable 3000.00");
  const TraceStep* lost = step(cl, "lost: not_exportable");
  REQUIRE(lost);
  CHECK(lost->cite == "synthetic test rule imitating a residence condition: not paid abroad");
  check_reconciles(cl);
}

TEST_CASE("an agreement speaks on payment to a resident of its other party who has no period there") {
  // The worker above, living in NZ instead: no NZ period, so NZ-CL totalizes nothing, but its export
  // rule (resident in a party: paid, uprated) comes before CL-SYN's own (not resident in CL: 0), as
  // residence in an agreement country exempts from a residence condition (POMS GN 01701.150 for the
  // US agreements). portable = accrued = 3000.00, nothing lost.
  const Assessment a = run(cl_worker("EXP", "NZ"));
  const SchemeResult& cl = scheme(a, "CL-SYN");
  CHECK(cl.accrued == A("3000.00"));
  CHECK(cl.portable == A("3000.00"));
  CHECK(cl.lost_reasons.empty());
  CHECK_FALSE(considered(cl, "NZ-CL"));   // considered for totalization it is not: no NZ period
  const TraceStep* paid = step(cl, "portable where the worker lives (NZ");
  REQUIRE(paid);
  CHECK(paid->cite == "synthetic test rule imitating an export clause between the parties, uprated");
  check_reconciles(cl);
}

TEST_CASE("not exportable: no export rule speaks and the worker lives abroad") {
  // SE 1990-01..2004-12 = 180 months: 720.00. SE-SYN has no export rule, no agreement applies
  // (no foreign periods): paid only in SE; the worker lives in NZ: portable 0, lost 720.00.
  const Assessment a = run(R"({
    "worker": { "id": "NEX2", "birth_date": "1955-03-15", "nationalities": ["SE"], "residence": "NZ",
                "residence_since": "2010-01-01", "as_of": "2025-07-01" },
    "periods": [ { "country": "SE", "from": "1990-01-01", "to": "2004-12-31", "kind": "employed" } ] })");
  const SchemeResult& se = scheme(a, "SE-SYN");
  CHECK(se.accrued == A("720.00"));
  CHECK(se.portable == A("0"));
  CHECK(reasons(se) == "not_exportable 720.00");
  check_reconciles(se);
}

TEST_CASE("frozen partial export: the rule's payable is applied to the amount at the freeze date") {
  // NZ 1980-01..1989-12 refunded (120 months), NZ 2000-01..2009-12 kept = 120 months ≥ 120;
  // lives in SE since 2015-01-01. Accrued (kept months, rate 12) = 120 × 12 = 1440.00.
  // SE rule: payable = half of accrued, frozen: today 720.00; at the freeze date 2020-04-01
  // (rate 11) accrued was 120 × 11 = 1320, half of it 660.00: portable 660.00.
  // Counterfactual (refund undone) 240 × 12 = 2880.00. Waterfall:
  //   refund_forfeits_periods 2880 − 1440 = 1440.00, not_exportable 1440 − 720 = 720.00,
  //   frozen_uprating 720 − 660 = 60.00; lost 2880 − 660 = 2220.00.
  const Assessment a = run(R"({
    "worker": { "id": "HALF", "birth_date": "1955-03-15", "nationalities": ["NZ"], "residence": "SE",
                "residence_since": "2015-01-01", "as_of": "2025-07-01" },
    "periods": [
      { "country": "NZ", "from": "1980-01-01", "to": "1989-12-31", "kind": "employed", "refunded_on": "1990-06-01" },
      { "country": "NZ", "from": "2000-01-01", "to": "2009-12-31", "kind": "employed" } ] })");
  const SchemeResult& nz = scheme(a, "NZ-SYN");
  CHECK(nz.accrued == A("1440.00"));
  CHECK(nz.indexation == Indexation::frozen);
  CHECK(nz.portable == A("660.00"));
  CHECK(nz.lost == A("2220.00"));
  CHECK(reasons(nz) == "refund_forfeits_periods 1440.00, not_exportable 720.00, frozen_uprating 60.00");
  check_reconciles(nz);
}

}  // TEST_SUITE

TEST_SUITE("assess: lost reasons") {

TEST_CASE("not_qualified: neither alone nor through the agreement") {
  // IS 1990-01..1991-12 = 24 months, NZ 1992-01..1994-12 = 36 months; born 1955: in payment.
  // IS-NZ total 60 < 120 for both. IS counterfactual 24 × 5 = 120.00; NZ 36 × 12 = 432.00; all
  // lost as not_qualified; nothing accrued; the contributions paid buy nothing.
  const Assessment a = run(R"({
    "worker": { "id": "NQ", "birth_date": "1955-03-15", "nationalities": ["IS"], "residence": "IS",
                "as_of": "2025-07-01" },
    "periods": [
      { "country": "IS", "from": "1990-01-01", "to": "1991-12-31", "kind": "employed", "contributions": "2400.00" },
      { "country": "NZ", "from": "1992-01-01", "to": "1994-12-31", "kind": "employed" } ] })");
  const SchemeResult& is = scheme(a, "IS-SYN");
  CHECK(is.status == Status::in_payment);
  CHECK_FALSE(is.qualified_alone);
  CHECK_FALSE(is.qualified_totalized);
  CHECK(is.basis == Basis::none);
  CHECK_FALSE(is.independent);
  CHECK(is.accrued == A("0"));
  CHECK(is.portable == A("0"));
  CHECK(is.counterfactual == A("120.00"));
  CHECK(reasons(is) == "not_qualified 120.00");
  CHECK_FALSE(is.shortfall);   // only a projected scheme has one
  REQUIRE(is.contributions_without_benefit);
  CHECK(is.contributions_without_benefit->amount() == A("2400.00"));
  CHECK(is.contributions_without_benefit->currency().code() == "ISK");
  const SchemeResult& nz = scheme(a, "NZ-SYN");
  CHECK(nz.counterfactual == A("432.00"));
  CHECK(reasons(nz) == "not_qualified 432.00");
  check_reconciles(is);
  check_reconciles(nz);
}

TEST_CASE("not_yet_qualified with a shortfall, alone and through the agreement") {
  // Born 1980-05-20: 65 on 2045-05-20, entitled from 2045-06-01; as of 2025: projected.
  // NZ 2005-01..2009-12 = 60 months, IS 2010-01..2011-12 = 24 months; IS-NZ total 84.
  // IS: needs 120: alone 120 − 24 = 96 more, through IS-NZ 120 − 84 = 36 more; counterfactual
  //     24 × 5 = 120.00, not_yet_qualified.
  // NZ: alone 120 − 60 = 60, through IS-NZ 36; counterfactual 60 × 12 = 720.00.
  const Assessment a = run(R"({
    "worker": { "id": "NYQ", "birth_date": "1980-05-20", "nationalities": ["IS"], "residence": "IS",
                "as_of": "2025-07-01" },
    "periods": [
      { "country": "NZ", "from": "2005-01-01", "to": "2009-12-31", "kind": "employed" },
      { "country": "IS", "from": "2010-01-01", "to": "2011-12-31", "kind": "employed" } ] })");
  const SchemeResult& is = scheme(a, "IS-SYN");
  CHECK(is.status == Status::projected);
  CHECK(is.claim_date == Date(2045, 6, 1));
  CHECK(is.counterfactual == A("120.00"));
  CHECK(reasons(is) == "not_yet_qualified 120.00");
  REQUIRE(is.shortfall);
  CHECK(is.shortfall->alone.count == A("96"));
  CHECK(is.shortfall->alone.unit == TimeUnit::month);
  REQUIRE(is.shortfall->through.size() == 1);
  CHECK(is.shortfall->through[0].first == "IS-NZ");
  CHECK(is.shortfall->through[0].second.count == A("36"));

  const SchemeResult& nz = scheme(a, "NZ-SYN");
  CHECK(nz.status == Status::projected);
  CHECK(nz.counterfactual == A("720.00"));
  CHECK(reasons(nz) == "not_yet_qualified 720.00");
  REQUIRE(nz.shortfall);
  CHECK(nz.shortfall->alone.count == A("60"));
  REQUIRE(nz.shortfall->through.size() == 1);
  CHECK(nz.shortfall->through[0].second.count == A("36"));
  check_reconciles(is);
  check_reconciles(nz);
}

TEST_CASE("below_agreement_minimum: the agreement's minimum own periods are not met") {
  // CL 1980-01..1980-06 = 6 months; NZ-CL wants 12 own months first: not met, so CL counts
  // nothing of NZ: lost = counterfactual 6 × 10 = 60.00, below_agreement_minimum.
  // NZ 1981-01..2005-12 = 300 months alone: 3600.00, paid in NZ. BR has no scheme: unassessed.
  const Assessment a = run(R"({
    "worker": { "id": "MIN", "birth_date": "1955-03-15", "nationalities": ["NZ"], "residence": "NZ",
                "as_of": "2025-07-01" },
    "periods": [
      { "country": "CL", "from": "1980-01-01", "to": "1980-06-30", "kind": "employed" },
      { "country": "NZ", "from": "1981-01-01", "to": "2005-12-31", "kind": "employed" },
      { "country": "BR", "from": "2006-01-01", "to": "2007-12-31", "kind": "employed",
        "contributions": "1000.00", "currency": "BRL" } ] })");
  const SchemeResult& cl = scheme(a, "CL-SYN");
  CHECK(cl.basis == Basis::none);
  CHECK_FALSE(cl.qualified_totalized);
  CHECK(cl.counterfactual == A("60.00"));
  CHECK(reasons(cl) == "below_agreement_minimum 60.00");
  check_reconciles(cl);
  const SchemeResult& nz = scheme(a, "NZ-SYN");
  CHECK(nz.accrued == A("3600.00"));
  CHECK(nz.portable == A("3600.00"));

  // Unassessed: BR 2006-01..2007-12 = 24 months, its contributions as given.
  CHECK_FALSE(has_scheme(a, "BR-SYN"));
  REQUIRE(a.unassessed.size() == 1);
  CHECK(a.unassessed[0].country.alpha2() == "BR");
  CHECK(a.unassessed[0].reason == UnassessedReason::no_scheme_encoded);
  CHECK(a.unassessed[0].periods.unit == TimeUnit::month);
  CHECK(a.unassessed[0].periods.count == A("24"));
  REQUIRE(a.unassessed[0].contributions);
  CHECK(a.unassessed[0].contributions->amount() == A("1000.00"));
  CHECK(a.unassessed[0].contributions->currency().code() == "BRL");
}

TEST_CASE("below_agreement_minimum: a bilateral clause forfeits small periods") {
  // IS 1980-01..1980-08 = 8 months < 1 year, not qualified alone: IS-CL forfeits them (mode
  // forfeit, not shift): lost = counterfactual 8 × 5 = 40.00, below_agreement_minimum; basis none
  // (not relieved). CL 1981-01..2005-12 = 300 months ≥ 240: 3000.00 alone, paid in CL.
  const Assessment a = run(R"({
    "worker": { "id": "FORF", "birth_date": "1955-03-15", "nationalities": ["CL"], "residence": "CL",
                "as_of": "2025-07-01" },
    "periods": [
      { "country": "IS", "from": "1980-01-01", "to": "1980-08-31", "kind": "employed" },
      { "country": "CL", "from": "1981-01-01", "to": "2005-12-31", "kind": "employed" } ] })");
  const SchemeResult& is = scheme(a, "IS-SYN");
  CHECK(is.basis == Basis::none);
  CHECK(is.accrued == A("0"));
  CHECK(is.counterfactual == A("40.00"));
  CHECK(reasons(is) == "below_agreement_minimum 40.00");
  check_reconciles(is);
  // The loss is the clause's, not the scheme's: the trace cites IS-CL's small-period clause, and
  // the 8 months say why they count for nothing.
  const TraceStep* lost = step(is, "lost: below_agreement_minimum");
  REQUIRE(lost != nullptr);
  CHECK(lost->value == "40.00");
  CHECK(lost->cite.find("own periods of less than a year give no benefit") != std::string::npos);
  REQUIRE(is.periods_counted.size() >= 1);
  CHECK(is.periods_counted[0].country.alpha2() == "IS");
  CHECK(is.periods_counted[0].used_for == UsedFor::none);
  CHECK(is.periods_counted[0].why == "less than IS-CL's small-period threshold: owed nothing for these periods");
  const SchemeResult& cl = scheme(a, "CL-SYN");
  CHECK(cl.basis == Basis::independent);
  CHECK(cl.accrued == A("3000.00"));
  CHECK(cl.portable == A("3000.00"));
  CHECK(cl.lost == A("0"));
}

TEST_CASE("no_agreement: foreign periods in a state without an agreement") {
  // FI 1980-01..1983-12 = 48 months < 60; CL 1984-01..2008-12 = 300 months; no FI-CL agreement.
  // FI: counterfactual 100 + 48 × 2 = 196.00, lost as no_agreement.
  // CL: 300 ≥ 240 alone: 3000.00; lives in FI: not exportable, 3000.00 lost.
  const Assessment a = run(R"({
    "worker": { "id": "NOAG", "birth_date": "1955-03-15", "nationalities": ["FI"], "residence": "FI",
                "as_of": "2025-07-01" },
    "periods": [
      { "country": "FI", "from": "1980-01-01", "to": "1983-12-31", "kind": "employed" },
      { "country": "CL", "from": "1984-01-01", "to": "2008-12-31", "kind": "employed" } ] })");
  const SchemeResult& fi = scheme(a, "FI-SYN");
  CHECK(fi.agreements_considered.empty());
  CHECK(fi.counterfactual == A("196.00"));
  CHECK(reasons(fi) == "no_agreement 196.00");
  const SchemeResult& cl = scheme(a, "CL-SYN");
  CHECK(cl.accrued == A("3000.00"));
  CHECK(reasons(cl) == "not_exportable 3000.00");
  check_reconciles(fi);
  check_reconciles(cl);
}

TEST_CASE("refund_forfeits_periods: refunded periods no longer count") {
  // NZ 1980-01..1989-12 = 120 months refunded on 1990-06-01; NZ 2000-01..2009-12 = 120 months
  // kept ≥ 120: accrued 120 × 12 = 1440.00, paid in NZ. Counterfactual (refund undone)
  // 240 × 12 = 2880.00; lost 1440.00, refund_forfeits_periods. The refund shows as paid out.
  const Assessment a = run(R"({
    "worker": { "id": "REF", "birth_date": "1955-03-15", "nationalities": ["NZ"], "residence": "NZ",
                "as_of": "2025-07-01" },
    "periods": [
      { "country": "NZ", "from": "1980-01-01", "to": "1989-12-31", "kind": "employed", "refunded_on": "1990-06-01" },
      { "country": "NZ", "from": "2000-01-01", "to": "2009-12-31", "kind": "employed" } ] })");
  const SchemeResult& nz = scheme(a, "NZ-SYN");
  CHECK(nz.own_periods.count == A("120"));
  CHECK(nz.accrued == A("1440.00"));
  CHECK(nz.portable == A("1440.00"));
  CHECK(nz.counterfactual == A("2880.00"));
  CHECK(reasons(nz) == "refund_forfeits_periods 1440.00");
  REQUIRE(nz.paid_out.size() == 1);
  CHECK(nz.paid_out[0].kind == "lump_sum_withdrawal");
  CHECK(nz.paid_out[0].paid_on == Date(1990, 6, 1));
  CHECK(nz.paid_out[0].periods.from() == Date(1980, 1, 1));
  CHECK(nz.paid_out[0].periods.to() == Date(1989, 12, 31));
  CHECK(nz.options.empty());   // qualified alone: the withdrawal is not open
  check_reconciles(nz);
}

TEST_CASE("a refund still open is offered as an option, with its deadline and what it forfeits") {
  // Born 1970 (projected). NZ 2020-01..2024-12 = 60 months < 120; lives in IS since 2025-01-01.
  // The withdrawal (not qualified alone; within 24 months of leaving, 2024-12-31 + 24 months =
  // 2026-12-31 ≥ as-of): 60 × 50 = 3000.00.
  const Assessment a = run(R"({
    "worker": { "id": "OPT", "birth_date": "1970-02-01", "nationalities": ["IS"], "residence": "IS",
                "residence_since": "2025-01-01", "as_of": "2025-07-01" },
    "periods": [ { "country": "NZ", "from": "2020-01-01", "to": "2024-12-31", "kind": "employed" } ] })");
  const SchemeResult& nz = scheme(a, "NZ-SYN");
  REQUIRE(nz.options.size() == 1);
  CHECK(nz.options[0].kind == "lump_sum_withdrawal");
  CHECK(nz.options[0].amount.amount() == A("3000.00"));
  CHECK(nz.options[0].amount.currency().code() == "NZD");
  REQUIRE(nz.options[0].deadline);
  CHECK(*nz.options[0].deadline == Date(2026, 12, 31));
  CHECK(nz.options[0].forfeits.find("60 months") != std::string::npos);
  CHECK(nz.paid_out.empty());
}

// Refunded periods can no longer be totalized: lost() also totalizes with the refund undone, so a
// worker who would have qualified through an agreement but for the refund is told the loss is
// refund_forfeits_periods.
TEST_CASE("refund_forfeits_periods when the refunded periods would have qualified through an agreement") {
  // NZ 1980-01..1984-12 = 60 months refunded; NZ 1990-01..1992-06 = 30 months kept; IS
  // 1993-01..1996-04 = 40 months; lives in NZ. Kept: 30 + 40 = 70 < 120 under IS-NZ: nothing.
  // Refund undone: 90 + 40 = 130 ≥ 120 under IS-NZ (direct): 90 × 12 = 1080.00 = the
  // counterfactual. The whole 1080.00 is lost because of the refund.
  const Assessment a = run(R"({
    "worker": { "id": "REF2", "birth_date": "1955-03-15", "nationalities": ["NZ"], "residence": "NZ",
                "as_of": "2025-07-01" },
    "periods": [
      { "country": "NZ", "from": "1980-01-01", "to": "1984-12-31", "kind": "employed", "refunded_on": "1985-03-01" },
      { "country": "NZ", "from": "1990-01-01", "to": "1992-06-30", "kind": "employed" },
      { "country": "IS", "from": "1993-01-01", "to": "1996-04-30", "kind": "employed" } ] })");
  const SchemeResult& nz = scheme(a, "NZ-SYN");
  CHECK(nz.accrued == A("0"));
  CHECK(nz.counterfactual == A("1080.00"));
  CHECK(reasons(nz) == "refund_forfeits_periods 1080.00");
}

}  // TEST_SUITE

TEST_SUITE("assess: waterfall") {

TEST_CASE("pro_rata_method before not_exportable") {
  // As "pro-rata without the cap" (CL 120 months + NZ 300, NZ-CL: 1028.57 against a counterfactual
  // of 1200.00) but living in AR, which no agreement names: CL-SYN pays nothing abroad.
  //   l0 = 1200.00; pro_rata_method = 1200 − 1028.57 = 171.43; not_exportable = 1028.57 − 0;
  //   lost = 1200.00 = 171.43 + 1028.57.
  // NZ-SYN (3600.00 alone) in AR: frozen at the 2020-04-01 rate 11: 3300.00; frozen_uprating 300.
  const Assessment a = run(R"({
    "worker": { "id": "WF1", "birth_date": "1955-03-15", "nationalities": ["CL"], "residence": "AR",
                "residence_since": "2012-01-01", "as_of": "2025-07-01" },
    "periods": [
      { "country": "NZ", "from": "1971-01-01", "to": "1995-12-31", "kind": "employed" },
      { "country": "CL", "from": "1996-01-01", "to": "2005-12-31", "kind": "employed" } ] })");
  const SchemeResult& cl = scheme(a, "CL-SYN");
  CHECK(cl.accrued == A("1028.57"));
  CHECK(cl.portable == A("0"));
  CHECK(cl.lost == A("1200.00"));
  CHECK(reasons(cl) == "pro_rata_method 171.43, not_exportable 1028.57");
  check_reconciles(cl);
  const SchemeResult& nz = scheme(a, "NZ-SYN");
  CHECK(nz.portable == A("3300.00"));
  CHECK(reasons(nz) == "frozen_uprating 300.00");
  check_reconciles(nz);
}

TEST_CASE("refund_forfeits_periods before frozen_uprating") {
  // The refund case living in AR since 2015: accrued 120 × 12 = 1440.00, frozen at 2020-04-01's
  // rate 11: 120 × 11 = 1320.00. l0 = 2880.00; refund 2880 − 1440 = 1440.00; frozen 1440 − 1320 =
  // 120.00; lost = 2880 − 1320 = 1560.00.
  const Assessment a = run(R"({
    "worker": { "id": "WF2", "birth_date": "1955-03-15", "nationalities": ["NZ"], "residence": "AR",
                "residence_since": "2015-01-01", "as_of": "2025-07-01" },
    "periods": [
      { "country": "NZ", "from": "1980-01-01", "to": "1989-12-31", "kind": "employed", "refunded_on": "1990-06-01" },
      { "country": "NZ", "from": "2000-01-01", "to": "2009-12-31", "kind": "employed" } ] })");
  const SchemeResult& nz = scheme(a, "NZ-SYN");
  CHECK(nz.portable == A("1320.00"));
  CHECK(nz.lost == A("1560.00"));
  CHECK(reasons(nz) == "refund_forfeits_periods 1440.00, frozen_uprating 120.00");
  check_reconciles(nz);
}

}  // TEST_SUITE

TEST_SUITE("assess: small periods") {

TEST_CASE("Art 57-style shift: the relieved state pays nothing, the other counts the months") {
  // NO 1979-03..1979-12 = 10 months < 1 year, and < 60: no right alone: NO-SYN is relieved under
  // EU-SYN (mode shift): basis relieved, accrued 0, counterfactual 0, nothing lost.
  // FI 1980-01..2009-12 = 360 months: FI's totalized count includes NO's 10: 370 months.
  const Assessment a = run(R"({
    "worker": { "id": "SHIFT", "birth_date": "1955-03-15", "nationalities": ["FI"], "residence": "FI",
                "as_of": "2025-07-01" },
    "periods": [
      { "country": "NO", "from": "1979-03-01", "to": "1979-12-31", "kind": "employed" },
      { "country": "FI", "from": "1980-01-01", "to": "2009-12-31", "kind": "employed" } ] })");
  const SchemeResult& no = scheme(a, "NO-SYN");
  CHECK(no.own_periods.count == A("10"));
  CHECK_FALSE(no.qualified_alone);
  CHECK(no.basis == Basis::relieved);
  CHECK(no.accrued == A("0"));
  CHECK(no.portable == A("0"));
  CHECK(no.counterfactual == A("0"));
  CHECK(no.lost == A("0"));
  CHECK(no.lost_reasons.empty());
  const TraceStep* accrued = step(no, "accrued (relieved)");
  REQUIRE(accrued);
  CHECK(accrued->cite.find("Art 57") != std::string::npos);
  check_reconciles(no);

  // FI: 360 ≥ 60 alone: 100 + 360 × 3 = 1180.00 at least, paid in FI; nothing lost.
  const SchemeResult& fi = scheme(a, "FI-SYN");
  REQUIRE(fi.totalized_periods);
  CHECK(fi.totalized_periods->count == A("370"));
  CHECK(fi.accrued >= A("1180.00"));
  CHECK(fi.lost == A("0"));
  check_reconciles(fi);
}

// Regression: the relieved state's months are credited to the other state once (as a party's
// periods), and join its own periods for the ratio, never its total a second time.
TEST_CASE("Art 57-style shift: the shifted months enter the other state's total once") {
  // NO 1980-03..1980-12 = 10 months (relieved); SE 1981-01..1983-06 = 30 months < 36 alone.
  // EU-SYN for SE: own 30 + NO's 10 = 40 months ≥ 36; theoretical 40 × 4 = 160.00. The total is
  // 40 months; the ratio is 40/40 if the shifted months count as SE's own (as own_count() makes
  // them), or 30/40 if not: pro-rata 160.00 or 120.00 — never 160 × 40/50 = 128.00.
  const Assessment a = run(R"({
    "worker": { "id": "SHIFT2", "birth_date": "1955-03-15", "nationalities": ["SE"], "residence": "SE",
                "as_of": "2025-07-01" },
    "periods": [
      { "country": "NO", "from": "1980-03-01", "to": "1980-12-31", "kind": "employed" },
      { "country": "SE", "from": "1981-01-01", "to": "1983-06-30", "kind": "employed" } ] })");
  CHECK(scheme(a, "NO-SYN").basis == Basis::relieved);
  const SchemeResult& se = scheme(a, "SE-SYN");
  REQUIRE(se.totalized_periods);
  CHECK(se.totalized_periods->count == A("40"));
  REQUIRE(se.theoretical);
  CHECK(*se.theoretical == A("160.00"));
  REQUIRE(se.pro_rata);
  // Art 57(2): the other state takes the relieved periods over and pays for them (DRV GRA Art 57,
  // "übernehmen und in der eigenen Rente abgelten"), so they join SE's own: 160 × 40/40 = 160.00.
  CHECK(*se.pro_rata == A("160.00"));
}

// Reg 883/2004 Art 57(3): "If the application of paragraph 1 would have the effect of relieving
// all the institutions of the Member States concerned of their obligations, benefits shall be
// provided exclusively under the legislation of the last of those Member States whose conditions
// are satisfied, as if all the periods of insurance and residence completed and taken into account
// in accordance with Article 6 and Article 52(1)(b) had been completed under the legislation of
// that Member State."
std::string all_small(std::string_view first, std::string_view second) {
  return R"({ "worker": { "id": "ALLSMALL", "birth_date": "1955-03-15", "nationalities": ["DK"], "residence": "DK",
                          "as_of": "2025-07-01" },
             "periods": [ )" + std::string(first) + ", " + std::string(second) + " ] }";
}

TEST_CASE("Art 57(3)-style: every state relieved, the last one pays as if all the periods were its own") {
  // NO 1979-03..1979-12 = 10 months (< 12, < NO's 60 alone): relieved. DK 1980-05..1980-12 = 8
  // months (< 12, < DK's 12 alone): relieved. Every state concerned would be relieved, so the last
  // one (DK, insured until 1980-12) pays if its conditions are met with all 18 months: 18 ≥ 12.
  // Theoretical 18 × 5 = 90.00; ratio own 8 + NO's 10 taken over = 18 of 18 → pro-rata 90.00;
  // the higher of that and no independent amount: 90.00, paid in DK (EU-SYN's export rule).
  const Assessment a = run(all_small(R"({ "country": "NO", "from": "1979-03-01", "to": "1979-12-31", "kind": "employed" })",
                                     R"({ "country": "DK", "from": "1980-05-01", "to": "1980-12-31", "kind": "employed" })"));
  const SchemeResult& dk = scheme(a, "DK-SYN");
  CHECK_FALSE(dk.qualified_alone);
  CHECK(dk.basis == Basis::pro_rata);
  REQUIRE(dk.theoretical);
  CHECK(*dk.theoretical == A("90.00"));
  CHECK(dk.accrued == A("90.00"));
  CHECK(dk.portable == A("90.00"));
  REQUIRE(dk.totalized_periods);
  CHECK(dk.totalized_periods->count == A("18"));
  const TraceStep* last = step(dk, "every state relieved: the last whose conditions are met pays, all periods its own");
  REQUIRE(last);
  CHECK(last->cite.find("Art 57") != std::string::npos);
  check_reconciles(dk);
  // NO stays relieved: it pays nothing and loses nothing (its months are paid by DK).
  const SchemeResult& no = scheme(a, "NO-SYN");
  CHECK(no.basis == Basis::relieved);
  CHECK(no.accrued == A("0"));
  CHECK(no.lost == A("0"));
}

TEST_CASE("Art 57(3)-style: the last state whose conditions are met, not simply the last") {
  // The same months the other way round: DK 1979-05..1979-12 = 8, NO 1980-03..1980-12 = 10. NO is
  // the last state, but 18 months do not meet its 60: the one before it, DK, pays 18 × 5 = 90.00.
  const Assessment a = run(all_small(R"({ "country": "DK", "from": "1979-05-01", "to": "1979-12-31", "kind": "employed" })",
                                     R"({ "country": "NO", "from": "1980-03-01", "to": "1980-12-31", "kind": "employed" })"));
  CHECK(scheme(a, "NO-SYN").basis == Basis::relieved);
  CHECK(scheme(a, "NO-SYN").accrued == A("0"));
  const SchemeResult& dk = scheme(a, "DK-SYN");
  CHECK(dk.basis == Basis::pro_rata);
  CHECK(dk.accrued == A("90.00"));
}

TEST_CASE("Art 57(3)-style: not while one state concerned owes a benefit") {
  // SE 1981-01..1984-04 = 40 months ≥ 36: SE is not relieved, so Art 57(3) does not apply and DK's
  // 8 months (1980-05..1980-12) stay relieved: DK pays nothing, SE counts 40 + 8 = 48 months.
  const Assessment a = run(all_small(R"({ "country": "DK", "from": "1980-05-01", "to": "1980-12-31", "kind": "employed" })",
                                     R"({ "country": "SE", "from": "1981-01-01", "to": "1984-04-30", "kind": "employed" })"));
  const SchemeResult& dk = scheme(a, "DK-SYN");
  CHECK(dk.basis == Basis::relieved);
  CHECK(dk.accrued == A("0"));
  const SchemeResult& se = scheme(a, "SE-SYN");
  REQUIRE(se.totalized_periods);
  CHECK(se.totalized_periods->count == A("48"));
}

}  // TEST_SUITE

TEST_SUITE("assess: status and claim dates") {

TEST_CASE("in_payment: entitled from the month after the 65th birthday") {
  // Born 1955-03-15: 65 on 2020-03-15, claim date 2020-04-01 ≤ 2025-07-01.
  const Assessment a = run(se_worker("1955-03-15", ""));
  const SchemeResult& se = scheme(a, "SE-SYN");
  CHECK(se.status == Status::in_payment);
  CHECK(se.claim_date == Date(2020, 4, 1));
}

TEST_CASE("deferred: entitled, a later claim date requested (mid-month: from the next month)") {
  // Born 1959-06-10: 65 on 2024-06-10, entitled from 2024-07-01; claim requested 2026-01-15:
  // from 2026-02-01, after the as-of date: deferred. Accrued as usual: 720.00.
  const Assessment a = run(se_worker("1959-06-10", R"(, "claim_date": "2026-01-15")"));
  const SchemeResult& se = scheme(a, "SE-SYN");
  CHECK(se.status == Status::deferred);
  CHECK(se.claim_date == Date(2026, 2, 1));
  CHECK(se.accrued == A("720.00"));
}

TEST_CASE("projected: pension age not yet reached") {
  // Born 1970-09-01: 65 on 2035-09-01 (a 1st: month_after still gives the next month): 2035-10-01.
  // 180 months ≥ 36 already: what they are worth today, 720.00.
  const Assessment a = run(se_worker("1970-09-01", ""));
  const SchemeResult& se = scheme(a, "SE-SYN");
  CHECK(se.status == Status::projected);
  CHECK(se.claim_date == Date(2035, 10, 1));
  CHECK(se.accrued == A("720.00"));
  CHECK_FALSE(se.shortfall);   // qualified: nothing short
}

TEST_CASE("a requested claim date earlier than allowed: the earliest allowed, with a warning") {
  // Born 1955-03-15: earliest 2020-04-01; SE-SYN's own claim date 2019-01-01 is before it.
  const Assessment a = run(se_worker("1955-03-15", R"(, "claim_dates": { "SE-SYN": "2019-01-01" })"));
  const SchemeResult& se = scheme(a, "SE-SYN");
  CHECK(se.claim_date == Date(2020, 4, 1));
  CHECK(se.status == Status::in_payment);
  const bool warned = std::any_of(a.warnings.begin(), a.warnings.end(), [](const std::string& w) {
    return w == "SE-SYN: the requested claim date 2019-01-01 is before the earliest allowed, 2020-04-01, which is used";
  });
  CHECK(warned);
}

}  // TEST_SUITE

TEST_SUITE("assess: result") {

TEST_CASE("the trace carries the cite of every figure") {
  // The pro-rata case (CL 120 + NZ 300 via NZ-CL): ratio 2/7, pro-rata 1028.57, lost 171.43.
  const Assessment a = run(R"({
    "worker": { "id": "TR", "birth_date": "1955-03-15", "nationalities": ["CL"], "residence": "CL",
                "as_of": "2025-07-01" },
    "periods": [
      { "country": "NZ", "from": "1971-01-01", "to": "1995-12-31", "kind": "employed" },
      { "country": "CL", "from": "1996-01-01", "to": "2005-12-31", "kind": "employed" } ] })");
  const std::string party_cite =
      "synthetic test rule imitating 20 CFR 404.1908 (minimum own coverage) and a pro-rata ratio own / total without a cap";
  for (const SchemeResult& s : a.schemes)
    for (const TraceStep& t : s.trace) {
      CAPTURE(t.step);
      CHECK(t.cite.find("synthetic test rule") == 0);   // every rule of this rulebook says so
    }
  const SchemeResult& cl = scheme(a, "CL-SYN");
  const TraceStep* ratio = step(cl, "ratio");
  REQUIRE(ratio);
  CHECK(ratio->value.rfind("0.285714285714", 0) == 0);   // 2/7 = 0.285714…
  CHECK(ratio->cite == party_cite);
  const TraceStep* pro_rata = step(cl, "pro-rata amount");
  REQUIRE(pro_rata);
  CHECK(pro_rata->value == "1028.57");
  CHECK(pro_rata->cite == party_cite);
  const TraceStep* lost = step(cl, "lost: pro_rata_method");
  REQUIRE(lost);
  CHECK(lost->value == "171.43");
  CHECK(lost->cite == party_cite);
  const TraceStep* counterfactual = step(cl, "counterfactual");
  REQUIRE(counterfactual);
  CHECK(counterfactual->value == "1200.00");
  CHECK(counterfactual->cite ==
        "synthetic test rule imitating a benefit formula with a maximum period, rounded to the cent");

  // With every sub-expression traced, the trace only grows; the figures do not change.
  AssessOptions options;
  options.trace_expressions = true;
  const Assessment b = assess(book(), read(R"({
    "worker": { "id": "TR", "birth_date": "1955-03-15", "nationalities": ["CL"], "residence": "CL",
                "as_of": "2025-07-01" },
    "periods": [
      { "country": "NZ", "from": "1971-01-01", "to": "1995-12-31", "kind": "employed" },
      { "country": "CL", "from": "1996-01-01", "to": "2005-12-31", "kind": "employed" } ] })"),
                              options);
  const SchemeResult& cl2 = scheme(b, "CL-SYN");
  CHECK(cl2.trace.size() > cl.trace.size());
  CHECK(cl2.accrued == cl.accrued);
  CHECK(cl2.lost_reasons == cl.lost_reasons);

  // Each sub-expression step cites its own source: a parameter or a measure read by name its
  // own cite; a step of an expression the cite of the rule the expression belongs to (the
  // variant's benefit, the agreement's ratio).
  const auto cite_of = [&](std::string_view step_text) -> std::string {
    for (const TraceStep& t : cl2.trace)
      if (t.step == step_text) return t.cite;
    return "(no step '" + std::string(step_text) + "')";
  };
  CHECK(cite_of("rate") == "synthetic test rule imitating an accrual per month");
  CHECK(cite_of("full_months") == "synthetic test rule imitating a maximum number of months counted");
  CHECK(cite_of("months") == "synthetic test rule imitating a count of insurance months");
  CHECK(cite_of("min(months, full_months) * rate") ==
        "synthetic test rule imitating a benefit formula with a maximum period, rounded to the cent");
  CHECK(cite_of("own") == party_cite);   // read by the agreement's ratio, own / total
}

TEST_CASE("the result names the worker, the rulebook, and what is out of scope") {
  const Assessment a = run(se_worker("1955-03-15", ""));
  CHECK(a.worker_id == "ST");
  CHECK(a.as_of == Date(2025, 7, 1));
  CHECK(a.residence.alpha2() == "SE");
  CHECK(a.rulebook.schemes == 7);
  CHECK(a.rulebook.agreements == 5);
  CHECK(a.rulebook.version.rfind("sha256:", 0) == 0);
  CHECK(a.warnings.front() == "out of scope: survivors', disability and means-tested benefits");
}

TEST_CASE("a caveat is said with the assessment of the workers it concerns, and only theirs") {
  // NO-SYN's caveat holds for a worker born before 1940: born 1938, it is said once, with the
  // scheme's id and the caveat's cite; born 1955 (the same periods), it is not.
  const auto worker = [](std::string_view birth) {
    return R"({ "worker": { "id": "CAV", "birth_date": ")" + std::string(birth) +
           R"(", "nationalities": ["NO"], "residence": "NO", "as_of": "2025-07-01" },
      "periods": [ { "country": "NO", "from": "1970-01-01", "to": "1989-12-31", "kind": "employed" } ] })";
  };
  const std::string said =
      "NO-SYN: a rule for cohorts born before 1940 is not encoded (synthetic test rule imitating a caveat on an older cohort)";
  const Assessment old = run(worker("1938-05-01"));
  CHECK(std::count(old.warnings.begin(), old.warnings.end(), said) == 1);
  const Assessment young = run(worker("1955-05-01"));
  CHECK(std::count(young.warnings.begin(), young.warnings.end(), said) == 0);
  CHECK(has_scheme(young, "NO-SYN"));
}

TEST_CASE("one shared rulebook, four threads, the same history: equal results") {
  // Every scheme of the rulebook, an unassessed country, a refund, a frozen export, an Art 57
  // shift and two agreements chosen between.
  const History h = read(R"({
    "worker": { "id": "MT", "birth_date": "1955-03-15", "nationalities": ["NZ", "FI"], "residence": "IS",
                "residence_since": "2012-01-01", "as_of": "2025-07-01", "claim_dates": { "FI": "2021-01-01" } },
    "periods": [
      { "country": "NO", "from": "1972-03-01", "to": "1972-12-31", "kind": "employed", "credits": { "pension_points": "1.5" } },
      { "country": "FI", "from": "1973-01-01", "to": "1979-12-31", "kind": "employed" },
      { "country": "SE", "from": "1980-01-01", "to": "1984-12-31", "kind": "self_employed" },
      { "country": "NZ", "from": "1985-01-01", "to": "1989-12-31", "kind": "employed", "refunded_on": "1990-02-01" },
      { "country": "NZ", "from": "1990-01-01", "to": "1999-12-31", "kind": "employed" },
      { "country": "IS", "from": "2000-01-01", "to": "2004-12-31", "kind": "employed" },
      { "country": "CL", "from": "2005-01-01", "to": "2009-12-31", "kind": "employed" },
      { "country": "BR", "from": "2010-01-01", "to": "2011-12-31", "kind": "employed" } ] })");
  const Assessment reference = assess(book(), h);
  CHECK(reference.schemes.size() == 6);
  CHECK(reference.unassessed.size() == 1);
  std::vector<Assessment> results(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < results.size(); ++i)
    threads.emplace_back([&, i] {
      for (int round = 0; round < 5; ++round) results[i] = assess(book(), h);
    });
  for (std::thread& t : threads) t.join();
  for (const Assessment& r : results) CHECK(r == reference);
}

}  // TEST_SUITE

TEST_SUITE("assess: routing") {

TEST_CASE("a period of a kind no scheme of its country reads is unassessed, with why, never dropped") {
  // SE employed 1990-01..2004-12 for SE-SYN; SE residence 2005-01..2006-12 = 24 months, a kind
  // SE-SYN does not read (its [periods] kinds): reported unassessed, not silently left out.
  const Assessment a = run(R"({ "worker": { "id": "KIND", "birth_date": "1955-03-15", "nationalities": ["SE"],
                                             "residence": "SE", "as_of": "2025-07-01" },
    "periods": [ { "country": "SE", "from": "1990-01-01", "to": "2004-12-31", "kind": "employed" },
                 { "country": "SE", "from": "2005-01-01", "to": "2006-12-31", "kind": "residence" } ] })");
  CHECK(has_scheme(a, "SE-SYN"));
  CHECK(scheme(a, "SE-SYN").own_periods.count == A("180"));
  REQUIRE(a.unassessed.size() == 1);
  CHECK(a.unassessed[0].country.alpha2() == "SE");
  CHECK(a.unassessed[0].reason == UnassessedReason::no_scheme_encoded);
  CHECK(a.unassessed[0].periods.count == A("24"));
  CHECK(a.unassessed[0].why ==
        "no encoded scheme of Sweden reads residence periods (SE-SYN reads employed, self_employed, voluntary, credited)");
}

}  // TEST_SUITE("assess: routing")
