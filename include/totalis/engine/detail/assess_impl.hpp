#pragma once
// assess(): route the periods, then per scheme decide status and claim date, the independent
// amount, totalization under each agreement in force (minimum own periods, credited periods,
// small periods, the amount method), precedence, what is portable where the worker lives, the
// counterfactual and the lost waterfall, periods counted and the trace. Not API: include
// engine/assess.hpp.

#include "totalis/engine/routing.hpp"
#include "totalis/engine/scheme_context.hpp"
#include "totalis/engine/totalization.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <tuple>

namespace totalis {
namespace engine::detail {

inline constexpr std::string_view out_of_scope_warning =
    "out of scope: survivors', disability and means-tested benefits";

/// Amounts in the trace as reports print them: whole cents with two decimals, otherwise exact.
inline std::string money_text(const Amount& a) { return (a * Amount{100}).is_integer() ? a.fixed(2) : a.str(); }

inline Per to_per(rules::BenefitPeriod p) {
  switch (p) {
    case rules::BenefitPeriod::week: return Per::week;
    case rules::BenefitPeriod::fortnight: return Per::fortnight;
    case rules::BenefitPeriod::month: return Per::month;
    case rules::BenefitPeriod::year: return Per::year;
  }
  return Per::month;
}

/// A benefit and the variant it came from.
struct Pick {
  const rules::Variant* variant = nullptr;
  Amount amount;
};

/// One agreement's outcome for one scheme.
struct Route {
  const rules::Agreement* agreement = nullptr;
  const rules::PartyRules* party = nullptr;
  bool minimum_met = true;
  bool relieved = false;        ///< small periods shifted to the other states (EU Art 57)
  bool forfeited = false;       ///< small periods forfeited by a bilateral clause
  bool qualified = false;
  std::shared_ptr<CreditedPeriods> credited;
  const rules::Variant* variant = nullptr;
  Basis basis = Basis::none;
  std::optional<Amount> theoretical, ratio, pro_rata;
  Amount accrued;
};

/// Small periods another state relieved itself of, shifted to the schemes of this agreement.
struct Shift {
  const rules::Agreement* agreement;
  SchemeId from;
  PeriodCount periods;   ///< the relieved periods, in the relieved scheme's unit
};

/// Foreign periods counted by their own country's scheme (US QCs from earnings), by country,
/// unit and periods, with each counting scheme's claim timing: the same serve every scheme,
/// agreement and scenario of one worker.
struct ForeignCounts {
  std::map<std::tuple<Country, std::optional<TimeUnit>, std::vector<const Period*>>, std::optional<ForeignCounted>> counts;
  std::map<const rules::Scheme*, ClaimTiming> timings;
};

class SchemeAssessor {
 public:
  /// `shifts` are read only by run(): they may still be filled (from relieved_under() of every
  /// scheme) after construction.
  SchemeAssessor(const rules::Rulebook& rulebook, const History& history, const RoutedScheme& routed,
                 const AssessOptions& options, const std::vector<Shift>& shifts, ForeignCounts& foreign_counts)
      : rules_(rulebook), history_(history), scheme_(*routed.scheme), routed_(routed), options_(options),
        shifts_(shifts), foreign_counts_(foreign_counts) {
    // In date order, so the order periods are given in never shows in a result.
    std::vector<const Period*> periods = routed.periods;
    std::stable_sort(periods.begin(), periods.end(), [](const Period* a, const Period* b) {
      return std::tuple(a->span.from(), a->span.to(), a->kind) < std::tuple(b->span.from(), b->span.to(), b->kind);
    });
    for (const Period* p : periods) {
      own_all_.push_back(p);
      if (!p->refunded_on) own_kept_.push_back(p);
    }
  }

  /// True when the scheme owes nothing under an agreement's small-period clause (shift mode).
  [[nodiscard]] std::vector<Shift> relieved_under() {
    std::vector<Shift> out;
    const SchemeSetup& setup = setup_for(nullptr);
    Scenario alone;
    const std::size_t traced = steps_.size();   // a probe: run() traces the same steps itself
    const bool alone_ok = best_alone().has_value();
    steps_.erase(steps_.begin() + static_cast<std::ptrdiff_t>(traced), steps_.end());
    for (const rules::Agreement* a : agreements_considered()) {
      const rules::PartyRules* party = a->party(scheme_.id);
      if (!party || !party->small_periods || party->small_periods->mode != rules::SmallPeriodMode::shift) continue;
      if (alone_ok || !is_small(setup, *party->small_periods)) continue;
      SchemeContext ctx(setup, alone);
      out.push_back({a, scheme_.id, PeriodCount{ctx.own_count(), scheme_.periods.unit}});
    }
    return out;
  }

  const rules::Scheme& scheme() const { return scheme_; }

  /// The end of the worker's last own period here: "the last" state of EU Art 57(3).
  Date last_period_end() const {
    Date last = own_all_.front()->span.to();
    for (const Period* p : own_all_) last = std::max(last, p->span.to());
    return last;
  }

  /// EU Art 57(3), where `a`'s small-period clause relieves every state concerned: if this
  /// scheme's conditions hold with every period counted as its own, it takes them over and pays
  /// under `a` instead of being relieved (true); otherwise nothing changes (false).
  bool takes_over_all_periods(const rules::Agreement& a) {
    pays_all_under_ = &a;
    const std::size_t traced = steps_.size();   // a probe: run() traces the same steps itself
    bool qualified = false;
    try {
      qualified = totalize(a, best_alone()).qualified;
    } catch (const rules::RuleGap&) {
      // No value for this worker: it takes nothing over, and its run() reports the gap.
    }
    steps_.erase(steps_.begin() + static_cast<std::ptrdiff_t>(std::min(traced, steps_.size())), steps_.end());
    if (!qualified) pays_all_under_ = nullptr;
    return qualified;
  }

