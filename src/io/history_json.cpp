// JSON → History: the tree from json_document is walked field by field; every field problem is
// collected with its line and column, then validate() judges the history as a whole.

#include "totalis/io/history_json.hpp"

#include "field_messages.hpp"
#include "json_document.hpp"
#include "totalis/core/date.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

namespace totalis::io {

std::string InputProblem::str() const {
  std::string where = file;
  if (line > 0) {
    where += ":" + std::to_string(line);
    if (column > 0) where += ":" + std::to_string(column);
  }
  return where + ": " + message;
}

namespace {

using detail::JsonNode;
using Type = JsonNode::Type;

constexpr std::string_view worker_keys[] = {"id", "birth_date", "nationalities", "residence", "residence_since",
                                            "as_of", "claim_date", "claim_dates"};
constexpr std::string_view period_keys[] = {"country", "from", "to", "kind", "scheme", "worked_in", "currency",
                                            "earnings", "contributions", "employee_contributions", "credits",
                                            "refunded_on"};

using field_messages::closest;
using field_messages::shown;

/// Reads one record (the worker, or one period) and collects its problems.
class RecordReader {
 public:
  RecordReader(const JsonNode& node, std::string prefix, std::vector<InputProblem>& problems, const std::string& file)
      : node_(node), prefix_(std::move(prefix)), problems_(problems), file_(file) {}

  bool ok() const noexcept { return ok_; }

  void fail(const JsonNode& at, const std::string& message) {
    problems_.push_back({file_, at.line, at.column, prefix_ + message});
    ok_ = false;
  }

  void reject_unknown_keys(std::span<const std::string_view> known) {
    for (std::size_t i = 0; i < node_.keys.size(); ++i) {
      const std::string& key = node_.keys[i];
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      std::string message = "unknown field '" + shown(key) + "'";
      if (std::string guess = closest(key, known); !guess.empty()) message += " (did you mean '" + guess + "'?)";
      problems_.push_back({file_, node_.key_positions[i].first, node_.key_positions[i].second, prefix_ + message});
      ok_ = false;
    }
  }

  const JsonNode* field(std::string_view key, bool required) {
    const JsonNode* value = node_.find(key);
    if (value && value->type == Type::null && !required) return nullptr;
    if (!value && required) {
      problems_.push_back({file_, node_.line, node_.column, prefix_ + "'" + std::string(key) + "' is missing"});
      ok_ = false;
    }
    return value;
  }

  const JsonNode* string_field(std::string_view key, bool required, std::string_view expected) {
    const JsonNode* value = field(key, required);
    if (value && value->type != Type::string) {
      fail(*value, "'" + std::string(key) + "' must be " + std::string(expected) + ", not " +
                       std::string(value->type_name()));
      return nullptr;
    }
    return value;
  }

  std::optional<std::string> text(std::string_view key, bool required) {
    const JsonNode* value = string_field(key, required, "a string");
    if (!value) return std::nullopt;
    return value->text;
  }

  std::optional<Date> date(std::string_view key, bool required) {
    const JsonNode* value = string_field(key, required, "a date string \"YYYY-MM-DD\"");
    if (!value) return std::nullopt;
    try {
      return parse_date(value->text);
    } catch (const std::invalid_argument&) {
      fail(*value, field_messages::not_a_date(key, value->text));
      return std::nullopt;
    }
  }

  std::optional<Country> country_in(const JsonNode& value, std::string_view key) {
    if (value.type != Type::string) {
      fail(value, "'" + std::string(key) + "' must be a country code string like \"DE\", not " +
                      std::string(value.type_name()));
      return std::nullopt;
    }
    if (auto c = Country::find(value.text)) return c;
    fail(value, field_messages::not_a_country(key, value.text));
    return std::nullopt;
  }

  std::optional<Country> country(std::string_view key, bool required) {
    const JsonNode* value = field(key, required);
    if (!value) return std::nullopt;
    return country_in(*value, key);
  }

  std::optional<Amount> amount_in(const JsonNode& value, const std::string& label) {
    if (value.type != Type::string) {
      fail(value, label + " must be a decimal string like \"35000.00\", not " + std::string(value.type_name()));
      return std::nullopt;
    }
    if (std::string why = Amount::why_not(value.text); !why.empty()) {
      fail(value, label + " " + why);
      return std::nullopt;
    }
    return Amount::parse(value.text);
  }

  std::optional<Amount> amount(std::string_view key) {
    const JsonNode* value = field(key, false);
    if (!value) return std::nullopt;
    return amount_in(*value, "'" + std::string(key) + "'");
  }

