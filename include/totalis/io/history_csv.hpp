#pragma once
// Many workers for a batch run (DESIGN §5): workers.csv and periods.csv, periods listed in the
// order of workers.csv so the two stream as a merge in bounded memory. Each step yields one
// worker: its History when valid, otherwise every problem, located, as the JSON reader reports
// them (`periods.csv:14: W-17 period 3: 'to' 2019-02-30 is not a date`).
//
//   std::ifstream w("workers.csv", std::ios::binary), p("periods.csv", std::ios::binary);
//   io::HistoryCsvReader reader(w, "workers.csv", p, "periods.csv");   // throws CsvHeaderError
//   io::CsvWorker worker;
//   while (reader.next(worker))
//     if (worker.history) use(*worker.history); else reject(worker.problems);
//
// Columns are found by name in the header row, in any order; an unknown column is an error, and
// so is a missing required one (workers: worker_id, birth_date, residence, as_of; periods:
// worker_id, country, from, to, kind); other columns may be left out. Empty fields are absent.
// Lists are `DE;US`; credits are `earnings_points=1.25;salary_credits=3`.
//
// The merge: periods.csv rows are grouped by consecutive worker_id. A group naming the next
// worker of workers.csv belongs to it. A group naming a worker a little further on (within
// `lookahead` workers) means the workers in between have no periods: each is rejected. A group
// naming one of the last `lookahead` workers already yielded is out of order; any other group
// names a worker workers.csv does not have (at least not near its place). Either way that group
// is yielded as a rejected entry of its own, located in periods.csv, so nothing is dropped:
// every worker row and every stray group is one entry, assessed or rejected.

#include "totalis/core/history.hpp"
#include "totalis/core/validation.hpp"
#include "totalis/io/csv_reader.hpp"
#include "totalis/io/history_json.hpp"   // InputProblem

#include <cstddef>
#include <cstdint>
#include <deque>
#include <istream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace totalis::io {

/// The columns of each file, in the order DESIGN §5 lists them (the order a writer should use).
inline constexpr std::string_view worker_columns[] = {"worker_id", "birth_date", "nationalities", "residence",
                                                      "residence_since", "as_of", "claim_date"};
inline constexpr std::string_view period_columns[] = {"worker_id", "country", "scheme", "from", "to", "kind",
                                                      "earnings", "currency", "contributions",
                                                      "employee_contributions", "credits", "worked_in",
                                                      "refunded_on"};

/// A file cannot be read as a whole: no header row, a missing or unknown column. what() holds
/// every problem, a line each: "workers.csv:1: unknown column 'birthdate' (did you mean 'birth_date'?)".
class CsvHeaderError : public std::runtime_error {
 public:
  explicit CsvHeaderError(std::vector<InputProblem> problems);
  [[nodiscard]] const std::vector<InputProblem>& problems() const noexcept { return problems_; }

 private:
  std::vector<InputProblem> problems_;
};

struct CsvHistoryOptions {
  ValidationOptions validation;
  /// How far the merge looks ahead in workers.csv and back over the workers already yielded.
  std::size_t lookahead = 1000;
};

/// One entry of the merge: a worker row of workers.csv, or a stray group of periods.
struct CsvWorker {
  std::string worker_id;            ///< as written (may be empty when the row had none)
  std::string file;                 ///< where the entry starts: workers.csv, or periods.csv for a stray group
  std::size_t line = 0;             ///< 1-based line in `file`
  std::optional<History> history;   ///< the valid history; absent when rejected
  std::vector<InputProblem> problems;   ///< every problem, workers.csv first, then periods.csv, by line
  std::size_t period_rows = 0;      ///< periods.csv rows that belonged to this entry

  [[nodiscard]] bool valid() const noexcept { return history.has_value(); }
};

class HistoryCsvReader {
 public:
  /// Reads both header rows; throws CsvHeaderError listing the problems of both.
  HistoryCsvReader(std::istream& workers, std::string workers_file, std::istream& periods, std::string periods_file,
                   CsvHistoryOptions options = {});
  ~HistoryCsvReader();
  HistoryCsvReader(const HistoryCsvReader&) = delete;
  HistoryCsvReader& operator=(const HistoryCsvReader&) = delete;

  /// The next entry in input order; false when both files are exhausted.
  [[nodiscard]] bool next(CsvWorker& out);

  /// Bytes consumed from workers.csv (progress reporting).
  [[nodiscard]] std::uint64_t worker_bytes_read() const noexcept;
  /// True when either stream reported a read error.
  [[nodiscard]] bool failed() const noexcept;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace totalis::io
