// Reading a scheme file (DESIGN §4; the format reference is agreements/FORMAT.md).

#include "rule_readers.hpp"

#include "totalis/core/time_unit.hpp"
#include "totalis/core/unit_conversion.hpp"
#include "totalis/detail/iso4217.hpp"
#include "totalis/rules/age.hpp"
#include "totalis/rules/engine_names.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <utility>

namespace totalis::io::detail {

rules::Scheme empty_scheme() {
  // A valid placeholder: the reader overwrites id and currency when the file gives valid ones,
  // and a scheme whose id stays unread is never published.
  return rules::Scheme{.id = SchemeId{"AD-UNREAD"}, .country = Country{}, .name = {}, .currency = Currency{"XXX"},
                       .per = rules::BenefitPeriod::month, .cite = {}, .note = {}, .warning = {}, .caveats = {}, .periods = {}, .scope = {},
                       .pension_age = {}, .parameters = {}, .measures = {}, .formulas = {}, .variants = {},
                       .exports = {}, .refunds = {}, .symbols = {}, .where = {}};
}

namespace {

std::string table_name(std::string_view group, std::string_view name) {
  return "[" + std::string(group) + "." + std::string(name) + "]";
}

/// A parameter key: a date, or an integer year (1 January for `from`, 31 December for `to`);
/// on a year axis only the integer.
std::optional<Date> read_key(RuleFile& file, const toml::node& n, rules::ParameterAxis axis, bool is_to,
                             const std::string& what) {
  if (const auto* i = n.as_integer()) {
    const std::int64_t year = i->get();
    if (year < min_date_year || year > max_date_year) {
      file.error(n.source(), what + " " + std::to_string(year) + " is not a year between " +
                                 std::to_string(min_date_year) + " and " + std::to_string(max_date_year));
      return std::nullopt;
    }
    const auto y = static_cast<unsigned short>(year);
    return is_to && !rules::is_year_axis(axis) ? Date(y, 12, 31) : Date(y, 1, 1);
  }
  if (const auto* d = n.as_date()) {
    if (rules::is_year_axis(axis)) {
      file.error(n.source(), what + " must be a year (an integer) on the " + std::string(rules::to_string(axis)) +
                                 " axis, not a date");
      return std::nullopt;
    }
    const toml::date v = d->get();
    if (v.year < min_date_year || v.year > max_date_year) {
      file.error(n.source(), what + " is out of range: years " + std::to_string(min_date_year) + " to " +
                                 std::to_string(max_date_year));
      return std::nullopt;
    }
    return Date(static_cast<unsigned short>(v.year), v.month, v.day);
  }
  file.error(n.source(), what + " must be a date (YYYY-MM-DD, unquoted) or a year, not " + RuleFile::type_name(n));
  return std::nullopt;
}

/// A value: a decimal, a list of decimals, or a table of them.
std::optional<rules::ParameterValue> read_value(RuleFile& file, const toml::node& n, const std::string& what) {
  if (const auto* array = n.as_array()) {
    std::vector<Amount> list;
    bool ok = true;
    for (const toml::node& item : *array) {
      if (auto a = file.decimal(item, what + " list item")) list.push_back(std::move(*a));
      else ok = false;
    }
    if (!ok) return std::nullopt;
    return rules::ParameterValue{std::move(list)};
  }
  if (const auto* table = n.as_table()) {
    std::vector<rules::NamedAmount> fields;
    bool ok = true;
    for (auto&& [key, item] : *table) {
      if (!rules::is_valid_name(key.str())) {
        file.error(key.source(), "'" + std::string(key.str()) + "' cannot name a table field: lower-case letters, digits and '_'");
        ok = false;
        continue;
      }
      if (auto a = file.decimal(item, what + " field '" + std::string(key.str()) + "'"))
        fields.push_back({std::string(key.str()), std::move(*a)});
      else
        ok = false;
    }
    if (!ok) return std::nullopt;
    return rules::ParameterValue{std::move(fields)};
  }
  if (auto a = file.decimal(n, what)) return rules::ParameterValue{std::move(*a)};
  return std::nullopt;
}

/// An age: an integer of years or "66y2m", as whole months.
std::optional<rules::ParameterValue> read_age_value(RuleFile& file, const toml::node& n, const std::string& what) {
  if (const auto* i = n.as_integer()) {
    if (i->get() < 0 || i->get() > 150) {
      file.error(n.source(), what + " " + std::to_string(i->get()) + " is not an age");
      return std::nullopt;
    }
    return rules::ParameterValue{Amount{12 * i->get()}};
  }
  if (const auto* s = n.as_string()) {
    if (auto age = rules::parse_age(s->get())) return rules::ParameterValue{Amount{age->total_months()}};
    file.error(n.source(), what + " '" + s->get() + "' is not an age (years, or e.g. \"66y2m\")");
    return std::nullopt;
  }
  file.error(n.source(), what + " must be an age (an integer, or e.g. \"66y2m\"), not " + RuleFile::type_name(n));
  return std::nullopt;
}

using ValueReader = std::optional<rules::ParameterValue> (*)(RuleFile&, const toml::node&, const std::string&);

/// The entries of `values = [...]` on `axis`, checked for order and overlap.
std::vector<rules::ParameterEntry> read_entries(RuleFile& file, const toml::node& node, rules::ParameterAxis axis,
                                                const std::string& where, const std::string& name,
                                                ValueReader reader) {
  std::vector<rules::ParameterEntry> entries;
  const auto* array = node.as_array();
  if (!array || !std::all_of(array->begin(), array->end(), [](const toml::node& x) { return x.is_table(); })) {
    file.error(node.source(), "'values' in " + where + " must be an array of { from, to, value } tables, not " +
                                  RuleFile::type_name(node));
    return entries;
  }
  if (array->empty()) file.error(node.source(), "'values' in " + where + " is empty");
  bool ok = true;
  for (const toml::node& item : *array) {
    const toml::table& t = *item.as_table();
    const std::string entry_where = "an entry of " + where;
    file.check_keys(t, {"from", "to", "value", "cite", "note"}, entry_where);
    rules::ParameterEntry e;
    e.where = file.region(t.source());
    if (const toml::node* from = t.get("from")) {
      e.from = read_key(file, *from, axis, false, "'from'");
      if (!e.from) ok = false;
    }
    if (const toml::node* to = t.get("to")) {
      e.to = read_key(file, *to, axis, true, "'to'");
      if (!e.to) ok = false;
    }
    if (!t.get("from") && !t.get("to")) {
      file.error(file.position_of(t), "missing 'from' in " + entry_where);
      ok = false;
    }
    if (const toml::node* v = t.get("value")) {
      if (auto value = reader(file, *v, "'value' of " + name)) e.value = std::move(*value);
      else ok = false;
    } else {
      file.error(file.position_of(t), "missing 'value' in " + entry_where);
      ok = false;
    }
    e.cite = file.optional_cite(t, entry_where);
    entries.push_back(std::move(e));
  }
  if (!ok) return entries;
  for (const rules::EntryProblem& p : rules::check_entries(entries, axis))
    file.error(entries[p.entry].where.begin, "parameter '" + name + "': " + p.message);
  return entries;
}

}  // namespace

/// A parameter table (also used for pension ages, with ages for values). Aliases (`of`) are
/// returned with `alias_of` set and resolved by the caller once every parameter is read.
struct ParameterDraft {
  rules::Parameter parameter;
  std::string alias_of;
  SourcePosition alias_position;
  std::optional<Date> alias_at;
  std::int64_t offset_years = 0;
};

namespace {

std::optional<ParameterDraft> read_parameter(RuleFile& file, const toml::table& t, const std::string& name,
                                             const std::string& where, ValueReader reader, bool allow_alias) {
  if (allow_alias)
    file.check_keys(t, {"by", "value", "values", "of", "at", "offset_years", "cite", "note"}, where);
  else
    file.check_keys(t, {"by", "value", "values", "cite", "note"}, where);
  ParameterDraft d;
  d.parameter.name = name;
  d.parameter.where = file.region(t.source());
  d.parameter.cite = file.cite(t, where);
  bool ok = true;
  if (const toml::node* by = t.get("by")) {
    const auto* s = by->as_string();
    const auto axis = s ? rules::find_parameter_axis(s->get()) : std::nullopt;
    if (!axis || *axis == rules::ParameterAxis::fixed) {
      std::vector<std::string_view> names;
      for (const auto& [a, text] : rules::parameter_axis_names)
        if (a != rules::ParameterAxis::fixed) names.push_back(text);
      file.error(by->source(), s ? "unknown parameter axis '" + s->get() + "'" + [&] {
        const std::string hint = did_you_mean(s->get(), names);
        return hint.empty() ? "; expected one of: " + joined(names) : hint;
      }() : "'by' in " + where + " must be a string, not " + RuleFile::type_name(*by));
      ok = false;
    } else {
      d.parameter.axis = *axis;
    }
  }
  const toml::node* value = t.get("value");
  const toml::node* values = t.get("values");
  const toml::node* of = allow_alias ? t.get("of") : nullptr;
  const int given = (value ? 1 : 0) + (values ? 1 : 0) + (of ? 1 : 0);
  if (given == 0) {
    file.error(file.position_of(t), "missing 'value' in " + where + " (or 'values' for keyed values" +
                                        std::string(allow_alias ? ", 'of' for another parameter's values)" : ")"));
    return std::nullopt;
  }
  if (given > 1) {
    file.error(file.position_of(t), where + " gives more than one of 'value', 'values'" +
                                        std::string(allow_alias ? " and 'of'" : ""));
    return std::nullopt;
  }
  if (value) {
    if (t.get("by")) {
      file.error(t.get("by")->source(), "'by' in " + where + " needs keyed 'values', not a single 'value'");
      ok = false;
    }
    d.parameter.axis = rules::ParameterAxis::fixed;
    if (auto v = reader(file, *value, "'value' of " + name))
      d.parameter.entries.push_back(rules::ParameterEntry{std::nullopt, std::nullopt, std::move(*v), std::nullopt,
                                                          file.region(value->source())});
    else
      ok = false;
  } else if (values) {
    if (!t.get("by")) {
      file.error(file.position_of(t), "missing 'by' in " + where + ": keyed values need an axis (as_of, birth_date, "
                                                                   "eligibility_year or period_date)");
      return std::nullopt;
    }
    if (!ok) return std::nullopt;
    d.parameter.entries = read_entries(file, *values, d.parameter.axis, where, name, reader);
  } else {
    const auto target = file.string(t, "of", where, true);
    if (!target) return std::nullopt;
    d.alias_of = *target;
    d.alias_position = RuleFile::position(of->source());
    if (const toml::node* at = t.get("at")) {
      if (t.get("by") || t.get("offset_years")) {
        file.error(at->source(), "'at' in " + where + " fixes the key: it takes neither 'by' nor 'offset_years'");
        ok = false;
      }
      d.alias_at = read_key(file, *at, rules::ParameterAxis::as_of, false, "'at'");
      if (!d.alias_at) ok = false;
      d.parameter.axis = rules::ParameterAxis::fixed;
    } else {
      if (!t.get("by")) {
        file.error(file.position_of(t), "missing 'by' (or 'at') in " + where);
        ok = false;
      }
      if (auto offset = file.integer(t, "offset_years", where, false)) d.offset_years = *offset;
    }
  }
  if (!ok) return std::nullopt;
  return d;
}

/// "[pension_age] normal": an age, or a table keyed by birth date.
std::optional<rules::Parameter> read_age_parameter(RuleFile& file, const toml::table& t, std::string_view key) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  const std::string where = "[pension_age] " + std::string(key);
  if (const auto* table = n->as_table()) {
    auto d = read_parameter(file, *table, std::string(key) + "_age", where, read_age_value, false);
    if (!d) return std::nullopt;
    if (d->parameter.axis != rules::ParameterAxis::fixed && d->parameter.axis != rules::ParameterAxis::birth_date) {
      file.error(file.position_of(*table), where + " is keyed by birth_date, not " + std::string(rules::to_string(d->parameter.axis)));
      return std::nullopt;
    }
    return std::move(d->parameter);
  }
  auto v = read_age_value(file, *n, "'" + std::string(key) + "' in [pension_age]");
  if (!v) return std::nullopt;
  rules::Parameter p;
  p.name = std::string(key) + "_age";
  p.where = file.region(n->source());
  p.entries.push_back(rules::ParameterEntry{std::nullopt, std::nullopt, std::move(*v), std::nullopt, p.where});
  return p;
}

std::optional<rules::Age> read_age(RuleFile& file, const toml::table& t, std::string_view key, const std::string& where) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  auto v = read_age_value(file, *n, "'" + std::string(key) + "' in " + where);
  if (!v) return std::nullopt;
  const auto months = static_cast<int>(boost::multiprecision::numerator(v->scalar().exact()));
  return rules::Age{months / 12, months % 12};
}

