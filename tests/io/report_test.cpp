#include "totalis/io/report.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace totalis;
using namespace totalis::literals;
namespace fs = std::filesystem;

namespace {

/// A hand-made assessment in the shape of DESIGN §6's example (A-5's pro-rata figures).
Assessment example() {
  Assessment a;
  a.worker_id = "W-17";
  a.as_of = Date(2025, 7, 1);
  a.residence = "DE"_cc;
  a.rulebook = {"sha256:00ff", 17, 31};
  SchemeResult us;
  us.country = "US"_cc;
  us.scheme = SchemeId("US-OASDI");
  us.currency = Currency("USD");
  us.status = Status::in_payment;
  us.claim_date = Date(2025, 7, 1);
  us.own_periods = {TimeUnit::quarter, Amount{24}};
  us.totalized_periods = PeriodTotal{TimeUnit::quarter, Amount{40}};
  us.qualified_totalized = true;
  us.basis = Basis::pro_rata;
  us.agreement_applied = "US-DE";
  us.agreements_considered = {"US-DE"};
  us.theoretical = "1671.00"_amt;
  us.pro_rata = "286.40"_amt;
  us.accrued = "286"_amt;
  us.portable = "286"_amt;
  us.indexation = Indexation::uprated;
  us.counterfactual = "300"_amt;
  us.lost = "14"_amt;
  us.lost_reasons = {{LostReason::pro_rata_method, "14"_amt}};
  us.periods_counted = {{"DE"_cc, Span(Date(2000, 1, 1), Date(2004, 12, 31)), TimeUnit::quarter, Amount{16},
                         UsedFor::eligibility, "credited as needed, GN 01708.115"}};
  us.trace = {{"pro-rata PIA = 1671.00 × 24/140, to the dime", "286.40", "20 CFR 404.1918"}};
  a.schemes.push_back(us);
  Unassessed saudi{"SA"_cc, UnassessedReason::not_covered, {TimeUnit::month, Amount{36}}, std::nullopt, ""};
  a.unassessed.push_back(saudi);
  a.warnings = {"out of scope: survivors', disability and means-tested benefits"};
  return a;
}

int validate_against_schema(const std::string& json_text) {
  const fs::path file = fs::temp_directory_path() / "totalis-report-test.json";
  std::ofstream(file) << json_text;
  const std::string command = "/usr/bin/python3 " + std::string(TOTALIS_TEST_DATA) + "/schema/validate_json.py " +
                              std::string(TOTALIS_TEST_DATA) + "/../schema/assessment.schema.json " + file.string();
  const int rc = std::system(command.c_str());
  fs::remove(file);
  return rc;
}

}  // namespace

TEST_SUITE("report") {

TEST_CASE("amounts print with two decimals when whole cents, exactly otherwise") {
  CHECK(io::format_amount("286.4"_amt) == "286.40");
  CHECK(io::format_amount("286"_amt) == "286.00");
  CHECK(io::format_amount("236.49175"_amt) == "236.49175");
  CHECK(io::format_amount(Amount{1} / Amount{3}) == "0.333333333333333333");
}

TEST_CASE("the JSON report follows the schema of DESIGN §6") {
  const std::string json = io::to_json(example());
  CHECK(json.find("\"accrued\": \"286.00\"") != std::string::npos);
  CHECK(json.find("\"agreement_applied\": \"US-DE\"") != std::string::npos);
  CHECK(json.find("\"shortfall\": null") != std::string::npos);
  CHECK(json.find("\"independent\"") == std::string::npos);   // absent, not zero
  CHECK(validate_against_schema(json) == 0);
  SUBCASE("and the schema check can fail") {
    std::string broken = json;
    broken.replace(broken.find("\"pro_rata\","), 11, "\"prorata\",");   // basis not in the enum
    CHECK(validate_against_schema(broken) != 0);
  }
}

TEST_CASE("the text report has the table, the why and, with explain, the trace") {
  const std::string text = io::to_text(example(), {.explain = true});
  CHECK(text.find("Worker W-17, as of 2025-07-01, living in Germany (DE)") != std::string::npos);
  CHECK(text.find("US-OASDI: 24 quarters of own periods, 40 quarters totalized; qualifies through US-DE; basis "
                  "pro_rata, accrued 286.00, portable 286.00 (uprated); lost 14.00: pro_rata_method 14.00") !=
        std::string::npos);
  CHECK(text.find("SA (Saudi Arabia): 36 months, not_covered") != std::string::npos);
  CHECK(text.find("pro-rata PIA = 1671.00 × 24/140, to the dime = 286.40   [20 CFR 404.1918]") != std::string::npos);
  CHECK(io::to_text(example()).find("Trace") == std::string::npos);
}

TEST_CASE("CSV rows flatten the result with one column per lost reason and annual amounts") {
  const std::string header = io::csv_header();
  const std::string row = io::to_csv_rows(example());
  CHECK(header.find(",lost_pro_rata_method,lost_not_qualified,") != std::string::npos);
  CHECK(row.starts_with("W-17,2025-07-01,DE,sha256:00ff,US,US-OASDI,USD,month,in_payment,2025-07-01,quarter,24,"
                        "quarter,40,false,true,pro_rata,US-DE,US-DE,,1671.00,286.40,286.00,286.00,uprated,300.00,"
                        "14.00,14.00,0.00,"));
  // annual: 286 × 12 = 3432; 300 × 12 = 3600; 14 × 12 = 168
  CHECK(row.ends_with(",3432.00,3432.00,3600.00,168.00\n"));
  const auto columns = [](const std::string& line) { return std::count(line.begin(), line.end(), ',') + 1; };
  CHECK(columns(header) == columns(row));
}

}  // TEST_SUITE
