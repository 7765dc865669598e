// The documented maxima of docs/limits.md, each at its edge: the largest accepted input passes,
// one more is refused with the exact error the document quotes, and nothing is exhausted first.

#include "totalis/core/amount.hpp"
#include "totalis/core/date.hpp"
#include "totalis/core/history.hpp"
#include "totalis/core/validation.hpp"
#include "totalis/io/csv_reader.hpp"
#include "totalis/io/history_csv.hpp"
#include "totalis/io/history_json.hpp"
#include "totalis/rules/expression.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using namespace totalis;
namespace fs = std::filesystem;

namespace {

std::string worker_json(const std::string& periods) {
  return R"({ "worker": { "id": "W-1", "birth_date": "1960-05-01", "residence": "DE", "as_of": "2025-07-01" },
  "periods": [)" + periods + "] }";
}

/// `count` one-day DE periods, each its own day from 1990-01-01 on (no overlaps).
std::string many_periods(std::size_t count) {
  std::string out;
  Date day(1990, 1, 1);
  for (std::size_t i = 0; i < count; ++i, day += boost::gregorian::days(1)) {
    if (i) out += ",\n";
    const std::string d = format_date(day);
    out += R"({ "country": "DE", "from": ")" + d + R"(", "to": ")" + d + R"(", "kind": "employed" })";
  }
  return out;
}

std::string first_problem(const io::HistoryFile& f) { return f.problems.empty() ? std::string() : f.problems[0].str(); }

std::string compile_error(const std::string& text) {
  rules::Symbols symbols;
  symbols.add("x", 0);
  try {
    (void)rules::Expression::compile(text, symbols);
  } catch (const rules::ExpressionError& e) {
    return e.message();
  }
  return "compiled";
}

}  // namespace

TEST_SUITE("limits") {

TEST_CASE("amounts: at most 24 digits before the decimal point and 18 after") {
  const std::string digits24(24, '9'), digits18(18, '9');
  CHECK(Amount::parse(digits24 + "." + digits18).str() == digits24 + "." + digits18);
  CHECK(Amount::parse("-" + digits24).str() == "-" + digits24);
  CHECK_THROWS_WITH_AS(Amount::parse(digits24 + "9"),
                       "amount with 25+0 digits is too long: at most 24 before and 18 after the decimal point",
                       AmountError);
  CHECK_THROWS_WITH_AS(Amount::parse("1." + digits18 + "9"),
                       "amount with 1+19 digits is too long: at most 24 before and 18 after the decimal point",
                       AmountError);
  // In a history, located at the field.
  const io::HistoryFile f = io::parse_history_json(
      worker_json(R"({ "country": "DE", "from": "1990-01-01", "to": "1990-12-31", "kind": "employed", "earnings": ")" +
                  digits24 + "9" + R"(" })"),
      "w.json");
  CHECK(first_problem(f) ==
        "w.json:2:108: W-1 period 1: 'earnings' amount with 25+0 digits is too long: at most 24 before and 18 after "
        "the decimal point");
}

TEST_CASE("dates: years 1800 to 2200") {
  CHECK(parse_date("1800-01-01") == Date(1800, 1, 1));
  CHECK(parse_date("2200-12-31") == Date(2200, 12, 31));
  CHECK_THROWS_WITH_AS(parse_date("1799-12-31"), "'1799-12-31' is not a date between 1800-01-01 and 2200-12-31",
                       DateError);
  CHECK_THROWS_WITH_AS(parse_date("2201-01-01"), "'2201-01-01' is not a date between 1800-01-01 and 2200-12-31",
                       DateError);
}

TEST_CASE("periods per worker: at most 10,000") {
  CHECK(ValidationOptions{}.max_periods == 10'000);
  const std::string at_limit = many_periods(10'000);
  const io::HistoryFile ok = io::parse_history_json(worker_json(at_limit), "w.json");
  CHECK_MESSAGE(ok.valid(), first_problem(ok));
  const io::HistoryFile over = io::parse_history_json(worker_json(at_limit + ",\n" + many_periods(1)), "w.json");
  CHECK_FALSE(over.valid());
  REQUIRE(over.problems.size() == 1);
  CHECK(over.problems[0].str() == "w.json:2:14: W-1 has 10001 periods; at most 10000 are accepted");

  // validate() on a history built in code.
  History h = *ok.history;
  h.periods.push_back(h.periods.back());
  const std::vector<Problem> problems = validate(h);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].str() == "W-1: has 10001 periods; at most 10000 are accepted");

  // The batch reader, with the limit lowered to 2 (the same check at any limit).
  std::istringstream w("worker_id,birth_date,residence,as_of\nW-1,1960-05-01,DE,2025-07-01\n");
  std::istringstream p("worker_id,country,from,to,kind\n"
                       "W-1,DE,1990-01-01,1990-01-01,employed\nW-1,DE,1990-01-02,1990-01-02,employed\n"
                       "W-1,DE,1990-01-03,1990-01-03,employed\n");
  io::CsvHistoryOptions options;
  options.validation.max_periods = 2;
  io::HistoryCsvReader reader(w, "workers.csv", p, "periods.csv", options);
  io::CsvWorker entry;
  REQUIRE(reader.next(entry));
  CHECK_FALSE(entry.valid());
  REQUIRE(entry.problems.size() == 1);
  CHECK(entry.problems[0].str() == "workers.csv:2: W-1: has 3 periods; at most 2 are accepted");
}

