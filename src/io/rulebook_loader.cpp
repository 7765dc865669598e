// Loading a rulebook: find the files, parse them, read the models, check across files, compile
// every expression against the names of its scheme and place, and report every problem at once.

#include "totalis/io/rulebook_loader.hpp"

#include "rule_file.hpp"
#include "rule_readers.hpp"

#include "totalis/detail/sha256.hpp"
#include "totalis/rules/engine_names.hpp"
#include "totalis/rules/expression.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <system_error>
#include <utility>

namespace totalis::io {

std::string Diagnostic::str() const {
  if (!position) return path + ": error: " + message;
  return path + ":" + std::to_string(position.line) + ":" + std::to_string(position.column) + ": error: " + message;
}

namespace {

std::string all_lines(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    if (!out.empty()) out += '\n';
    out += d.str();
  }
  return out;
}

}  // namespace

RulebookError::RulebookError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(all_lines(diagnostics)), diagnostics_(std::move(diagnostics)) {}

namespace {

using detail::Problems;
using detail::RuleFile;
using rules::RulePlace;
using rules::ValueType;

constexpr std::array<RulePlace, 6> all_places{RulePlace::scheme, RulePlace::party, RulePlace::party_amount,
                                              RulePlace::party_accrued, RulePlace::export_rule, RulePlace::refund};

/// The names of one scheme: its slot table, and a Symbols per place (plus one for measure
/// expressions evaluated per year).
struct SchemeNames {
  std::shared_ptr<rules::SchemeSymbols> symbols = std::make_shared<rules::SchemeSymbols>();
  std::array<rules::Symbols, all_places.size()> at;
  rules::Symbols per_year;
  std::vector<rules::Slot> formula_slots;   ///< formula i → its slot
};

const rules::Symbols& names_at(const SchemeNames& n, RulePlace p) { return n.at[static_cast<std::size_t>(p)]; }

/// Builds the slot table of `s` and the symbol tables, with formulas typed as `formula_types` says.
SchemeNames build_names(const rules::Scheme& s, const std::vector<ValueType>& formula_types,
                        const std::vector<std::string>& broken_names) {
  SchemeNames n;
  rules::SchemeSymbols& table = *n.symbols;
  const bool has_normal_age = (s.pension_age && s.pension_age->normal.has_value()) ||
                              std::any_of(s.variants.begin(), s.variants.end(), [](const rules::Variant& v) { return v.normal_age.has_value(); });
  // A name defined twice is reported by check_unique_names; here the first definition wins.
  const auto add_slot = [&](rules::SlotInfo info, rules::PlaceSet places) {
    const auto slot = static_cast<rules::Slot>(table.slots.size());
    for (RulePlace p : all_places)
      if ((places & rules::place_bit(p)) && !n.at[static_cast<std::size_t>(p)].find(info.name))
        n.at[static_cast<std::size_t>(p)].add(info.name, slot, info.type);
    table.slots.push_back(std::move(info));
    return slot;
  };
  for (std::size_t i = 0; i < std::size(rules::engine_names); ++i) {
    const rules::EngineName& e = rules::engine_names[i];
    const rules::PlaceSet places = (e.needs_normal_age && !has_normal_age) ? rules::PlaceSet{0} : e.places;
    add_slot({std::string(e.name), rules::SlotSource::engine, e.type, i, {}}, places);
  }
  const auto add_bucket = [&](rules::SlotInfo info) {
    const auto slot = static_cast<rules::Slot>(table.bucket_slots.size());
    for (RulePlace p : all_places)
      if (!n.at[static_cast<std::size_t>(p)].find_bucket(info.name))
        n.at[static_cast<std::size_t>(p)].add_bucket(info.name, slot, info.type);
    if (!n.per_year.find(info.name)) n.per_year.add(info.name, slot, info.type);
    table.bucket_slots.push_back(std::move(info));
  };
  add_bucket({std::string(rules::bucket_year_name), rules::SlotSource::year, ValueType::number, 0, {}});
  for (std::size_t i = 0; i < s.parameters.size(); ++i) {
    const rules::Parameter& p = s.parameters[i];
    if (p.entries.empty()) continue;
    const rules::ParameterValue& first = p.entries.front().value;
    if (first.shape() == rules::ParameterValue::Shape::scalar) {
      add_slot({p.name, rules::SlotSource::parameter, ValueType::number, i, {}}, rules::everywhere);
      add_bucket({p.name, rules::SlotSource::parameter, ValueType::number, i, {}});
      if (p.axis == rules::ParameterAxis::period_date) {
        const auto id = static_cast<rules::SeriesId>(table.series.size());
        for (RulePlace place : all_places)
          if (!n.at[static_cast<std::size_t>(place)].find_series(p.name)) n.at[static_cast<std::size_t>(place)].add_series(p.name, id);
        if (!n.per_year.find_series(p.name)) n.per_year.add_series(p.name, id);
        table.series.push_back(i);
      }
    } else if (first.shape() == rules::ParameterValue::Shape::table) {
      for (const rules::NamedAmount& f : first.table()) {
        add_slot({p.name + "." + f.name, rules::SlotSource::parameter_field, ValueType::number, i, f.name}, rules::everywhere);
        add_bucket({p.name + "." + f.name, rules::SlotSource::parameter_field, ValueType::number, i, f.name});
      }
    }
  }
  for (std::size_t i = 0; i < s.measures.size(); ++i) {
    add_slot({s.measures[i].name, rules::SlotSource::measure, ValueType::number, i, {}}, rules::everywhere);
    add_bucket({s.measures[i].name, rules::SlotSource::measure, ValueType::number, i, {}});
  }
  for (std::size_t i = 0; i < s.formulas.size(); ++i)
    n.formula_slots.push_back(add_slot({s.formulas[i].name, rules::SlotSource::formula, formula_types[i], i, {}}, rules::everywhere));
  // Broken definitions keep their names (the scheme is never published with them).
  for (const std::string& name : broken_names) {
    if (!rules::is_valid_name(name)) continue;
    add_slot({name, rules::SlotSource::parameter, ValueType::number, 0, {}}, rules::everywhere);
    add_bucket({name, rules::SlotSource::parameter, ValueType::number, 0, {}});
  }
  return n;
}

/// A name defined twice in a scheme (a parameter and a measure both called `months`).
void check_unique_names(RuleFile& file, const rules::Scheme& s) {
  std::map<std::string, std::pair<std::string, SourcePosition>, std::less<>> seen;
  const auto note = [&](const std::string& name, std::string what, SourcePosition where) {
    if (rules::find_engine_name(name)) {
      file.error(where, what + " '" + name + "' takes the name of a value the engine computes");
      return;
    }
    const auto [it, fresh] = seen.emplace(name, std::pair{what, where});
    if (!fresh)
      file.error(where, what + " '" + name + "' has the name of the " + it->second.first + " at line " +
                            std::to_string(it->second.second.line));
  };
  for (const auto& p : s.parameters) note(p.name, "parameter", p.where.begin);
  for (const auto& m : s.measures) note(m.name, "measure", m.where.begin);
  for (const auto& f : s.formulas) note(f.name, "formula", f.where.begin);
}

/// Records which bucket slots the folds of `e` read (SchemeSymbols::read_in_fold).
void note_fold_reads(rules::SchemeSymbols& table, const rules::RuleExpression& e) {
  if (!e.compiled) return;
  table.read_in_fold.resize(table.bucket_slots.size(), false);
  for (rules::Slot slot : e.compiled->bucket_slots())
    if (slot < table.read_in_fold.size()) table.read_in_fold[slot] = true;
}

/// Compiles one expression; a problem goes to `problems` and leaves `e.compiled` null. `cite` is
/// the cite of the rule it belongs to: the trace cites it for the expression's steps. With
/// `folds`, the scheme's table, a rule expression also records the series its folds read.
void compile(rules::RuleExpression& e, const rules::Symbols& symbols, std::optional<ValueType> type, std::string rule,
             const rules::Cite& cite, Problems* problems, rules::SchemeSymbols* folds = nullptr) {
  try {
    e.compiled = std::make_shared<const rules::Expression>(rules::Expression::compile(
        e.text, symbols, rules::ExpressionOrigin{e.where.path, e.where.begin, std::move(rule), cite.text}, type));
  } catch (const rules::ExpressionError& error) {
    e.compiled = nullptr;
    if (problems) problems->errors.push_back(Diagnostic{error.path(), error.position(), error.message()});
  }
  if (folds) note_fold_reads(*folds, e);
}

void require_rounding(RuleFile& file, const rules::RuleExpression& e, const std::string& what) {
  if (e.compiled && !e.compiled->ends_in_rounding())
    file.error(e.where.begin, what + " does not end in a rounding: say how the law rounds it (round_down, round_up, "
                                     "round_half_up or round_half_even with its step)");
}

/// Compiles every expression of a scheme and orders its formulas; returns its names for the
/// agreements applied to it.
SchemeNames compile_scheme(RuleFile& file, rules::Scheme& s, const std::vector<std::string>& broken_names) {
  check_unique_names(file, s);
  // Formula types: numbers unless compiling says boolean; repeat until nothing changes.
  std::vector<ValueType> types(s.formulas.size(), ValueType::number);
  for (std::size_t round = 0; round <= s.formulas.size(); ++round) {
    const SchemeNames trial = build_names(s, types, broken_names);
    bool changed = false;
    for (std::size_t i = 0; i < s.formulas.size(); ++i) {
      rules::RuleExpression probe = s.formulas[i].expr;
      compile(probe, names_at(trial, RulePlace::scheme), std::nullopt, s.formulas[i].name, s.formulas[i].cite, nullptr);
      if (probe.compiled && probe.compiled->type() != types[i]) {
        types[i] = probe.compiled->type();
        changed = true;
      }
    }
    if (!changed) break;
  }
  SchemeNames names = build_names(s, types, broken_names);
  const rules::Symbols& at_scheme = names_at(names, RulePlace::scheme);
  rules::SchemeSymbols* const folds = names.symbols.get();   // the series the scheme's folds read
  const std::string id = s.id.str();

  for (rules::Formula& f : s.formulas) compile(f.expr, at_scheme, std::nullopt, f.name, f.cite, &file.problems(), folds);
  if (s.scope) compile(s.scope->covers, at_scheme, ValueType::boolean, "scope", s.scope->cite, &file.problems(), folds);
  for (rules::Variant& v : s.variants) {
    if (v.applies) compile(*v.applies, at_scheme, ValueType::boolean, v.id + ".applies", v.cite, &file.problems(), folds);
    compile(v.qualifies, at_scheme, ValueType::boolean, v.id + ".qualifies", v.cite, &file.problems(), folds);
    compile(v.benefit, at_scheme, ValueType::number, v.id + ".benefit", v.cite, &file.problems(), folds);
    if (v.theoretical) compile(*v.theoretical, at_scheme, ValueType::number, v.id + ".theoretical", v.cite, &file.problems(), folds);
    require_rounding(file, v.benefit, "the benefit of variant '" + v.id + "'");
  }
  for (std::size_t i = 0; i < s.exports.size(); ++i) {
    rules::ExportRule& e = s.exports[i];
    const std::string rule = "export #" + std::to_string(i + 1);
    compile(e.when, names_at(names, RulePlace::export_rule), ValueType::boolean, rule + ".when", e.cite, &file.problems(), folds);
    compile(e.payable, names_at(names, RulePlace::export_rule), ValueType::number, rule + ".payable", e.cite, &file.problems(), folds);
  }
  for (std::size_t i = 0; i < s.caveats.size(); ++i)
    compile(s.caveats[i].when, at_scheme, ValueType::boolean, "caveat #" + std::to_string(i + 1) + ".when",
            s.caveats[i].cite, &file.problems(), folds);
  for (rules::RefundOption& r : s.refunds) {
    compile(r.who, names_at(names, RulePlace::refund), ValueType::boolean, r.id + ".who", r.cite, &file.problems(), folds);
    compile(r.amount, names_at(names, RulePlace::refund), ValueType::number, r.id + ".amount", r.cite, &file.problems(), folds);
  }
  for (rules::MeasureSpec& m : s.measures) {
    for (rules::MeasureArgument& a : m.arguments) {
      if (auto* e = std::get_if<rules::RuleExpression>(&a.value))
        compile(*e, names.per_year, ValueType::number, m.name + "." + a.name, m.cite, &file.problems());
      if (m.kind->argument(a.name)->type == rules::ArgumentType::parameter_name && a.text() && !s.parameter(*a.text()))
        file.error(a.where.begin, "'" + a.name + "' of measure '" + m.name + "' names '" + *a.text() +
                                      "', which is not a parameter of the scheme");
    }
  }

  // Formula order: each after the formulas it reads; a cycle is an error.
  std::map<rules::Slot, std::size_t> formula_of_slot;
  for (std::size_t i = 0; i < names.formula_slots.size(); ++i) formula_of_slot[names.formula_slots[i]] = i;
  std::vector<std::vector<std::size_t>> uses(s.formulas.size());
  for (std::size_t i = 0; i < s.formulas.size(); ++i) {
    if (!s.formulas[i].expr.compiled) continue;
    for (rules::Slot slot : s.formulas[i].expr.compiled->slots())
      if (auto it = formula_of_slot.find(slot); it != formula_of_slot.end()) {
        uses[i].push_back(it->second);
        s.formulas[i].uses.push_back(s.formulas[it->second].name);
      }
    std::sort(s.formulas[i].uses.begin(), s.formulas[i].uses.end());
  }
  std::vector<int> state(s.formulas.size(), 0);   // 0 new, 1 on the path, 2 done
  std::vector<std::size_t> order, path;
  std::function<void(std::size_t)> visit = [&](std::size_t i) {
    if (state[i] == 2) return;
    if (state[i] == 1) {
      std::string chain;
      const auto from = std::find(path.begin(), path.end(), i);
      for (auto it = from; it != path.end(); ++it) chain += s.formulas[*it].name + " -> ";
      chain += s.formulas[i].name;
      file.error(s.formulas[i].expr.where.begin, "formula '" + s.formulas[i].name + "' depends on itself (" + chain + ")");
      return;
    }
    state[i] = 1;
    path.push_back(i);
    for (std::size_t j : uses[i]) visit(j);
    path.pop_back();
    if (state[i] == 1) {
      state[i] = 2;
      order.push_back(i);
    }
  };
  for (std::size_t i = 0; i < s.formulas.size(); ++i) {
    if (state[i] == 0) visit(i);
    for (int& x : state)
      if (x == 1) x = 2;   // a cycle reported once leaves its members done
  }
  if (order.size() == s.formulas.size()) {
    std::vector<rules::Formula> sorted;
    std::vector<std::size_t> new_index(s.formulas.size());
    for (std::size_t k = 0; k < order.size(); ++k) new_index[order[k]] = k;
    for (std::size_t k : order) sorted.push_back(std::move(s.formulas[k]));
    s.formulas = std::move(sorted);
    for (rules::SlotInfo& info : names.symbols->slots)
      if (info.source == rules::SlotSource::formula) info.index = new_index[info.index];
  }
  s.symbols = names.symbols;
  return names;
}

/// Compiles the party rules of an agreement for `scheme`.
void compile_party(RuleFile& file, rules::PartyRules& r, const rules::Scheme& scheme, const SchemeNames& names,
                   const std::string& agreement) {
  const std::string rule = agreement + " " + scheme.id.str();
  rules::SchemeSymbols* const folds = names.symbols.get();   // an agreement's folds bound the scheme's too
  if (r.minimum_own) compile(*r.minimum_own, names_at(names, RulePlace::party), ValueType::boolean, rule + " minimum_own", r.cite, &file.problems(), folds);
  if (r.ratio) compile(*r.ratio, names_at(names, RulePlace::party), ValueType::number, rule + " ratio", r.cite, &file.problems(), folds);
  if (r.amount) {
    compile(*r.amount, names_at(names, RulePlace::party_amount), ValueType::number, rule + " amount", r.cite, &file.problems(), folds);
    require_rounding(file, *r.amount, "the amount of " + rule);
  }
  if (r.accrued) {
    compile(*r.accrued, names_at(names, RulePlace::party_accrued), ValueType::number, rule + " accrued", r.cite, &file.problems(), folds);
    require_rounding(file, *r.accrued, "the accrued amount of " + rule);
  }
  if (r.small_periods && r.small_periods->unless)
    compile(*r.small_periods->unless, names_at(names, RulePlace::party), ValueType::boolean, rule + " small_periods.unless",
            r.small_periods->cite, &file.problems(), folds);
  for (std::size_t i = 0; i < r.exports.size(); ++i) {
    const std::string name = rule + " export #" + std::to_string(i + 1);
    compile(r.exports[i].when, names_at(names, RulePlace::export_rule), ValueType::boolean, name + ".when", r.exports[i].cite, &file.problems(), folds);
    compile(r.exports[i].payable, names_at(names, RulePlace::export_rule), ValueType::number, name + ".payable", r.exports[i].cite,
            &file.problems(), folds);
  }
  // Without an amount expression, the pro-rata amount is rounded as the scheme rounds its benefit.
  if (r.method != rules::AmountMethod::direct && !r.amount)
    for (const rules::Variant& v : scheme.variants)
      if (!v.rounding)
        file.error(r.where.begin, agreement + " gives no 'amount' for " + scheme.id.str() + ", and the benefit of its variant '" +
                                      v.id + "' does not end in round_…(x, step) to round the pro-rata amount with");
}

struct LoadedFile {
  std::string shown;                         ///< the path as printed
  std::unique_ptr<RuleFile> file;
  std::optional<toml::table> root;
};

std::vector<std::filesystem::path> rule_files(const std::filesystem::path& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status))
    throw RulebookReadError("cannot read '" + path.string() + "': no such file or directory");
  if (std::filesystem::is_regular_file(status)) {
    if (path.extension() != ".toml") throw RulebookReadError("cannot read '" + path.string() + "': not a .toml file or a directory");
    return {path};
  }
  if (!std::filesystem::is_directory(status))
    throw RulebookReadError("cannot read '" + path.string() + "': not a .toml file or a directory");
  std::vector<std::filesystem::path> files;
  std::filesystem::recursive_directory_iterator it(path, std::filesystem::directory_options::skip_permission_denied, ec);
  if (ec) throw RulebookReadError("cannot read '" + path.string() + "': " + ec.message());
  for (; it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) throw RulebookReadError("cannot read '" + path.string() + "': " + ec.message());
    if (it->is_regular_file() && it->path().extension() == ".toml") files.push_back(it->path());
  }
  std::sort(files.begin(), files.end(), [&](const auto& a, const auto& b) {
    return a.lexically_relative(path).generic_string() < b.lexically_relative(path).generic_string();
  });
  return files;
}

}  // namespace

