// The gap report: exact totals keyed by corridor and scheme (see gap_report.hpp for the columns).

#include "totalis/io/gap_report.hpp"

#include "totalis/io/report.hpp"

#include <algorithm>

namespace totalis::io {

namespace {

}  // namespace

void GapReport::add(const History& history, const Assessment& assessment) {
  ++workers_;
  const std::string residence(assessment.residence.alpha2());
  for (const SchemeResult& s : assessment.schemes) {
    SchemeTotals& t = schemes_[{std::string(s.country.alpha2()), residence, s.scheme.str(),
                                std::string(s.currency.code()), std::string(to_string(s.own_periods.unit))}];
    ++t.workers;
    for (const Period& p : history.periods) {
      if (p.country != s.country || (p.scheme && *p.scheme != s.scheme)) continue;
      ++t.period_rows;
      if (!p.contributions) continue;
      if (p.currency && *p.currency != s.currency)
        ++t.contributions_other_currency_rows;
      else
        t.contributions_paid += *p.contributions;
    }
    t.periods += s.own_periods.count;
    const Amount factor = periods_per_year(s.per);
    t.annual_counterfactual += s.counterfactual * factor;
    t.annual_portable += s.portable * factor;
    t.annual_lost += s.lost * factor;
    for (const LostShare& share : s.lost_reasons) {
      const auto at = std::find(all_lost_reasons.begin(), all_lost_reasons.end(), share.reason);
      t.annual_lost_by_reason[static_cast<std::size_t>(at - all_lost_reasons.begin())] += share.amount * factor;
    }
  }
  for (const Unassessed& u : assessment.unassessed) {
    UnassessedTotals& t = unassessed_[{std::string(u.country.alpha2()), residence, std::string(to_string(u.reason)),
                                       u.contributions ? std::string(u.contributions->currency().code()) : "",
                                       std::string(to_string(u.periods.unit))}];
    ++t.workers;
    t.period_rows += static_cast<std::uint64_t>(
        std::count_if(history.periods.begin(), history.periods.end(), [&](const Period& p) { return p.country == u.country; }));
    t.periods += u.periods.count;
    if (u.contributions) t.contributions_paid += u.contributions->amount();
  }
}

void GapReport::merge(const GapReport& other) {
  workers_ += other.workers_;
  for (const auto& [key, o] : other.schemes_) {
    SchemeTotals& t = schemes_[key];
    t.workers += o.workers;
    t.period_rows += o.period_rows;
    t.periods += o.periods;
    t.contributions_paid += o.contributions_paid;
    t.contributions_other_currency_rows += o.contributions_other_currency_rows;
    t.annual_counterfactual += o.annual_counterfactual;
    t.annual_portable += o.annual_portable;
    t.annual_lost += o.annual_lost;
    for (std::size_t r = 0; r < t.annual_lost_by_reason.size(); ++r)
      t.annual_lost_by_reason[r] += o.annual_lost_by_reason[r];
  }
  for (const auto& [key, o] : other.unassessed_) {
    UnassessedTotals& t = unassessed_[key];
    t.workers += o.workers;
    t.period_rows += o.period_rows;
    t.periods += o.periods;
    t.contributions_paid += o.contributions_paid;
  }
}

std::string GapReport::csv_header() {
  std::string h =
      "section,from,to,scheme,reason,currency,unit,workers,period_rows,periods,contributions_paid,"
      "contributions_other_currency_rows,annual_counterfactual,annual_portable,annual_lost";
  for (LostReason r : all_lost_reasons) h += ",annual_lost_" + std::string(to_string(r));
  return h + "\n";
}

std::string GapReport::csv() const {
  std::string out = csv_header();
  const auto row = [&out](std::initializer_list<std::string> fields) {
    bool first = true;
    for (const std::string& f : fields) {
      if (!first) out += ',';
      out += csv_field(f);
      first = false;
    }
  };
  for (const auto& [key, t] : schemes_) {
    const auto& [from, to, scheme, currency, unit] = key;
    row({"scheme", from, to, scheme, "", currency, unit, std::to_string(t.workers), std::to_string(t.period_rows),
         t.periods.str(), format_amount(t.contributions_paid), std::to_string(t.contributions_other_currency_rows),
         format_amount(t.annual_counterfactual), format_amount(t.annual_portable), format_amount(t.annual_lost)});
    for (const Amount& a : t.annual_lost_by_reason) out += "," + format_amount(a);
    out += '\n';
  }
  for (const auto& [key, t] : unassessed_) {
    const auto& [from, to, reason, currency, unit] = key;
    row({"unassessed", from, to, "", reason, currency, unit, std::to_string(t.workers), std::to_string(t.period_rows), t.periods.str(),
         currency.empty() ? "" : format_amount(t.contributions_paid), "", "", "", ""});
    for (std::size_t r = 0; r < all_lost_reasons.size(); ++r) out += ',';
    out += '\n';
  }
  return out;
}

}  // namespace totalis::io
