#pragma once
// Seeded careers for the property tests of tests/engine (properties_test.cpp), over the synthetic
// rulebook of tests/engine/rules: workers born 1940–1990 with 1–5 of the countries FI, SE, NO, IS,
// NZ, CL (the schemes) and BR (none), each with 1–3 periods one after another, of every kind, with
// earnings, pension points, contributions and refunds now and then; residence in those countries
// or in DE (no scheme). The generator takes no distribution object from <random>, so a seed gives
// the same careers on every platform and a failure names a career that reproduces.
//
//   testing::Dice dice(20250701);
//   const History h = testing::career(dice, 17);     // "G-17 born 1961-04-09 as of 2024-…"
//   testing::describe(h)

#include "totalis/core/history.hpp"

#include <algorithm>
#include <array>
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

 private:
  std::mt19937_64 rng_;
};

inline constexpr std::array<std::string_view, 7> career_countries{"FI", "SE", "NO", "IS", "NZ", "CL", "BR"};
inline constexpr std::array<std::string_view, 8> career_residences{"FI", "SE", "NO", "IS", "NZ", "CL", "BR", "DE"};
inline constexpr std::array<std::string_view, 6> career_schemes{"FI-SYN", "SE-SYN", "NO-SYN",
                                                                "IS-SYN", "NZ-SYN", "CL-SYN"};
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

/// One period's kind: mostly employed, sometimes each of the others.
inline PeriodKind some_kind(Dice& d) {
  static constexpr std::array<PeriodKind, 8> kinds{PeriodKind::employed,      PeriodKind::employed,
                                                   PeriodKind::employed,      PeriodKind::employed,
                                                   PeriodKind::self_employed, PeriodKind::voluntary,
                                                   PeriodKind::credited,      PeriodKind::residence};
  return d.pick(kinds);
}

/// Career number `n`: a valid history (validate() finds nothing), periods in shuffled order.
inline History career(Dice& d, int n) {
  History h;
  Worker& w = h.worker;
  w.id = "G-" + std::to_string(n);
  w.birth_date = day_in(d, d.between(1940, 1990));
  const int born = w.birth_date.year();
  w.as_of = day_in(d, d.between(std::max(2012, born + 22), 2032));
  for (int i = d.between(0, 2); i > 0; --i) {
    const Country c = country_of(d.pick(career_residences));
    if (!w.is_national_of(c)) w.nationalities.push_back(c);
  }
  w.residence = country_of(d.pick(career_residences));
  if (d.percent(50)) {
    const Date since = day_in(d, d.between(born + 18, w.as_of.year()));
    if (since <= w.as_of) w.residence_since = since;
  }
  if (d.percent(20)) w.claim_date = day_in(d, d.between(w.as_of.year() - 10, w.as_of.year() + 10));

  std::vector<std::string_view> chosen;
  for (int i = d.between(1, 5); i > 0; --i) {
    const std::string_view c = d.pick(career_countries);
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
      Period p;
      p.country = country_of(c);
      p.span = Span(cursor, to);
      p.kind = some_kind(d);
      if (d.percent(30)) p.earnings = cents(d, 90000);
      if (d.percent(40)) p.credits.push_back({"pension_points", cents(d, 40)});
      if (d.percent(30)) p.contributions = cents(d, 50000);
      if (d.percent(10)) {
        const Date paid = to + boost::gregorian::days(d.between(1, 1500));
        if (paid <= w.as_of) p.refunded_on = paid;
      }
      h.periods.push_back(p);
      cursor = to + boost::gregorian::days(d.between(1, 3000));
    }
  }
  for (std::size_t i = h.periods.size(); i > 1; --i)
    std::swap(h.periods[i - 1], h.periods[static_cast<std::size_t>(d.between(0, static_cast<int>(i) - 1))]);
  return h;
}

/// One line naming the career, for failure messages.
inline std::string describe(const History& h) {
  std::string out = h.worker.id + " born " + format_date(h.worker.birth_date) + " as of " +
                    format_date(h.worker.as_of) + " in " + std::string(h.worker.residence.alpha2()) + ":";
  for (const Period& p : h.periods) {
    out += " " + std::string(p.country.alpha2()) + " " + format_date(p.span.from()) + ".." +
           format_date(p.span.to()) + " " + std::string(to_string(p.kind));
    if (const Amount* points = p.credit("pension_points")) out += " points " + points->str();
    if (p.refunded_on) out += " refunded " + format_date(*p.refunded_on);
  }
  return out;
}

}  // namespace totalis::testing
