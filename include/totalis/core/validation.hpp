#pragma once
// Every check of DESIGN §7 on a history that parsed, all problems at once, each naming the
// worker, the record and the field:
//
//   validate(history)[0].str()   // "W-17 period 3: 'to' 2019-01-01 is before 'from' 2019-02-01"

#include "totalis/core/date.hpp"
#include "totalis/core/history.hpp"

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

namespace totalis {

/// One thing wrong with a history.
struct Problem {
  std::string worker_id;
  std::optional<std::size_t> period;   ///< 0-based index; none: the worker record
  std::string field;                   ///< the field at fault ("to", "earnings"), or empty
  std::string message;                 ///< says the field, its value and what is wrong

  /// "W-17 period 3: 'to' 2019-02-30 is not a date" (periods numbered from 1).
  [[nodiscard]] std::string str() const {
    std::string where = worker_id.empty() ? std::string("worker") : worker_id;
    if (period) where += " period " + std::to_string(*period + 1);
    return where + ": " + message;
  }
  friend bool operator==(const Problem&, const Problem&) = default;
};

/// What validation may know beyond the history itself.
struct ValidationOptions {
  /// Most periods one worker may have (DESIGN §7 limits; a century of monthly periods is 1,200).
  std::size_t max_periods = 10'000;
  /// When given, a period's `scheme` must be one of these (the rulebook's schemes).
  std::optional<std::set<SchemeId>> known_schemes;
};

/// All problems of `history`; empty when it is valid. Messages that mention another period name
/// it by `period_numbers[i]` when given (a reader that dropped unreadable records numbers them
/// as the file does), else by position + 1. Overlap is judged per country, scheme
/// and kind: residence and employment in the same months, or two jobs one after the other, are
/// valid; two employed periods of one scheme at the same time are one job too many (concurrent
/// jobs are given as one period with their earnings summed).
[[nodiscard]] std::vector<Problem> validate(const History& history, const ValidationOptions& options = {},
                                            std::span<const std::size_t> period_numbers = {});

// ------------------------------------------------------------------------------------------------
// Implementation

namespace detail {

inline std::string quoted(std::string_view field) { return "'" + std::string(field) + "'"; }

class Validator {
 public:
  Validator(const History& h, const ValidationOptions& o, std::span<const std::size_t> numbers)
      : h_(h), o_(o), numbers_(numbers) {}

  std::vector<Problem> run() {
    check_worker();
    if (h_.periods.size() > o_.max_periods) {
      add({}, "periods", "has " + std::to_string(h_.periods.size()) + " periods; at most " +
                             std::to_string(o_.max_periods) + " are accepted");
      return std::move(problems_);
    }
    for (std::size_t i = 0; i < h_.periods.size(); ++i) check_period(i);
    check_overlaps();
    return std::move(problems_);
  }

 private:
  void add(std::optional<std::size_t> period, std::string field, std::string message) {
    problems_.push_back({h_.worker.id, period, std::move(field), std::move(message)});
  }

  void check_worker() {
    const Worker& w = h_.worker;
    if (w.id.empty()) add({}, "id", "'id' is empty");
    if (w.birth_date > w.as_of)
      add({}, "birth_date", "'birth_date' " + format_date(w.birth_date) + " is after 'as_of' " + format_date(w.as_of));
    if (w.residence_since) {
      if (*w.residence_since > w.as_of)
        add({}, "residence_since", "'residence_since' " + format_date(*w.residence_since) + " is after 'as_of' " +
                                       format_date(w.as_of));
      if (*w.residence_since < w.birth_date)
        add({}, "residence_since", "'residence_since' " + format_date(*w.residence_since) +
                                       " is before the worker's birth (" + format_date(w.birth_date) + ")");
    }
    if (w.claim_date && *w.claim_date < w.birth_date)
      add({}, "claim_date", "'claim_date' " + format_date(*w.claim_date) + " is before the worker's birth (" +
                                format_date(w.birth_date) + ")");
    for (std::size_t i = 0; i < w.nationalities.size(); ++i)
      for (std::size_t j = 0; j < i; ++j)
        if (w.nationalities[i] == w.nationalities[j])
          add({}, "nationalities", "nationality '" + std::string(w.nationalities[i].alpha2()) + "' is listed twice");
    for (std::size_t i = 0; i < w.claim_dates.size(); ++i) {
      const ClaimDate& c = w.claim_dates[i];
      if (!Country::is_code(c.applies_to) && !is_scheme_id(c.applies_to))
        add({}, "claim_dates", "'claim_dates' key '" + c.applies_to + "' is neither a country code nor a scheme id");
      else if (c.date < w.birth_date)
        add({}, "claim_dates", "'claim_dates' " + c.applies_to + " " + format_date(c.date) +
                                   " is before the worker's birth (" + format_date(w.birth_date) + ")");
      for (std::size_t j = 0; j < i; ++j)
        if (w.claim_dates[j].applies_to == c.applies_to)
          add({}, "claim_dates", "'claim_dates' names '" + c.applies_to + "' twice");
    }
  }