 private:
  const JsonNode& node_;
  std::string prefix_;
  std::vector<InputProblem>& problems_;
  const std::string& file_;
  bool ok_ = true;
};

/// Field lines of one record, so validation problems point at the field they name.
struct RecordLines {
  const JsonNode* node = nullptr;
  std::pair<std::size_t, std::size_t> of(std::string_view field) const {
    if (!node) return {0, 0};
    if (const JsonNode* f = node->find(field)) return {f->line, f->column};
    return {node->line, node->column};
  }
};

class HistoryReader {
 public:
  HistoryReader(const std::string& file, const ValidationOptions& options) : file_(file), options_(options) {}

  HistoryFile read(std::string_view text) {
    detail::JsonParse parsed = detail::parse_json(text);
    if (parsed.error) {
      result_.problems.push_back({file_, parsed.error->line, parsed.error->column, parsed.error->message});
      return std::move(result_);
    }
    const JsonNode& root = *parsed.root;
    if (root.type != Type::object) {
      problem(root, "the document must be an object with \"worker\" and \"periods\", not " +
                        std::string(root.type_name()));
      return std::move(result_);
    }
    static constexpr std::string_view top_keys[] = {"worker", "periods"};
    RecordReader top(root, "", result_.problems, file_);
    top.reject_unknown_keys(top_keys);

    History history;
    const JsonNode* worker = root.find("worker");
    bool worker_ok = false;
    if (!worker) {
      problem(root, "'worker' is missing");
    } else if (worker->type != Type::object) {
      problem(*worker, "'worker' must be an object, not " + std::string(worker->type_name()));
    } else {
      worker_ok = read_worker(*worker, history.worker);
      lines_.worker.node = worker;
    }

    const JsonNode* periods = root.find("periods");
    std::vector<std::size_t> original_index;   // history.periods[k] came from periods[original_index[k]]
    bool periods_ok = true;
    if (!periods) {
      problem(root, "'periods' is missing");
      periods_ok = false;
    } else if (periods->type != Type::array) {
      problem(*periods, "'periods' must be an array, not " + std::string(periods->type_name()));
      periods_ok = false;
    } else if (periods->children.size() > options_.max_periods) {
      problem(*periods, history.worker.id + " has " + std::to_string(periods->children.size()) +
                            " periods; at most " + std::to_string(options_.max_periods) + " are accepted");
      periods_ok = false;
    } else {
      for (std::size_t i = 0; i < periods->children.size(); ++i) {
        Period period;
        if (read_period(periods->children[i], i, history.worker.id, period)) {
          history.periods.push_back(std::move(period));
          original_index.push_back(i);
        } else {
          periods_ok = false;
        }
        lines_.periods.push_back({&periods->children[i]});
      }
    }

    // Whole-history checks need a complete worker record; they run on the periods that parsed.
    if (worker_ok) {
      std::vector<std::size_t> numbers;   // periods are named by their place in the file
      for (std::size_t k : original_index) numbers.push_back(k + 1);
      for (const Problem& p : validate(history, options_, numbers)) {
        std::optional<std::size_t> original;
        if (p.period) original = original_index[*p.period];
        const RecordLines& lines = original ? lines_.periods[*original] : lines_.worker;
        const auto [line, column] = lines.of(p.field);
        Problem located = p;
        located.period = original;
        result_.problems.push_back({file_, line, column, located.str()});
      }
    }
    // Report in the order of the file, whatever stage found a problem.
    std::stable_sort(result_.problems.begin(), result_.problems.end(), [](const auto& a, const auto& b) {
      return std::pair(a.line, a.column) < std::pair(b.line, b.column);
    });
    if (worker_ok && periods_ok && result_.problems.empty()) result_.history = std::move(history);
    return std::move(result_);
  }

 private:
  void problem(const JsonNode& at, std::string message) {
    result_.problems.push_back({file_, at.line, at.column, std::move(message)});
  }

