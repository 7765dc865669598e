// workers.csv + periods.csv → one History per worker: both files are read a record at a time,
// fields parsed by column name with the JSON reader's wording, periods merged onto their worker
// by worker_id (see the header for the merge), then validate() judges each history as a whole.

#include "totalis/io/history_csv.hpp"

#include "field_messages.hpp"
#include "totalis/core/date.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <utility>

namespace totalis::io {

namespace msg = field_messages;

CsvHeaderError::CsvHeaderError(std::vector<InputProblem> problems)
    : std::runtime_error([&] {
        std::string text;
        for (const InputProblem& p : problems) text += (text.empty() ? "" : "\n") + p.str();
        return text;
      }()),
      problems_(std::move(problems)) {}

namespace {

constexpr std::size_t absent = static_cast<std::size_t>(-1);

/// Which field of a record holds each known column (absent when the file has no such column).
template <std::size_t N>
using ColumnIndex = std::array<std::size_t, N>;

template <std::size_t N>
ColumnIndex<N> read_header(CsvReader& csv, const std::string& file, const std::string_view (&known)[N],
                           std::span<const std::string_view> required, std::vector<InputProblem>& problems) {
  ColumnIndex<N> index;
  index.fill(absent);
  std::string expected;
  for (std::string_view k : known) expected += (expected.empty() ? "" : ",") + std::string(k);
  if (!csv.next()) {
    problems.push_back({file, 0, 0, "is empty; a header row is required: " + expected});
    return index;
  }
  const std::size_t line = csv.line();
  if (!csv.problem().empty()) {
    problems.push_back({file, line, 0, "header row: " + csv.problem()});
    return index;
  }
  const std::span<const std::string_view> names(known);
  for (std::size_t f = 0; f < csv.size(); ++f) {
    const std::string_view name = csv[f];
    const auto it = std::find(std::begin(known), std::end(known), name);
    if (it == std::end(known)) {
      problems.push_back({file, line, 0,
                          name.empty() ? "column " + std::to_string(f + 1) + " of the header has no name"
                                       : msg::unknown_field("column", name, names) + "; the columns are " + expected});
      continue;
    }
    const auto k = static_cast<std::size_t>(it - std::begin(known));
    if (index[k] != absent)
      problems.push_back({file, line, 0, "column '" + std::string(name) + "' appears twice in the header"});
    else
      index[k] = f;
  }
  for (std::string_view r : required) {
    const auto k = static_cast<std::size_t>(std::find(std::begin(known), std::end(known), r) - std::begin(known));
    if (index[k] == absent) problems.push_back({file, line, 0, "missing column '" + std::string(r) + "'"});
  }
  csv.expect_fields(csv.size());
  return index;
}

constexpr std::string_view required_worker_columns[] = {"worker_id", "birth_date", "residence", "as_of"};
constexpr std::string_view required_period_columns[] = {"worker_id", "country", "from", "to", "kind"};

enum WorkerColumn : std::size_t { w_id, w_birth_date, w_nationalities, w_residence, w_residence_since, w_as_of, w_claim_date };
enum PeriodColumn : std::size_t {
  p_worker_id, p_country, p_scheme, p_from, p_to, p_kind, p_earnings, p_currency, p_contributions,
  p_employee_contributions, p_credits, p_worked_in, p_refunded_on
};

/// Field readers over one record: each collects its problems, unprefixed, in column order.
class FieldReader {
 public:
  FieldReader(const CsvReader& csv, std::vector<std::string>& messages) : csv_(csv), messages_(messages) {}

  std::string_view text(std::size_t column) const { return column == absent ? std::string_view() : csv_[column]; }

  void fail(std::string message) { messages_.push_back(std::move(message)); }

  std::optional<Date> date(std::size_t column, std::string_view key, bool required) {
    const std::string_view t = text(column);
    if (t.empty()) {
      if (required) fail(msg::is_missing(key));
      return std::nullopt;
    }
    if (auto d = try_parse_date(t)) return d;
    fail(msg::not_a_date(key, t));
    return std::nullopt;
  }

  std::optional<Country> country_of(std::string_view t, std::string_view key) {
    if (auto c = Country::find(t)) return c;
    fail(msg::not_a_country(key, t));
    return std::nullopt;
  }

  std::optional<Country> country(std::size_t column, std::string_view key, bool required) {
    const std::string_view t = text(column);
    if (t.empty()) {
      if (required) fail(msg::is_missing(key));
      return std::nullopt;
    }
    return country_of(t, key);
  }

  std::optional<Amount> amount_of(std::string_view t, const std::string& label) {
    if (std::string why = Amount::why_not(t); !why.empty()) {
      fail(msg::not_an_amount(label, why));
      return std::nullopt;
    }
    return Amount::parse(t);
  }

