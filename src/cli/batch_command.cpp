// `totalis batch --rules DIR --workers workers.csv --periods periods.csv --out assessments.csv
// [--rejects rejects.csv] [--summary summary.csv] [--threads N] [--allow-rejects]`: every worker
// of a population assessed, streaming, on every core.
//
// The pipeline: this thread reads the two CSV files as a merge (io::HistoryCsvReader) and cuts
// the workers into chunks; worker threads take chunks from a bounded queue, assess them and turn
// them into output text; one writer thread puts the chunks back in input order and writes them,
// so the output is byte-identical whatever the thread count. At most a few chunks per thread are
// in memory at once. Outputs are written under temporary names (`NAME.partial`) and renamed
// only when the whole run has succeeded: an interrupted run (Ctrl-C, a full disk) leaves nothing
// that poses as complete.
//
// Nothing is dropped: a rejected worker goes to the rejects file (`file,line,worker_id,reason`,
// one row per problem, `file:line` the worker's row or the stray periods' first row; the reason
// locates the problem itself), or to standard error without --rejects. The run ends with
// `read N = assessed A + rejected R` on standard error and exits 1 when anything was rejected,
// unless --allow-rejects; 3 when a file cannot be read or written; 130 when interrupted.

#include "commands.hpp"

#include "totalis/engine/assess.hpp"
#include "totalis/io/gap_report.hpp"
#include "totalis/io/history_csv.hpp"
#include "totalis/io/report.hpp"
#include "totalis/io/rulebook_loader.hpp"