  bool read_worker(const JsonNode& node, Worker& worker) {
    // The id names every later message, so it is read first.
    std::string id = "worker";
    if (const JsonNode* id_node = node.find("id"); id_node && id_node->type == Type::string && !id_node->text.empty())
      id = shown(id_node->text);
    RecordReader r(node, id + ": ", result_.problems, file_);
    r.reject_unknown_keys(worker_keys);
    if (auto v = r.text("id", true)) worker.id = *v;
    if (auto v = r.date("birth_date", true)) worker.birth_date = *v;
    if (auto v = r.country("residence", true)) worker.residence = *v;
    if (auto v = r.date("as_of", true)) worker.as_of = *v;
    worker.residence_since = r.date("residence_since", false);
    worker.claim_date = r.date("claim_date", false);
    if (const JsonNode* list = r.field("nationalities", false)) {
      if (list->type != Type::array) {
        r.fail(*list, "'nationalities' must be an array of country codes, not " + std::string(list->type_name()));
      } else {
        for (const JsonNode& n : list->children)
          if (auto c = r.country_in(n, "nationalities")) worker.nationalities.push_back(*c);
      }
    }
    if (const JsonNode* claims = r.field("claim_dates", false)) {
      if (claims->type != Type::object) {
        r.fail(*claims, "'claim_dates' must be an object of scheme or country → date, not " +
                            std::string(claims->type_name()));
      } else {
        for (std::size_t i = 0; i < claims->keys.size(); ++i) {
          const JsonNode& value = claims->children[i];
          const std::string label = "'claim_dates' " + shown(claims->keys[i]);
          if (value.type != Type::string) {
            r.fail(value, label + " must be a date string \"YYYY-MM-DD\", not " + std::string(value.type_name()));
            continue;
          }
          try {
            worker.claim_dates.push_back({claims->keys[i], parse_date(value.text)});
          } catch (const std::invalid_argument&) {
            r.fail(value, label + " " + shown(value.text) + " is not a date");
          }
        }
      }
    }
    return r.ok();
  }

  bool read_period(const JsonNode& node, std::size_t index, const std::string& worker_id, Period& period) {
    const std::string prefix = (worker_id.empty() ? std::string("worker") : shown(worker_id)) + " period " +
                               std::to_string(index + 1) + ": ";
    if (node.type != Type::object) {
      problem(node, prefix + "must be an object, not " + std::string(node.type_name()));
      return false;
    }
    RecordReader r(node, prefix, result_.problems, file_);
    r.reject_unknown_keys(period_keys);
    if (auto c = r.country("country", true)) period.country = *c;
    const auto from = r.date("from", true);
    const auto to = r.date("to", true);
    if (from && to) {
      if (*to < *from)
        r.fail(*node.find("to"), "'to' " + format_date(*to) + " is before 'from' " + format_date(*from));
      else
        period.span = Span(*from, *to);
    }
    if (const JsonNode* kind = r.string_field("kind", true, "a period kind string")) {
      if (auto k = find_period_kind(kind->text))
        period.kind = *k;
      else
        r.fail(*kind, field_messages::not_a_kind(kind->text));
    }
    if (const JsonNode* scheme = r.string_field("scheme", false, "a scheme id string like \"US-OASDI\"")) {
      try {
        period.scheme = SchemeId(scheme->text);
      } catch (const std::invalid_argument& e) {
        r.fail(*scheme, field_messages::not_a_scheme(e.what()));
      }
    }
    period.worked_in = r.country("worked_in", false);
    if (const JsonNode* currency = r.string_field("currency", false, "a currency code string like \"EUR\"")) {
      if (Currency::is_code(currency->text))
        period.currency = Currency(currency->text);
      else
        r.fail(*currency, field_messages::not_a_currency(currency->text));
    }
    period.earnings = r.amount("earnings");
    period.contributions = r.amount("contributions");
    period.employee_contributions = r.amount("employee_contributions");
    if (const JsonNode* credits = r.field("credits", false)) {
      if (credits->type != Type::object) {
        r.fail(*credits, "'credits' must be an object of name → decimal string, not " + std::string(credits->type_name()));
      } else {
        for (std::size_t i = 0; i < credits->keys.size(); ++i)
          if (auto v = r.amount_in(credits->children[i], "credit '" + shown(credits->keys[i]) + "'"))
            period.credits.push_back({credits->keys[i], *v});
        std::sort(period.credits.begin(), period.credits.end(),
                  [](const Credit& a, const Credit& b) { return a.name < b.name; });
      }
    }
    period.refunded_on = r.date("refunded_on", false);
    return r.ok();
  }

  const std::string& file_;
  const ValidationOptions& options_;
  HistoryFile result_;
  struct {
    RecordLines worker;
    std::vector<RecordLines> periods;
  } lines_;
};

}  // namespace

HistoryFile parse_history_json(std::string_view text, const std::string& file, const ValidationOptions& options) {
  return HistoryReader(file, options).read(text);
}

HistoryFile read_history_json(const std::filesystem::path& path, const ValidationOptions& options) {
  const std::string file = path.string();
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return {std::nullopt, {{file, 0, 0, "is a directory, not a file"}}};
  std::ifstream in(path, std::ios::binary);
  if (!in) return {std::nullopt, {{file, 0, 0, "cannot be opened for reading"}}};
  // Refuse oversized files before reading them whole (the parser repeats the check on text).
  const detail::JsonLimits limits;
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > limits.max_bytes)
    return {std::nullopt,
            {{file, 1, 1, "file is " + std::to_string(size) + " bytes; at most " + std::to_string(limits.max_bytes) +
                              " are accepted for one worker"}}};
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return parse_history_json(text, file, options);
}

}  // namespace totalis::io