  std::optional<Amount> amount(std::size_t column, std::string_view key) {
    const std::string_view t = text(column);
    if (t.empty()) return std::nullopt;
    return amount_of(t, msg::quoted_key(key));
  }

 private:
  const CsvReader& csv_;
  std::vector<std::string>& messages_;
};

/// Calls `each` with every non-empty entry of a `;`-separated list.
template <class F>
void for_each_entry(std::string_view list, F each) {
  while (!list.empty()) {
    const std::size_t semicolon = list.find(';');
    const std::string_view entry = list.substr(0, semicolon);
    if (!entry.empty()) each(entry);
    if (semicolon == std::string_view::npos) break;
    list.remove_prefix(semicolon + 1);
  }
}

struct WorkerRow {
  std::string id;
  std::size_t line = 0;
  Worker worker;
  bool ok = true;
  std::vector<std::string> messages;   // unprefixed
};

struct PeriodRow {
  std::string id;
  std::size_t line = 0;
  Period period;
  bool ok = true;
  bool record_problem = false;         // the record itself is malformed; messages[0] says how
  std::vector<std::string> messages;   // unprefixed
};

std::string prefix_of(std::string_view id) { return id.empty() ? std::string("worker") : msg::shown(id); }

}  // namespace

struct HistoryCsvReader::State {
  State(std::istream& w, std::string wf, std::istream& p, std::string pf, CsvHistoryOptions o)
      : workers(w), periods(p), workers_file(std::move(wf)), periods_file(std::move(pf)), options(std::move(o)) {}

  CsvReader workers;
  CsvReader periods;
  std::string workers_file;
  std::string periods_file;
  CsvHistoryOptions options;
  ColumnIndex<std::size(worker_columns)> wcol{};
  ColumnIndex<std::size(period_columns)> pcol{};

  std::deque<WorkerRow> ahead;                             // read from workers.csv, not yet yielded
  std::unordered_map<std::string, std::size_t> ahead_ids;  // id → how many times in `ahead`
  bool workers_done = false;
  std::optional<PeriodRow> pending;                        // the next periods.csv row, read but not used
  bool periods_done = false;
  std::deque<std::pair<std::string, std::size_t>> recent;  // ids (and lines) of the last workers yielded
  std::unordered_map<std::string, std::size_t> recent_lines;

  bool read_worker() {
    if (workers_done) return false;
    if (!workers.next()) {
      workers_done = true;
      return false;
    }
    WorkerRow row;
    row.line = workers.line();
    if (wcol[w_id] != absent) row.id = std::string(workers[wcol[w_id]]);
    if (!workers.problem().empty()) {
      row.ok = false;
      row.messages.push_back(workers.problem());
    } else {
      FieldReader f(workers, row.messages);
      Worker& w = row.worker;
      if (row.id.empty()) f.fail(msg::is_missing("worker_id"));
      w.id = row.id;
      if (auto d = f.date(wcol[w_birth_date], "birth_date", true)) w.birth_date = *d;
      for_each_entry(f.text(wcol[w_nationalities]), [&](std::string_view entry) {
        if (auto c = f.country_of(entry, "nationalities")) w.nationalities.push_back(*c);
      });
      if (auto c = f.country(wcol[w_residence], "residence", true)) w.residence = *c;
      w.residence_since = f.date(wcol[w_residence_since], "residence_since", false);
      if (auto d = f.date(wcol[w_as_of], "as_of", true)) w.as_of = *d;
      w.claim_date = f.date(wcol[w_claim_date], "claim_date", false);
      row.ok = row.messages.empty();
    }
    ++ahead_ids[row.id];
    ahead.push_back(std::move(row));
    return true;
  }

