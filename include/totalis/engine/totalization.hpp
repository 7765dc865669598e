#pragma once
// Crediting foreign periods under an agreement (DESIGN §4 "per party: the foreign period kinds
// counted and their conversion"): each `[[party.convert]]` counts the other parties' periods in
// its unit per calendar year — as the foreign scheme counts them when it is encoded in that unit
// (Reg 987/2009 Art 13(1)(a): the period as communicated; US QCs from earnings), else by the
// calendar — converts them into the receiving scheme's unit, and caps each year.
//
//   credit_foreign(rules, us_de, us_party, us_scheme, history, own_per_year).total   // 20

#include "totalis/core/history.hpp"
#include "totalis/core/span_count.hpp"
#include "totalis/core/unit_conversion.hpp"
#include "totalis/engine/credited_periods.hpp"
#include "totalis/rules/agreement.hpp"
#include "totalis/rules/rulebook.hpp"

#include <functional>
#include <map>

namespace totalis::engine {

/// A foreign scheme's own count of some periods, per calendar year, in its unit.
struct ForeignCounted {
  TimeUnit unit;
  std::map<int, Amount> per_year;
};

/// Counts periods as the foreign country's encoded scheme does — one in `unit` when given, else
/// its first scheme reading them — or nothing when none is encoded: supplied by the engine, which
/// evaluates that scheme's count measure.
using ForeignCount = std::function<std::optional<ForeignCounted>(
    Country country, std::optional<TimeUnit> unit, const std::vector<const Period*>& periods)>;

namespace detail {

/// The most units of `unit` one calendar year holds.
inline Amount year_capacity(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::day: return Amount{366};
    case TimeUnit::week: return Amount{52};
    case TimeUnit::month: return Amount{12};
    case TimeUnit::quarter: return Amount{4};
    case TimeUnit::year: return Amount{1};
  }
  return Amount{12};
}

/// The calendar's count of spans in `unit`: months and quarters touched, days, weeks of 7 days,
/// years as twelfths of months touched.
inline Amount calendar_count(std::span<const Span> spans, TimeUnit unit) {
  switch (unit) {
    case TimeUnit::day: return count(spans, CountingRule::days);
    case TimeUnit::week: return count(spans, CountingRule::days) / Amount{7};
    case TimeUnit::month: return count(spans, CountingRule::calendar_months_touched);
    case TimeUnit::quarter: return count(spans, CountingRule::calendar_quarters_touched);
    case TimeUnit::year: return count(spans, CountingRule::calendar_months_touched) / Amount{12};
  }
  return Amount{};
}

inline bool converts(const rules::Conversion& c, const rules::Agreement& a, const rules::Scheme& receiver,
                     const Period& p) {
  if (p.country == receiver.country || !a.has_party(p.country) || p.refunded_on) return false;
  if (c.from != "*" && c.from != p.country.alpha2() && !(p.scheme && c.from == p.scheme->view())) return false;
  return c.kinds.empty() || std::find(c.kinds.begin(), c.kinds.end(), p.kind) != c.kinds.end();
}

}  // namespace detail

[[nodiscard]] inline CreditedPeriods credit_foreign(const rules::Agreement& agreement, const rules::PartyRules& party,
                                                    const rules::Scheme& receiver, const History& history,
                                                    const std::map<int, Amount>& own_per_year,
                                                    const ForeignCount& foreign_count) {
  CreditedPeriods credited;
  credited.unit = receiver.periods.unit;
  const Amount capacity = detail::year_capacity(receiver.periods.unit);
  for (const rules::Conversion& c : party.conversions) {
    // The foreign periods of this conversion, by country, clipped to the age and year limits.
    std::map<Country, std::vector<const Period*>> by_country;
    std::vector<Period> clipped_storage;
    clipped_storage.reserve(history.periods.size());
    for (const Period& p : history.periods) {
      if (!detail::converts(c, agreement, receiver, p)) continue;
      Date from = p.span.from();
      if (c.after_age)
        from = std::max(from, attains_age(history.worker.birth_date, *c.after_age, AgeRule::day_before_birthday) +
                                  boost::gregorian::days(1));
      if (c.after_year) from = std::max(from, Date(static_cast<unsigned short>(*c.after_year + 1), 1, 1));
      if (from > p.span.to()) continue;
      if (from == p.span.from()) {   // the worker's own period, by address (a count may be kept for it)
        by_country[p.country].push_back(&p);
        continue;
      }
      Period clipped = p;
      clipped.span = Span(from, p.span.to());
      clipped_storage.push_back(clipped);   // reserved: addresses stay valid
      by_country[p.country].push_back(&clipped_storage.back());
    }

    // Art 13(1)(a): periods as the institution that holds them counts them; a ratio conversion
    // names the unit it reads.
    const bool as_communicated = c.method == rules::ConversionMethod::eu_art13;
    const auto counted_by = [&](Country country, const std::vector<const Period*>& periods) {
      if (auto from_scheme = foreign_count(country, as_communicated ? std::nullopt : std::optional(c.unit), periods))
        return *from_scheme;
      ForeignCounted calendar{c.unit, {}};
      std::vector<Span> spans;
      for (const Period* p : periods) spans.push_back(p->span);
      for_each_year_pieces(merge(spans), [&](int year, std::span<const Span> pieces) {
        calendar.per_year[year] = detail::calendar_count(pieces, c.unit);
      });
      return calendar;
    };
    const auto converted = [&](const Amount& foreign, TimeUnit unit) {
      if (as_communicated)
        return convert(PeriodCount{foreign, unit}, receiver.periods.unit, c.day_basis.value_or(DayBasis::six_day)).count;
      if (c.factor) return foreign * Amount{Exact(*c.factor)};
      if (c.divisor) {
        const Amount units = foreign / Amount{Exact(*c.divisor)};
        return c.per_calendar_year ? units.rounded(Amount{1}, c.remainder) : units;
      }
      return foreign;
    };
    for (const auto& [country, periods] : by_country) {
      const ForeignCounted counted = counted_by(country, periods);
      for (const auto& [year, foreign] : counted.per_year) {
        Amount own_units = converted(foreign, counted.unit);
        if (c.max_per_year) own_units = min(own_units, Amount{*c.max_per_year});
        credited.per_year[year] += own_units;
      }
      for (const Period* p : periods) {   // each period's own worth, for periods_counted
        Amount worth;
        for (const auto& [year, foreign] : counted_by(country, {p}).per_year) worth += converted(foreign, counted.unit);
        credited.sources.push_back({country, p->span, worth});
      }
    }
    // Coinciding time counts once, as the receiver's own (GN 01703.100; POMS GN 01707.125).
    if (c.not_coinciding)
      for (auto& [year, units] : credited.per_year) {
        const auto own = own_per_year.find(year);
        const Amount room = capacity - (own == own_per_year.end() ? Amount{} : own->second);
        units = std::max(Amount{}, min(units, room));
      }
  }
  for (auto it = credited.per_year.begin(); it != credited.per_year.end();) {
    it->second = min(it->second, capacity);
    if (it->second.is_zero()) {
      it = credited.per_year.erase(it);
    } else {
      credited.total += it->second;
      ++it;
    }
  }
  return credited;
}

}  // namespace totalis::engine
