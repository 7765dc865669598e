#pragma once
// Seeded careers for the property and reconciliation tests of tests/engine, drawn from a
// CareerSpace: synthetic_space() for the synthetic rulebook of tests/engine/rules (workers born
// 1940–1990 with 1–5 of the countries FI, SE, NO, IS, NZ, CL (the schemes) and BR (none), each with
// 1–3 periods one after another, of every kind, with earnings, pension points, contributions and
// refunds now and then; residence in those countries or in DE (no scheme)), bundled_space() for
// the bundled agreements/. The generator takes no distribution object from <random>, so a seed gives
// the same careers on every platform and a failure names a career that reproduces.
//
//   testing::Dice dice(20250701);
//   const History h = testing::career(dice, 17);     // "G-17 born 1961-04-09 as of 2024-…"
//   testing::describe(h)

#include "totalis/core/history.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace totalis::testing {

class Dice {
 public:
  explicit Dice(std::uint64_t seed) : rng_(seed) {}
  /// A whole number in [lo, hi].
  int between(int lo, int hi) { return lo + static_cast<int>(rng_() % static_cast<std::uint64_t>(hi - lo + 1)); }
  bool percent(int p) { return between(1, 100) <= p; }
  template <typename T, std::size_t N>
  const T& pick(const std::array<T, N>& from) { return from[static_cast<std::size_t>(between(0, int(N) - 1))]; }
  template <typename T>
  const T& pick(const std::vector<T>& from) { return from[static_cast<std::size_t>(between(0, int(from.size()) - 1))]; }

 private:
  std::mt19937_64 rng_;
};

inline constexpr std::array<std::string_view, 7> career_countries{"FI", "SE", "NO", "IS", "NZ", "CL", "BR"};
inline constexpr std::array<std::string_view, 8> career_residences{"FI", "SE", "NO", "IS", "NZ", "CL", "BR", "DE"};
inline constexpr std::array<std::string_view, 6> career_schemes{"FI-SYN", "SE-SYN", "NO-SYN",
                                                                "IS-SYN", "NZ-SYN", "CL-SYN"};

/// Where careers are drawn from: the countries of the periods (some with no scheme), of
/// residence, the birth years, the window of as-of dates, and the credit the points go to.
struct CareerSpace {
  std::vector<std::string_view> countries;
  std::vector<std::string_view> residences;
  int first_birth_year = 1940, last_birth_year = 1990;
  /// As-of dates: empty, a day in a year between max(2012, birth year + 22) and 2032; otherwise
  /// a day between these two, for rules whose dated values cover only that window.
  std::optional<Span> as_of_window;
  int claim_date_percent = 20;   ///< how often a claim date is asked for
  /// One period per calendar year, each with its own amounts, as employers report earnings (the
  /// US counts quarters from each calendar year's earnings and refuses earnings across years).
  bool yearly_periods = false;
  std::string points_credit = "pension_points";
};

/// The synthetic rulebook of tests/engine/rules.
inline CareerSpace synthetic_space() {
  CareerSpace space;
  space.countries.assign(career_countries.begin(), career_countries.end());
  space.residences.assign(career_residences.begin(), career_residences.end());
  return space;
}

/// The kinds the synthetic schemes count (residence is counted by none, but totalized by EU-SYN).
inline constexpr std::array<PeriodKind, 4> contributing_kinds{PeriodKind::employed, PeriodKind::self_employed,
                                                              PeriodKind::voluntary, PeriodKind::credited};

inline Country country_of(std::string_view alpha2) { return *Country::find(alpha2); }

inline Date day_in(Dice& d, int year) {
  return Date(static_cast<unsigned short>(year), static_cast<unsigned short>(d.between(1, 12)),
              static_cast<unsigned short>(d.between(1, 28)));
}

/// A whole number of cents up to `max_whole`.
inline Amount cents(Dice& d, int max_whole) { return Amount{d.between(0, max_whole * 100)} / Amount{100}; }

/// Careers over the bundled schemes' countries, a country with no scheme (BR) and an EU state
/// without an encoded scheme (FR), as of a day in the first quarter of 2025: the window every
/// bundled scheme's dated values cover (CA-OAS's full rate is encoded for Q1 2025). Japan works
/// only as a residence: its lump-sum premium is encoded for a last paid month in FY2021 alone.
inline CareerSpace bundled_space() {
  CareerSpace space;
  space.countries = {"US", "DE", "GB", "CA", "FR", "BR"};
  space.residences = {"US", "DE", "GB", "CA", "JP", "FR", "BR", "PH"};
  space.as_of_window = Span(Date(2025, 1, 1), Date(2025, 3, 31));
  space.claim_date_percent = 0;
  space.points_credit = "earnings_points";
  space.yearly_periods = true;
  return space;
}

