// The `totalis` Python module: the engine and the io readers and reports of the CLI, for pandas.
//
//   import totalis
//   rules = totalis.Rulebook.load("agreements")
//   rules.assess({"worker": {...}, "periods": [...]})      # the JSON report (DESIGN §6) as a dict
//   results, rejects = rules.assess_frame(workers_df, periods_df)   # the `totalis batch` columns
//
// One set of readers and messages: a dict is written as JSON text (one field a line, so each
// problem's line names its record and field) and read by io::parse_history_json; DataFrames are
// written as the batch CSV format and read by io::HistoryCsvReader; results are io::to_json and
// io::to_csv_rows, read back into Python values (amounts as decimal.Decimal, never float). The
// GIL is released while reading, validating and assessing.

#include "totalis/engine/assess.hpp"
#include "totalis/io/csv_reader.hpp"
#include "totalis/io/gap_report.hpp"
#include "totalis/io/history_csv.hpp"
#include "totalis/io/history_json.hpp"
#include "totalis/io/report.hpp"
#include "totalis/io/rulebook_loader.hpp"

#include <pybind11/eval.h>
#include <pybind11/pybind11.h>

#include <Python.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace py = pybind11;

namespace {

using namespace totalis;

// The exception and problem classes, in Python so they pickle (a Dask task may raise them).
constexpr const char* python_prelude = R"PY(
import dataclasses as _dataclasses

@_dataclasses.dataclass(frozen=True)
class Problem:
    """One thing wrong with a worker's history: the worker, the record and the field at fault."""
    worker: object      # the worker id, or None when the input has none
    record: object      # "worker", "period 3" (numbered from 1, as in messages), or None: the whole input
    period: object      # the period's index (from 0), or None
    field: object       # the field at fault ("to", "earnings"), or None
    message: str        # "W-17 period 3: 'to' 2019-02-30 is not a date"

    def __str__(self):
        return self.message


class ValidationError(ValueError):
    """The input is not a valid history; `problems` lists every problem, the attributes name the first."""

    def __init__(self, problems):
        self.problems = list(problems)
        first = self.problems[0] if self.problems else None
        self.worker = first.worker if first else None
        self.record = first.record if first else None
        self.period = first.period if first else None
        self.field = first.field if first else None
        super().__init__("\n".join(p.message for p in self.problems))

    def __reduce__(self):
        return (type(self), (self.problems,))


class RulebookError(ValueError):
    """The rule files have problems; the message lists every one, a line each (file:line:col: error: ...)."""


class AssessmentError(RuntimeError):
    """A valid history could not be assessed: a rule cannot be evaluated for this worker."""
)PY";

// ------------------------------------------------------------------------------------------------
// Python values → field text

/// The Python types a value is recognised by, looked up once per call.
class Values {
 public:
  Values()
      : decimal_(py::module_::import("decimal").attr("Decimal")),
        date_(py::module_::import("datetime").attr("date")),
        datetime_(py::module_::import("datetime").attr("datetime")) {}

  enum class Kind { missing, text, boolean, integer, floating, decimal, date, list, mapping, other };

  [[nodiscard]] Kind kind(py::handle v) const {
    PyObject* p = v.ptr();
    if (v.is_none()) return Kind::missing;
    if (PyUnicode_Check(p)) return Kind::text;
    if (PyBool_Check(p)) return Kind::boolean;
    if (PyLong_Check(p)) return Kind::integer;
    if (PyFloat_Check(p)) return std::isnan(PyFloat_AS_DOUBLE(p)) ? Kind::missing : Kind::floating;
    if (py::isinstance(v, decimal_)) return Kind::decimal;
    if (py::isinstance(v, date_)) return not_equal_to_itself(v) ? Kind::missing : Kind::date;   // NaT
    if (PyList_Check(p) || PyTuple_Check(p)) return Kind::list;
    if (PyDict_Check(p)) return Kind::mapping;
    const std::string type = py::str(py::type::handle_of(v).attr("__name__"));
    if (type == "NAType" || type == "NaTType") return Kind::missing;   // pandas' missing markers
    if (PyIndex_Check(p)) return Kind::integer;                        // numpy integers
    return Kind::other;
  }

