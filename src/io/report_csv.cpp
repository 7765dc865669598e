// The CSV report: one row per worker and scheme (DESIGN §6), JSON fields flattened, one column
// per lost reason, and each amount also annualised (52 weeks, 26 fortnights, 12 months a year).

#include "totalis/io/report.hpp"

namespace totalis::io {

std::string csv_field(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

Amount periods_per_year(Per per) {
  switch (per) {
    case Per::week: return Amount{52};
    case Per::fortnight: return Amount{26};
    case Per::month: return Amount{12};
    case Per::year: return Amount{1};
  }
  return Amount{12};
}

namespace {

std::string optional_amount(const std::optional<Amount>& a) { return a ? format_amount(*a) : std::string(); }

}  // namespace

std::string csv_header() {
  std::string h =
      "worker_id,as_of,residence,rulebook_version,country,scheme,currency,per,status,claim_date,"
      "own_unit,own_count,totalized_unit,totalized_count,qualified_alone,qualified_totalized,basis,"
      "agreement_applied,agreements_considered,independent,theoretical,pro_rata,accrued,portable,indexation,"
      "counterfactual,lost";
  for (LostReason r : all_lost_reasons) h += ",lost_" + std::string(to_string(r));
  h += ",contributions_without_benefit,shortfall_unit,shortfall_alone,projected_loss,options,"
       "annual_accrued,annual_portable,annual_counterfactual,annual_lost\n";
  return h;
}

std::string to_csv_rows(const Assessment& a) {
  std::string out;
  for (const SchemeResult& s : a.schemes) {
    std::vector<std::string> f{
        a.worker_id, format_date(a.as_of), std::string(a.residence.alpha2()), a.rulebook.version,
        std::string(s.country.alpha2()), s.scheme.str(), std::string(s.currency.code()), std::string(to_string(s.per)),
        std::string(to_string(s.status)), format_date(s.claim_date), std::string(to_string(s.own_periods.unit)),
        s.own_periods.count.str(),
        s.totalized_periods ? std::string(to_string(s.totalized_periods->unit)) : std::string(),
        s.totalized_periods ? s.totalized_periods->count.str() : std::string(), s.qualified_alone ? "true" : "false",
        s.qualified_totalized ? "true" : "false", std::string(to_string(s.basis)), s.agreement_applied.value_or("")};
    std::string considered;
    for (const std::string& c : s.agreements_considered) considered += (considered.empty() ? "" : ";") + c;
    f.push_back(considered);
    f.push_back(optional_amount(s.independent));
    f.push_back(optional_amount(s.theoretical));
    f.push_back(optional_amount(s.pro_rata));
    f.push_back(format_amount(s.accrued));
    f.push_back(format_amount(s.portable));
    f.push_back(std::string(to_string(s.indexation)));
    f.push_back(format_amount(s.counterfactual));
    f.push_back(format_amount(s.lost));
    for (LostReason r : all_lost_reasons) {
      Amount share;
      for (const LostShare& l : s.lost_reasons)
        if (l.reason == r) share += l.amount;
      f.push_back(format_amount(share));
    }
    f.push_back(s.contributions_without_benefit ? format_amount(s.contributions_without_benefit->amount()) : "");
    f.push_back(s.shortfall ? std::string(to_string(s.shortfall->alone.unit)) : "");
    f.push_back(s.shortfall ? s.shortfall->alone.count.str() : "");
    f.push_back(s.projected_loss ? format_amount(s.projected_loss->amount) : "");
    std::string options;
    for (const ClaimOption& o : s.options) options += (options.empty() ? "" : ";") + o.kind;
    f.push_back(options);
    const Amount factor = periods_per_year(s.per);
    for (const Amount* x : {&s.accrued, &s.portable, &s.counterfactual, &s.lost})
      f.push_back(format_amount(*x * factor));
    for (std::size_t i = 0; i < f.size(); ++i) out += (i ? "," : "") + csv_field(f[i]);
    out += '\n';
  }
  return out;
}

}  // namespace totalis::io
