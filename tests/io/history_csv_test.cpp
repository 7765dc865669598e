#include "totalis/io/history_csv.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

using namespace totalis;

namespace {

const std::string worker_header = "worker_id,birth_date,nationalities,residence,residence_since,as_of,claim_date\n";
const std::string period_header =
    "worker_id,country,scheme,from,to,kind,earnings,currency,contributions,employee_contributions,credits,"
    "worked_in,refunded_on\n";

/// A valid worker row and a valid period row, for building files.
std::string worker(const std::string& id) { return id + ",1960-05-01,DE;US,DE,,2025-07-01,\n"; }
std::string period(const std::string& id, const std::string& year) {
  return id + ",DE,,"+ year + "-01-01," + year + "-12-31,employed,40000.00,,,,,,\n";
}

/// Every entry of the merge: "file:line id ok (N periods)" or "file:line id rejected" then its
/// problems, one per line.
std::string merged(const std::string& workers, const std::string& periods, io::CsvHistoryOptions options = {}) {
  std::istringstream w(workers), p(periods);
  io::HistoryCsvReader reader(w, "workers.csv", p, "periods.csv", options);
  io::CsvWorker entry;
  std::string out;
  while (reader.next(entry)) {
    out += entry.file + ":" + std::to_string(entry.line) + " " + entry.worker_id;
    if (entry.valid())
      out += " ok (" + std::to_string(entry.history->periods.size()) + " periods)\n";
    else
      out += " rejected\n";
    for (const io::InputProblem& problem : entry.problems) out += "  " + problem.str() + "\n";
  }
  return out;
}

std::string header_error(const std::string& workers, const std::string& periods) {
  try {
    (void)merged(workers, periods);
  } catch (const io::CsvHeaderError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_SUITE("history csv") {

TEST_CASE("every field of DESIGN §5 is read, columns in any order") {
  const std::string workers =
      "as_of,worker_id,birth_date,nationalities,residence,residence_since,claim_date\n"
      "2025-07-01,W-17,1958-06-15,US;DE,DE,2019-03-01,2025-07-01\n";
  const std::string periods =
      period_header +
      "W-17,JP,JP-EPI,2001-04-01,2003-03-31,employed,9600000,JPY,1000.50,500.25,"
      "\"salary_credits=3;earnings_points=1.25\",DE,2004-02-10\n";
  std::istringstream w(workers), p(periods);
  io::HistoryCsvReader reader(w, "workers.csv", p, "periods.csv");
  io::CsvWorker entry;
  REQUIRE(reader.next(entry));
  const std::string first_problem = entry.problems.empty() ? std::string() : entry.problems[0].str();
  REQUIRE_MESSAGE(entry.valid(), first_problem);
  const History& h = *entry.history;
  CHECK(h.worker.id == "W-17");
  CHECK(h.worker.birth_date == Date(1958, 6, 15));
  REQUIRE(h.worker.nationalities.size() == 2);
  CHECK(h.worker.nationalities[0].alpha2() == "US");
  CHECK(h.worker.nationalities[1].alpha2() == "DE");
  CHECK(h.worker.residence.alpha2() == "DE");
  CHECK(h.worker.residence_since == Date(2019, 3, 1));
  CHECK(h.worker.as_of == Date(2025, 7, 1));
  CHECK(h.worker.claim_date == Date(2025, 7, 1));
  REQUIRE(h.periods.size() == 1);
  const Period& period = h.periods[0];
  CHECK(period.country.alpha2() == "JP");
  REQUIRE(period.scheme);
  CHECK(period.scheme->str() == "JP-EPI");
  CHECK(period.span == Span(Date(2001, 4, 1), Date(2003, 3, 31)));
  CHECK(period.kind == PeriodKind::employed);
  CHECK(period.earnings == Amount::parse("9600000"));
  REQUIRE(period.currency);
  CHECK(period.currency->code() == "JPY");
  CHECK(period.contributions == Amount::parse("1000.5"));
  CHECK(period.employee_contributions == Amount::parse("500.25"));
  REQUIRE(period.credits.size() == 2);
  CHECK(period.credits[0].name == "earnings_points");   // sorted by name, as the JSON reader does
  CHECK(period.credits[0].value == Amount::parse("1.25"));
  CHECK(period.credits[1].name == "salary_credits");
  CHECK(period.worked_in == Country("DE"));
  CHECK(period.refunded_on == Date(2004, 2, 10));
  CHECK_FALSE(reader.next(entry));
}

TEST_CASE("optional columns may be left out; empty fields are absent") {
  CHECK(merged("worker_id,birth_date,residence,as_of\nW-1,1960-05-01,DE,2025-07-01\n",
               "worker_id,country,from,to,kind\nW-1,DE,1990-01-01,1990-12-31,employed\n") ==
        "workers.csv:2 W-1 ok (1 periods)\n");
}

TEST_CASE("a UTF-8 byte-order mark, CRLF line ends and quoted commas are accepted") {
  const std::string workers = "\xEF\xBB\xBF" "worker_id,birth_date,residence,as_of\r\n\"W,1\",1960-05-01,DE,2025-07-01\r\n";
  const std::string periods =
      "\xEF\xBB\xBF" "worker_id,country,from,to,kind\r\n\"W,1\",DE,1990-01-01,1990-12-31,employed\r\n";
  CHECK(merged(workers, periods) == "workers.csv:2 W,1 ok (1 periods)\n");
}

TEST_CASE("workers and their periods merge in input order") {
  CHECK(merged(worker_header + worker("W-1") + worker("W-2"),
               period_header + period("W-1", "1990") + period("W-1", "1991") + period("W-2", "1992")) ==
        "workers.csv:2 W-1 ok (2 periods)\n"
        "workers.csv:3 W-2 ok (1 periods)\n");
}

TEST_CASE("a bad date names the file, line, worker, period and field") {
  CHECK(merged(worker_header + worker("W-17"),
               period_header + period("W-17", "1990") + period("W-17", "1991") +
                   "W-17,DE,,2019-01-01,2019-02-30,employed,,,,,,,\n") ==
        "workers.csv:2 W-17 rejected\n"
        "  periods.csv:4: W-17 period 3: 'to' 2019-02-30 is not a date\n");
}

TEST_CASE("every problem of a worker is reported, workers.csv first, then periods.csv by line") {
  CHECK(merged(worker_header + "W-1,1960-13-01,XX,DE,,2025-07-01,\n",
               period_header + "W-1,ZZ,,1990-01-01,1990-12-31,employed,-5,EURO,,,points,,\n" +
                   "W-1,DE,,1991-01-01,1990-12-31,work,,,,,,,\n") ==
        "workers.csv:2 W-1 rejected\n"
        "  workers.csv:2: W-1: 'birth_date' 1960-13-01 is not a date\n"
        "  workers.csv:2: W-1: 'nationalities' XX is not a country (ISO 3166-1 alpha-2, e.g. DE)\n"
        "  periods.csv:2: W-1 period 1: 'country' ZZ is not a country (ISO 3166-1 alpha-2, e.g. DE)\n"
        "  periods.csv:2: W-1 period 1: 'currency' EURO is not a currency code (three capital letters, e.g. EUR)\n"
        "  periods.csv:2: W-1 period 1: 'credits' entry 'points' is not name=amount (e.g. earnings_points=1.25)\n"
        "  periods.csv:3: W-1 period 2: 'to' 1990-12-31 is before 'from' 1991-01-01\n"
        "  periods.csv:3: W-1 period 2: 'kind' work is not a period kind (employed, self_employed, voluntary, "
        "credited, residence)\n");
}

TEST_CASE("validate() judges the history: its messages are located in the right file") {
  CHECK(merged(worker_header + "W-1,1960-05-01,,DE,2026-01-01,2025-07-01,\n",
               period_header + period("W-1", "1990") + "W-1,DE,,1990-06-01,1990-08-31,employed,,,,,,,\n") ==
        "workers.csv:2 W-1 rejected\n"
        "  workers.csv:2: W-1: 'residence_since' 2026-01-01 is after 'as_of' 2025-07-01\n"
        "  periods.csv:3: W-1 period 2: overlaps period 1 (DE employed 1990-01-01 to 1990-12-31): one period per "
        "scheme and kind at a time; concurrent jobs are one period with their earnings summed\n");
}

TEST_CASE("a required field left empty is missing") {
  CHECK(merged(worker_header + "W-1,1960-05-01,,,,2025-07-01,\n", period_header + period("W-1", "1990")) ==
        "workers.csv:2 W-1 rejected\n"
        "  workers.csv:2: W-1: 'residence' is missing\n");
}

TEST_CASE("a negative or malformed amount is named with the JSON reader's wording") {
  const std::string out = merged(worker_header + worker("W-1"),
                                 period_header + "W-1,DE,,1990-01-01,1990-12-31,employed,1e5,,,,x=1.2.3,,\n" +
                                     "W-1,DE,,1991-01-01,1991-12-31,employed,,,-3,,,,\n");
  CHECK(out.find("periods.csv:2: W-1 period 1: 'earnings' ") != std::string::npos);
  CHECK(out.find("periods.csv:2: W-1 period 1: credit 'x' ") != std::string::npos);
  CHECK(out.find("periods.csv:3: W-1 period 2: 'contributions' -3 is negative") != std::string::npos);
}

TEST_CASE("an unterminated quote rejects the worker it starts in; the rest of the file has no periods") {
  CHECK(merged(worker_header + worker("W-1") + worker("W-2"),
               period_header + "W-1,DE,,1990-01-01,1990-12-31,\"employed,,,,,,,\n" + period("W-2", "1991")) ==
        "workers.csv:2 W-1 rejected\n"
        "  periods.csv:2: W-1 period 1: unterminated quote: the field opened on line 2 is never closed\n"
        "workers.csv:3 W-2 rejected\n"
        "  workers.csv:3: W-2: has no periods in periods.csv\n");
}

TEST_CASE("a row with the wrong number of fields rejects its worker") {
  CHECK(merged(worker_header + "W-1,1960-05-01,DE,2025-07-01\n" + worker("W-2"),
               period_header + period("W-1", "1990") + "W-2,DE,,1991-01-01,1991-12-31,employed\n") ==
        "workers.csv:2 W-1 rejected\n"
        "  workers.csv:2: W-1: has 4 fields; the header has 7\n"
        "workers.csv:3 W-2 rejected\n"
        "  periods.csv:3: W-2 period 1: has 6 fields; the header has 13\n");
}

TEST_CASE("periods for a worker workers.csv does not have are a reject of their own") {
  CHECK(merged(worker_header + worker("W-1") + worker("W-2"),
               period_header + period("W-1", "1990") + period("W-9", "1990") + period("W-9", "1991") +
                   period("W-2", "1990")) ==
        "workers.csv:2 W-1 ok (1 periods)\n"
        "periods.csv:3 W-9 rejected\n"
        "  periods.csv:3: W-9: periods for a worker workers.csv does not list here (periods.csv must follow the "
        "order of workers.csv) (2 rows from this line)\n"
        "workers.csv:3 W-2 ok (1 periods)\n");
}

TEST_CASE("periods after the end of workers.csv are for an unknown worker") {
  CHECK(merged(worker_header + worker("W-1"), period_header + period("W-1", "1990") + period("W-5", "1990")) ==
        "workers.csv:2 W-1 ok (1 periods)\n"
        "periods.csv:3 W-5 rejected\n"
        "  periods.csv:3: W-5: periods for a worker workers.csv does not list here (periods.csv must follow the "
        "order of workers.csv)\n");
}

TEST_CASE("periods out of workers.csv order: the skipped worker has none, its late periods are a reject") {
  CHECK(merged(worker_header + worker("W-1") + worker("W-2") + worker("W-3"),
               period_header + period("W-1", "1990") + period("W-3", "1990") + period("W-2", "1990")) ==
        "workers.csv:2 W-1 ok (1 periods)\n"
        "workers.csv:3 W-2 rejected\n"
        "  workers.csv:3: W-2: has no periods in periods.csv\n"
        "workers.csv:4 W-3 ok (1 periods)\n"
        "periods.csv:4 W-2 rejected\n"
        "  periods.csv:4: W-2: periods out of order: workers.csv lists this worker earlier, on line 3 (periods.csv "
        "must follow the order of workers.csv)\n");
}

TEST_CASE("a worker without periods is rejected, at the end too") {
  CHECK(merged(worker_header + worker("W-1") + worker("W-2"), period_header + period("W-1", "1990")) ==
        "workers.csv:2 W-1 ok (1 periods)\n"
        "workers.csv:3 W-2 rejected\n"
        "  workers.csv:3: W-2: has no periods in periods.csv\n");
}

TEST_CASE("a worker listed twice is rejected the second time") {
  CHECK(merged(worker_header + worker("W-1") + worker("W-1"), period_header + period("W-1", "1990")) ==
        "workers.csv:2 W-1 ok (1 periods)\n"
        "workers.csv:3 W-1 rejected\n"
        "  workers.csv:3: W-1: 'worker_id' W-1 is listed twice in workers.csv (also on line 2)\n"
        "  workers.csv:3: W-1: has no periods in periods.csv\n");
}

TEST_CASE("too many periods for one worker: counted, not kept") {
  io::CsvHistoryOptions options;
  options.validation.max_periods = 2;
  CHECK(merged(worker_header + worker("W-1"),
               period_header + period("W-1", "1990") + period("W-1", "1991") + period("W-1", "1992"), options) ==
        "workers.csv:2 W-1 rejected\n"
        "  workers.csv:2: W-1: has 3 periods; at most 2 are accepted\n");
}

TEST_CASE("header problems stop the reading, every one reported") {
  CHECK(header_error("worker_id,birthdate,residence,as_of,colour\n", period_header) ==
        "workers.csv:1: unknown column 'birthdate' (did you mean 'birth_date'?); the columns are "
        "worker_id,birth_date,nationalities,residence,residence_since,as_of,claim_date\n"
        "workers.csv:1: unknown column 'colour'; the columns are "
        "worker_id,birth_date,nationalities,residence,residence_since,as_of,claim_date\n"
        "workers.csv:1: missing column 'birth_date'");
  CHECK(header_error(worker_header, "worker_id,country,from,kind,kind\n") ==
        "periods.csv:1: column 'kind' appears twice in the header\n"
        "periods.csv:1: missing column 'to'");
  CHECK(header_error("", period_header) ==
        "workers.csv: is empty; a header row is required: "
        "worker_id,birth_date,nationalities,residence,residence_since,as_of,claim_date");
  CHECK(header_error(worker_header, "worker_id,\"country\n") ==
        "periods.csv:1: header row: unterminated quote: the field opened on line 1 is never closed");
}

}