  /// A date as ISO text; a datetime only when it is midnight without a time zone (a pandas
  /// Timestamp read from a date column), otherwise its full ISO text, which the readers reject.
  [[nodiscard]] std::string date_text(py::handle v) const {
    if (py::isinstance(v, datetime_)) {
      const bool midnight = v.attr("tzinfo").is_none() && v.attr("hour").cast<int>() == 0 &&
                            v.attr("minute").cast<int>() == 0 && v.attr("second").cast<int>() == 0 &&
                            v.attr("microsecond").cast<int>() == 0;
      if (midnight) return py::str(v.attr("date")().attr("isoformat")());
    }
    return py::str(v.attr("isoformat")());
  }

  /// A Decimal in positional notation: "1E+3" is written "1000", "1.50" stays "1.50".
  [[nodiscard]] static std::string decimal_text(py::handle v) {
    return py::reinterpret_steal<py::str>(PyObject_Format(v.ptr(), py::str("f").ptr())).cast<std::string>();
  }

  [[nodiscard]] static std::string integer_text(py::handle v) {
    return py::str(py::reinterpret_steal<py::object>(PyNumber_Index(v.ptr())));
  }

  /// The text of one CSV field: empty for a missing value, lists as `DE;US`, mappings as
  /// `earnings_points=1.25;salary_credits=3`, booleans `true`/`false`. A float is refused: money
  /// and counts are decimal.Decimal or str, never binary fractions.
  [[nodiscard]] std::string field_text(py::handle v, const std::string& where) const {
    switch (kind(v)) {
      case Kind::missing: return {};
      case Kind::text: return v.cast<std::string>();
      case Kind::boolean: return v.ptr() == Py_True ? "true" : "false";
      case Kind::integer: return integer_text(v);
      case Kind::decimal: return decimal_text(v);
      case Kind::date: return date_text(v);
      case Kind::list: {
        std::string out;
        for (py::handle item : v) out += (out.empty() ? "" : ";") + field_text(item, where);
        return out;
      }
      case Kind::mapping: {
        std::string out;
        for (auto [key, value] : py::reinterpret_borrow<py::dict>(v))
          out += (out.empty() ? "" : ";") + field_text(key, where) + "=" + field_text(value, where);
        return out;
      }
      case Kind::floating:
        throw py::type_error(where + ": " + std::string(py::repr(v)) +
                             " is a float; give amounts as decimal.Decimal or str (floats are binary fractions)");
      case Kind::other: break;
    }
    throw py::type_error(where + ": a value of type " + std::string(py::str(py::type::handle_of(v).attr("__name__"))) +
                         " cannot be read; use str, decimal.Decimal, int, datetime.date, a list or a dict");
  }

 private:
  static bool not_equal_to_itself(py::handle v) {
    const int r = PyObject_RichCompareBool(v.ptr(), v.ptr(), Py_NE);
    if (r < 0) {
      PyErr_Clear();
      return false;
    }
    return r == 1;
  }

  py::object decimal_;
  py::object date_;
  py::object datetime_;
};

// ------------------------------------------------------------------------------------------------
// dict → JSON text, one member a line, remembering which record and field each line holds

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          constexpr char hex[] = "0123456789abcdef";
          out += "\\u00";
          out += hex[(c >> 4) & 0xf];
          out += hex[c & 0xf];
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

struct LineOrigin {
  static constexpr long document = -2;
  static constexpr long worker = -1;
  long record = document;   ///< document, worker, or the period's index
  std::string field;        ///< the member on this line; empty on a record's opening line
};

class JsonLayout {
 public:
  explicit JsonLayout(const Values& values) : values_(values) {}