#include <unistd.h>   // isatty: a progress bar only on a terminal

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace totalis::cli {

namespace {

/// Exit code of a run stopped by SIGINT or SIGTERM (the shell's 128 + SIGINT).
constexpr int interrupted_exit_code = 130;
/// Workers per chunk: large enough to amortise the hand-offs, small enough to keep threads busy.
constexpr std::size_t chunk_workers = 64;

volatile std::sig_atomic_t interrupted = 0;
extern "C" void on_interrupt(int) { interrupted = 1; }

struct BatchArguments {
  std::string rules = "agreements";
  std::string workers;
  std::string periods;
  std::string out;
  std::string rejects;
  std::string summary;
  unsigned threads = 0;   // 0: one per core
  bool allow_rejects = false;
};

struct Chunk {
  std::uint64_t sequence = 0;
  std::uint64_t workers_bytes = 0;   // of workers.csv consumed once this chunk was read
  std::vector<io::CsvWorker> entries;
};

struct ChunkResult {
  std::uint64_t workers_bytes = 0;
  std::string rows;      // assessments.csv rows
  std::string rejects;   // rejects.csv rows, or problem lines for standard error
  io::GapReport gap;
  std::uint64_t assessed = 0;
  std::uint64_t rejected = 0;
};

/// One output file, written under NAME.partial and renamed to NAME by commit().
class Output {
 public:
  explicit Output(std::string path) : path_(std::move(path)), partial_(path_ + ".partial") {
    stream_.rdbuf()->pubsetbuf(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    stream_.open(partial_, std::ios::binary | std::ios::trunc);
  }
  ~Output() {
    if (!committed_) {
      stream_.close();
      std::error_code ec;
      std::filesystem::remove(partial_, ec);
    }
  }
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;

  [[nodiscard]] bool good() const { return stream_.good(); }
  void write(const std::string& text) { stream_.write(text.data(), static_cast<std::streamsize>(text.size())); }
  /// Closes the file; true when every byte reached it.
  [[nodiscard]] bool close() {
    stream_.flush();
    stream_.close();
    return !stream_.fail();
  }
  /// Renames NAME.partial to NAME.
  [[nodiscard]] bool commit(std::error_code& ec) {
    std::filesystem::rename(partial_, path_, ec);
    committed_ = !ec;
    return committed_;
  }
  [[nodiscard]] const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
  std::string partial_;
  std::vector<char> buffer_ = std::vector<char>(std::size_t{1} << 20);
  std::ofstream stream_;
  bool committed_ = false;
};

/// A bar on standard error with workers/s and the time left, redrawn at most five times a second.
/// Progress is measured in bytes of workers.csv, the only size known in advance. Durations are
/// integer milliseconds: nothing here needs a fraction.
class ProgressBar {
 public:
  ProgressBar(bool enabled, std::uint64_t total_bytes)
      : enabled_(enabled), total_bytes_(total_bytes), start_(std::chrono::steady_clock::now()) {}

  void update(std::uint64_t workers, std::uint64_t bytes) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (drawn_ && now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    drawn_ = true;
    const auto elapsed_ms = static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::milliseconds>(now - start_).count());
    const std::uint64_t percent = total_bytes_ ? std::min<std::uint64_t>(100, bytes * 100 / total_bytes_) : 0;
    constexpr std::uint64_t width = 30;
    std::string bar(static_cast<std::size_t>(percent * width / 100), '#');
    bar.resize(width, '.');
    std::string line = "\r[" + bar + "] " + std::to_string(percent) + "%  " + std::to_string(workers) + " workers";
    if (elapsed_ms > 0) line += "  " + std::to_string(workers * 1000 / elapsed_ms) + " workers/s";
    if (bytes > 0 && total_bytes_ > bytes && elapsed_ms > 0) {
      const std::uint64_t left_s = elapsed_ms * (total_bytes_ - bytes) / bytes / 1000;
      line += "  " + std::to_string(left_s / 60) + ":" + (left_s % 60 < 10 ? "0" : "") + std::to_string(left_s % 60) +
              " left";
    }
    std::cerr << line << "\033[K" << std::flush;
  }
  /// Removes the bar, so the next line starts clean.
  void clear() {
    if (enabled_ && drawn_) std::cerr << "\r\033[K" << std::flush;
    drawn_ = false;
  }

 private:
  bool enabled_;
  std::uint64_t total_bytes_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
  bool drawn_ = false;
};

/// The hand-offs between the reader, the worker threads and the writer, under one lock.
class Pipeline {
 public:
  explicit Pipeline(std::size_t max_in_flight) : max_in_flight_(max_in_flight) {}

  /// Reader: waits for room, then queues `chunk`; false when the run is stopping.
  bool push(Chunk chunk) {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return stopping_ || pushed_ - written_ < max_in_flight_; });
    if (stopping_) return false;
    ++pushed_;
    work_.push_back(std::move(chunk));
    work_ready_.notify_one();
    return true;
  }
  /// Reader: no more chunks.
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    work_ready_.notify_all();
    result_ready_.notify_all();
  }
  /// Anyone: stop as soon as possible (write failure, interruption).
  void stop() {
    std::lock_guard lock(mutex_);
    stopping_ = closed_ = true;
    work_.clear();
    work_ready_.notify_all();
    result_ready_.notify_all();
    room_.notify_all();
  }
  /// Worker thread: the next chunk, or nothing when the queue is closed and empty.
  std::optional<Chunk> take() {
    std::unique_lock lock(mutex_);
    work_ready_.wait(lock, [&] { return closed_ || !work_.empty(); });
    if (work_.empty()) return std::nullopt;
    Chunk chunk = std::move(work_.front());
    work_.pop_front();
    return chunk;
  }
  void finish(std::uint64_t sequence, ChunkResult result) {
    std::lock_guard lock(mutex_);
    done_.emplace(sequence, std::move(result));
    result_ready_.notify_all();
  }
  /// Writer: the result of the next chunk in input order, or nothing when all are written.
  std::optional<ChunkResult> next_in_order() {
    std::unique_lock lock(mutex_);
    result_ready_.wait(lock, [&] { return stopping_ || done_.contains(written_) || (closed_ && written_ == pushed_); });
    if (stopping_ || !done_.contains(written_)) return std::nullopt;
    auto node = done_.extract(written_);
    return std::move(node.mapped());
  }
  void written() {
    std::lock_guard lock(mutex_);
    ++written_;
    room_.notify_all();
  }
  [[nodiscard]] bool stopping() {
    std::lock_guard lock(mutex_);
    return stopping_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable work_ready_, result_ready_, room_;
  std::deque<Chunk> work_;
  std::map<std::uint64_t, ChunkResult> done_;
  std::uint64_t pushed_ = 0, written_ = 0;
  std::size_t max_in_flight_;
  bool closed_ = false, stopping_ = false;
};

