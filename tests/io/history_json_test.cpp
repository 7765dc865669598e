#include "totalis/io/history_json.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace totalis;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string joined(const io::HistoryFile& file) {
  std::string out;
  for (const io::InputProblem& p : file.problems) out += p.str() + "\n";
  return out;
}

const fs::path bad_input = fs::path(TOTALIS_TEST_DATA) / "bad-input";

}  // namespace

TEST_SUITE("history json") {

TEST_CASE("the example worker reads into every field of DESIGN §5") {
  const io::HistoryFile file = io::read_history_json(fs::path(TOTALIS_TEST_DATA) / "../examples/worker.json");
  REQUIRE_MESSAGE(file.valid(), joined(file));
  const History& h = *file.history;
  CHECK(h.worker.id == "W-17");
  CHECK(h.worker.birth_date == Date(1958, 6, 15));
  REQUIRE(h.worker.nationalities.size() == 1);
  CHECK(h.worker.nationalities[0].alpha2() == "US");
  CHECK(h.worker.residence.alpha2() == "DE");
  CHECK(h.worker.residence_since == Date(2019, 3, 1));
  CHECK(h.worker.as_of == Date(2025, 7, 1));
  CHECK(h.worker.claim_date == Date(2025, 7, 1));
  REQUIRE(h.worker.claim_dates.size() == 1);
  CHECK(h.worker.claim_dates[0].applies_to == "DE-GRV");
  CHECK(h.worker.claim_dates[0].date == Date(2024, 7, 1));
  REQUIRE(h.periods.size() == 3);
  CHECK(h.periods[0].earnings == Amount::parse("35000.00"));
  CHECK(h.periods[0].kind == PeriodKind::employed);
  CHECK(h.periods[1].span.from() == Date(1996, 1, 1));
  CHECK(h.periods[1].span.to() == Date(2024, 12, 31));
  REQUIRE(h.periods[1].credit("earnings_points"));
  CHECK(*h.periods[1].credit("earnings_points") == Amount::parse("28.5112"));
  CHECK(h.periods[1].employee_contributions == Amount::parse("30600"));
  REQUIRE(h.periods[2].scheme);
  CHECK(h.periods[2].scheme->str() == "JP-NP");
  CHECK(h.periods[2].refunded_on == Date(2004, 2, 10));
  CHECK_FALSE(h.periods[2].contributions);
}

TEST_CASE("every file of the bad-input corpus gets exactly its expected problems") {
  std::size_t cases = 0;
  for (const fs::directory_entry& entry : fs::directory_iterator(bad_input)) {
    if (entry.path().extension() != ".json") continue;
    ++cases;
    const fs::path expected_path = fs::path(entry.path()).replace_extension(".expected");
    CAPTURE(entry.path().filename().string());
    REQUIRE_MESSAGE(fs::exists(expected_path), "no .expected file beside the case");
    const std::string expected = slurp(expected_path);
    const io::HistoryFile file = io::parse_history_json(slurp(entry.path()), entry.path().filename().string());
    CHECK_FALSE(file.valid());
    CHECK_FALSE(expected.empty());
    CHECK(joined(file) == expected);
  }
  CHECK(cases >= 25);
}

TEST_CASE("a 50 MB file is refused by size before it is parsed") {
  const fs::path big = fs::temp_directory_path() / "totalis-50mb-worker.json";
  {
    std::ofstream out(big, std::ios::binary);
    out << "{ \"worker\": { \"id\": \"W-big\" }, \"periods\": [";
    const std::string pad(1024, ' ');
    for (int i = 0; i < 50 * 1024; ++i) out << pad;
    out << "] }";
  }
  const io::HistoryFile file = io::read_history_json(big);
  fs::remove(big);
  REQUIRE(file.problems.size() == 1);
  CHECK(file.problems[0].message.starts_with("file is 52428"));
  CHECK(file.problems[0].message.ends_with("bytes; at most 16777216 are accepted for one worker"));
}

TEST_CASE("the period limit is enforced with a clear error, and the limit itself is accepted") {
  const auto history_with = [](std::size_t periods) {
    std::string text = R"({ "worker": { "id": "W-many", "birth_date": "1900-01-01", "residence": "DE",
                            "as_of": "2025-07-01" }, "periods": [)";
    for (std::size_t i = 0; i < periods; ++i) {
      // One day each, consecutive: 10,001 days from 1 Jan 1950 fit before the as-of date.
      const Date day = Date(1950, 1, 1) + boost::gregorian::days(static_cast<long>(i));
      text += std::string(i ? "," : "") + R"({"country":"DE","kind":"employed","from":")" + format_date(day) +
              R"(","to":")" + format_date(day) + R"("})";
    }
    return text + "] }";
  };
  CHECK(io::parse_history_json(history_with(10'000), "many.json").valid());
  const io::HistoryFile over = io::parse_history_json(history_with(10'001), "many.json");
  REQUIRE(over.problems.size() == 1);
  CHECK(over.problems[0].str() == "many.json:2:65: W-many has 10001 periods; at most 10000 are accepted");
}

TEST_CASE("a file that cannot be read is named") {
  const io::HistoryFile file = io::read_history_json("/nonexistent/worker.json");
  REQUIRE(file.problems.size() == 1);
  CHECK(file.problems[0].str() == "/nonexistent/worker.json: cannot be opened for reading");
}

TEST_CASE("residence and employment in the same months, and jobs one after another, are valid") {
  const std::string text = R"({
    "worker": { "id": "W-ok", "birth_date": "1960-01-01", "residence": "CA", "as_of": "2025-07-01" },
    "periods": [
      { "country": "CA", "from": "1990-01-01", "to": "1999-12-31", "kind": "residence" },
      { "country": "CA", "from": "1990-01-01", "to": "1994-12-31", "kind": "employed", "earnings": "1.00" },
      { "country": "CA", "from": "1995-01-01", "to": "1999-12-31", "kind": "employed", "earnings": "2.00" },
      { "country": "CA", "from": "1995-01-01", "to": "1995-12-31", "kind": "self_employed" }
    ] })";
  const io::HistoryFile file = io::parse_history_json(text, "ok.json");
  CHECK_MESSAGE(file.valid(), joined(file));
}

TEST_CASE("a scheme unknown to the rulebook is an error when the rulebook's schemes are given") {
  const std::string text = R"({
    "worker": { "id": "W-s", "birth_date": "1960-01-01", "residence": "JP", "as_of": "2025-07-01" },
    "periods": [ { "country": "JP", "from": "1990-01-01", "to": "1990-12-31", "kind": "employed", "scheme": "JP-XYZ" } ] })";
  ValidationOptions options;
  options.known_schemes = std::set<SchemeId>{SchemeId("JP-NP"), SchemeId("JP-EPI")};
  CHECK(io::parse_history_json(text, "s.json").valid());
  CHECK(joined(io::parse_history_json(text, "s.json", options)) == "s.json:3:109: W-s period 1: unknown scheme 'JP-XYZ'\n");
}

}  // TEST_SUITE
