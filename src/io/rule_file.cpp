// Reading one TOML rule file: typed getters, the key check, expression positions.

#include "rule_file.hpp"

#include <algorithm>
#include <utility>

namespace totalis::io::detail {

namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::string quoted(std::string_view where) { return std::string(where); }

}  // namespace

std::string did_you_mean(std::string_view name, const std::vector<std::string_view>& candidates) {
  std::string_view best;
  std::size_t best_distance = 3;
  for (std::string_view c : candidates) {
    const std::size_t d = edit_distance(name, c);
    if (d < best_distance && d < name.size()) {
      best = c;
      best_distance = d;
    }
  }
  return best.empty() ? std::string() : " (did you mean '" + std::string(best) + "'?)";
}

std::string joined(const std::vector<std::string_view>& names) {
  std::string out;
  for (std::string_view n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

RuleFile::RuleFile(std::shared_ptr<const std::string> path, std::string bytes, Problems& problems)
    : path_(std::move(path)), bytes_(std::move(bytes)), problems_(problems) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < bytes_.size(); ++i)
    if (bytes_[i] == '\n') line_starts_.push_back(i + 1);
}

void RuleFile::error(SourcePosition where, std::string message) {
  problems_.errors.push_back(Diagnostic{*path_, where, std::move(message)});
}

SourcePosition RuleFile::position_of(const toml::node& n) const noexcept {
  const SourcePosition p = position(n.source());
  return p ? p : SourcePosition{1, 1};
}

void RuleFile::check_keys(const toml::table& table, std::initializer_list<std::string_view> allowed,
                          std::string_view where, const std::vector<std::string_view>& also) {
  std::vector<std::string_view> names(allowed);
  names.insert(names.end(), also.begin(), also.end());
  for (auto&& [key, value] : table) {
    if (std::find(names.begin(), names.end(), key.str()) != names.end()) continue;
    std::string message = "unknown key '" + std::string(key.str()) + "' in " + quoted(where);
    const std::string hint = did_you_mean(key.str(), names);
    message += hint.empty() ? "; expected one of: " + joined(names) : hint;
    SourcePosition at = position(key.source());
    if (!at) at = position_of(value);
    error(at, std::move(message));
  }
}

std::string RuleFile::type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a floating-point number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    default: return "nothing";
  }
}

namespace {
const toml::node* child(const toml::table& t, std::string_view key) { return t.get(key); }
}  // namespace

std::optional<std::string> RuleFile::string(const toml::table& t, std::string_view key, std::string_view where,
                                            bool required) {
  const toml::node* n = child(t, key);
  if (!n) {
    if (required) error(position_of(t), "missing '" + std::string(key) + "' in " + quoted(where));
    return std::nullopt;
  }
  if (const auto* s = n->as_string()) return s->get();
  error(n->source(), "'" + std::string(key) + "' in " + quoted(where) + " must be a string, not " + type_name(*n));
  return std::nullopt;
}

std::optional<std::int64_t> RuleFile::integer(const toml::table& t, std::string_view key, std::string_view where,
                                              bool required) {
  const toml::node* n = child(t, key);
  if (!n) {
    if (required) error(position_of(t), "missing '" + std::string(key) + "' in " + quoted(where));
    return std::nullopt;
  }
  if (const auto* i = n->as_integer()) return i->get();
  error(n->source(), "'" + std::string(key) + "' in " + quoted(where) + " must be an integer, not " + type_name(*n));
  return std::nullopt;
}

std::optional<bool> RuleFile::boolean(const toml::table& t, std::string_view key, std::string_view where,
                                      bool required) {
  const toml::node* n = child(t, key);
  if (!n) {
    if (required) error(position_of(t), "missing '" + std::string(key) + "' in " + quoted(where));
    return std::nullopt;
  }
  if (const auto* b = n->as_boolean()) return b->get();
  error(n->source(), "'" + std::string(key) + "' in " + quoted(where) + " must be true or false, not " + type_name(*n));
  return std::nullopt;
}

std::optional<Date> RuleFile::date(const toml::table& t, std::string_view key, std::string_view where, bool required) {
  const toml::node* n = child(t, key);
  if (!n) {
    if (required) error(position_of(t), "missing '" + std::string(key) + "' in " + quoted(where));
    return std::nullopt;
  }
  if (const auto* d = n->as_date()) {
    const toml::date v = d->get();
    if (v.year < min_date_year || v.year > max_date_year) {
      error(n->source(), "'" + std::string(key) + "' in " + quoted(where) + " is out of range: years " +
                             std::to_string(min_date_year) + " to " + std::to_string(max_date_year));
      return std::nullopt;
    }
    return Date(static_cast<unsigned short>(v.year), v.month, v.day);
  }
  error(n->source(), "'" + std::string(key) + "' in " + quoted(where) + " must be a date (YYYY-MM-DD, unquoted), not " +
                         type_name(*n));
  return std::nullopt;
}

std::optional<Amount> RuleFile::decimal(const toml::node& n, std::string_view what) {
  if (const auto* i = n.as_integer()) return Amount{i->get()};
  if (const auto* s = n.as_string()) {
    const std::string why = Amount::why_not(s->get());
    if (why.empty()) return Amount::parse(s->get());
    error(n.source(), std::string(what) + ": " + why);
    return std::nullopt;
  }
  if (n.is_floating_point()) {
    error(n.source(), std::string(what) + " must be a decimal string or an integer, not a floating-point number "
                                          "(binary fractions are not exact: write it in quotes)");
    return std::nullopt;
  }
  error(n.source(), std::string(what) + " must be a decimal string or an integer, not " + type_name(n));
  return std::nullopt;
}