std::optional<TimeUnit> read_time_unit(RuleFile& file, const toml::table& t, std::string_view key,
                                       const std::string& where, bool required) {
  return read_enum(file, t, key, where, required, time_unit_names, "time unit");
}

/// Measure arguments, checked against the kind's argument list.
void read_measure_arguments(RuleFile& file, const toml::table& t, rules::MeasureSpec& m, const std::string& where) {
  for (const rules::ArgumentSpec& spec : m.kind->arguments) {
    const toml::node* n = t.get(spec.name);
    if (!n) {
      if (spec.required)
        file.error(file.position_of(t), "missing '" + std::string(spec.name) + "' in " + where + " (measure kind '" +
                                            std::string(m.kind->name) + "' needs it)");
      continue;
    }
    rules::MeasureArgument a{std::string(spec.name), Integer{0}, file.region(n->source())};
    switch (spec.type) {
      case rules::ArgumentType::integer: {
        auto v = file.integer(t, spec.name, where, true);
        if (!v) continue;
        if (*v < 0) {
          file.error(n->source(), "'" + std::string(spec.name) + "' in " + where + " must not be negative");
          continue;
        }
        a.value = Integer{*v};
        break;
      }
      case rules::ArgumentType::boolean: {
        auto v = file.boolean(t, spec.name, where, true);
        if (!v) continue;
        a.value = *v;
        break;
      }
      case rules::ArgumentType::time_unit: {
        auto v = read_time_unit(file, t, spec.name, where, true);
        if (!v) continue;
        a.value = std::string(to_string(*v));
        break;
      }
      case rules::ArgumentType::counting_rule: {
        auto v = read_enum(file, t, spec.name, where, true, counting_rule_names, "counting rule");
        if (!v) continue;
        a.value = std::string(to_string(*v));
        break;
      }
      case rules::ArgumentType::day_basis: {
        auto v = read_enum(file, t, spec.name, where, true, day_basis_names, "day basis");
        if (!v) continue;
        a.value = std::string(to_string(*v));
        break;
      }
      case rules::ArgumentType::period_kinds: {
        auto v = file.strings(t, spec.name, where, true);
        if (!v) continue;
        bool ok = true;
        for (const std::string& k : *v)
          if (!find_period_kind(k)) {
            file.error(n->source(), "unknown period kind '" + k + "'; expected one of: employed, self_employed, "
                                                                   "voluntary, credited, residence");
            ok = false;
          }
        if (!ok) continue;
        a.value = std::move(*v);
        break;
      }
      case rules::ArgumentType::credit_name:
      case rules::ArgumentType::parameter_name: {
        auto v = file.string(t, spec.name, where, true);
        if (!v) continue;
        if (!rules::is_valid_name(*v)) {
          file.error(n->source(), "'" + *v + "' is not a name: lower-case letters, digits and '_'");
          continue;
        }
        a.value = std::move(*v);
        break;
      }
      case rules::ArgumentType::bucket_expression: {
        auto v = file.expression(t, spec.name, where, true);
        if (!v) continue;
        a.value = std::move(*v);
        break;
      }
    }
    m.arguments.push_back(std::move(a));
  }
  // period_count: the unit must be the counting rule's.
  const rules::MeasureArgument* unit = m.argument("unit");
  const rules::MeasureArgument* counting = m.argument("counting");
  if (unit && counting && unit->text() && counting->text()) {
    const auto rule = find_counting_rule(*counting->text());
    if (rule && to_string(unit_of(*rule)) != *unit->text())
      file.error(unit->where.begin, "counting rule '" + *counting->text() + "' counts in " +
                                        std::string(to_string(unit_of(*rule))) + "s, not in " + *unit->text() + "s");
  }
}

}  // namespace

