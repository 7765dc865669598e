// The JSON report: field names and order as in DESIGN §6; absent values as the schema allows
// (optional amounts omitted, nullable objects null).

#include "totalis/io/report.hpp"

#include <boost/json.hpp>

namespace totalis::io {

namespace json = boost::json;

std::string format_amount(const Amount& amount) {
  const Amount cents = amount * Amount{100};
  return cents.is_integer() ? amount.fixed(2) : amount.str();
}

namespace {

json::string_view sv(std::string_view s) { return {s.data(), s.size()}; }

json::object periods(const PeriodTotal& p) {
  json::object o;
  o["unit"] = sv(to_string(p.unit));
  o["count"] = p.count.str();
  return o;
}

json::value money(const std::optional<Money>& m) {
  if (!m) return nullptr;
  json::object o;
  o["currency"] = sv(m->currency().code());
  o["amount"] = format_amount(m->amount());
  return o;
}

json::object scheme_object(const SchemeResult& s) {
  json::object o;
  o["country"] = sv(s.country.alpha2());
  o["scheme"] = s.scheme.str();
  o["currency"] = sv(s.currency.code());
  o["per"] = sv(to_string(s.per));
  o["status"] = sv(to_string(s.status));
  o["claim_date"] = format_date(s.claim_date);
  o["own_periods"] = periods(s.own_periods);
  if (s.totalized_periods) o["totalized_periods"] = periods(*s.totalized_periods);
  o["qualified"] = json::object{{"alone", s.qualified_alone}, {"totalized", s.qualified_totalized}};
  o["basis"] = sv(to_string(s.basis));
  o["agreement_applied"] = s.agreement_applied ? json::value(*s.agreement_applied) : json::value(nullptr);
  json::array considered;
  for (const std::string& a : s.agreements_considered) considered.emplace_back(a);
  o["agreements_considered"] = std::move(considered);
  if (s.independent) o["independent"] = format_amount(*s.independent);
  if (s.theoretical) o["theoretical"] = format_amount(*s.theoretical);
  if (s.pro_rata) o["pro_rata"] = format_amount(*s.pro_rata);
  o["accrued"] = format_amount(s.accrued);
  o["portable"] = format_amount(s.portable);
  o["indexation"] = sv(to_string(s.indexation));
  o["counterfactual"] = format_amount(s.counterfactual);
  o["lost"] = format_amount(s.lost);
  json::array reasons;
  for (const LostShare& l : s.lost_reasons)
    reasons.push_back(json::object{{"reason", sv(to_string(l.reason))}, {"amount", format_amount(l.amount)}});
  o["lost_reasons"] = std::move(reasons);
  o["contributions_without_benefit"] = money(s.contributions_without_benefit);
  if (s.shortfall) {
    json::object through;
    for (const auto& [agreement, need] : s.shortfall->through) through[agreement] = periods(need);
    o["shortfall"] = json::object{{"alone", periods(s.shortfall->alone)}, {"through", std::move(through)}};
  } else {
    o["shortfall"] = nullptr;
  }
  if (s.projected_loss)
    o["projected_loss"] = json::object{{"horizon_years", s.projected_loss->horizon_years},
                                       {"uprating", s.projected_loss->uprating},
                                       {"amount", format_amount(s.projected_loss->amount)}};
  json::array options;
  for (const ClaimOption& c : s.options) {
    json::object opt{{"kind", c.kind}, {"amount", money(c.amount)}};
    if (c.deadline) opt["deadline"] = format_date(*c.deadline);
    opt["forfeits"] = c.forfeits;
    opt["cite"] = c.cite;
    options.push_back(std::move(opt));
  }
  o["options"] = std::move(options);
  json::array paid;
  for (const PaidOut& p : s.paid_out) {
    json::object item{{"kind", p.kind}, {"paid_on", format_date(p.paid_on)},
                      {"from", format_date(p.periods.from())}, {"to", format_date(p.periods.to())}};
    if (p.amount) item["amount"] = money(p.amount);
    item["cite"] = p.cite;
    paid.push_back(std::move(item));
  }
  o["paid_out"] = std::move(paid);
  json::array counted;
  for (const PeriodCounted& p : s.periods_counted) {
    json::object item{{"country", sv(p.country.alpha2())}, {"from", format_date(p.span.from())},
                      {"to", format_date(p.span.to())},     {"unit", sv(to_string(p.unit))},
                      {"count", p.count.str()},             {"used_for", sv(to_string(p.used_for))}};
    if (!p.why.empty()) item["why"] = p.why;
    counted.push_back(std::move(item));
  }
  o["periods_counted"] = std::move(counted);
  json::array trace;
  for (const TraceStep& t : s.trace) trace.push_back(json::object{{"step", t.step}, {"value", t.value}, {"cite", t.cite}});
  o["trace"] = std::move(trace);
  return o;
}

/// Boost.JSON serialises compactly; reports are read by people too, so indent.
void pretty(std::string& out, const json::value& v, int depth) {
  const std::string pad(static_cast<std::size_t>(depth) * 2, ' ');
  const std::string inner(static_cast<std::size_t>(depth + 1) * 2, ' ');
  if (const json::object* o = v.if_object()) {
    if (o->empty()) return void(out += "{}");
    out += "{\n";
    bool first = true;
    for (const auto& [key, value] : *o) {
      if (!first) out += ",\n";
      first = false;
      out += inner + json::serialize(json::string(key)) + ": ";
      pretty(out, value, depth + 1);
    }
    out += "\n" + pad + "}";
  } else if (const json::array* a = v.if_array()) {
    if (a->empty()) return void(out += "[]");
    out += "[\n";
    bool first = true;
    for (const json::value& value : *a) {
      if (!first) out += ",\n";
      first = false;
      out += inner;
      pretty(out, value, depth + 1);
    }
    out += "\n" + pad + "]";
  } else {
    out += json::serialize(v);
  }
}

}  // namespace

std::string to_json(const Assessment& a) {
  json::object o;
  o["worker_id"] = a.worker_id;
  o["as_of"] = format_date(a.as_of);
  o["residence"] = sv(a.residence.alpha2());
  o["rulebook"] = json::object{{"version", a.rulebook.version}, {"schemes", a.rulebook.schemes},
                               {"agreements", a.rulebook.agreements}};
  json::array schemes;
  for (const SchemeResult& s : a.schemes) schemes.push_back(scheme_object(s));
  o["schemes"] = std::move(schemes);
  json::array unassessed;
  for (const Unassessed& u : a.unassessed) {
    json::object item{{"country", sv(u.country.alpha2())}, {"reason", sv(to_string(u.reason))},
                      {"periods", periods(u.periods)}, {"contributions", money(u.contributions)}};
    if (!u.why.empty()) item["why"] = u.why;
    unassessed.push_back(std::move(item));
  }
  o["unassessed"] = std::move(unassessed);
  json::array warnings;
  for (const std::string& w : a.warnings) warnings.emplace_back(w);
  o["warnings"] = std::move(warnings);
  std::string out;
  pretty(out, o, 0);
  return out + "\n";
}

}  // namespace totalis::io