TEST_CASE("JSON histories: at most 16 MiB and 32 levels of nesting") {
  std::string deep;
  for (int i = 0; i < 33; ++i) deep += "[";
  const io::HistoryFile too_deep = io::parse_history_json(deep, "w.json");
  CHECK(first_problem(too_deep) == "w.json:1:33: nesting deeper than 32 levels");
  std::string nested = "1";
  for (int i = 0; i < 31; ++i) nested = "[" + nested + "]";   // 31 arrays in the root object: 32 levels
  const io::HistoryFile deep_ok = io::parse_history_json(R"({ "x": )" + nested + " }", "w.json");
  CHECK(first_problem(deep_ok) == "w.json:1:1: 'worker' is missing");   // read, not refused for depth
  CHECK(first_problem(io::parse_history_json(R"({ "x": [)" + nested + "] }", "w.json")) ==
        "w.json:1:39: nesting deeper than 32 levels");

  const std::string big = worker_json("") + std::string((std::size_t{16} << 20) + 1 - worker_json("").size(), ' ');
  REQUIRE(big.size() == (std::size_t{16} << 20) + 1);
  CHECK(first_problem(io::parse_history_json(big, "w.json")) ==
        "w.json:1:1: file is 16777217 bytes; at most 16777216 are accepted for one worker");
  const io::HistoryFile at_limit = io::parse_history_json(big.substr(0, big.size() - 1), "w.json");
  CHECK_MESSAGE(at_limit.valid(), first_problem(at_limit));   // 16 MiB exactly: read (white space after the value)

  // A file is refused by its size before it is read.
  const fs::path file = fs::temp_directory_path() / ("totalis-limits-test-" + std::to_string(::getpid()) + ".json");
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << "{";
  }
  fs::resize_file(file, (std::uintmax_t{16} << 20) + 1);   // sparse: nothing written
  const io::HistoryFile read = io::read_history_json(file);
  fs::remove(file);
  CHECK(first_problem(read) ==
        file.string() + ":1:1: file is 16777217 bytes; at most 16777216 are accepted for one worker");
}

TEST_CASE("expressions: at most 4096 bytes and 64 levels of nesting") {
  CHECK(rules::max_expression_length == 4096);
  CHECK(rules::max_expression_depth == 64);
  std::string sum = "x";
  while (sum.size() + 4 <= 4096) sum += " + x";
  sum += std::string(4096 - sum.size(), ' ');
  CHECK(compile_error(sum) == "compiled");
  CHECK(compile_error(sum + " ") == "expression is too long: 4097 bytes, at most 4096");

  const auto nested = [](int depth) { return std::string(static_cast<std::size_t>(depth), '(') + "x" +
                                             std::string(static_cast<std::size_t>(depth), ')'); };
  CHECK(compile_error(nested(40)) == "compiled");
  CHECK(compile_error(nested(200)) == "expression nests more than 64 levels deep");
  std::string minus(300, '-');
  CHECK(compile_error(minus + "x") == "expression nests more than 64 levels deep");
}

TEST_CASE("CSV records: at most 1 MiB, and reading stops there") {
  CHECK(io::CsvReader::default_max_record_bytes == std::size_t{1} << 20);
  const std::string at_limit((std::size_t{1} << 20) - 2, 'a');
  std::istringstream ok(at_limit + ",b\nc,d\n");
  io::CsvReader a(ok);
  REQUIRE(a.next());
  CHECK(a.problem().empty());
  CHECK(a.size() == 2);
  REQUIRE(a.next());
  CHECK(a[0] == "c");

  std::istringstream over("\"" + std::string(std::size_t{1} << 20, 'a') + "x\",b\nc,d\n");
  io::CsvReader b(over);
  REQUIRE(b.next());
  CHECK(b.problem() ==
        "record is longer than 1048576 bytes (an unterminated quote?); the rest of the file is not read");
  CHECK_FALSE(b.next());
}

}  // TEST_SUITE