RulebookCheck check_rulebook(const std::filesystem::path& path) {
  RulebookCheck result;
  Problems problems;
  const bool single = std::filesystem::is_regular_file(path);
  std::vector<LoadedFile> loaded;
  totalis::detail::Sha256 hash;
  for (const std::filesystem::path& p : rule_files(path)) {
    LoadedFile f;
    f.shown = single ? path.generic_string() : (path / p.lexically_relative(path)).generic_string();
    std::ifstream in(p, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    auto shared_path = std::make_shared<const std::string>(f.shown);
    if (!in) {
      problems.errors.push_back(Diagnostic{f.shown, {}, "cannot read the file"});
      continue;
    }
    hash.update(bytes.str());
    f.file = std::make_unique<RuleFile>(shared_path, bytes.str(), problems);
    try {
      f.root = toml::parse(std::string_view(f.file->bytes()), std::string_view(f.shown));
    } catch (const toml::parse_error& e) {
      f.file->error(e.source(), std::string(e.description()));
    }
    loaded.push_back(std::move(f));
  }
  result.files = loaded.size();

  // Read every file.
  std::vector<std::pair<detail::SchemeDraft, RuleFile*>> schemes;
  std::vector<std::pair<detail::AgreementDraft, RuleFile*>> agreements;
  for (LoadedFile& f : loaded) {
    if (!f.root) continue;
    const bool is_scheme = f.root->contains("scheme");
    const bool is_agreement = f.root->contains("agreement");
    if (is_scheme && is_agreement) {
      f.file->error(f.root->get("agreement")->source(), "a rule file defines a scheme or an agreement, not both");
    } else if (is_scheme) {
      schemes.emplace_back(detail::read_scheme(*f.file, *f.root), f.file.get());
    } else if (is_agreement) {
      agreements.emplace_back(detail::read_agreement(*f.file, *f.root), f.file.get());
    } else {
      f.file->error(SourcePosition{1, 1}, "a rule file starts with 'scheme = \"CC-NAME\"' or 'agreement = \"ID\"'");
    }
  }
  result.schemes = schemes.size();
  result.agreements = agreements.size();

  // Ids: unique across files.
  std::map<SchemeId, std::pair<rules::Scheme*, RuleFile*>> by_id;
  std::map<SchemeId, SchemeNames> names;
  for (auto& [draft, file] : schemes) {
    if (!draft.valid_id) continue;
    const auto [it, fresh] = by_id.emplace(draft.scheme.id, std::pair{&draft.scheme, file});
    if (!fresh)
      file->error(draft.id_position, "scheme '" + draft.scheme.id.str() + "' is defined twice (first in " +
                                         *it->second.second->path() + ")");
  }
  for (auto& [draft, file] : schemes) {
    SchemeNames n = compile_scheme(*file, draft.scheme, draft.broken_names);
    if (draft.valid_id && by_id.at(draft.scheme.id).first == &draft.scheme) names.emplace(draft.scheme.id, std::move(n));
  }
  std::map<std::string, RuleFile*> agreement_ids;
  for (auto& [draft, file] : agreements) {
    rules::Agreement& a = draft.agreement;
    if (!a.id.empty()) {
      const auto [it, fresh] = agreement_ids.emplace(a.id, file);
      if (!fresh) file->error(draft.id_position, "agreement '" + a.id + "' is defined twice (first in " + *it->second->path() + ")");
    }
    std::set<SchemeId> named;
    for (const detail::PartyDraft& p : draft.parties)
      if (p.scheme_text != "*") named.insert(p.rules.scheme);
    for (detail::PartyDraft& p : draft.parties) {
      std::vector<SchemeId> targets;
      if (p.scheme_text == "*") {
        for (const auto& [id, entry] : by_id)
          if (a.has_party(id.country()) && !named.count(id)) targets.push_back(id);
      } else if (!by_id.count(p.rules.scheme)) {
        file->error(p.scheme_position, "agreement '" + a.id + "' names scheme '" + p.scheme_text +
                                           "', which no rule file defines");
        continue;
      } else if (!a.has_party(p.rules.scheme.country())) {
        file->error(p.scheme_position, "scheme '" + p.scheme_text + "' belongs to " +
                                           std::string(p.rules.scheme.country().alpha2()) + ", which is not a party");
        continue;
      } else {
        targets.push_back(p.rules.scheme);
      }
      for (const rules::Conversion& c : p.rules.conversions) {
        if (c.from == "*") continue;
        const Country from = c.from.size() == 2 ? Country{c.from} : SchemeId{c.from}.country();
        if (!a.has_party(from))
          file->error(c.where.begin, "'from' " + c.from + " in [[party.convert]] is not a party to " + a.id);
      }
      for (const SchemeId& id : targets) {
        rules::PartyRules rules = p.rules;
        rules.scheme = id;
        rules.from_wildcard = p.scheme_text == "*";
        const auto n = names.find(id);
        if (n != names.end()) compile_party(*file, rules, *by_id.at(id).first, n->second, a.id);
        a.party_rules.push_back(std::move(rules));
      }
    }
    std::sort(a.party_rules.begin(), a.party_rules.end(),
              [](const rules::PartyRules& x, const rules::PartyRules& y) { return x.scheme < y.scheme; });
  }

  // Every problem, by file then position.
  std::map<std::string, std::size_t> file_order;
  for (std::size_t i = 0; i < loaded.size(); ++i) file_order.emplace(loaded[i].shown, i);
  const auto by_place = [&](const Diagnostic& x, const Diagnostic& y) {
    const std::size_t fx = file_order.count(x.path) ? file_order.at(x.path) : 0;
    const std::size_t fy = file_order.count(y.path) ? file_order.at(y.path) : 0;
    if (fx != fy) return fx < fy;
    return x.position < y.position;
  };
  std::stable_sort(problems.errors.begin(), problems.errors.end(), by_place);
  problems.errors.erase(std::unique(problems.errors.begin(), problems.errors.end()), problems.errors.end());
  std::stable_sort(problems.unsourced.begin(), problems.unsourced.end(), by_place);
  result.problems = std::move(problems.errors);
  result.unsourced = std::move(problems.unsourced);
  if (!result.problems.empty()) return result;

  std::vector<rules::Scheme> final_schemes;
  for (auto& [draft, file] : schemes) final_schemes.push_back(std::move(draft.scheme));
  std::vector<rules::Agreement> final_agreements;
  for (auto& [draft, file] : agreements) final_agreements.push_back(std::move(draft.agreement));
  result.rulebook = std::make_shared<const rules::Rulebook>(std::move(final_schemes), std::move(final_agreements),
                                                            "sha256:" + hash.hex_digest());
  return result;
}

std::shared_ptr<const rules::Rulebook> load_rulebook(const std::filesystem::path& path) {
  RulebookCheck check = check_rulebook(path);
  if (!check.problems.empty()) throw RulebookError(std::move(check.problems));
  return std::move(check.rulebook);
}

}  // namespace totalis::io