ChunkResult assess_chunk(const rules::Rulebook& rulebook, Chunk& chunk, bool rejects_as_csv) {
  ChunkResult result;
  result.workers_bytes = chunk.workers_bytes;
  const auto reject = [&](const io::CsvWorker& entry, const std::string& reason) {
    if (rejects_as_csv)
      result.rejects += io::csv_field(entry.file) + "," + std::to_string(entry.line) + "," + io::csv_field(entry.worker_id) +
                        "," + io::csv_field(reason) + "\n";
    else
      result.rejects += reason + "\n";
  };
  for (io::CsvWorker& entry : chunk.entries) {
    if (!entry.history) {
      ++result.rejected;
      for (const io::InputProblem& p : entry.problems) reject(entry, p.str());
      continue;
    }
    try {
      const Assessment assessment = assess(rulebook, *entry.history);
      result.rows += io::to_csv_rows(assessment);
      result.gap.add(*entry.history, assessment);
      ++result.assessed;
    } catch (const std::exception& e) {   // a rule that cannot be evaluated for this worker
      ++result.rejected;
      reject(entry, io::InputProblem{entry.file, entry.line, 0, entry.worker_id + ": cannot be assessed: " + e.what()}
                        .str());
    }
  }
  return result;
}

/// Restores the previous SIGINT and SIGTERM handlers when the run ends.
class InterruptGuard {
 public:
  InterruptGuard() {
    interrupted = 0;
    previous_int_ = std::signal(SIGINT, on_interrupt);
    previous_term_ = std::signal(SIGTERM, on_interrupt);
  }
  ~InterruptGuard() {
    std::signal(SIGINT, previous_int_);
    std::signal(SIGTERM, previous_term_);
  }
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

 private:
  void (*previous_int_)(int);
  void (*previous_term_)(int);
};