  /// Writes `history`, a dict {"worker": {...}, "periods": [...]}.
  void write(py::handle history) {
    if (!PyDict_Check(history.ptr()))
      throw py::type_error("a worker is a dict {\"worker\": {...}, \"periods\": [...]}, not " +
                           std::string(py::str(py::type::handle_of(history).attr("__name__"))));
    add("{", {});
    bool first = true;
    for (auto [key, value] : py::reinterpret_borrow<py::dict>(history)) {
      if (!first) lines_.back() += ',';
      first = false;
      const std::string name = key_text(key);
      if (name == "worker" && PyDict_Check(value.ptr())) {
        add(json_string(name) + ": {", {LineOrigin::worker, {}});
        members(value, LineOrigin::worker);
        add("}", {LineOrigin::worker, {}});
      } else if (name == "periods" && (PyList_Check(value.ptr()) || PyTuple_Check(value.ptr()))) {
        add(json_string(name) + ": [", {});
        long index = 0;
        for (py::handle period : value) {
          if (index > 0) lines_.back() += ',';
          if (PyDict_Check(period.ptr())) {
            add("{", {index, {}});
            members(period, index);
            add("}", {index, {}});
          } else {
            add(inline_value(period, "period " + std::to_string(index + 1)), {index, {}});
          }
          ++index;
        }
        add("]", {});
      } else {
        add(json_string(name) + ": " + inline_value(value, name), {LineOrigin::document, name});
      }
    }
    add("}", {});
  }

  [[nodiscard]] std::string text() const {
    std::string out;
    for (const std::string& line : lines_) out += line + '\n';
    return out;
  }
  [[nodiscard]] const LineOrigin& origin(std::size_t line) const {
    static const LineOrigin none;
    return line >= 1 && line <= origins_.size() ? origins_[line - 1] : none;
  }

 private:
  void add(std::string line, LineOrigin origin) {
    lines_.push_back(std::move(line));
    origins_.push_back(std::move(origin));
  }

  static std::string key_text(py::handle key) {
    if (!PyUnicode_Check(key.ptr()))
      throw py::type_error("keys are str, not " + std::string(py::str(py::type::handle_of(key).attr("__name__"))) +
                           " (" + std::string(py::repr(key)) + ")");
    return key.cast<std::string>();
  }

  void members(py::handle object, long record) {
    bool first = true;
    for (auto [key, value] : py::reinterpret_borrow<py::dict>(object)) {
      if (!first) lines_.back() += ',';
      first = false;
      const std::string name = key_text(key);
      add(json_string(name) + ": " + inline_value(value, name), {record, name});
    }
  }

  /// A value on one line. Amounts (Decimal) become decimal strings; an int or a float stays a
  /// JSON number, which the reader refuses where a string is due, with its usual message.
  std::string inline_value(py::handle v, const std::string& where) const {
    using Kind = Values::Kind;
    switch (values_.kind(v)) {
      case Kind::missing: return "null";
      case Kind::text: return json_string(v.cast<std::string>());
      case Kind::boolean: return v.ptr() == Py_True ? "true" : "false";
      case Kind::integer: return Values::integer_text(v);
      case Kind::floating: {
        if (!std::isfinite(PyFloat_AS_DOUBLE(v.ptr())))
          throw py::type_error(where + ": " + std::string(py::repr(v)) + " is not a number JSON can hold");
        return py::repr(v);
      }
      case Kind::decimal: return json_string(Values::decimal_text(v));
      case Kind::date: return json_string(values_.date_text(v));
      case Kind::list: {
        std::string out = "[";
        for (py::handle item : v) out += (out.size() > 1 ? ", " : "") + inline_value(item, where);
        return out + "]";
      }
      case Kind::mapping: {
        std::string out = "{";
        for (auto [key, value] : py::reinterpret_borrow<py::dict>(v))
          out += (out.size() > 1 ? ", " : "") + json_string(key_text(key)) + ": " + inline_value(value, where);
        return out + "}";
      }
      case Kind::other: break;
    }
    throw py::type_error(where + ": a value of type " + std::string(py::str(py::type::handle_of(v).attr("__name__"))) +
                         " cannot be read; use str, decimal.Decimal, int, datetime.date, a list or a dict");
  }

