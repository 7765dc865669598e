// How do I assess many workers on several threads with one shared rulebook?
//
// Load the rulebook once: it is immutable, so any number of threads may read it through a
// std::shared_ptr<const Rulebook> without locks, and assess() is a pure function. Each thread
// assesses a slice of the workers and writes only its own slots of the result vector, so the
// results come out in input order whatever the scheduling.

#include "totalis/core/validation.hpp"       // totalis::validate
#include "totalis/engine/assess.hpp"         // totalis::assess
#include "totalis/io/report.hpp"             // io::format_amount
#include "totalis/io/rulebook_loader.hpp"    // io::load_rulebook

#include <cstddef>
#include <exception>
#include <iomanip>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace totalis;
using namespace totalis::literals;

// Twelve synthetic careers of twelve years each, living in Germany: i + 1 years in the US at
// 40,000 USD a year, then the rest in Germany at average earnings (1.0 earnings point a year).
History make_worker(int i) {
  History h;
  h.worker.id = "W-" + std::string(i < 9 ? "0" : "") + std::to_string(i + 1);
  h.worker.birth_date = parse_date("1960-06-01");
  h.worker.residence = "DE"_cc;
  h.worker.nationalities = {"DE"_cc};
  h.worker.as_of = parse_date("2025-07-01");
  const int us_years = i + 1;
  for (int y = 1985; y < 1985 + us_years; ++y) {   // one US period per calendar year of earnings
    Period us;
    us.country = "US"_cc;
    us.span = Span{Date(y, 1, 1), Date(y, 12, 31)};
    us.earnings = Amount::parse("40000.00");
    h.periods.push_back(us);
  }
  if (us_years < 12) {
    Period de;
    de.country = "DE"_cc;
    de.span = Span{Date(1985 + us_years, 1, 1), Date(1996, 12, 31)};
    de.credits = {Credit{"earnings_points", Amount{12 - us_years}}};
    h.periods.push_back(de);
  }
  return h;
}

}  // namespace

int main() {
  const std::shared_ptr<const rules::Rulebook> rulebook = io::load_rulebook("agreements");

  std::vector<History> workers;
  for (int i = 0; i < 12; ++i) workers.push_back(make_worker(i));

  // One slot per worker, filled by exactly one thread: no two threads touch the same element.
  std::vector<Assessment> results(workers.size());
  std::vector<std::string> errors(workers.size());

  const std::size_t thread_count = 4;
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < thread_count; ++t) {
    const std::size_t begin = workers.size() * t / thread_count;
    const std::size_t end = workers.size() * (t + 1) / thread_count;
    // The lambda holds its own copy of the shared_ptr: the rulebook lives as long as any thread.
    threads.emplace_back([rulebook, begin, end, &workers, &results, &errors] {
      for (std::size_t i = begin; i < end; ++i) {
        try {                    // an exception must not escape a thread (std::terminate)
          if (const auto problems = validate(workers[i]); !problems.empty()) errors[i] = problems[0].str();
          else results[i] = assess(*rulebook, workers[i]);
        } catch (const std::exception& e) {
          errors[i] = e.what();
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();   // after join, every slot is written

  // Print in input order: the output is the same on 1 thread or 64.
  std::cout << "worker  scheme    basis        accrued  portable     lost\n";
  for (std::size_t i = 0; i < workers.size(); ++i) {
    if (!errors[i].empty()) {
      std::cout << workers[i].worker.id << "  error: " << errors[i] << '\n';
      continue;
    }
    for (const SchemeResult& s : results[i].schemes)
      std::cout << std::left << std::setw(8) << results[i].worker_id << std::setw(10) << s.scheme.view()
                << std::setw(11) << to_string(s.basis) << std::right << std::setw(9)
                << io::format_amount(s.accrued) << std::setw(10) << io::format_amount(s.portable)
                << std::setw(9) << io::format_amount(s.lost) << '\n';
  }
  return 0;
}