  [[nodiscard]] SchemeResult run(std::vector<std::string>& warnings) {
    SchemeResult r;
    r.country = scheme_.country;
    r.scheme = scheme_.id;
    r.currency = scheme_.currency;
    r.per = to_per(scheme_.per);
    if (!scheme_.warning.empty()) warnings.push_back(scheme_.id.str() + ": " + scheme_.warning);

    const SchemeSetup& base = setup_for(nullptr);
    Scenario alone;
    SchemeContext alone_ctx(base, alone);
    r.own_periods = {scheme_.periods.unit, alone_ctx.own_count()};
    trace(r, "own periods (" + std::string(to_string(scheme_.periods.unit)) + "s, " + scheme_.periods.count + ")",
          r.own_periods.count.str(), scheme_.periods.cite.text);
    for (const rules::Caveat& c : scheme_.caveats)
      if (alone_ctx.holds(c.when)) warnings.push_back(scheme_.id.str() + ": " + c.text + " (" + c.cite.text + ")");

    // Independent: the best variant the worker qualifies for alone.
    const std::optional<Pick> independent = best_alone();
    r.qualified_alone = independent.has_value();
    if (independent) {
      r.independent = independent->amount;
      trace(r, "independent amount (" + independent->variant->id + ")", money_text(independent->amount),
            independent->variant->cite.text);
    }

    // Totalization under each agreement in force.
    std::vector<Route> routes;
    for (const rules::Agreement* a : agreements_considered()) {
      r.agreements_considered.push_back(a->id);
      routes.push_back(totalize(*a, independent));
    }
    const Route* chosen = choose(routes);
    const bool relieved = std::any_of(routes.begin(), routes.end(), [](const Route& x) { return x.relieved; }) &&
                          !r.qualified_alone;

    // Accrued: independent, or the agreement's amount, whichever the law gives.
    const rules::Variant* variant = independent ? independent->variant : nullptr;
    r.accrued = Amount{};
    if (relieved) {
      r.basis = Basis::relieved;
    } else if (chosen && (!independent || chosen->accrued > independent->amount)) {
      r.basis = chosen->basis;
      r.accrued = chosen->accrued;
      r.agreement_applied = chosen->agreement->id;
      r.theoretical = chosen->theoretical;
      r.pro_rata = chosen->pro_rata;
      variant = chosen->variant;
    } else if (independent) {
      r.basis = Basis::independent;
      r.accrued = independent->amount;
    }
    r.qualified_totalized = std::any_of(routes.begin(), routes.end(), [](const Route& x) { return x.qualified; });
    // Totalized periods: under the agreement applied, else the furthest any agreement got (an
    // agreement that qualifies but pays no more than the independent amount is not applied).
    const bool applied = r.agreement_applied.has_value();
    const Route* counted_under = applied ? chosen : nullptr;
    for (const Route& x : routes)
      if (!applied && x.credited && (!counted_under || x.credited->total > counted_under->credited->total))
        counted_under = &x;
    if (counted_under && counted_under->credited)
      r.totalized_periods = PeriodTotal{scheme_.periods.unit, r.own_periods.count + counted_under->credited->total};

    const SchemeSetup& timing_setup = setup_for(variant ? variant : first_variant());
    const ClaimTiming& timing = timing_setup.timing;
    r.claim_date = timing.claim_date;
    r.status = timing.status;
    for (const std::string& w : timing.warnings) warnings.push_back(w);
    trace(r, "claim date (" + std::string(to_string(r.status)) + ")", format_date(r.claim_date),
          scheme_.pension_age ? scheme_.pension_age->cite.text : scheme_.cite.text);
    if (chosen && r.agreement_applied && chosen->agreement == pays_all_under_)
      trace(r, "every state relieved: the last whose conditions are met pays, all periods its own", "yes",
            chosen->party->small_periods->cite.text);
    if (chosen && r.agreement_applied) {
      if (r.theoretical) trace(r, "theoretical amount", money_text(*r.theoretical), chosen->party->cite.text);
      if (chosen->ratio) trace(r, "ratio", chosen->ratio->str(), chosen->party->cite.text);
      if (r.pro_rata) trace(r, "pro-rata amount", money_text(*r.pro_rata), chosen->party->cite.text);
    }
    trace(r, "accrued (" + std::string(to_string(r.basis)) + ")", money_text(r.accrued),
          relieved ? relieved_cite(routes) : variant ? variant->cite.text : scheme_.cite.text);

    // Portable: the first export rule that holds, agreement rules before the scheme's own.
    const Exported exported = portable(r, chosen, variant, routes);
    r.portable = exported.portable;
    r.indexation = exported.indexation;

    // The counterfactual: own periods, refunds undone, qualifying condition waived.
    Scenario everything;
    everything.with_refunded = true;
    std::optional<Pick> waived;
    if (variant) {   // the variant that pays, over every own period
      SchemeContext ctx(setup_for(variant), everything);
      waived = Pick{variant, ctx.evaluate(variant->benefit)};
    } else {
      waived = best(everything, false);
    }
    r.counterfactual = relieved || !waived ? Amount{} : max(Amount{}, waived->amount);
    trace(r, "counterfactual (own periods, qualifying condition waived)", money_text(r.counterfactual),
          waived ? waived->variant->cite.text : scheme_.cite.text);

    lost(r, routes, chosen, exported);
    refunds(r);
    counted(r, chosen, relieved, routes);
    if (r.status == Status::projected && r.accrued.is_zero() && !relieved) shortfall(r, routes);
    std::stable_sort(r.periods_counted.begin(), r.periods_counted.end(), [](const PeriodCounted& a, const PeriodCounted& b) {
      return std::tuple(a.span.from(), a.span.to(), a.country) < std::tuple(b.span.from(), b.span.to(), b.country);
    });
    return r;
  }

 private:
  struct Exported {
    Amount portable;
    Amount unfrozen;    ///< what the rule pays at today's parameters
    Indexation indexation = Indexation::none;
    const rules::ExportRule* rule = nullptr;
  };

  // --- setup and scenarios ---------------------------------------------------------------------

  const SchemeSetup& setup_for(const rules::Variant* variant) {
    auto& slot = setups_[variant];
    if (!slot)
      slot = std::make_unique<SchemeSetup>(SchemeSetup{scheme_, history_, own_all_, own_kept_,
                                                       claim_timing(scheme_, variant, history_.worker)});
    return *slot;
  }