  const Values& values_;
  std::vector<std::string> lines_;
  std::vector<LineOrigin> origins_;
};

/// The field a message names first ("W-17 period 3: 'to' is missing" → "to"), or empty.
std::string field_in_message(std::string_view message) {
  const std::size_t colon = message.find(": '");
  if (colon == std::string_view::npos) return {};
  const std::size_t start = colon + 3;
  const std::size_t end = message.find('\'', start);
  return end == std::string_view::npos ? std::string() : std::string(message.substr(start, end - start));
}

[[noreturn]] void raise_validation_error(const py::module_& module, const std::vector<io::InputProblem>& problems,
                                         const JsonLayout& layout, py::handle history) {
  py::object worker_id = py::none();
  if (PyDict_Check(history.ptr())) {
    const py::dict h = py::reinterpret_borrow<py::dict>(history);
    if (h.contains("worker") && PyDict_Check(h["worker"].ptr())) {
      const py::dict w = h["worker"];
      if (w.contains("id") && PyUnicode_Check(w["id"].ptr())) worker_id = w["id"];
    }
  }
  const py::object problem_type = module.attr("Problem");
  py::list list;
  for (const io::InputProblem& p : problems) {
    const LineOrigin& origin = layout.origin(p.line);
    py::object record = py::none(), period = py::none(), field = py::none();
    if (origin.record == LineOrigin::worker) record = py::str("worker");
    if (origin.record >= 0) {
      record = py::str("period " + std::to_string(origin.record + 1));
      period = py::int_(origin.record);
    }
    std::string name = origin.field.empty() ? field_in_message(p.message) : origin.field;
    if (!name.empty()) field = py::str(name);
    list.append(problem_type(worker_id, record, period, field, p.message));
  }
  const py::object error = module.attr("ValidationError")(list);
  PyErr_SetObject(module.attr("ValidationError").ptr(), error.ptr());
  throw py::error_already_set();
}

// ------------------------------------------------------------------------------------------------
// DataFrame ↔ CSV text

/// A DataFrame written in the batch CSV format, with the line each row starts on.
struct FrameText {
  std::string text;
  std::vector<std::size_t> row_lines;   ///< 1-based; the header is line 1
};

FrameText frame_csv(py::handle frame, const std::string& name, const Values& values) {
  FrameText out;
  const py::list columns(frame.attr("columns"));
  std::vector<py::list> data;
  std::string header;
  for (py::handle column : columns) {
    if (!PyUnicode_Check(column.ptr()))
      throw py::type_error(name + ": column names are str, not " + std::string(py::repr(column)));
    header += (header.empty() ? "" : ",") + io::csv_field(column.cast<std::string>());
    data.emplace_back(frame[column].attr("tolist")());
  }
  out.text = header + '\n';
  const std::size_t rows = py::len(frame);
  std::size_t line = 2;
  for (std::size_t r = 0; r < rows; ++r) {
    out.row_lines.push_back(line);
    std::string row;
    for (std::size_t c = 0; c < data.size(); ++c) {
      const std::string where = name + " row " + std::to_string(r) + " column '" + columns[c].cast<std::string>() + "'";
      row += (c ? "," : "") + io::csv_field(values.field_text(data[c][r], where));
    }
    for (std::size_t i = 0; i < row.size(); ++i)   // line breaks inside quoted fields, as the reader counts them
      if (row[i] == '\n' || (row[i] == '\r' && (i + 1 == row.size() || row[i + 1] != '\n'))) ++line;
    out.text += row + '\n';
    ++line;
  }
  return out;
}

/// Maps a line of the written text to the frame's row, numbered from `first_line`.
std::size_t frame_line(const FrameText& frame, std::size_t line, std::size_t first_line) {
  const auto after = std::upper_bound(frame.row_lines.begin(), frame.row_lines.end(), line);
  if (after == frame.row_lines.begin()) return line;   // the header
  return first_line + static_cast<std::size_t>(after - frame.row_lines.begin() - 1);
}

