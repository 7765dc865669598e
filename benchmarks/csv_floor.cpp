// The parse floor of `totalis batch` (issue #8 (a)): read workers.csv and periods.csv as the batch
// does (io::CsvReader, the same streaming RFC 4180 reader), split every record into fields and
// parse every date and amount in it, one thread, nothing else: no validation, no assessment, no
// output. What the batch does beyond this is the cost of assessing.
//
//   csv_floor workers.csv periods.csv
//   workers 1000000 periods 17993642 seconds 1.52 workers/s 657894 periods/s 11837922 peak_rss_mib 5 cores 2
//
// Either file may be a pipe (`<(generate_population ... --workers-out -)`): it is read once, in order.

#include "totalis/core/amount.hpp"
#include "totalis/core/date.hpp"
#include "totalis/io/csv_reader.hpp"

#include <sys/resource.h>   // getrusage: peak resident memory

#include <chrono>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <string_view>
#include <thread>

namespace {

/// Parses a date or an amount field (empty ones are absent values) and counts what it read, so
/// the compiler cannot drop the work.
struct FloorCounter {
  std::uint64_t dates = 0, amounts = 0, nonzero = 0, bad = 0;

  void date(std::string_view field) {
    if (field.empty()) return;
    try {
      dates += totalis::parse_date(field).year() > 0;
    } catch (const std::exception&) {
      ++bad;
    }
  }
  void amount(std::string_view field) {
    if (field.empty()) return;
    if (!totalis::Amount::why_not(field).empty()) {
      ++bad;
      return;
    }
    ++amounts;
    nonzero += !totalis::Amount::parse(field).is_zero();   // read, so the parse is not dropped
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: csv_floor workers.csv periods.csv\n";
    return 2;
  }
  std::ifstream workers_in(argv[1], std::ios::binary), periods_in(argv[2], std::ios::binary);
  if (!workers_in || !periods_in) {
    std::cerr << "csv_floor: cannot read " << (workers_in ? argv[2] : argv[1]) << '\n';
    return 3;
  }
  const auto start = std::chrono::steady_clock::now();
  FloorCounter count;
  std::uint64_t workers = 0, periods = 0;

  // workers.csv: worker_id,birth_date,nationalities,residence,residence_since,as_of,claim_date
  totalis::io::CsvReader w(workers_in);
  for (bool header = true; w.next(); header = false) {
    if (header) continue;
    ++workers;
    for (std::size_t f : {1, 4, 5, 6}) count.date(w[f]);
  }
  // periods.csv: worker_id,country,scheme,from,to,kind,earnings,currency,contributions,
  //              employee_contributions,credits,worked_in,refunded_on
  totalis::io::CsvReader p(periods_in);
  for (bool header = true; p.next(); header = false) {
    if (header) continue;
    ++periods;
    for (std::size_t f : {3, 4, 12}) count.date(p[f]);
    for (std::size_t f : {6, 8, 9}) count.amount(p[f]);
    const std::string_view credits = p[10];   // name=amount;name=amount
    for (std::size_t at = 0; at < credits.size();) {
      const std::size_t end = std::min(credits.find(';', at), credits.size());
      const std::string_view pair = credits.substr(at, end - at);
      if (const std::size_t eq = pair.find('='); eq != std::string_view::npos) count.amount(pair.substr(eq + 1));
      at = end + 1;
    }
  }
  const auto elapsed = std::chrono::steady_clock::now() - start;
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count();

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  // Durations and rates are printed as integers: whole workers per second, milliseconds.
  const auto per_second = [&](std::uint64_t n) { return micros > 0 ? n * 1'000'000 / static_cast<std::uint64_t>(micros) : 0; };
  std::cout << "workers " << workers << " periods " << periods << " ms " << micros / 1000 << " workers/s "
            << per_second(workers) << " periods/s " << per_second(periods) << " peak_rss_mib " << usage.ru_maxrss / 1024
            << " cores " << std::thread::hardware_concurrency() << " dates " << count.dates << " amounts " << count.amounts
            << " nonzero " << count.nonzero << " unparsable " << count.bad << '\n';
  return 0;
}