  const rules::Variant* first_variant() const { return scheme_.variants.empty() ? nullptr : &scheme_.variants.front(); }

  std::vector<rules::EvaluationStep>* steps() { return options_.trace_expressions ? &steps_ : nullptr; }

  /// The best benefit among variants that apply (and qualify, when asked), each at its own timing.
  std::optional<Pick> best(const Scenario& scenario, bool must_qualify) {
    std::optional<Pick> pick;
    for (const rules::Variant& v : scheme_.variants) {
      SchemeContext ctx(setup_for(&v), scenario);
      if (v.applies && !ctx.holds(*v.applies)) continue;
      if (must_qualify && !ctx.holds(v.qualifies)) continue;
      const Amount amount = ctx.evaluate(v.benefit, steps());
      if (!pick) {
        pick = Pick{&v, amount};
        continue;
      }
      // A variant that allows the requested claim date beats one that does not (the German
      // 35-year pension at 63 over the standard pension at 67); otherwise the higher amount wins.
      const bool mine = honours_request(v), theirs = honours_request(*pick->variant);
      if (mine != theirs ? mine : amount > pick->amount) pick = Pick{&v, amount};
    }
    return pick;
  }

  /// best() alone, qualifying: asked by relieved_under() and run(), computed once (a traced run
  /// computes it again, so its steps are in the trace).
  std::optional<Pick> best_alone() {
    if (options_.trace_expressions) return best(Scenario{}, true);
    if (!best_alone_) best_alone_ = best(Scenario{}, true);
    return *best_alone_;
  }

  bool honours_request(const rules::Variant& v) { return setup_for(&v).timing.warnings.empty(); }

  std::vector<const rules::Agreement*> agreements_considered() const {
    std::set<Country> others;
    for (const Period& p : history_.periods)
      if (p.country != scheme_.country) others.insert(p.country);
    return agreements_in_force([&](const rules::Agreement& a) {
      return std::any_of(others.begin(), others.end(), [&](Country c) { return a.has_party(c); });
    });
  }

  /// The agreements in force at the as-of date with a rule for this scheme that `wanted` picks.
  template <typename Pick>
  std::vector<const rules::Agreement*> agreements_in_force(Pick wanted) const {
    const Date as_of = history_.worker.as_of;
    std::vector<const rules::Agreement*> out;
    for (const rules::Agreement& a : rules_.agreements()) {
      if (!a.has_party(scheme_.country) || !a.party(scheme_.id)) continue;
      if ((a.in_force && *a.in_force > as_of) || (a.ended && *a.ended <= as_of)) continue;
      if (a.cross_border && !involves(*a.cross_border)) continue;
      if (wanted(a)) out.push_back(&a);
    }
    return out;
  }

  /// A situation the agreement covers: this scheme's country, the worker's residence or a period
  /// in one of the countries it must involve (the TCA: the UK).
  bool involves(const rules::CrossBorder& cb) const {
    if (cb.names(scheme_.country) || cb.names(history_.worker.residence)) return true;
    return std::any_of(history_.periods.begin(), history_.periods.end(),
                       [&](const Period& p) { return cb.names(p.country); });
  }

  bool is_small(const SchemeSetup& setup, const rules::SmallPeriods& small) {
    Scenario alone;
    SchemeContext ctx(setup, alone);
    const PeriodCount own = convert(PeriodCount{ctx.own_count(), scheme_.periods.unit}, small.threshold_unit,
                                    DayBasis::six_day);
    if (!(own.count < small.threshold_count)) return false;
    return !(small.unless && ctx.holds(*small.unless));
  }

  std::map<int, Amount> own_per_year() {
    const rules::MeasureSpec* spec = scheme_.measure(scheme_.periods.count);
    if (!spec) return {};
    Scenario alone;
    SchemeContext ctx(setup_for(nullptr), alone);
    for (std::size_t i = 0; i < scheme_.measures.size(); ++i)
      if (&scheme_.measures[i] == spec) return ctx.measure(i).per_year;
    return {};
  }

  /// The count per year of a foreign country's encoded scheme in `unit` (US QCs from earnings),
  /// computed once for the worker (foreign_counts_).
  ForeignCount foreign_counter() {
    return [this](Country country, std::optional<TimeUnit> unit,
                  const std::vector<const Period*>& periods) -> std::optional<ForeignCounted> {
      // Only the worker's own periods are kept by address; a period clipped to an agreement's
      // age or year limit is a temporary copy, counted afresh.
      const Period* first = history_.periods.data();
      const auto in_history = [&](const Period* p) {
        return std::less_equal<>{}(first, p) && std::less<>{}(p, first + history_.periods.size());
      };
      if (!std::all_of(periods.begin(), periods.end(), in_history)) return count_foreign(country, unit, periods);
      auto key = std::make_tuple(country, unit, periods);
      auto it = foreign_counts_.counts.find(key);
      if (it == foreign_counts_.counts.end())
        it = foreign_counts_.counts.emplace(std::move(key), count_foreign(country, unit, periods)).first;
      return it->second;
    };
  }

  std::optional<ForeignCounted> count_foreign(Country country, std::optional<TimeUnit> unit,
                                              const std::vector<const Period*>& periods) {
    for (const rules::Scheme* s : rules_.schemes_of(country)) {
      if ((unit && s->periods.unit != *unit) || !s->measure(s->periods.count)) continue;
      std::vector<const Period*> own;
      for (const Period* p : periods)
        if (std::find(s->periods.kinds.begin(), s->periods.kinds.end(), p->kind) != s->periods.kinds.end())
          own.push_back(p);
      if (own.empty()) continue;
      try {
        auto timing = foreign_counts_.timings.find(s);
        if (timing == foreign_counts_.timings.end())
          timing = foreign_counts_.timings.emplace(s, claim_timing(*s, nullptr, history_.worker)).first;
        SchemeSetup setup{*s, history_, own, own, timing->second};
        Scenario alone;
        SchemeContext ctx(setup, alone);
        for (std::size_t i = 0; i < s->measures.size(); ++i)
          if (s->measures[i].name == s->periods.count) return ForeignCounted{s->periods.unit, ctx.measure(i).per_year};
      } catch (const rules::RuleGap&) {
        // The other scheme's rules have no value for this worker (it is reported unassessed,
        // rules_incomplete): its periods are counted by the calendar in the agreement's unit.
        return std::nullopt;
      }
    }
    return std::nullopt;
  }