/// A reader's message can name another line of workers.csv ("lists this worker earlier, on line 7",
/// "also on line 7"); those lines are mapped to the frame's rows too.
std::string relocate_in_message(std::string message, const FrameText& workers, std::size_t first_line) {
  static constexpr std::string_view markers[] = {" lists this worker earlier, on line ", " (also on line "};
  for (const std::string_view marker : markers) {
    const std::size_t at = message.find(marker);
    if (at == std::string::npos) continue;
    const std::size_t start = at + marker.size();
    std::size_t end = start, line = 0;
    while (end < message.size() && message[end] >= '0' && message[end] <= '9')
      line = line * 10 + static_cast<std::size_t>(message[end++] - '0');
    if (end > start) message.replace(start, end - start, std::to_string(frame_line(workers, line, first_line)));
  }
  return message;
}

/// How a column of the reports is typed in Python.
enum class ColumnType { text, boolean, integer, decimal };

ColumnType column_type(std::string_view name) {
  static constexpr std::string_view booleans[] = {"qualified_alone", "qualified_totalized"};
  static constexpr std::string_view integers[] = {"line", "workers", "period_rows", "contributions_other_currency_rows"};
  static constexpr std::string_view decimals[] = {
      "own_count", "totalized_count", "independent", "theoretical", "pro_rata", "accrued", "portable",
      "counterfactual", "lost", "contributions_without_benefit", "shortfall_alone", "projected_loss", "periods",
      "contributions_paid"};
  const auto in = [name](const auto& list) { return std::find(std::begin(list), std::end(list), name) != std::end(list); };
  if (in(booleans)) return ColumnType::boolean;
  if (in(integers)) return ColumnType::integer;
  if (in(decimals) || name.starts_with("lost_") || name.starts_with("annual_")) return ColumnType::decimal;
  return ColumnType::text;
}

/// CSV text (header and rows) as columns of field text.
struct Table {
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> columns;
};

Table parse_table(const std::string& text) {
  Table table;
  std::istringstream in(text);
  io::CsvReader csv(in);
  if (!csv.next()) return table;
  for (std::string_view f : csv.fields()) table.names.emplace_back(f);
  table.columns.resize(table.names.size());
  csv.expect_fields(table.names.size());
  while (csv.next()) {
    if (!csv.problem().empty()) throw std::runtime_error("line " + std::to_string(csv.line()) + ": " + csv.problem());
    for (std::size_t c = 0; c < table.names.size(); ++c) table.columns[c].emplace_back(csv[c]);
  }
  return table;
}

/// A DataFrame of a table: amounts as decimal.Decimal, counts as int, flags as bool, empty as None.
py::object frame_of(const Table& table) {
  const py::object decimal = py::module_::import("decimal").attr("Decimal");
  const py::object series = py::module_::import("pandas").attr("Series");
  py::dict data;
  py::list names;
  for (std::size_t c = 0; c < table.names.size(); ++c) {
    const ColumnType type = column_type(table.names[c]);
    py::list column;
    for (const std::string& f : table.columns[c]) {
      if (f.empty()) {
        column.append(py::none());
        continue;
      }
      switch (type) {
        case ColumnType::text: column.append(py::str(f)); break;
        case ColumnType::boolean: column.append(py::bool_(f == "true")); break;
        case ColumnType::integer: column.append(py::int_(py::str(f))); break;
        case ColumnType::decimal: column.append(decimal(py::str(f))); break;
      }
    }
    // A count column with gaps stays object-typed: pandas would turn [0, None] into floats.
    const bool gaps = type == ColumnType::integer &&
                      std::find(table.columns[c].begin(), table.columns[c].end(), "") != table.columns[c].end();
    data[py::str(table.names[c])] = gaps ? series(column, py::arg("dtype") = "object") : py::object(column);
    names.append(py::str(table.names[c]));
  }
  return py::module_::import("pandas").attr("DataFrame")(data, py::arg("columns") = names);
}

/// A DataFrame as CSV text, each value written as the readers and reports write it.
std::string csv_text(py::handle frame) {
  const Values values;
  const FrameText text = frame_csv(frame, "frame", values);
  return text.text;
}