  void read_period() {
    if (pending || periods_done) return;
    if (!periods.next()) {
      periods_done = true;
      return;
    }
    PeriodRow row;
    row.line = periods.line();
    if (pcol[p_worker_id] != absent) row.id = std::string(periods[pcol[p_worker_id]]);
    if (!periods.problem().empty()) {
      row.ok = false;
      row.record_problem = true;
      row.messages.push_back(periods.problem());
      pending = std::move(row);
      return;
    }
    FieldReader f(periods, row.messages);
    Period& p = row.period;
    if (auto c = f.country(pcol[p_country], "country", true)) p.country = *c;
    const auto from = f.date(pcol[p_from], "from", true);
    const auto to = f.date(pcol[p_to], "to", true);
    if (from && to) {
      if (*to < *from)
        f.fail(msg::to_before_from(format_date(*to), format_date(*from)));
      else
        p.span = Span(*from, *to);
    }
    if (const std::string_view kind = f.text(pcol[p_kind]); kind.empty()) {
      f.fail(msg::is_missing("kind"));
    } else if (auto k = find_period_kind(kind)) {
      p.kind = *k;
    } else {
      f.fail(msg::not_a_kind(kind));
    }
    if (const std::string_view scheme = f.text(pcol[p_scheme]); !scheme.empty()) {
      try {
        p.scheme = SchemeId(scheme);
      } catch (const std::invalid_argument& e) {
        f.fail(msg::not_a_scheme(e.what()));
      }
    }
    p.worked_in = f.country(pcol[p_worked_in], "worked_in", false);
    if (const std::string_view currency = f.text(pcol[p_currency]); !currency.empty()) {
      if (Currency::is_code(currency))
        p.currency = Currency(currency);
      else
        f.fail(msg::not_a_currency(currency));
    }
    p.earnings = f.amount(pcol[p_earnings], "earnings");
    p.contributions = f.amount(pcol[p_contributions], "contributions");
    p.employee_contributions = f.amount(pcol[p_employee_contributions], "employee_contributions");
    for_each_entry(f.text(pcol[p_credits]), [&](std::string_view entry) {
      const std::size_t equals = entry.find('=');
      if (equals == std::string_view::npos || equals == 0) {
        f.fail("'credits' entry '" + msg::shown(entry) + "' is not name=amount (e.g. earnings_points=1.25)");
        return;
      }
      const std::string name(entry.substr(0, equals));
      if (p.credit(name)) {
        f.fail("credit '" + msg::shown(name) + "' is given twice");
        return;
      }
      if (auto v = f.amount_of(entry.substr(equals + 1), "credit '" + msg::shown(name) + "'"))
        p.credits.push_back({name, *v});
    });
    std::sort(p.credits.begin(), p.credits.end(), [](const Credit& a, const Credit& b) { return a.name < b.name; });
    p.refunded_on = f.date(pcol[p_refunded_on], "refunded_on", false);
    row.ok = row.messages.empty();
    pending = std::move(row);
  }

  void remember(const std::string& id, std::size_t line) {
    if (options.lookahead == 0) return;
    if (recent.size() == options.lookahead) {
      const auto& [old_id, old_line] = recent.front();
      if (auto it = recent_lines.find(old_id); it != recent_lines.end() && it->second == old_line)
        recent_lines.erase(it);
      recent.pop_front();
    }
    recent.emplace_back(id, line);
    recent_lines.insert_or_assign(id, line);
  }

  /// Fills `ahead` up to the lookahead, or until `id` is among it; true when it is.
  bool worker_ahead(const std::string& id) {
    while (!ahead_ids.contains(id))
      if (ahead.size() > options.lookahead || !read_worker()) return false;
    return true;
  }

  /// Yields the group of rows naming `pending->id` as one rejected entry: `message` says why the
  /// group belongs to no worker; rows that could not even be framed say so too.
  void yield_stray(CsvWorker& out, std::string message) {
    const std::string id = pending->id;
    const std::string prefix = prefix_of(id) + ": ";
    out.worker_id = id;
    out.file = periods_file;
    out.line = pending->line;
    out.period_rows = 0;
    std::vector<InputProblem> framing;
    while (pending && pending->id == id) {
      ++out.period_rows;
      if (pending->record_problem) framing.push_back({periods_file, pending->line, 0, prefix + pending->messages[0]});
      pending.reset();
      read_period();
    }
    if (out.period_rows > 1) message += " (" + std::to_string(out.period_rows) + " rows from this line)";
    out.problems.push_back({periods_file, out.line, 0, prefix + message});
    for (InputProblem& p : framing) out.problems.push_back(std::move(p));
  }