  /// Other states' relieved small periods, in this scheme's unit (EU Art 57(2)).
  Amount shifted_to_me(const rules::Agreement& a) const {
    Amount units;
    for (const Shift& s : shifts_)
      if (s.agreement == &a && s.from != scheme_.id)
        units += convert(s.periods, scheme_.periods.unit, DayBasis::six_day).count;
    return units;
  }

  // --- totalization ----------------------------------------------------------------------------

  /// `undo_refunds`: as if no refund had erased periods (what the refund cost, in lost()).
  Route totalize(const rules::Agreement& a, const std::optional<Pick>& independent, bool undo_refunds = false) {
    Route route;
    route.agreement = &a;
    route.party = a.party(scheme_.id);
    const rules::PartyRules& party = *route.party;
    const SchemeSetup& setup = setup_for(nullptr);
    Scenario alone;
    alone.with_refunded = undo_refunds;
    alone.agreement = &a;
    alone.qualified_alone = independent.has_value();
    SchemeContext alone_ctx(setup, alone);
    if (party.minimum_own && !alone_ctx.holds(*party.minimum_own)) {
      route.minimum_met = false;
      return route;
    }
    if (party.small_periods && !independent && pays_all_under_ != &a && is_small(setup, *party.small_periods)) {
      (party.small_periods->mode == rules::SmallPeriodMode::shift ? route.relieved : route.forfeited) = true;
      return route;
    }
    const CreditedPeriods all = credit_foreign(a, party, scheme_, history_, own_per_year(), foreign_counter());
    route.credited = std::make_shared<CreditedPeriods>(all);

    Scenario together;
    together.with_refunded = undo_refunds;
    together.agreement = &a;
    together.credited = route.credited.get();
    together.qualified_alone = independent.has_value();
    together.shifted_own = shifted_to_me(a);
    const auto qualifying = [&](const Scenario& sc) -> const rules::Variant* {
      for (const rules::Variant& v : scheme_.variants) {
        SchemeContext ctx(setup_for(&v), sc);
        if ((!v.applies || ctx.holds(*v.applies)) && ctx.holds(v.qualifies)) return &v;
      }
      return nullptr;
    };
    route.variant = qualifying(together);
    if (!route.variant) return route;
    route.qualified = true;
    if (party.credit == rules::CreditRule::as_needed) {   // the fewest whole units that still qualify
      Amount low{}, high = all.total.ceil();
      while (low < high) {
        const Amount mid = ((low + high) / Amount{2}).floor();
        route.credited = std::make_shared<CreditedPeriods>(all.limited_to(mid));
        together.credited = route.credited.get();
        if (qualifying(together)) high = mid; else low = mid + Amount{1};
      }
      route.credited = std::make_shared<CreditedPeriods>(all.limited_to(high));
      together.credited = route.credited.get();
      route.variant = qualifying(together);
    }
    amount(route, together, independent);
    return route;
  }

  void amount(Route& route, Scenario& together, const std::optional<Pick>& independent) {
    const rules::PartyRules& party = *route.party;
    const rules::Variant& v = *route.variant;
    const SchemeSetup& setup = setup_for(&v);
    if (party.method == rules::AmountMethod::direct) {   // eligibility by totalization, amount from own periods
      Scenario own = together;
      own.credited = nullptr;
      SchemeContext ctx(setup, own);
      route.accrued = ctx.evaluate(v.benefit, steps());
      route.basis = Basis::direct;
      return;
    }
    {   // the theoretical amount: as if every totalized period were the scheme's
      Scenario theory = together;
      if (party.impute) theory.impute = party.impute;
      SchemeContext ctx(setup, theory);
      route.theoretical = ctx.evaluate(v.theoretical ? *v.theoretical : v.benefit, steps());
    }
    together.theoretical = route.theoretical;
    if (independent) together.independent = independent->amount;
    SchemeContext ctx(setup, together);
    route.ratio = party.ratio ? ctx.evaluate(*party.ratio, steps()) : ctx.own_count() / ctx.total_count();
    together.ratio = route.ratio;
    SchemeContext with_ratio(setup, together);
    if (party.amount) {
      route.pro_rata = with_ratio.evaluate(*party.amount, steps());
    } else {
      const Amount raw = *route.theoretical * *route.ratio;
      route.pro_rata = v.rounding ? raw.rounded(Amount::parse(v.rounding->step), v.rounding->mode) : raw;
    }
    together.pro_rata = route.pro_rata;
    SchemeContext with_pro_rata(setup, together);
    route.accrued = party.accrued ? with_pro_rata.evaluate(*party.accrued, steps()) : *route.pro_rata;
    route.basis = Basis::pro_rata;
  }

  /// Of the agreements the worker qualifies under: those not superseded (EU Art 8), then the most
  /// favourable (20 CFR 404.1910).
  const Route* choose(const std::vector<Route>& routes) const {
    const Route* best = nullptr;
    for (const Route& r : routes) {
      if (!r.qualified) continue;
      const auto supersedes = [](const rules::Agreement& a) {
        return a.precedence && a.precedence->rule == rules::PrecedenceRule::supersedes_bilateral;
      };
      const bool superseded = !supersedes(*r.agreement) &&
                              std::any_of(routes.begin(), routes.end(), [&](const Route& other) {
                                return other.agreement != r.agreement && other.agreement->precedence &&
                                       other.agreement->precedence->rule == rules::PrecedenceRule::supersedes_bilateral &&
                                       std::all_of(r.agreement->parties.begin(), r.agreement->parties.end(),
                                                   [&](const rules::Party& p) { return other.agreement->has_party(p.country); });
                              });
      if (superseded) continue;
      if (!best || r.accrued > best->accrued) best = &r;
    }
    return best;
  }