int run_batch(const BatchArguments& args) {
  int load_code = ok;
  const std::shared_ptr<const rules::Rulebook> rulebook = load_rules(args.rules, load_code);
  if (!rulebook) return load_code;
  std::ifstream workers_in(args.workers, std::ios::binary);
  if (!workers_in || std::filesystem::is_directory(args.workers)) {
    std::cerr << args.workers << ": cannot be read\n";
    return io_error;
  }
  std::ifstream periods_in(args.periods, std::ios::binary);
  if (!periods_in || std::filesystem::is_directory(args.periods)) {
    std::cerr << args.periods << ": cannot be read\n";
    return io_error;
  }
  io::CsvHistoryOptions options;
  options.validation.known_schemes.emplace();
  for (const rules::Scheme& s : rulebook->schemes()) options.validation.known_schemes->insert(s.id);
  std::optional<io::HistoryCsvReader> reader;
  try {
    reader.emplace(workers_in, args.workers, periods_in, args.periods, options);
  } catch (const io::CsvHeaderError& e) {
    std::cerr << e.what() << '\n';
    return invalid_input;
  }

  std::optional<Output> out, rejects, summary;
  out.emplace(args.out);
  if (!args.rejects.empty()) rejects.emplace(args.rejects);
  if (!args.summary.empty()) summary.emplace(args.summary);
  for (const auto* o : {&out, &rejects, &summary})
    if (*o && !(*o)->good()) {
      std::cerr << (*o)->path() << ": cannot be written\n";
      return io_error;
    }
  out->write(io::csv_header());
  if (rejects) rejects->write("file,line,worker_id,reason\n");

  const unsigned threads = args.threads ? args.threads : std::max(1u, std::thread::hardware_concurrency());
  std::error_code size_error;
  const auto workers_size = std::filesystem::file_size(args.workers, size_error);
  ProgressBar progress(isatty(STDERR_FILENO) == 1, size_error ? 0 : static_cast<std::uint64_t>(workers_size));
  Pipeline pipeline(4 * std::size_t{threads} + 2);
  InterruptGuard interrupt_guard;

  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t)
    pool.emplace_back([&] {
      while (std::optional<Chunk> chunk = pipeline.take())
        pipeline.finish(chunk->sequence, assess_chunk(*rulebook, *chunk, rejects.has_value()));
    });

  std::uint64_t assessed = 0, rejected = 0;
  std::atomic<bool> write_failed = false;
  io::GapReport gap;
  std::thread writer([&] {
    while (std::optional<ChunkResult> r = pipeline.next_in_order()) {
      out->write(r->rows);
      if (rejects) {
        rejects->write(r->rejects);
      } else if (!r->rejects.empty()) {
        progress.clear();
        std::cerr << r->rejects;
      }
      if (!out->good() || (rejects && !rejects->good())) {
        write_failed = true;
        pipeline.stop();
        break;
      }
      gap.merge(r->gap);
      assessed += r->assessed;
      rejected += r->rejected;
      pipeline.written();
      progress.update(assessed + rejected, r->workers_bytes);
    }
  });

  bool read_failed = false;
  std::uint64_t sequence = 0;
  Chunk chunk;
  for (;;) {
    io::CsvWorker entry;
    const bool more = reader->next(entry);
    if (more) chunk.entries.push_back(std::move(entry));
    if (interrupted || reader->failed()) {
      read_failed = reader->failed();
      pipeline.stop();
      break;
    }
    if (chunk.entries.size() == chunk_workers || (!more && !chunk.entries.empty())) {
      chunk.sequence = sequence++;
      chunk.workers_bytes = reader->worker_bytes_read();
      if (!pipeline.push(std::move(chunk))) break;
      chunk = Chunk{};
    }
    if (!more) break;
  }
  pipeline.close();
  for (std::thread& t : pool) t.join();
  writer.join();
  progress.clear();

  if (interrupted) {
    std::cerr << "interrupted: no output written\n";
    return interrupted_exit_code;
  }
  if (read_failed) {
    std::cerr << args.workers << " or " << args.periods << ": read error; no output written\n";
    return io_error;
  }
  if (summary) summary->write(gap.csv());
  for (auto* o : {&out, &rejects, &summary})
    if (*o && (write_failed || !(*o)->close())) {
      std::cerr << (*o)->path() << ": cannot be written (disk full?); no output written\n";
      return io_error;
    }
  for (auto* o : {&rejects, &summary, &out}) {
    std::error_code ec;
    if (*o && !(*o)->commit(ec)) {
      std::cerr << (*o)->path() << ": cannot be written (" << ec.message() << ")\n";
      return io_error;
    }
  }
  std::cerr << "read " << assessed + rejected << " = assessed " << assessed << " + rejected " << rejected << '\n';
  return rejected > 0 && !args.allow_rejects ? invalid_input : ok;
}

}  // namespace

void add_batch_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<BatchArguments>();
  auto* command = app.add_subcommand(
      "batch", "Assess every worker of workers.csv + periods.csv (DESIGN §5) into one CSV row per worker and scheme");
  command->add_option("--rules", args->rules, "the rules directory")->capture_default_str();
  command->add_option("--workers", args->workers, "workers.csv")->required();
  command->add_option("--periods", args->periods, "periods.csv, in the worker order of workers.csv")->required();
  command->add_option("--out", args->out, "assessments CSV to write")->required();
  command->add_option("--rejects", args->rejects,
                      "rejects CSV to write (file,line,worker_id,reason); without it rejects go to standard error");
  command->add_option("--summary", args->summary, "gap report CSV to write: by corridor, scheme and lost reason");
  command->add_option("--threads", args->threads, "worker threads (default: one per core)")
      ->check(CLI::Range(1u, 1024u));
  command->add_flag("--allow-rejects", args->allow_rejects, "exit 0 even when workers were rejected");
  command->callback([args, &exit_code] { exit_code = run_batch(*args); });
}

}  // namespace totalis::cli