  void yield_worker(CsvWorker& out, bool has_periods) {
    WorkerRow row = std::move(ahead.front());
    ahead.pop_front();
    if (auto it = ahead_ids.find(row.id); it != ahead_ids.end() && --it->second == 0) ahead_ids.erase(it);
    out.worker_id = row.id;
    out.file = workers_file;
    out.line = row.line;
    out.period_rows = 0;
    const std::string prefix = prefix_of(row.id);
    for (const std::string& m : row.messages) out.problems.push_back({workers_file, row.line, 0, prefix + ": " + m});
    if (auto it = recent_lines.find(row.id); it != recent_lines.end() && !row.id.empty())
      out.problems.push_back({workers_file, row.line, 0,
                              prefix + ": 'worker_id' " + msg::shown(row.id) + " is listed twice in " + workers_file +
                                  " (also on line " + std::to_string(it->second) + ")"});
    remember(row.id, row.line);

    History history;
    history.worker = std::move(row.worker);
    std::vector<std::size_t> numbers;   // history.periods[k] is the worker's period numbers[k]
    std::vector<std::size_t> lines;     // ... on periods.csv line lines[k]
    bool periods_ok = true;   // every row parsed (validation runs on those that did regardless)
    bool too_many = false;
    while (has_periods && pending && pending->id == row.id) {
      PeriodRow& p = *pending;
      const std::size_t number = ++out.period_rows;
      if (number <= options.validation.max_periods) {
        for (const std::string& m : p.messages)
          out.problems.push_back(
              {periods_file, p.line, 0, prefix + " period " + std::to_string(number) + ": " + m});
        if (p.ok) {
          history.periods.push_back(std::move(p.period));
          numbers.push_back(number);
          lines.push_back(p.line);
        } else {
          periods_ok = false;
        }
      }
      pending.reset();
      read_period();
    }
    if (!has_periods || out.period_rows == 0) {
      out.problems.push_back({workers_file, row.line, 0, prefix + ": has no periods in " + periods_file});
    } else if (out.period_rows > options.validation.max_periods) {
      out.problems.push_back({workers_file, row.line, 0,
                              prefix + ": has " + std::to_string(out.period_rows) + " periods; at most " +
                                  std::to_string(options.validation.max_periods) + " are accepted"});
      too_many = true;
    }
    // As the JSON reader: whole-history checks need a complete worker record, and run on the
    // periods that parsed.
    if (row.ok && !too_many) {
      for (const Problem& p : validate(history, options.validation, numbers)) {
        Problem located = p;
        if (p.period) {
          located.period = numbers[*p.period] - 1;
          out.problems.push_back({periods_file, lines[*p.period], 0, located.str()});
        } else {
          out.problems.push_back({workers_file, row.line, 0, located.str()});
        }
      }
    }
    // workers.csv first, then periods.csv, each by line; a line's problems keep their column order.
    std::stable_sort(out.problems.begin(), out.problems.end(), [&](const InputProblem& a, const InputProblem& b) {
      const bool a_periods = a.file == periods_file && a.file != workers_file;
      const bool b_periods = b.file == periods_file && b.file != workers_file;
      return std::pair(a_periods, a.line) < std::pair(b_periods, b.line);
    });
    if (out.problems.empty() && periods_ok) out.history = std::move(history);
  }

  bool next(CsvWorker& out) {
    out = CsvWorker{};
    if (ahead.empty()) read_worker();
    read_period();
    if (ahead.empty()) {
      if (!pending) return false;
      const std::string& id = pending->id;
      if (id.empty())
        yield_stray(out, msg::is_missing("worker_id"));
      else if (auto it = recent_lines.find(id); it != recent_lines.end())
        yield_stray(out, out_of_order(it->second));
      else
        yield_stray(out, unknown());
      return true;
    }
    if (!pending) {
      yield_worker(out, false);
      return true;
    }
    const std::string id = pending->id;
    if (id == ahead.front().id) {
      yield_worker(out, true);
    } else if (id.empty()) {
      yield_stray(out, msg::is_missing("worker_id"));
    } else if (auto it = recent_lines.find(id); it != recent_lines.end()) {
      yield_stray(out, out_of_order(it->second));
    } else if (worker_ahead(id)) {
      yield_worker(out, false);   // its periods would come before those of a later worker
    } else {
      yield_stray(out, unknown());
    }
    return true;
  }

  std::string out_of_order(std::size_t line) const {
    return "periods out of order: " + workers_file + " lists this worker earlier, on line " + std::to_string(line) +
           " (" + periods_file + " must follow the order of " + workers_file + ")";
  }

  std::string unknown() const {
    return "periods for a worker " + workers_file + " does not list here (" + periods_file +
           " must follow the order of " + workers_file + ")";
  }
};

HistoryCsvReader::HistoryCsvReader(std::istream& workers, std::string workers_file, std::istream& periods,
                                   std::string periods_file, CsvHistoryOptions options)
    : state_(std::make_unique<State>(workers, std::move(workers_file), periods, std::move(periods_file),
                                     std::move(options))) {
  std::vector<InputProblem> problems;
  state_->wcol = read_header(state_->workers, state_->workers_file, worker_columns, required_worker_columns, problems);
  state_->pcol = read_header(state_->periods, state_->periods_file, period_columns, required_period_columns, problems);
  if (!problems.empty()) throw CsvHeaderError(std::move(problems));
}

HistoryCsvReader::~HistoryCsvReader() = default;

bool HistoryCsvReader::next(CsvWorker& out) { return state_->next(out); }

std::uint64_t HistoryCsvReader::worker_bytes_read() const noexcept { return state_->workers.bytes_read(); }

bool HistoryCsvReader::failed() const noexcept { return state_->workers.failed() || state_->periods.failed(); }

}  // namespace totalis::io