  std::string relieved_cite(const std::vector<Route>& routes) const {
    for (const Route& r : routes)
      if (r.relieved) return r.party->small_periods->cite.text;
    return scheme_.cite.text;
  }

  // --- export ----------------------------------------------------------------------------------

  Exported portable(SchemeResult& r, const Route* chosen, const rules::Variant* variant, const std::vector<Route>& routes) {
    Exported out;
    if (r.accrued.is_zero()) return out;
    std::vector<std::pair<const rules::ExportRule*, const rules::Agreement*>> rules;
    if (chosen)
      for (const rules::ExportRule& e : chosen->party->exports) rules.push_back({&e, chosen->agreement});
    // An agreement speaks on payment abroad to a resident of its other party even where the worker
    // has no period there (POMS GN 01701.150: residence in an agreement country exempts from §202(t)).
    std::vector<const rules::Agreement*> speaking = agreements_considered();
    for (const rules::Agreement* a : agreements_in_force([&](const rules::Agreement& x) {
           return history_.worker.residence != scheme_.country && x.has_party(history_.worker.residence);
         }))
      if (std::find(speaking.begin(), speaking.end(), a) == speaking.end()) speaking.push_back(a);
    for (const rules::Agreement* a : speaking)
      if (!chosen || a != chosen->agreement)
        for (const rules::ExportRule& e : a->party(scheme_.id)->exports) rules.push_back({&e, a});
    for (const rules::ExportRule& e : scheme_.exports) rules.push_back({&e, nullptr});

    Scenario sc;
    sc.accrued = r.accrued;
    sc.independent = r.independent;
    sc.theoretical = r.theoretical;
    sc.pro_rata = r.pro_rata;
    sc.qualified_alone = r.qualified_alone;
    const SchemeSetup& setup = setup_for(variant);
    for (const auto& [rule, agreement] : rules) {
      sc.agreement = agreement;
      // An agreement's export rule reads the periods that agreement totalizes (OAS abroad: 20
      // years with the other party's periods, SST 508411); the scheme's own rules read its own.
      sc.credited = nullptr;
      if (agreement)
        for (const Route& x : routes)
          if (x.agreement == agreement && x.minimum_met) sc.credited = x.credited.get();
      SchemeContext ctx(setup, sc);
      if (!ctx.holds(rule->when)) continue;
      out.rule = rule;
      out.unfrozen = min(r.accrued, max(Amount{}, ctx.evaluate(rule->payable)));
      out.portable = out.unfrozen;
      out.indexation = rule->indexation == rules::Indexation::frozen ? Indexation::frozen : Indexation::uprated;
      if (rule->indexation == rules::Indexation::frozen) out.portable = frozen_amount(r, chosen, variant, *rule, out.unfrozen);
      trace(r, "portable where the worker lives (" + std::string(history_.worker.residence.alpha2()) + ", " +
                   std::string(to_string(out.indexation)) + ")",
            money_text(out.portable), rule->cite.text);
      return out;
    }
    if (history_.worker.residence == scheme_.country) {   // no rule speaks: paid at home, not abroad
      out.portable = out.unfrozen = r.accrued;
      out.indexation = Indexation::uprated;
    }
    trace(r, "portable: no export rule decides; paid only in " + std::string(scheme_.country.name()),
          money_text(out.portable), scheme_.cite.text);
    return out;
  }

  /// A frozen pension stays at the rates in force at the later of the claim date and the move.
  Amount frozen_amount(SchemeResult& r, const Route* chosen, const rules::Variant* variant, const rules::ExportRule& rule,
                       const Amount& unfrozen) {
    const Worker& w = history_.worker;
    const Date freeze = std::max(r.claim_date, w.residence_since.value_or(r.claim_date));
    if (freeze >= w.as_of) return unfrozen;
    Scenario then;
    then.parameter_date = freeze;
    then.qualified_alone = r.qualified_alone;
    Amount at_freeze = unfrozen;
    if (r.basis == Basis::independent && variant) {
      SchemeContext ctx(setup_for(variant), then);
      at_freeze = ctx.evaluate(variant->benefit);
    } else if (chosen && chosen->variant) {
      Route again = *chosen;
      Scenario together = then;
      together.agreement = chosen->agreement;
      together.credited = chosen->credited.get();
      together.shifted_own = shifted_to_me(*chosen->agreement);
      amount(again, together, r.independent ? std::optional<Pick>(Pick{variant, *r.independent}) : std::nullopt);
      at_freeze = again.accrued;
    }
    // The export rule's share of the amount at the freeze date (half abroad, frozen, is half of then).
    then.accrued = at_freeze;
    then.agreement = chosen ? chosen->agreement : nullptr;
    SchemeContext at(setup_for(variant), then);
    const Amount frozen = min(unfrozen, min(at_freeze, max(Amount{}, at.evaluate(rule.payable))));
    trace(r, "frozen at the rates of " + format_date(freeze), money_text(frozen), rule.cite.text);
    projected_loss(r, frozen);
    return frozen;
  }

  void projected_loss(SchemeResult& r, const Amount& frozen) {
    std::optional<int> horizon = options_.horizon_years;
    std::optional<Amount> percent = options_.uprating_percent;
    std::string source = "command line";
    const Date as_of = history_.worker.as_of;
    if (!horizon)
      if (const rules::Parameter* p = scheme_.parameter("projection_horizon_years"))
        if (const rules::ParameterValue* v = p->at(as_of))
          horizon = v->scalar().floor().exact().convert_to<int>(), source = p->cite.text;
    if (!percent)
      if (const rules::Parameter* p = scheme_.parameter("projection_uprating_percent"))
        if (const rules::ParameterValue* v = p->at(as_of)) percent = v->scalar(), source = p->cite.text;
    if (!horizon || !percent) return;
    Amount factor{1};
    for (int year = 0; year < *horizon; ++year) factor = factor * (Amount{1} + *percent / Amount{100});
    const Amount missed = frozen * (factor - Amount{1});
    r.projected_loss = ProjectedLoss{*horizon, percent->str() + "% a year (" + source + ")",
                                     missed.rounded(Amount::parse("0.01"), Rounding::half_even)};
  }