/// One period's kind: mostly employed, sometimes each of the others.
inline PeriodKind some_kind(Dice& d) {
  static constexpr std::array<PeriodKind, 8> kinds{PeriodKind::employed,      PeriodKind::employed,
                                                   PeriodKind::employed,      PeriodKind::employed,
                                                   PeriodKind::self_employed, PeriodKind::voluntary,
                                                   PeriodKind::credited,      PeriodKind::residence};
  return d.pick(kinds);
}

/// Career number `n` of `space`: a valid history (validate() finds nothing), periods in
/// shuffled order.
inline History career(Dice& d, int n, const CareerSpace& space) {
  History h;
  Worker& w = h.worker;
  w.id = "G-" + std::to_string(n);
  w.birth_date = day_in(d, d.between(space.first_birth_year, space.last_birth_year));
  const int born = w.birth_date.year();
  if (space.as_of_window) {
    const auto days = (space.as_of_window->to() - space.as_of_window->from()).days();
    w.as_of = space.as_of_window->from() + boost::gregorian::days(d.between(0, static_cast<int>(days)));
  } else {
    w.as_of = day_in(d, d.between(std::max(2012, born + 22), 2032));
  }
  for (int i = d.between(0, 2); i > 0; --i) {
    const Country c = country_of(d.pick(space.residences));
    if (!w.is_national_of(c)) w.nationalities.push_back(c);
  }
  w.residence = country_of(d.pick(space.residences));
  if (d.percent(50)) {
    const Date since = day_in(d, d.between(born + 18, w.as_of.year()));
    if (since <= w.as_of) w.residence_since = since;
  }
  if (d.percent(space.claim_date_percent))
    w.claim_date = day_in(d, d.between(w.as_of.year() - 10, w.as_of.year() + 10));

  std::vector<std::string_view> chosen;
  for (int i = d.between(1, 5); i > 0; --i) {
    const std::string_view c = d.pick(space.countries);
    if (std::find(chosen.begin(), chosen.end(), c) == chosen.end()) chosen.push_back(c);
  }
  for (const std::string_view c : chosen) {
    Date cursor = day_in(d, born + d.between(16, 40));
    for (int i = d.between(1, 3); i > 0 && cursor <= w.as_of; --i) {
      int length = 0;   // days: small periods (Art 57, forfeit), ordinary ones, whole careers
      switch (d.between(0, 2)) {
        case 0: length = d.between(0, 400); break;
        case 1: length = d.between(400, 4000); break;
        default: length = d.between(4000, 14000); break;
      }
      Date to = cursor + boost::gregorian::days(length);
      if (to > w.as_of) to = w.as_of;
      for (Date from = cursor; from <= to;) {
        const Date year_end(from.year(), 12, 31);
        const Date until = space.yearly_periods && year_end < to ? year_end : to;
        Period p;
        p.country = country_of(c);
        p.span = Span(from, until);
        p.kind = some_kind(d);
        if (d.percent(30)) p.earnings = cents(d, 90000);
        if (d.percent(40)) p.credits.push_back({space.points_credit, cents(d, 40)});
        if (d.percent(30)) p.contributions = cents(d, 50000);
        if (d.percent(10)) {
          const Date paid = until + boost::gregorian::days(d.between(1, 1500));
          if (paid <= w.as_of) p.refunded_on = paid;
        }
        h.periods.push_back(p);
        from = until + boost::gregorian::days(1);
      }
      cursor = to + boost::gregorian::days(d.between(1, 3000));
    }
  }
  for (std::size_t i = h.periods.size(); i > 1; --i)
    std::swap(h.periods[i - 1], h.periods[static_cast<std::size_t>(d.between(0, static_cast<int>(i) - 1))]);
  return h;
}

/// Career number `n` on the synthetic rulebook.
inline History career(Dice& d, int n) { return career(d, n, synthetic_space()); }

/// One line naming the career, for failure messages.
inline std::string describe(const History& h) {
  std::string out = h.worker.id + " born " + format_date(h.worker.birth_date) + " as of " +
                    format_date(h.worker.as_of) + " in " + std::string(h.worker.residence.alpha2()) + ":";
  for (const Period& p : h.periods) {
    out += " " + std::string(p.country.alpha2()) + " " + format_date(p.span.from()) + ".." +
           format_date(p.span.to()) + " " + std::string(to_string(p.kind));
    for (const Credit& c : p.credits) out += " " + c.name + " " + c.value.str();
    if (p.earnings) out += " earnings " + p.earnings->str();
    if (p.refunded_on) out += " refunded " + format_date(*p.refunded_on);
  }
  return out;
}

}  // namespace totalis::testing