SchemeDraft read_scheme(RuleFile& file, const toml::table& root) {
  SchemeDraft d{empty_scheme(), false, {}, {}};
  rules::Scheme& s = d.scheme;
  s.where = SourceRegion{{1, 1}, {1, 1}, file.path()};
  file.check_keys(root, {"scheme", "country", "name", "currency", "per", "cite", "note", "warning", "periods", "scope",
                         "pension_age", "parameters", "measures", "formulas", "variant", "export", "refund", "caveat"},
                  "the scheme file");
  const std::string top = "the scheme file";
  if (auto id = file.string(root, "scheme", top, true)) {
    d.id_position = RuleFile::position(root.get("scheme")->source());
    try {
      s.id = SchemeId{*id};
      d.valid_id = true;
    } catch (const std::invalid_argument& e) {
      file.error(d.id_position, e.what());
    }
  }
  if (auto country = file.string(root, "country", top, true)) {
    if (auto c = Country::find(*country)) {
      s.country = *c;
      if (d.valid_id && s.id.country() != *c)
        file.error(root.get("country")->source(), "scheme '" + s.id.str() + "' has country '" + *country +
                                                      "', but its id names '" + std::string(s.id.country().alpha2()) + "'");
    } else {
      file.error(root.get("country")->source(), "unknown country '" + *country + "' (ISO 3166-1 alpha-2)");
    }
  }
  if (auto name = file.string(root, "name", top, true)) s.name = *name;
  if (auto currency = file.string(root, "currency", top, true)) {
    if (totalis::detail::is_iso4217_code(*currency))
      s.currency = Currency{*currency};
    else
      file.error(root.get("currency")->source(), "unknown currency '" + *currency + "' (ISO 4217, e.g. EUR)");
  }
  if (auto per = read_enum(file, root, "per", top, true, rules::benefit_period_names, "benefit period")) s.per = *per;
  s.cite = file.cite(root, top);
  if (auto note = file.string(root, "note", top, false)) s.note = *note;
  if (auto warning = file.string(root, "warning", top, false)) {
    if (warning->empty()) file.error(root.get("warning")->source(), "'warning' in " + top + " is empty: leave it out or say what the figures leave out");
    s.warning = *warning;
  }

  // [periods]
  if (const toml::table* t = file.table(root, "periods", top)) {
    const std::string where = "[periods]";
    file.check_keys(*t, {"kinds", "overlap", "unit", "count", "full_benefit", "monotone", "cite", "note"}, where);
    s.periods.where = file.region(t->source());
    s.periods.cite = file.cite(*t, where);
    if (auto kinds = file.strings(*t, "kinds", where, true)) {
      for (const std::string& k : *kinds) {
        if (auto kind = find_period_kind(k)) s.periods.kinds.push_back(*kind);
        else
          file.error(t->get("kinds")->source(), "unknown period kind '" + k + "'" +
                                                    [&] {
                                                      const std::string hint = did_you_mean(
                                                          k, {"employed", "self_employed", "voluntary", "credited", "residence"});
                                                      return hint.empty() ? "; expected one of: employed, self_employed, voluntary, credited, residence" : hint;
                                                    }());
      }
    }
    if (auto overlap = read_enum(file, *t, "overlap", where, true, rules::overlap_names, "overlap rule"))
      s.periods.overlap = *overlap;
    if (auto unit = read_time_unit(file, *t, "unit", where, true)) s.periods.unit = *unit;
    if (auto count = file.string(*t, "count", where, true)) s.periods.count = *count;
    s.periods.full_benefit = file.decimal(*t, "full_benefit", where, false);
    if (auto monotone = file.boolean(*t, "monotone", where, false)) s.periods.monotone = *monotone;
  } else if (!root.get("periods")) {
    file.error(SourcePosition{1, 1}, "missing [periods] in the scheme file");
  }

  // [scope]
  if (const toml::table* t = file.table(root, "scope", top)) {
    file.check_keys(*t, {"covers", "cite", "note"}, "[scope]");
    auto covers = file.expression(*t, "covers", "[scope]", true);
    rules::Cite cite = file.cite(*t, "[scope]");
    if (covers) s.scope = rules::PersonalScope{std::move(*covers), std::move(cite), file.region(t->source())};
  }

  // [pension_age]
  if (const toml::table* t = file.table(root, "pension_age", top)) {
    const std::string where = "[pension_age]";
    s.pension_age.emplace();
    file.check_keys(*t, {"attainment", "entitlement", "normal_entitlement", "normal", "earliest", "cite", "note"}, where);
    s.pension_age->where = file.region(t->source());
    s.pension_age->cite = file.cite(*t, where);
    if (auto r = read_enum(file, *t, "attainment", where, true, rules::age_rule_names, "age-attainment rule"))
      s.pension_age->attainment = *r;
    if (auto e = read_enum(file, *t, "entitlement", where, true, rules::entitlement_names, "entitlement rule"))
      s.pension_age->entitlement = *e;
    if (auto e = read_enum(file, *t, "normal_entitlement", where, false, rules::entitlement_names, "entitlement rule"))
      s.pension_age->normal_entitlement = *e;
    s.pension_age->normal = read_age_parameter(file, *t, "normal");
    s.pension_age->earliest = read_age_parameter(file, *t, "earliest");
    if (!t->get("normal") && !t->get("earliest"))
      file.error(file.position_of(*t), "[pension_age] needs 'normal' or 'earliest'");
  }

  // [parameters.NAME]
  std::vector<ParameterDraft> drafts;
  if (const toml::table* t = file.table(root, "parameters", top)) {
    for (auto&& [key, node] : *t) {
      const std::string name(key.str());
      const std::string where = table_name("parameters", name);
      if (!rules::is_valid_name(name)) {
        file.error(key.source(), "'" + name + "' cannot name a parameter: lower-case letters, digits and '_', not a reserved word");
        continue;
      }
      const auto* pt = node.as_table();
      if (!pt) {
        file.error(node.source(), where + " must be a table, not " + RuleFile::type_name(node));
        continue;
      }
      if (auto p = read_parameter(file, *pt, name, where, read_value, true)) drafts.push_back(std::move(*p));
      else d.broken_names.push_back(name);
    }
  }
  // Resolve aliases against the parameters they name (not against other aliases).
  for (ParameterDraft& p : drafts) {
    if (p.alias_of.empty()) continue;
    const auto target = std::find_if(drafts.begin(), drafts.end(),
                                     [&](const ParameterDraft& x) { return x.parameter.name == p.alias_of; });
    if (target == drafts.end() || !target->alias_of.empty()) {
      std::vector<std::string_view> names;
      for (const ParameterDraft& x : drafts)
        if (x.alias_of.empty()) names.push_back(x.parameter.name);
      file.error(p.alias_position, "parameter '" + p.parameter.name + "' is derived from '" + p.alias_of +
                                       "', which is not a parameter of the scheme" + did_you_mean(p.alias_of, names));
      d.broken_names.push_back(p.parameter.name);
      continue;
    }
    const rules::Parameter& source = target->parameter;
    if (p.alias_at) {
      const rules::ParameterEntry* e = source.entry_at(*p.alias_at);
      if (!e) {
        file.error(p.alias_position, "parameter '" + source.name + "' has no value at " +
                                         rules::key_text(*p.alias_at, source.axis));
        d.broken_names.push_back(p.parameter.name);
        continue;
      }
      p.parameter.entries.push_back(rules::ParameterEntry{std::nullopt, std::nullopt, e->value, e->cite, e->where});
    } else {
      for (rules::ParameterEntry e : source.entries) {
        // A value at key K of the source is the alias's value at K + offset.
        const int shift = static_cast<int>(-p.offset_years);
        if (e.from) e.from = add_years(*e.from, shift);
        if (e.to) e.to = add_years(*e.to, shift);
        if (e.from && rules::is_year_axis(p.parameter.axis)) e.from = Date(e.from->year(), 1, 1);
        if (e.to && rules::is_year_axis(p.parameter.axis)) e.to = Date(e.to->year(), 1, 1);
        p.parameter.entries.push_back(std::move(e));
      }
      if (source.axis == rules::ParameterAxis::fixed) p.parameter.axis = rules::ParameterAxis::fixed;
    }
  }
  for (ParameterDraft& p : drafts)
    if (!p.parameter.entries.empty()) s.parameters.push_back(std::move(p.parameter));
  std::sort(s.parameters.begin(), s.parameters.end(),
            [](const rules::Parameter& a, const rules::Parameter& b) { return a.name < b.name; });

  // [measures.NAME]
  if (const toml::table* t = file.table(root, "measures", top)) {
    for (auto&& [key, node] : *t) {
      const std::string name(key.str());
      const std::string where = table_name("measures", name);
      if (!rules::is_valid_name(name)) {
        file.error(key.source(), "'" + name + "' cannot name a measure: lower-case letters, digits and '_', not a reserved word");
        continue;
      }
      const auto* mt = node.as_table();
      if (!mt) {
        file.error(node.source(), where + " must be a table, not " + RuleFile::type_name(node));
        continue;
      }
      rules::MeasureSpec m;
      m.name = name;
      m.where = file.region(mt->source());
      m.cite = file.cite(*mt, where);
      const auto kind = file.string(*mt, "kind", where, true);
      if (kind) {
        m.kind = rules::find_measure_kind(*kind);
        if (!m.kind) {
          std::vector<std::string_view> kinds;
          for (const rules::MeasureKind& k : rules::measure_kind_registry) kinds.push_back(k.name);
          const std::string hint = did_you_mean(*kind, kinds);
          file.error(mt->get("kind")->source(), "unknown measure kind '" + *kind + "'" +
                                                    (hint.empty() ? "; expected one of: " + joined(kinds) : hint));
        }
      }
      std::vector<std::string_view> arguments;
      if (m.kind)
        for (const rules::ArgumentSpec& a : m.kind->arguments) arguments.push_back(a.name);
      if (m.kind || !kind) file.check_keys(*mt, {"kind", "mode", "imputation", "cite", "note"}, where, arguments);
      if (auto mode = read_enum(file, *mt, "mode", where, false, rules::measure_mode_names, "measure mode")) m.mode = *mode;
      if (auto imputation = read_enum(file, *mt, "imputation", where, false, rules::imputation_names, "imputation rule")) {
        m.imputation = *imputation;
        if (m.kind && !m.kind->takes_imputation && *imputation != rules::Imputation::none)
          file.error(mt->get("imputation")->source(), "measure kind '" + std::string(m.kind->name) +
                                                          "' counts time: it takes no imputation rule");
      }
      if (!m.kind) {
        d.broken_names.push_back(name);
        continue;
      }
      read_measure_arguments(file, *mt, m, where);
      s.measures.push_back(std::move(m));
    }
  }
  std::sort(s.measures.begin(), s.measures.end(),
            [](const rules::MeasureSpec& a, const rules::MeasureSpec& b) { return a.name < b.name; });
  if (!s.periods.count.empty() && root.get("periods") && !s.measure(s.periods.count) &&
      std::find(d.broken_names.begin(), d.broken_names.end(), s.periods.count) == d.broken_names.end()) {
    std::vector<std::string_view> names;
    for (const rules::MeasureSpec& m : s.measures) names.push_back(m.name);
    file.error(root.get("periods")->as_table()->get("count")->source(),
               "[periods] count names '" + s.periods.count + "', which is not a measure of the scheme" +
                   did_you_mean(s.periods.count, names));
  }

  // [formulas.NAME]
  if (const toml::table* t = file.table(root, "formulas", top)) {
    for (auto&& [key, node] : *t) {
      const std::string name(key.str());
      const std::string where = table_name("formulas", name);
      if (!rules::is_valid_name(name)) {
        file.error(key.source(), "'" + name + "' cannot name a formula: lower-case letters, digits and '_', not a reserved word");
        continue;
      }
      const auto* ft = node.as_table();
      if (!ft) {
        file.error(node.source(), where + " must be a table, not " + RuleFile::type_name(node));
        continue;
      }
      file.check_keys(*ft, {"expr", "cite", "note"}, where);
      auto expr = file.expression(*ft, "expr", where, true);
      rules::Cite cite = file.cite(*ft, where);
      if (expr) s.formulas.push_back(rules::Formula{name, std::move(*expr), std::move(cite), file.region(ft->source()), {}});
      else d.broken_names.push_back(name);
    }
  }

  // [[variant]]
  if (const toml::array* variants = file.array_of_tables(root, "variant", top)) {
    std::size_t number = 0;
    for (const toml::node& node : *variants) {
      const toml::table& vt = *node.as_table();
      ++number;
      std::string where = "[[variant]] #" + std::to_string(number);
      if (const auto* id = vt.get_as<std::string>("id")) where = "[[variant]] '" + id->get() + "'";
      file.check_keys(vt, {"id", "name", "applies", "qualifies", "benefit", "theoretical", "earliest_age", "normal_age",
                           "cite", "note"}, where);
      rules::Variant v;
      v.where = file.region(vt.source());
      if (auto id = file.string(vt, "id", where, true)) v.id = *id;
      if (auto name = file.string(vt, "name", where, false)) v.name = *name;
      v.applies = file.expression(vt, "applies", where, false);
      auto qualifies = file.expression(vt, "qualifies", where, true);
      auto benefit = file.expression(vt, "benefit", where, true);
      v.theoretical = file.expression(vt, "theoretical", where, false);
      v.earliest_age = read_age(file, vt, "earliest_age", where);
      v.normal_age = read_age(file, vt, "normal_age", where);
      v.cite = file.cite(vt, where);
      if (!qualifies || !benefit) continue;
      v.qualifies = std::move(*qualifies);
      v.benefit = std::move(*benefit);
      v.rounding = rules::final_rounding_of(v.benefit.text);
      if (std::any_of(s.variants.begin(), s.variants.end(), [&](const rules::Variant& x) { return x.id == v.id; }))
        file.error(vt.get("id")->source(), "variant '" + v.id + "' is defined twice in the scheme");
      s.variants.push_back(std::move(v));
    }
  }
  if (!root.get("variant")) file.error(SourcePosition{1, 1}, "missing [[variant]] in the scheme file: a scheme pays by at least one");

  // [[export]]
  if (const toml::array* exports = file.array_of_tables(root, "export", top)) {
    std::size_t number = 0;
    for (const toml::node& node : *exports) {
      const toml::table& et = *node.as_table();
      const std::string where = "[[export]] #" + std::to_string(++number);
      file.check_keys(et, {"when", "payable", "indexation", "cite", "note"}, where);
      auto when = file.expression(et, "when", where, true);
      auto payable = file.expression(et, "payable", where, true);
      auto indexation = read_enum(file, et, "indexation", where, true, rules::indexation_names, "indexation");
      rules::Cite cite = file.cite(et, where);
      if (when && payable && indexation)
        s.exports.push_back(rules::ExportRule{std::move(*when), std::move(*payable), *indexation, std::move(cite),
                                              file.region(et.source())});
    }
  }

  // [[caveat]]
  if (const toml::array* caveats = file.array_of_tables(root, "caveat", top)) {
    std::size_t number = 0;
    for (const toml::node& node : *caveats) {
      const toml::table& ct = *node.as_table();
      const std::string where = "[[caveat]] #" + std::to_string(++number);
      file.check_keys(ct, {"when", "text", "cite", "note"}, where);
      auto when = file.expression(ct, "when", where, true);
      auto text = file.string(ct, "text", where, true);
      if (text && text->empty()) file.error(ct.get("text")->source(), "'text' in " + where + " is empty: say what the figures leave out");
      rules::Cite cite = file.cite(ct, where);
      if (when && text && !text->empty())
        s.caveats.push_back(rules::Caveat{std::move(*when), std::move(*text), std::move(cite), file.region(ct.source())});
    }
  }

  // [[refund]]
  if (const toml::array* refunds = file.array_of_tables(root, "refund", top)) {
    std::size_t number = 0;
    for (const toml::node& node : *refunds) {
      const toml::table& rt = *node.as_table();
      std::string where = "[[refund]] #" + std::to_string(++number);
      if (const auto* id = rt.get_as<std::string>("id")) where = "[[refund]] '" + id->get() + "'";
      file.check_keys(rt, {"id", "name", "who", "deadline_months", "deadline_from", "amount", "erases_periods", "cite",
                           "note"}, where);
      rules::RefundOption r;
      r.where = file.region(rt.source());
      if (auto id = file.string(rt, "id", where, true)) r.id = *id;
      if (auto name = file.string(rt, "name", where, false)) r.name = *name;
      auto who = file.expression(rt, "who", where, true);
      auto amount = file.expression(rt, "amount", where, true);
      if (auto months = file.integer(rt, "deadline_months", where, false)) r.deadline_months = static_cast<int>(*months);
      if (auto from = read_enum(file, rt, "deadline_from", where, false, rules::deadline_from_names, "deadline event"))
        r.deadline_from = *from;
      if (auto erases = file.boolean(rt, "erases_periods", where, true)) r.erases_periods = *erases;
      r.cite = file.cite(rt, where);
      if (!who || !amount) continue;
      r.who = std::move(*who);
      r.amount = std::move(*amount);
      s.refunds.push_back(std::move(r));
    }
  }
  return d;
}

}  // namespace totalis::io::detail