  // --- lost ------------------------------------------------------------------------------------

  void lost(SchemeResult& r, const std::vector<Route>& routes, const Route* chosen, const Exported& exported) {
    // What accrued would be had no refund erased periods.
    Amount accrued_unrefunded = r.accrued;
    bool qualified_unrefunded = r.accrued > Amount{} || r.basis != Basis::none;
    if (own_all_.size() != own_kept_.size()) {
      Scenario everything;
      everything.with_refunded = true;
      const std::optional<Pick> pick = best(everything, true);
      if (pick) {
        accrued_unrefunded = max(accrued_unrefunded, pick->amount);
        qualified_unrefunded = true;
      }
      // …or through an agreement: refunded periods can no longer be totalized either (Japan's
      // lump sum, PMAC), so what the agreement would have paid is lost to the refund too.
      const std::size_t steps_before = steps_.size();
      for (const rules::Agreement* a : agreements_considered()) {
        const Route undone = totalize(*a, pick, true);
        if (!undone.qualified) continue;
        accrued_unrefunded = max(accrued_unrefunded, undone.accrued);
        qualified_unrefunded = true;
      }
      steps_.erase(steps_.begin() + static_cast<std::ptrdiff_t>(steps_before), steps_.end());   // a what-if: no figure's steps
    }
    const Amount l0 = r.counterfactual;
    const Amount l1 = qualified_unrefunded ? min(l0, accrued_unrefunded) : l0;
    const Amount l2 = qualified_unrefunded ? l1 : Amount{};
    const Amount l3 = min(l2, r.accrued);
    const Amount l4 = min(l3, exported.unfrozen);
    const Amount l5 = min(l4, r.portable);
    LostReason why_not = r.status == Status::projected ? LostReason::not_yet_qualified : LostReason::not_qualified;
    const bool foreign = std::any_of(history_.periods.begin(), history_.periods.end(),
                                     [&](const Period& p) { return p.country != scheme_.country; });
    if (std::any_of(routes.begin(), routes.end(), [](const Route& x) { return !x.minimum_met || x.forfeited; }))
      why_not = LostReason::below_agreement_minimum;
    else if (routes.empty() && foreign)
      why_not = LostReason::no_agreement;
    const std::pair<LostReason, Amount> shares[] = {
        {LostReason::pro_rata_method, l0 - l1}, {why_not, l1 - l2}, {LostReason::refund_forfeits_periods, l2 - l3},
        {LostReason::not_exportable, l3 - l4},  {LostReason::frozen_uprating, l4 - l5}};
    r.lost = l0 - l5;
    for (const auto& [reason, amount] : shares)
      if (amount > Amount{}) {
        r.lost_reasons.push_back({reason, amount});
        trace(r, "lost: " + std::string(to_string(reason)), money_text(amount), lost_cite(reason, chosen, exported, routes));
      }
    // Contributions that buy nothing: the scheme pays nothing and no refund is open or taken.
    if (r.accrued.is_zero()) {
      std::optional<Amount> paid;
      for (const Period* p : own_kept_)
        if (p->contributions) paid = paid.value_or(Amount{}) + *p->contributions;
      if (paid) r.contributions_without_benefit = Money{scheme_.currency, *paid};
    }
  }

  /// The first route whose small-period clause forfeited the scheme's periods (the UK-EU TCA's
  /// Art SSC.52(1)), or null.
  static const Route* forfeited_route(const std::vector<Route>& routes) {
    const auto f = std::find_if(routes.begin(), routes.end(), [](const Route& x) { return x.forfeited; });
    return f == routes.end() ? nullptr : &*f;
  }

  std::string lost_cite(LostReason reason, const Route* chosen, const Exported& exported,
                        const std::vector<Route>& routes) const {
    if (reason == LostReason::not_exportable || reason == LostReason::frozen_uprating)
      return exported.rule ? exported.rule->cite.text : scheme_.cite.text;
    if (reason == LostReason::pro_rata_method && chosen) return chosen->party->cite.text;
    // Periods forfeited by a small-period clause (the UK-EU TCA's Art SSC.52(1)): that clause is
    // the source of the loss, not the scheme's conditions.
    if (reason == LostReason::below_agreement_minimum)
      if (const Route* f = forfeited_route(routes)) return f->party->small_periods->cite.text;
    return scheme_.variants.empty() ? scheme_.cite.text : scheme_.variants.front().cite.text;
  }

  // --- refunds, periods counted, shortfall -----------------------------------------------------

  void refunds(SchemeResult& r) {
    for (const Period* p : own_all_)
      if (p->refunded_on) {
        const rules::RefundOption* option = scheme_.refunds.empty() ? nullptr : &scheme_.refunds.front();
        r.paid_out.push_back({option ? option->id : "refund", *p->refunded_on, p->span, std::nullopt,
                              option ? option->cite.text : scheme_.cite.text});
      }
    if (own_kept_.empty()) return;
    Date last = own_kept_.front()->span.to();
    Date departure = last;
    for (const Period* p : own_kept_) last = std::max(last, p->span.to());
    for (const Period& p : history_.periods)
      if (p.country == scheme_.country) departure = std::max(departure, p.span.to());
    for (const rules::RefundOption& option : scheme_.refunds) {
      Scenario sc;
      sc.qualified_alone = r.qualified_alone;
      SchemeContext ctx(setup_for(first_variant()), sc);
      if (!ctx.holds(option.who)) continue;
      std::optional<Date> deadline;
      if (option.deadline_months)
        deadline = add_months(option.deadline_from == rules::DeadlineFrom::departure ? departure : last,
                              *option.deadline_months);
      if (deadline && *deadline < history_.worker.as_of) continue;   // too late to claim
      const Amount amount = ctx.evaluate(option.amount);
      r.options.push_back({option.id, Money{scheme_.currency, amount}, deadline,
                           option.erases_periods ? "the periods it is based on (" + r.own_periods.count.str() + " " +
                                                       std::string(to_string(scheme_.periods.unit)) +
                                                       "s) and any pension from them, here or through an agreement"
                                                 : "nothing",
                           option.cite.text});
    }
  }

