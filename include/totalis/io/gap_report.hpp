#pragma once
// The gap report of a batch run (`totalis batch --summary`): what a population's cross-border
// careers keep and lose, by corridor (the country of the periods → the country of residence), by
// scheme and by lost reason, annualised, each scheme in its own currency; and the periods nobody
// assessed, by reason. Sums are exact (Amount); partial reports from several threads merge into
// the same totals whatever the order.
//
//   io::GapReport report;
//   report.add(history, assess(rules, history));
//   std::cout << report.csv();
//   // section,from,to,scheme,reason,currency,unit,workers,...
//   // scheme,US,DE,US-OASDI,,USD,quarter,1,1,24,,0,3432.00,3432.00,0.00,0.00,...
//
// Columns of csv(), one row per key, rows sorted by key:
//   section                  `scheme` (one scheme's results in one corridor) or `unassessed`
//   from, to                 the corridor: the periods' country (the scheme's country, or the
//                            unassessed country) → the worker's country of residence
//   scheme                   the scheme id (empty on unassessed rows)
//   reason                   unassessed rows: no_scheme_encoded or not_covered (empty otherwise)
//   currency                 the scheme's currency; unassessed rows: the contributions' currency
//   unit                     the unit of `periods` (the scheme's own unit)
//   workers                  workers with a result for this key
//   period_rows              input periods of the scheme's country routed to it (a period with
//                            no `scheme` counts for every scheme of its country); unassessed
//                            rows: the input periods of that country
//   periods                  own periods as the scheme counted them, summed, in `unit`
//   contributions_paid       `contributions` of those period rows, in `currency`
//   contributions_other_currency_rows  rows whose contributions are in another currency (not summed)
//   annual_counterfactual, annual_portable, annual_lost: the per-benefit-period figures × 52, 26,
//                            12 or 1 (weekly, fortnightly, monthly, yearly schemes)
//   annual_lost_<reason>     one column per lost reason, in waterfall order; they add up to annual_lost

#include "totalis/core/history.hpp"
#include "totalis/engine/assessment.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <tuple>

namespace totalis::io {

class GapReport {
 public:
  /// Adds one worker: the assessment of `history`.
  void add(const History& history, const Assessment& assessment);
  /// Adds every total of `other` (the partial report of another thread).
  void merge(const GapReport& other);

  /// The header line (with its newline) and every row (each with its newline).
  [[nodiscard]] static std::string csv_header();
  [[nodiscard]] std::string csv() const;

  /// Workers added so far.
  [[nodiscard]] std::uint64_t workers() const noexcept { return workers_; }

 private:
  // from, to, scheme, currency, unit
  using SchemeKey = std::tuple<std::string, std::string, std::string, std::string, std::string>;
  // from, to, reason, currency, unit
  using UnassessedKey = std::tuple<std::string, std::string, std::string, std::string, std::string>;

  struct SchemeTotals {
    std::uint64_t workers = 0;
    std::uint64_t period_rows = 0;
    Amount periods;
    Amount contributions_paid;
    std::uint64_t contributions_other_currency_rows = 0;
    Amount annual_counterfactual;
    Amount annual_portable;
    Amount annual_lost;
    std::array<Amount, all_lost_reasons.size()> annual_lost_by_reason{};
  };
  struct UnassessedTotals {
    std::uint64_t workers = 0;
    std::uint64_t period_rows = 0;
    Amount periods;
    Amount contributions_paid;
  };

  std::uint64_t workers_ = 0;
  std::map<SchemeKey, SchemeTotals> schemes_;
  std::map<UnassessedKey, UnassessedTotals> unassessed_;
};

}  // namespace totalis::io
