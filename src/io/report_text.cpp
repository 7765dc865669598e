// The text report: a table of the schemes, a short "why" for each, what was not assessed, the
// warnings, and with --explain every trace step with its cite.

#include "totalis/io/report.hpp"

#include <algorithm>
#include <sstream>

namespace totalis::io {

namespace {

std::string periods_text(const PeriodTotal& p) {
  return p.count.str() + " " + std::string(to_string(p.unit)) + (p.count == Amount{1} ? "" : "s");
}

/// One sentence: how the worker qualified, on which basis, what can be taken along, what is lost.
std::string why(const SchemeResult& s) {
  std::ostringstream out;
  out << periods_text(s.own_periods) << " of own periods";
  if (s.totalized_periods) out << ", " << periods_text(*s.totalized_periods) << " totalized";
  out << "; ";
  if (s.qualified_alone)
    out << "qualifies alone";
  else if (s.qualified_totalized)
    out << "qualifies through " << s.agreement_applied.value_or("an agreement");
  else if (s.status == Status::projected)
    out << "does not qualify yet";
  else
    out << "does not qualify";
  out << "; basis " << to_string(s.basis) << ", accrued " << format_amount(s.accrued);
  out << ", portable " << format_amount(s.portable) << " (" << to_string(s.indexation) << ")";
  if (!s.lost.is_zero()) {
    out << "; lost " << format_amount(s.lost) << ":";
    for (const LostShare& l : s.lost_reasons) out << " " << to_string(l.reason) << " " << format_amount(l.amount);
  }
  if (s.shortfall) out << "; still needs " << periods_text(s.shortfall->alone) << " alone";
  for (const auto& [agreement, need] : s.shortfall ? s.shortfall->through : decltype(s.shortfall->through){})
    out << ", " << periods_text(need) << " through " << agreement;
  return out.str();
}

void table(std::ostringstream& out, const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width;
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (width.size() <= c) width.push_back(0);
      width[c] = std::max(width[c], row[c].size());
    }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      const bool numeric = c >= 5 && c <= 8;   // amounts right-aligned
      const std::string pad(width[c] - row[c].size(), ' ');
      line += numeric ? pad + row[c] : row[c] + pad;
      if (c + 1 < row.size()) line += "  ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << "  " << line << '\n';
  }
}

}  // namespace

std::string to_text(const Assessment& a, const TextOptions& options) {
  std::ostringstream out;
  out << "Worker " << a.worker_id << ", as of " << format_date(a.as_of) << ", living in " << a.residence.name()
      << " (" << a.residence.alpha2() << ")\n";
  out << "Rulebook " << a.rulebook.version << " (" << a.rulebook.schemes << " schemes, " << a.rulebook.agreements
      << " agreements)\n\n";
  if (a.schemes.empty()) {
    out << "No encoded scheme applies to this history.\n";
  } else {
    std::vector<std::vector<std::string>> rows{
        {"scheme", "status", "claim date", "basis", "currency", "accrued", "portable", "counterfactual", "lost", "per"}};
    for (const SchemeResult& s : a.schemes)
      rows.push_back({s.scheme.str(), std::string(to_string(s.status)), format_date(s.claim_date),
                      std::string(to_string(s.basis)), std::string(s.currency.code()), format_amount(s.accrued),
                      format_amount(s.portable), format_amount(s.counterfactual), format_amount(s.lost),
                      std::string(to_string(s.per))});
    table(out, rows);
    out << "\nWhy:\n";
    for (const SchemeResult& s : a.schemes) out << "  " << s.scheme.view() << ": " << why(s) << '\n';
  }
  for (const SchemeResult& s : a.schemes) {
    for (const ClaimOption& o : s.options) {
      out << "\nOption (" << s.scheme.view() << "): " << o.kind << " of " << format_amount(o.amount.amount()) << " "
          << o.amount.currency().code();
      if (o.deadline) out << ", to be claimed by " << format_date(*o.deadline);
      out << "; it forfeits " << o.forfeits << " [" << o.cite << "]\n";
    }
    if (s.projected_loss)
      out << "\nProjected loss (" << s.scheme.view() << "): " << format_amount(s.projected_loss->amount) << " "
          << s.currency.code() << " per " << to_string(s.per) << " after " << s.projected_loss->horizon_years
          << " years, assuming " << s.projected_loss->uprating << '\n';
  }
  if (!a.unassessed.empty()) {
    out << "\nNot assessed:\n";
    for (const Unassessed& u : a.unassessed) {
      out << "  " << u.country.alpha2() << " (" << u.country.name() << "): " << periods_text(u.periods) << ", "
          << to_string(u.reason);
      if (!u.why.empty()) out << " — " << u.why;
      out << '\n';
    }
  }
  if (!a.warnings.empty()) {
    out << "\nWarnings:\n";
    for (const std::string& w : a.warnings) out << "  - " << w << '\n';
  }
  if (options.explain) {
    for (const SchemeResult& s : a.schemes) {
      out << "\nTrace " << s.scheme.view() << ":\n";
      for (const TraceStep& t : s.trace) out << "  " << t.step << " = " << t.value << "   [" << t.cite << "]\n";
    }
  }
  return out.str();
}

}  // namespace totalis::io