  void counted(SchemeResult& r, const Route* chosen, bool relieved, const std::vector<Route>& routes) {
    const rules::MeasureSpec* spec = scheme_.measure(scheme_.periods.count);
    const bool pays = !r.accrued.is_zero();
    const Route* forfeited = forfeited_route(routes);
    for (const Period* p : own_all_) {
      PeriodCounted c{p->country, p->span, scheme_.periods.unit, {}, UsedFor::none, {}};
      if (spec) {
        std::vector<const Period*> one{p};
        SchemeSetup setup{scheme_, history_, one, one, setup_for(nullptr).timing};
        Scenario alone;
        alone.with_refunded = true;
        SchemeContext ctx(setup, alone);
        c.count = ctx.own_count();
      }
      if (p->refunded_on) c.why = "refunded on " + format_date(*p->refunded_on) + ": the periods no longer count";
      else if (relieved) c.why = "relieved: less than the agreement's small-period threshold, paid by the other states";
      else if (!pays && forfeited) c.why = "less than " + forfeited->agreement->id + "'s small-period threshold: owed nothing for these periods";
      else if (pays) c.used_for = UsedFor::eligibility_and_amount;
      else c.why = "does not qualify";
      r.periods_counted.push_back(std::move(c));
    }
    const Route* shown = chosen ? chosen : nullptr;
    if (!shown)
      for (const Route& x : routes)
        if (x.credited) shown = &x;
    if (shown && shown->credited)
      for (const CreditedSource& s : shown->credited->sources)
        r.periods_counted.push_back({s.country, s.span, scheme_.periods.unit, s.count,
                                     shown == chosen && pays ? UsedFor::eligibility : UsedFor::none,
                                     "credited under " + shown->agreement->id +
                                         (shown->party->credit == rules::CreditRule::as_needed ? ", only as needed" : "")});
  }

  void shortfall(SchemeResult& r, const std::vector<Route>& routes) {
    // The fewest further own units that would qualify: added as if credited in the as-of year.
    const auto qualifies_with = [&](const CreditedPeriods* base, const rules::Agreement* a, int extra) {
      CreditedPeriods more = base ? *base : CreditedPeriods{scheme_.periods.unit, {}, {}, {}};
      more.per_year[9999] += Amount{extra};
      more.total += Amount{extra};
      Scenario sc;
      sc.credited = &more;
      sc.agreement = a;
      for (const rules::Variant& v : scheme_.variants) {
        SchemeContext ctx(setup_for(&v), sc);
        if ((!v.applies || ctx.holds(*v.applies)) && ctx.holds(v.qualifies)) return true;
      }
      return false;
    };
    // Qualifying only grows with periods: double until it holds, then halve back (≤ 2,048 units).
    const auto needed = [&](const CreditedPeriods* base, const rules::Agreement* a) -> std::optional<Amount> {
      int high = 1;
      while (high <= 2048 && !qualifies_with(base, a, high)) high *= 2;
      if (high > 2048) return std::nullopt;
      int low = high / 2 + 1;
      while (low < high) {
        const int mid = low + (high - low) / 2;
        if (qualifies_with(base, a, mid)) high = mid; else low = mid + 1;
      }
      return Amount{high};
    };
    const auto alone = needed(nullptr, nullptr);
    if (!alone) return;
    Shortfall s{{scheme_.periods.unit, *alone}, {}};
    for (const Route& x : routes)
      if (x.credited)
        if (const auto through = needed(x.credited.get(), x.agreement))
          s.through.push_back({x.agreement->id, {scheme_.periods.unit, *through}});
    r.shortfall = s;
  }

  void trace(SchemeResult& r, std::string step, std::string value, std::string cite) {
    // Sub-expression steps (with --explain) come before the figure traced next. Each cites its
    // own source: a parameter, measure or formula read by name its own cite, any other step the
    // cite of the rule whose expression computed it, else the figure's.
    for (const rules::EvaluationStep& s : steps_) r.trace.push_back({s.text, s.value, step_cite(s, cite)});
    steps_.clear();
    r.trace.push_back({std::move(step), std::move(value), std::move(cite)});
  }

  const std::string& step_cite(const rules::EvaluationStep& s, const std::string& figure) const {
    if (const rules::Parameter* p = scheme_.parameter(s.text)) return p->cite.text;
    if (const rules::MeasureSpec* m = scheme_.measure(s.text)) return m->cite.text;
    if (const rules::Formula* f = scheme_.formula(s.text)) return f->cite.text;
    return s.cite.empty() ? figure : s.cite;
  }