// ------------------------------------------------------------------------------------------------
// Combining gap reports written by several processes

std::string combine_gap_csv(const std::vector<std::string>& texts) {
  const std::string header = io::GapReport::csv_header();
  constexpr std::size_t key_columns = 7;   // section, from, to, scheme, reason, currency, unit
  using Key = std::array<std::string, key_columns>;
  struct Cell {
    bool present = false;
    std::uint64_t count = 0;
    Amount amount;
  };
  std::vector<std::string> names;
  {
    const Table t = parse_table(header);
    names = t.names;
  }
  std::map<Key, std::vector<Cell>> rows;
  for (const std::string& text : texts) {
    std::istringstream in(text);
    io::CsvReader csv(in);
    if (!csv.next()) continue;
    std::string got;
    for (std::string_view f : csv.fields()) got += (got.empty() ? "" : ",") + std::string(f);
    if (got + "\n" != header) throw py::value_error("not a gap report: the header is '" + got + "'");
    csv.expect_fields(names.size());
    while (csv.next()) {
      if (!csv.problem().empty()) throw py::value_error("gap report line " + std::to_string(csv.line()) + ": " + csv.problem());
      Key key;
      for (std::size_t c = 0; c < key_columns; ++c) key[c] = std::string(csv[c]);
      std::vector<Cell>& cells = rows[key];
      cells.resize(names.size() - key_columns);
      for (std::size_t c = key_columns; c < names.size(); ++c) {
        const std::string_view f = csv[c];
        if (f.empty()) continue;
        Cell& cell = cells[c - key_columns];
        cell.present = true;
        if (column_type(names[c]) == ColumnType::integer) {
          std::uint64_t n = 0;
          for (char d : f) {
            if (d < '0' || d > '9') throw py::value_error("gap report: '" + std::string(f) + "' is not a count");
            n = n * 10 + static_cast<std::uint64_t>(d - '0');
          }
          cell.count += n;
        } else {
          if (std::string why = Amount::why_not(f); !why.empty())
            throw py::value_error("gap report: '" + std::string(f) + "': " + why);
          cell.amount += Amount::parse(f);
        }
      }
    }
  }
  std::string out = header;
  for (const auto& [key, cells] : rows) {   // GapReport's order: scheme rows, then unassessed, each by key
    for (std::size_t c = 0; c < key_columns; ++c) out += (c ? "," : "") + io::csv_field(key[c]);
    for (std::size_t c = key_columns; c < names.size(); ++c) {
      const Cell& cell = cells[c - key_columns];
      out += ',';
      if (!cell.present) continue;
      if (column_type(names[c]) == ColumnType::integer) out += std::to_string(cell.count);
      else if (names[c] == "periods") out += cell.amount.str();
      else out += io::format_amount(cell.amount);
    }
    out += '\n';
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// The Rulebook

class PyRulebook {
 public:
  explicit PyRulebook(std::shared_ptr<const rules::Rulebook> rules) : rules_(std::move(rules)) {
    validation_.known_schemes.emplace();
    for (const rules::Scheme& s : rules_->schemes()) validation_.known_schemes->insert(s.id);
  }

  static PyRulebook load(const std::string& path, const py::module_& module) {
    try {
      std::shared_ptr<const rules::Rulebook> rules;
      {
        py::gil_scoped_release release;
        rules = io::load_rulebook(path);
      }
      return PyRulebook(std::move(rules));
    } catch (const io::RulebookReadError& e) {
      PyErr_SetString(PyExc_OSError, e.what());
      throw py::error_already_set();
    } catch (const io::RulebookError& e) {
      PyErr_SetString(module.attr("RulebookError").ptr(), e.what());
      throw py::error_already_set();
    }
  }

  [[nodiscard]] const rules::Rulebook& rules() const { return *rules_; }

  py::object assess(py::handle history, bool trace_expressions, const py::module_& module) const {
    const Values values;
    JsonLayout layout(values);
    layout.write(history);
    const std::string text = layout.text();
    io::HistoryFile file;
    std::string json;
    std::string failure;
    {
      py::gil_scoped_release release;
      file = io::parse_history_json(text, "worker", validation_);
      if (file.valid()) {
        try {
          AssessOptions options;
          options.trace_expressions = trace_expressions;
          json = io::to_json(totalis::assess(*rules_, *file.history, options));
        } catch (const std::exception& e) {
          failure = file.history->worker.id + ": cannot be assessed: " + e.what();
        }
      }
    }
    if (!file.valid()) raise_validation_error(module, file.problems, layout, history);
    if (!failure.empty()) {
      PyErr_SetString(module.attr("AssessmentError").ptr(), failure.c_str());
      throw py::error_already_set();
    }
    return py::module_::import("json").attr("loads")(json);
  }

  py::tuple assess_frame(py::handle workers, py::handle periods, const std::string& workers_name,
                         const std::string& periods_name, std::size_t workers_first_line, std::size_t periods_first_line,
                         bool summary, const py::module_& module) const {
    if (workers_name == periods_name) throw py::value_error("workers_name and periods_name must differ");
    const Values values;
    const FrameText workers_text = frame_csv(workers, workers_name, values);
    const FrameText periods_text = frame_csv(periods, periods_name, values);

    struct Reject {
      std::string file;
      std::size_t line;
      std::string worker_id;
      std::string reason;
    };
    std::vector<Reject> rejects;
    std::string rows = io::csv_header();
    io::GapReport gap;
    std::optional<std::vector<io::InputProblem>> header_problems;
    Table results, gap_table;
    {
      py::gil_scoped_release release;
      const auto relocate = [&](const std::string& file, std::size_t line) {
        if (file == workers_name) return frame_line(workers_text, line, workers_first_line);
        if (file == periods_name) return frame_line(periods_text, line, periods_first_line);
        return line;
      };
      std::istringstream workers_in(workers_text.text), periods_in(periods_text.text);
      io::CsvHistoryOptions options;
      options.validation = validation_;
      try {
        io::HistoryCsvReader reader(workers_in, workers_name, periods_in, periods_name, options);
        io::CsvWorker entry;
        while (reader.next(entry)) {
          const std::size_t line = relocate(entry.file, entry.line);
          if (!entry.history) {
            for (io::InputProblem p : entry.problems) {
              p.line = relocate(p.file, p.line);
              p.message = relocate_in_message(std::move(p.message), workers_text, workers_first_line);
              rejects.push_back({entry.file, line, entry.worker_id, p.str()});
            }
            continue;
          }
          try {
            const Assessment assessment = totalis::assess(*rules_, *entry.history);
            rows += io::to_csv_rows(assessment);
            if (summary) gap.add(*entry.history, assessment);
          } catch (const std::exception& e) {
            rejects.push_back({entry.file, line, entry.worker_id,
                               io::InputProblem{entry.file, line, 0, entry.worker_id + ": cannot be assessed: " + e.what()}
                                   .str()});
          }
        }
        results = parse_table(rows);
        if (summary) gap_table = parse_table(gap.csv());
      } catch (const io::CsvHeaderError& e) {
        header_problems = e.problems();
      }
    }
    if (header_problems) {
      const py::object problem_type = module.attr("Problem");
      py::list list;
      for (const io::InputProblem& p : *header_problems)
        list.append(problem_type(py::none(), py::str("header"), py::none(), py::none(), p.str()));
      const py::object error = module.attr("ValidationError")(list);
      PyErr_SetObject(module.attr("ValidationError").ptr(), error.ptr());
      throw py::error_already_set();
    }
    Table reject_table;
    reject_table.names = {"file", "line", "worker_id", "reason"};
    reject_table.columns.resize(4);
    for (const Reject& r : rejects) {
      reject_table.columns[0].push_back(r.file);
      reject_table.columns[1].push_back(std::to_string(r.line));
      reject_table.columns[2].push_back(r.worker_id);
      reject_table.columns[3].push_back(r.reason);
    }
    if (summary) return py::make_tuple(frame_of(results), frame_of(reject_table), frame_of(gap_table));
    return py::make_tuple(frame_of(results), frame_of(reject_table));
  }

  [[nodiscard]] std::string repr() const {
    return "<totalis.Rulebook " + rules_->version() + " (" + std::to_string(rules_->schemes().size()) + " schemes, " +
           std::to_string(rules_->agreements().size()) + " agreements)>";
  }

 private:
  std::shared_ptr<const rules::Rulebook> rules_;
  ValidationOptions validation_;
};

}  // namespace

PYBIND11_MODULE(totalis, m) {
  m.doc() = "Totalis: what a cross-border worker has accrued, can take along and has lost, per pension scheme";
  py::exec(python_prelude, m.attr("__dict__"));
  m.attr("__version__") = "0.1.0";

  py::class_<PyRulebook>(m, "Rulebook", "Rule files (schemes and agreements) loaded once; assess any number of workers")
      .def_static(
          "load", [m](const std::string& path) { return PyRulebook::load(path, m); }, py::arg("path"),
          "Loads every *.toml under `path` (a directory or one file). Raises RulebookError listing every "
          "problem, OSError when the path cannot be read.")
      .def_property_readonly("version", [](const PyRulebook& r) { return r.rules().version(); },
                             "sha256 of the rule files")
      .def_property_readonly("schemes",
                             [](const PyRulebook& r) {
                               py::list ids;
                               for (const rules::Scheme& s : r.rules().schemes()) ids.append(s.id.str());
                               return ids;
                             })
      .def_property_readonly("agreements",
                             [](const PyRulebook& r) {
                               py::list ids;
                               for (const rules::Agreement& a : r.rules().agreements()) ids.append(a.id);
                               return ids;
                             })
      .def(
          "assess",
          [m](const PyRulebook& r, py::handle history, bool trace_expressions) {
            return r.assess(history, trace_expressions, m);
          },
          py::arg("worker"), py::kw_only(), py::arg("trace_expressions") = false,
          "Assesses one worker, a dict shaped like the JSON input ({'worker': {...}, 'periods': [...]}; amounts "
          "as str or decimal.Decimal, dates as str or datetime.date). Returns the JSON report (DESIGN §6) as a "
          "dict. Raises ValidationError (every problem, each with worker, record and field).")
      .def(
          "assess_frame",
          [m](const PyRulebook& r, py::handle workers, py::handle periods, const std::string& workers_name,
              const std::string& periods_name, std::size_t workers_first_line, std::size_t periods_first_line,
              bool summary) {
            return r.assess_frame(workers, periods, workers_name, periods_name, workers_first_line,
                                  periods_first_line, summary, m);
          },
          py::arg("workers"), py::arg("periods"), py::kw_only(), py::arg("workers_name") = "workers",
          py::arg("periods_name") = "periods", py::arg("workers_first_line") = 2, py::arg("periods_first_line") = 2,
          py::arg("summary") = false,
          "Assesses every worker of two DataFrames with the columns of workers.csv and periods.csv (periods in "
          "worker order). Returns (results, rejects): the `totalis batch` output and rejects columns, amounts as "
          "decimal.Decimal; with summary=True also the gap report. A rejected worker's `line` is its row's line "
          "had the frame been written as CSV with a header (row 0 is line workers_first_line).")
      .def("__repr__", &PyRulebook::repr);

  m.def("to_csv", &csv_text, py::arg("frame"),
        "A results, rejects or summary DataFrame as CSV text, exactly as `totalis batch` writes it.");
  m.def(
      "combine_summaries",
      [](const py::iterable& frames) {
        std::vector<std::string> texts;
        for (py::handle f : frames) texts.push_back(csv_text(f));
        std::string combined;
        Table table;
        {
          py::gil_scoped_release release;
          combined = combine_gap_csv(texts);
          table = parse_table(combined);
        }
        return frame_of(table);
      },
      py::arg("summaries"),
      "Adds up gap reports of parts of a population (from assess_frame(..., summary=True)) into the report "
      "of the whole, as `totalis batch --summary` writes it.");
}