  static bool is_scheme_id(std::string_view text) {
    try {
      (void)SchemeId(text);
      return true;
    } catch (const std::invalid_argument&) {
      return false;
    }
  }

  void check_amount(std::size_t i, std::string_view field, const std::optional<Amount>& value) {
    if (value && value->is_negative()) add(i, std::string(field), quoted(field) + " " + value->str() + " is negative");
  }

  void check_period(std::size_t i) {
    const Period& p = h_.periods[i];
    const Worker& w = h_.worker;
    if (p.span.from() < w.birth_date)
      add(i, "from", "'from' " + format_date(p.span.from()) + " is before the worker's birth (" +
                         format_date(w.birth_date) + ")");
    if (p.span.to() > w.as_of)
      add(i, "to", "'to' " + format_date(p.span.to()) + " is after 'as_of' " + format_date(w.as_of));
    if (p.scheme && p.scheme->country() != p.country)
      add(i, "scheme", "'scheme' " + std::string(p.scheme->str()) + " is not a scheme of country " +
                           std::string(p.country.alpha2()));
    if (p.scheme && o_.known_schemes && !o_.known_schemes->contains(*p.scheme))
      add(i, "scheme", "unknown scheme '" + std::string(p.scheme->str()) + "'");
    check_amount(i, "earnings", p.earnings);
    check_amount(i, "contributions", p.contributions);
    check_amount(i, "employee_contributions", p.employee_contributions);
    if (p.contributions && p.employee_contributions && *p.employee_contributions > *p.contributions)
      add(i, "employee_contributions", "'employee_contributions' " + p.employee_contributions->str() +
                                           " exceed 'contributions' " + p.contributions->str());
    for (const Credit& c : p.credits)
      if (c.value.is_negative())
        add(i, "credits", "credit '" + c.name + "' " + c.value.str() + " is negative");
    if (p.refunded_on) {
      if (*p.refunded_on < p.span.from())
        add(i, "refunded_on", "'refunded_on' " + format_date(*p.refunded_on) + " is before 'from' " +
                                  format_date(p.span.from()));
      if (*p.refunded_on > w.as_of)
        add(i, "refunded_on", "'refunded_on' " + format_date(*p.refunded_on) + " is after 'as_of' " +
                                  format_date(w.as_of));
    }
  }

  void check_overlaps() {
    std::vector<std::size_t> order(h_.periods.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    const auto key = [&](std::size_t i) {
      const Period& p = h_.periods[i];
      return std::tuple(p.country, p.scheme, p.kind);
    };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      if (key(a) != key(b)) return key(a) < key(b);
      return h_.periods[a].span.from() < h_.periods[b].span.from();
    });
    // Within one group, sorted by start: a period overlaps the one that reaches furthest so far.
    std::optional<std::size_t> furthest;
    for (std::size_t k = 0; k < order.size(); ++k) {
      const std::size_t i = order[k];
      if (furthest && key(*furthest) != key(i)) furthest.reset();
      if (furthest && h_.periods[i].span.from() <= h_.periods[*furthest].span.to()) {
        const std::size_t first = std::min(i, *furthest), second = std::max(i, *furthest);
        const Period& p = h_.periods[first];
        add(second, "from", "overlaps period " + std::to_string(number_of(first)) + " (" + std::string(p.country.alpha2()) +
                                " " + std::string(to_string(p.kind)) + " " + format_date(p.span.from()) + " to " +
                                format_date(p.span.to()) +
                                "): one period per scheme and kind at a time; concurrent jobs are one period "
                                "with their earnings summed");
      }
      if (!furthest || h_.periods[i].span.to() > h_.periods[*furthest].span.to()) furthest = i;
    }
  }

  std::size_t number_of(std::size_t i) const { return i < numbers_.size() ? numbers_[i] : i + 1; }

  const History& h_;
  const ValidationOptions& o_;
  std::span<const std::size_t> numbers_;
  std::vector<Problem> problems_;
};

}  // namespace detail

inline std::vector<Problem> validate(const History& history, const ValidationOptions& options,
                                     std::span<const std::size_t> period_numbers) {
  return detail::Validator(history, options, period_numbers).run();
}

}  // namespace totalis