  const rules::Rulebook& rules_;
  const History& history_;
  const rules::Scheme& scheme_;
  const RoutedScheme& routed_;
  const AssessOptions& options_;
  const std::vector<Shift>& shifts_;
  std::vector<const Period*> own_all_, own_kept_;
  std::map<const rules::Variant*, std::unique_ptr<SchemeSetup>> setups_;
  ForeignCounts& foreign_counts_;
  std::optional<std::optional<Pick>> best_alone_;
  std::vector<rules::EvaluationStep> steps_;
  const rules::Agreement* pays_all_under_ = nullptr;   ///< EU Art 57(3): the last state, paying all
};

/// Workers outside a scheme's personal scope are not invented into figures (GOSI: Saudi nationals).
inline bool covers(const rules::Scheme& scheme, const History& history, const RoutedScheme& routed) {
  if (!scheme.scope) return true;
  SchemeSetup setup{scheme, history, routed.periods, routed.periods, claim_timing(scheme, nullptr, history.worker)};
  Scenario alone;
  SchemeContext ctx(setup, alone);
  return ctx.holds(scheme.scope->covers);
}

using Assessable = std::vector<std::pair<const RoutedScheme*, std::unique_ptr<SchemeAssessor>>>;

/// EU Art 57(3): where the small-period clause of an agreement would relieve every state the
/// worker was insured in, "benefits shall be provided exclusively under the legislation of the
/// last of those Member States whose conditions are satisfied, as if all the periods … had been
/// completed under" it. That scheme's relief is taken back: it counts the others' shifted periods
/// as its own. Only where every state concerned has an assessed scheme, all relieved (a state
/// without encoded rules might owe a benefit of its own).
inline void last_state_pays(const History& history, Assessable& assessable, std::vector<Shift>& shifts) {
  std::set<const rules::Agreement*> agreements;
  for (const Shift& s : shifts) agreements.insert(s.agreement);
  for (const rules::Agreement* a : agreements) {
    std::set<Country> concerned, relieved_states;
    for (const Period& p : history.periods)
      if (a->has_party(p.country)) concerned.insert(p.country);
    std::vector<SchemeAssessor*> relieved;
    bool all_relieved = true, last_pays = true;
    for (auto& [routed, assessor] : assessable) {
      const rules::Scheme& scheme = *routed->scheme;
      const rules::PartyRules* party = a->has_party(scheme.country) ? a->party(scheme.id) : nullptr;
      if (!party) continue;
      const bool is_relieved = std::any_of(shifts.begin(), shifts.end(), [&](const Shift& s) {
        return s.agreement == a && s.from == scheme.id;
      });
      if (!is_relieved) {
        all_relieved = false;
        break;
      }
      last_pays = last_pays && party->small_periods && party->small_periods->last_pays_when_all_relieved;
      relieved.push_back(assessor.get());
      relieved_states.insert(scheme.country);
    }
    if (!all_relieved || !last_pays || relieved_states != concerned) continue;
    std::stable_sort(relieved.begin(), relieved.end(), [](const SchemeAssessor* x, const SchemeAssessor* y) {
      return x->last_period_end() > y->last_period_end();
    });
    for (SchemeAssessor* s : relieved) {
      if (!s->takes_over_all_periods(*a)) continue;
      const SchemeId payer = s->scheme().id;
      std::erase_if(shifts, [&](const Shift& x) { return x.agreement == a && x.from == payer; });
      break;
    }
  }
}

}  // namespace engine::detail

TOTALIS_ENGINE_INLINE Assessment assess(const rules::Rulebook& rulebook, const History& history, const AssessOptions& options) {
  Assessment a;
  a.worker_id = history.worker.id;
  a.as_of = history.worker.as_of;
  a.residence = history.worker.residence;
  a.rulebook = {rulebook.version(), static_cast<int>(rulebook.schemes().size()),
                static_cast<int>(rulebook.agreements().size())};
  a.warnings.emplace_back(engine::detail::out_of_scope_warning);
  if (history.worker.nationalities.empty())
    a.warnings.emplace_back("nationality unknown: export rules for nationals are not applied");

  // A posting longer than the agreement allows is assessed as given, with a warning (EU Art 12:
  // 24 months; US agreements: 5 years).
  for (std::size_t i = 0; i < history.periods.size(); ++i) {
    const Period& p = history.periods[i];
    if (!p.worked_in || *p.worked_in == p.country) continue;
    const Amount months = count(p.span, CountingRule::calendar_months_touched);
    for (const rules::Agreement* agreement : rulebook.between(p.country, *p.worked_in))
      for (const rules::PartyRules& party : agreement->party_rules)
        if (party.posting && party.scheme.country() == p.country && months > Amount{party.posting->max_months}) {
          a.warnings.push_back("period " + std::to_string(i + 1) + ": a posting from " + std::string(p.country.alpha2()) +
                               " to " + std::string(p.worked_in->alpha2()) + " of " + months.str() +
                               " months exceeds the " + std::to_string(party.posting->max_months) + " months of " +
                               agreement->id + " (" + party.posting->cite.text + "); assessed as given");
          break;
        }
  }
  engine::Routing routing = engine::route(rulebook, history);
  a.unassessed = std::move(routing.unassessed);
  std::vector<const engine::RoutedScheme*> covered;
  for (const engine::RoutedScheme& routed : routing.schemes) {
    if (engine::detail::covers(*routed.scheme, history, routed)) {
      covered.push_back(&routed);
      continue;
    }
    std::vector<const Period*> periods = routed.periods;
    a.unassessed.push_back(engine::unassessed_periods(routed.scheme->country, periods, UnassessedReason::not_covered,
                                                      routed.scheme->id.str() + ": " + routed.scheme->scope->cite.text));
  }
  // A scheme whose rules give no value for this worker (a pension age not encoded for the
  // cohort, a rate not for the date) is reported unassessed with the reason; the others are not
  // held back by it.
  const auto incomplete = [&](const engine::RoutedScheme& routed, const rules::RuleGap& e) {
    a.unassessed.push_back(engine::unassessed_periods(routed.scheme->country, routed.periods,
                                                      UnassessedReason::rules_incomplete, e.what()));
    a.warnings.push_back(routed.scheme->id.str() + " not assessed: " + e.what());
  };
  // Small periods relieved under EU Art 57 first: the other states take them over. Each scheme's
  // assessor is kept from this probe to its run, with what it has computed for the worker.
  std::vector<engine::detail::Shift> shifts;
  engine::detail::ForeignCounts foreign_counts;
  engine::detail::Assessable assessable;
  for (const engine::RoutedScheme* routed : covered) {
    try {
      auto assessor = std::make_unique<engine::detail::SchemeAssessor>(rulebook, history, *routed, options, shifts,
                                                                        foreign_counts);
      for (const auto& s : assessor->relieved_under()) shifts.push_back(s);
      assessable.emplace_back(routed, std::move(assessor));
    } catch (const rules::RuleGap& e) {
      incomplete(*routed, e);
    }
  }
  engine::detail::last_state_pays(history, assessable, shifts);
  for (auto& [routed, assessor] : assessable) {
    try {
      a.schemes.push_back(assessor->run(a.warnings));
    } catch (const rules::RuleGap& e) {
      incomplete(*routed, e);
    }
  }
  return a;
}

}  // namespace totalis
