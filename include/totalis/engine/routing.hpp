#pragma once
// Which scheme reads which period (DESIGN §1, issue #4 step 1): a period's `scheme` routes it;
// otherwise every scheme of the period's country that reads its kind takes it. Countries with
// periods but no encoded scheme, and periods of a kind no scheme of their country reads, are not
// invented into figures: they are `unassessed`, with the reason.
//
//   route(rules, history).schemes[0].scheme->id   // US-OASDI

#include "totalis/core/history.hpp"
#include "totalis/core/span_count.hpp"
#include "totalis/engine/assessment.hpp"
#include "totalis/rules/rulebook.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace totalis::engine {

struct RoutedScheme {
  const rules::Scheme* scheme = nullptr;
  std::vector<const Period*> periods;   ///< in the history's order
};

struct Routing {
  std::vector<RoutedScheme> schemes;    ///< by scheme id
  std::vector<Unassessed> unassessed;   ///< by country
};

/// The periods of one country in months, and their contributions when every period says them
/// in one currency (otherwise absent: no sum is invented across currencies).
[[nodiscard]] inline Unassessed unassessed_periods(Country country, const std::vector<const Period*>& periods,
                                                   UnassessedReason reason, std::string why) {
  std::vector<Span> spans;
  std::optional<Money> contributions;
  bool summable = true;
  for (const Period* p : periods) {
    spans.push_back(p->span);
    if (!p->contributions || !p->currency) {
      summable = summable && !p->contributions;
      continue;
    }
    const Money paid{*p->currency, *p->contributions};
    if (!contributions)
      contributions = paid;
    else if (contributions->currency() == paid.currency())
      contributions = *contributions + paid;
    else
      summable = false;
  }
  const std::vector<Span> merged = merge(spans);
  return Unassessed{country, reason,
                    PeriodTotal{TimeUnit::month, count(std::span<const Span>(merged), CountingRule::calendar_months_touched)},
                    summable ? contributions : std::nullopt, std::move(why)};
}

[[nodiscard]] inline Routing route(const rules::Rulebook& rulebook, const History& history) {
  std::map<SchemeId, RoutedScheme> schemes;
  std::map<Country, std::vector<const Period*>> without_scheme, kind_not_read;
  for (const Period& p : history.periods) {
    if (p.scheme) {
      if (const rules::Scheme* s = rulebook.find_scheme(*p.scheme)) {
        schemes[s->id].scheme = s;
        schemes[s->id].periods.push_back(&p);
      } else {
        without_scheme[p.country].push_back(&p);
      }
      continue;
    }
    const std::vector<const rules::Scheme*> of_country = rulebook.schemes_of(p.country);
    if (of_country.empty()) {
      without_scheme[p.country].push_back(&p);
      continue;
    }
    bool read = false;
    for (const rules::Scheme* s : of_country) {
      const auto& kinds = s->periods.kinds;
      if (std::find(kinds.begin(), kinds.end(), p.kind) == kinds.end()) continue;
      schemes[s->id].scheme = s;
      schemes[s->id].periods.push_back(&p);
      read = true;
    }
    if (!read) kind_not_read[p.country].push_back(&p);   // reported, never dropped
  }
  Routing routing;
  for (auto& [id, routed] : schemes) routing.schemes.push_back(std::move(routed));
  for (const auto& [country, periods] : without_scheme)
    routing.unassessed.push_back(unassessed_periods(country, periods, UnassessedReason::no_scheme_encoded,
                                                    "no scheme of " + std::string(country.name()) + " is encoded"));
  // A country whose schemes read other kinds of period (Australia's Age Pension reads residence,
  // not employment): its periods of this kind are in no figure, and say why.
  const auto join = [](const auto& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + std::string(n);
    return out;
  };
  for (const auto& [country, periods] : kind_not_read) {
    std::set<std::string_view> kinds;
    for (const Period* p : periods) kinds.insert(to_string(p->kind));
    std::string readers;
    for (const rules::Scheme* s : rulebook.schemes_of(country)) {
      std::vector<std::string_view> read;
      for (PeriodKind k : s->periods.kinds) read.push_back(to_string(k));
      readers += (readers.empty() ? "" : "; ") + s->id.str() + " reads " + join(read);
    }
    routing.unassessed.push_back(unassessed_periods(
        country, periods, UnassessedReason::no_scheme_encoded,
        "no encoded scheme of " + std::string(country.name()) + " reads " + join(kinds) + " periods (" + readers + ")"));
  }
  return routing;
}

}  // namespace totalis::engine