std::optional<Amount> RuleFile::decimal(const toml::table& t, std::string_view key, std::string_view where,
                                        bool required) {
  const toml::node* n = child(t, key);
  if (!n) {
    if (required) error(position_of(t), "missing '" + std::string(key) + "' in " + quoted(where));
    return std::nullopt;
  }
  return decimal(*n, "'" + std::string(key) + "' in " + quoted(where));
}

std::optional<std::vector<std::string>> RuleFile::strings(const toml::table& t, std::string_view key,
                                                          std::string_view where, bool required) {
  const toml::node* n = child(t, key);
  if (!n) {
    if (required) error(position_of(t), "missing '" + std::string(key) + "' in " + quoted(where));
    return std::nullopt;
  }
  const auto* array = n->as_array();
  if (!array) {
    error(n->source(), "'" + std::string(key) + "' in " + quoted(where) + " must be an array of strings, not " +
                           type_name(*n));
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  for (const toml::node& item : *array) {
    if (const auto* s = item.as_string()) {
      out.push_back(s->get());
    } else {
      error(item.source(), "'" + std::string(key) + "' in " + quoted(where) + " must hold strings, not " + type_name(item));
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

rules::Cite RuleFile::cite(const toml::table& t, std::string_view where) {
  if (auto c = optional_cite(t, where)) return std::move(*c);
  if (!t.get("cite")) error(position_of(t), "missing 'cite' in " + quoted(where) + ": every rule names its legal source");
  return rules::Cite{};
}

std::optional<rules::Cite> RuleFile::optional_cite(const toml::table& t, std::string_view where) {
  const toml::node* n = child(t, "cite");
  if (!n) return std::nullopt;
  const auto* s = n->as_string();
  if (!s) {
    error(n->source(), "'cite' in " + quoted(where) + " must be a string, not " + type_name(*n));
    return std::nullopt;
  }
  if (s->get().find_first_not_of(" \t") == std::string::npos) {
    error(n->source(), "'cite' in " + quoted(where) + " is empty: every rule names its legal source");
    return std::nullopt;
  }
  rules::Cite c{s->get(), region(n->source())};
  if (c.is_unsourced()) problems_.unsourced.push_back(Diagnostic{*path_, position(n->source()), "unsourced: " + c.text});
  return c;
}

std::optional<rules::RuleExpression> RuleFile::expression(const toml::table& t, std::string_view key,
                                                          std::string_view where, bool required) {
  const toml::node* n = child(t, key);
  if (!n) {
    if (required) error(position_of(t), "missing '" + std::string(key) + "' in " + quoted(where));
    return std::nullopt;
  }
  const auto* s = n->as_string();
  if (!s) {
    error(n->source(), "'" + std::string(key) + "' in " + quoted(where) + " must be an expression in quotes, not " +
                           type_name(*n));
    return std::nullopt;
  }
  const SourcePosition start = string_start(*n);
  SourceRegion where_region{start, advanced(start, s->get()), path_};
  return rules::RuleExpression{s->get(), std::move(where_region), nullptr};
}

const toml::table* RuleFile::table(const toml::table& t, std::string_view key, std::string_view where) {
  const toml::node* n = child(t, key);
  if (!n) return nullptr;
  if (const auto* tb = n->as_table()) return tb;
  error(n->source(), "'" + std::string(key) + "' in " + quoted(where) + " must be a table, not " + type_name(*n));
  return nullptr;
}

const toml::array* RuleFile::array_of_tables(const toml::table& t, std::string_view key, std::string_view where) {
  const toml::node* n = child(t, key);
  if (!n) return nullptr;
  const auto* array = n->as_array();
  if (array && std::all_of(array->begin(), array->end(), [](const toml::node& x) { return x.is_table(); })) return array;
  error(n->source(), "'" + std::string(key) + "' in " + quoted(where) + " must be an array of tables ([[" +
                         std::string(key) + "]]), not " + type_name(*n));
  return nullptr;
}

std::size_t RuleFile::byte_offset(SourcePosition p) const {
  if (!p || p.line > line_starts_.size()) return bytes_.size();
  std::size_t i = line_starts_[p.line - 1];
  for (std::uint32_t column = 1; column < p.column && i < bytes_.size() && bytes_[i] != '\n'; ++column) {
    ++i;   // one code point: skip its continuation bytes
    while (i < bytes_.size() && (static_cast<unsigned char>(bytes_[i]) & 0xC0U) == 0x80U) ++i;
  }
  return i;
}

SourcePosition RuleFile::string_start(const toml::node& n) const {
  const SourcePosition quote = position(n.source());
  if (!quote) return SourcePosition{1, 1};
  const std::size_t at = byte_offset(quote);
  const std::string_view rest = std::string_view(bytes_).substr(at);
  if (rest.substr(0, 3) == "'''" || rest.substr(0, 3) == "\"\"\"") {
    // TOML trims a newline right after the opening delimiter.
    if (rest.substr(3, 1) == "\n" || rest.substr(3, 2) == "\r\n") return SourcePosition{quote.line + 1, 1};
    return SourcePosition{quote.line, quote.column + 3};
  }
  return SourcePosition{quote.line, quote.column + 1};
}

}  // namespace totalis::io::detail
