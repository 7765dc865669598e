// Reading an agreement file (DESIGN §4; the format reference is agreements/FORMAT.md).

#include "rule_readers.hpp"

#include "totalis/core/time_unit.hpp"
#include "totalis/core/unit_conversion.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <utility>

namespace totalis::io::detail {

rules::PartyRules empty_party_rules() {
  return rules::PartyRules{.scheme = SchemeId{"AD-UNREAD"}, .from_wildcard = false, .minimum_own = {},
                           .credit = rules::CreditRule::all, .method = rules::AmountMethod::direct, .ratio = {},
                           .amount = {}, .accrued = {}, .impute = {}, .conversions = {}, .small_periods = {},
                           .exports = {}, .posting = {}, .cite = {}, .where = {}};
}

namespace {

bool is_agreement_id(std::string_view id) {
  if (id.size() < 2 || id.size() > 40 || id.front() == '-' || id.back() == '-') return false;
  return std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'; });
}

/// A list of ISO 3166-1 codes (`parties`, `[cross_border] involving`): the countries it names, each
/// with its node for the errors that follow; an unknown code is reported and left out.
struct CountryList {
  const toml::node* node = nullptr;   ///< the list itself
  std::size_t named = 0;              ///< codes written, known or not
  std::vector<std::pair<Country, const toml::node*>> countries;
};

std::optional<CountryList> read_countries(RuleFile& file, const toml::table& t, std::string_view key,
                                          const std::string& where) {
  auto codes = file.strings(t, key, where, true);
  if (!codes) return std::nullopt;
  CountryList list{t.get(key), codes->size(), {}};
  for (std::size_t i = 0; i < codes->size(); ++i) {
    const toml::node* item = list.node->as_array()->get(i);
    if (auto c = Country::find((*codes)[i])) list.countries.emplace_back(*c, item);
    else file.error(item->source(), "unknown country '" + (*codes)[i] + "' (ISO 3166-1 alpha-2)");
  }
  return list;
}

std::vector<std::string_view> period_kind_list() {
  std::vector<std::string_view> out;
  for (const auto& [k, name] : period_kind_names) out.push_back(name);
  return out;
}

std::vector<PeriodKind> read_kinds(RuleFile& file, const toml::table& t, const std::string& where) {
  std::vector<PeriodKind> kinds;
  const auto names = file.strings(t, "kinds", where, false);
  if (!names) return kinds;
  for (const std::string& k : *names) {
    if (auto kind = find_period_kind(k)) {
      kinds.push_back(*kind);
      continue;
    }
    const std::string hint = did_you_mean(k, period_kind_list());
    file.error(t.get("kinds")->source(), "unknown period kind '" + k + "'" +
                                             (hint.empty() ? "; expected one of: " + joined(period_kind_list()) : hint));
  }
  return kinds;
}

std::optional<int> small_int(RuleFile& file, const toml::table& t, std::string_view key, const std::string& where,
                             std::int64_t low, std::int64_t high) {
  const auto v = file.integer(t, key, where, false);
  if (!v) return std::nullopt;
  if (*v < low || *v > high) {
    file.error(t.get(key)->source(), "'" + std::string(key) + "' in " + where + " must be between " + std::to_string(low) +
                                         " and " + std::to_string(high) + ", not " + std::to_string(*v));
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

std::optional<rules::Conversion> read_conversion(RuleFile& file, const toml::table& t, const std::string& where) {
  file.check_keys(t, {"from", "kinds", "method", "unit", "per", "divisor", "factor", "remainder", "max_per_year",
                      "not_coinciding", "after_age", "after_year", "day_basis", "cite", "note"}, where);
  rules::Conversion c;
  c.where = file.region(t.source());
  c.cite = file.cite(t, where);
  bool ok = true;
  if (auto from = file.string(t, "from", where, true)) {
    const bool valid = *from == "*" || Country::is_code(*from) || SchemeId::is_id(*from);
    if (!valid) {
      file.error(t.get("from")->source(), "'from' in " + where + " must be a country, a scheme id or \"*\", not '" + *from + "'");
      ok = false;
    }
    c.from = *from;
  } else {
    ok = false;
  }
  c.kinds = read_kinds(file, t, where);
  static constexpr std::array<std::pair<rules::ConversionMethod, std::string_view>, 2> methods{{
      {rules::ConversionMethod::ratio, "ratio"}, {rules::ConversionMethod::eu_art13, "eu_art13"}}};
  if (auto m = read_enum(file, t, "method", where, false, methods, "conversion method")) c.method = *m;
  if (auto basis = read_enum(file, t, "day_basis", where, false, day_basis_names, "day basis")) c.day_basis = *basis;
  if (c.method == rules::ConversionMethod::ratio) {
    if (auto unit = read_enum(file, t, "unit", where, true, time_unit_names, "time unit")) c.unit = *unit;
    else ok = false;
    static constexpr std::array<std::pair<bool, std::string_view>, 1> pers{{{true, "calendar_year"}}};
    if (auto per = read_enum(file, t, "per", where, false, pers, "conversion period")) c.per_calendar_year = *per;
    const auto divisor = file.integer(t, "divisor", where, false);
    const auto factor = file.integer(t, "factor", where, false);
    if (divisor && factor) {
      file.error(t.get("factor")->source(), where + " gives both 'divisor' and 'factor': one converts");
      ok = false;
    } else if (!divisor && !factor && !t.get("divisor") && !t.get("factor")) {
      file.error(file.position_of(t), "missing 'divisor' or 'factor' in " + where);
      ok = false;
    }
    if (divisor) {
      if (*divisor <= 0) file.error(t.get("divisor")->source(), "'divisor' in " + where + " must be positive");
      else c.divisor = Integer{*divisor};
    }
    if (factor) {
      if (*factor <= 0) file.error(t.get("factor")->source(), "'factor' in " + where + " must be positive");
      else c.factor = Integer{*factor};
    }
    static constexpr std::array<std::pair<Rounding, std::string_view>, 2> remainders{{
        {Rounding::down, "down"}, {Rounding::up, "up"}}};
    if (auto r = read_enum(file, t, "remainder", where, false, remainders, "remainder rule")) c.remainder = *r;
  } else if (t.get("divisor") || t.get("factor")) {
    file.error(file.position_of(t), where + ": method 'eu_art13' takes neither 'divisor' nor 'factor'");
    ok = false;
  } else if (t.get("unit")) {
    if (auto unit = read_enum(file, t, "unit", where, false, time_unit_names, "time unit")) c.unit = *unit;
  }
  c.max_per_year = small_int(file, t, "max_per_year", where, 1, 366);
  if (auto nc = file.boolean(t, "not_coinciding", where, false)) c.not_coinciding = *nc;
  c.after_age = small_int(file, t, "after_age", where, 0, 150);
  c.after_year = small_int(file, t, "after_year", where, min_date_year, max_date_year);
  if (!ok) return std::nullopt;
  return c;
}

/// "12 months", "1 year": a whole count and a unit.
std::optional<std::pair<Amount, TimeUnit>> read_threshold(RuleFile& file, const toml::table& t, const std::string& where) {
  const auto text = file.string(t, "threshold", where, true);
  if (!text) return std::nullopt;
  const std::string& s = *text;
  const std::size_t space = s.find(' ');
  int count = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + (space == std::string::npos ? 0 : space), count);
  std::string unit = space == std::string::npos ? std::string() : s.substr(space + 1);
  if (!unit.empty() && unit.back() == 's') unit.pop_back();
  const auto u = find_time_unit(unit);
  if (ec != std::errc{} || end != s.data() + space || count <= 0 || !u) {
    file.error(t.get("threshold")->source(), "'threshold' in " + where + " must be a count and a unit, e.g. \"12 months\", not '" + s + "'");
    return std::nullopt;
  }
  return std::pair{Amount{count}, *u};
}

rules::ExportRule read_party_export(RuleFile& file, const toml::table& t, const std::string& where, bool& ok) {
  file.check_keys(t, {"when", "payable", "indexation", "cite", "note"}, where);
  auto when = file.expression(t, "when", where, true);
  auto payable = file.expression(t, "payable", where, true);
  auto indexation = read_enum(file, t, "indexation", where, true, rules::indexation_names, "indexation");
  rules::Cite cite = file.cite(t, where);
  ok = when && payable && indexation;
  if (!ok) return {};
  return rules::ExportRule{std::move(*when), std::move(*payable), *indexation, std::move(cite), file.region(t.source())};
}

}  // namespace

AgreementDraft read_agreement(RuleFile& file, const toml::table& root) {
  AgreementDraft d;
  rules::Agreement& a = d.agreement;
  a.where = SourceRegion{{1, 1}, {1, 1}, file.path()};
  const std::string top = "the agreement file";
  file.check_keys(root, {"agreement", "name", "parties", "in_force", "ended", "branches", "precedence",
                         "cross_border", "cite", "note", "party"}, top);
  if (auto id = file.string(root, "agreement", top, true)) {
    d.id_position = RuleFile::position(root.get("agreement")->source());
    if (is_agreement_id(*id)) a.id = *id;
    else
      file.error(d.id_position, "'" + *id + "' is not an agreement id (capital letters, digits and '-', e.g. US-DE, EU-883)");
  }
  if (auto name = file.string(root, "name", top, true)) a.name = *name;
  if (auto parties = read_countries(file, root, "parties", top)) {
    for (const auto& [c, item] : parties->countries) {
      if (a.has_party(c)) file.error(item->source(), "party '" + std::string(c.alpha2()) + "' is named twice");
      else a.parties.push_back(rules::Party{c, std::nullopt, file.region(item->source())});
    }
    if (parties->named < 2) file.error(parties->node->source(), "an agreement has at least two parties");
  }
  a.in_force = file.date(root, "in_force", top, false);
  a.ended = file.date(root, "ended", top, false);
  if (a.in_force && a.ended && *a.ended < *a.in_force)
    file.error(root.get("ended")->source(), "'ended' " + format_date(*a.ended) + " is before 'in_force' " + format_date(*a.in_force));
  if (auto branches = file.strings(root, "branches", top, true)) {
    for (const std::string& b : *branches) {
      if (b != "old_age")
        file.error(root.get("branches")->source(), "unknown branch '" + b + "'; expected one of: old_age (the only branch in scope)");
      a.branches.push_back(b);
    }
  }
  a.cite = file.cite(root, top);
  if (auto note = file.string(root, "note", top, false)) a.note = *note;
  if (const toml::table* t = file.table(root, "cross_border", top)) {
    const std::string where = "[cross_border]";
    file.check_keys(*t, {"involving", "cite", "note"}, where);
    rules::CrossBorder cb{{}, file.cite(*t, where), file.region(t->source())};
    if (auto involving = read_countries(file, *t, "involving", where)) {
      for (const auto& [c, item] : involving->countries) {
        if (a.has_party(c)) cb.involving.push_back(c);
        else file.error(item->source(), "'" + std::string(c.alpha2()) + "' in involving is not a party");
      }
      if (involving->named == 0) file.error(involving->node->source(), "'involving' names no party");
    }
    a.cross_border = std::move(cb);
  }
  if (const toml::table* t = file.table(root, "precedence", top)) {
    file.check_keys(*t, {"rule", "cite", "note"}, "[precedence]");
    rules::Cite cite = file.cite(*t, "[precedence]");
    if (auto rule = read_enum(file, *t, "rule", "[precedence]", true, rules::precedence_rule_names, "precedence rule"))
      a.precedence = rules::Precedence{*rule, std::move(cite), file.region(t->source())};
  }

  const toml::array* parties = file.array_of_tables(root, "party", top);
  if (!parties && !root.get("party")) file.error(SourcePosition{1, 1}, "missing [[party]] in the agreement file");
  if (!parties) return d;
  std::size_t number = 0;
  for (const toml::node& node : *parties) {
    const toml::table& pt = *node.as_table();
    ++number;
    std::string where = "[[party]] #" + std::to_string(number);
    if (const auto* s = pt.get_as<std::string>("scheme")) where = "[[party]] '" + s->get() + "'";
    file.check_keys(pt, {"scheme", "minimum_own", "credit", "method", "ratio", "amount", "accrued", "impute", "convert",
                         "small_periods", "export", "posting", "cite", "note"}, where);
    PartyDraft p{{}, {}, empty_party_rules()};
    rules::PartyRules& r = p.rules;
    r.where = file.region(pt.source());
    r.cite = file.cite(pt, where);
    bool ok = true;
    if (auto scheme = file.string(pt, "scheme", where, true)) {
      p.scheme_text = *scheme;
      p.scheme_position = RuleFile::position(pt.get("scheme")->source());
      if (*scheme != "*") {
        try {
          r.scheme = SchemeId{*scheme};
        } catch (const std::invalid_argument& e) {
          file.error(p.scheme_position, e.what());
          ok = false;
        }
      }
    } else {
      ok = false;
    }
    r.minimum_own = file.expression(pt, "minimum_own", where, false);
    if (auto credit = read_enum(file, pt, "credit", where, false, rules::credit_rule_names, "credit rule")) r.credit = *credit;
    if (auto method = read_enum(file, pt, "method", where, true, rules::amount_method_names, "amount method")) r.method = *method;
    else ok = false;
    r.ratio = file.expression(pt, "ratio", where, false);
    r.amount = file.expression(pt, "amount", where, false);
    r.accrued = file.expression(pt, "accrued", where, false);
    if (auto impute = read_enum(file, pt, "impute", where, false, rules::imputation_names, "imputation rule")) r.impute = *impute;
    if (ok && r.method != rules::AmountMethod::direct && !r.ratio) {
      file.error(file.position_of(pt), "missing 'ratio' in " + where + ": method '" +
                                           std::string(pt.get_as<std::string>("method")->get()) + "' needs one");
      ok = false;
    }
    if (ok && r.method == rules::AmountMethod::direct) {
      for (std::string_view key : {"ratio", "amount", "accrued"})
        if (const toml::node* n = pt.get(key)) {
          file.error(n->source(), "'" + std::string(key) + "' in " + where + " has no use with method 'direct' (the amount is the scheme's own)");
          ok = false;
        }
    }
    if (const toml::array* converts = file.array_of_tables(pt, "convert", where)) {
      std::size_t k = 0;
      for (const toml::node& c : *converts)
        if (auto conversion = read_conversion(file, *c.as_table(), where + " [[party.convert]] #" + std::to_string(++k)))
          r.conversions.push_back(std::move(*conversion));
    }
    if (const toml::table* sp = file.table(pt, "small_periods", where)) {
      const std::string spw = where + " [party.small_periods]";
      file.check_keys(*sp, {"threshold", "unless", "mode", "all_relieved", "cite", "note"}, spw);
      rules::SmallPeriods small;
      small.where = file.region(sp->source());
      small.cite = file.cite(*sp, spw);
      if (auto threshold = read_threshold(file, *sp, spw)) {
        small.threshold_count = threshold->first;
        small.threshold_unit = threshold->second;
      }
      small.unless = file.expression(*sp, "unless", spw, false);
      if (auto mode = read_enum(file, *sp, "mode", spw, true, rules::small_period_mode_names, "small-period mode")) small.mode = *mode;
      static constexpr std::array<std::pair<bool, std::string_view>, 2> relieved{{{true, "last"}, {false, "none"}}};
      if (auto last = read_enum(file, *sp, "all_relieved", spw, false, relieved, "rule for all states relieved"))
        small.last_pays_when_all_relieved = *last;
      r.small_periods = std::move(small);
    }
    if (const toml::array* exports = file.array_of_tables(pt, "export", where)) {
      std::size_t k = 0;
      for (const toml::node& e : *exports) {
        bool export_ok = false;
        rules::ExportRule rule = read_party_export(file, *e.as_table(), where + " [[party.export]] #" + std::to_string(++k), export_ok);
        if (export_ok) r.exports.push_back(std::move(rule));
      }
    }
    if (const toml::table* posting = file.table(pt, "posting", where)) {
      const std::string pw = where + " [party.posting]";
      file.check_keys(*posting, {"max_months", "cite", "note"}, pw);
      rules::Cite cite = file.cite(*posting, pw);
      if (auto months = small_int(file, *posting, "max_months", pw, 1, 1200))
        r.posting = rules::Posting{*months, std::move(cite), file.region(posting->source())};
      else if (!posting->get("max_months"))
        file.error(file.position_of(*posting), "missing 'max_months' in " + pw);
    }
    if (ok) d.parties.push_back(std::move(p));
  }
  return d;
}

}  // namespace totalis::io::detail
