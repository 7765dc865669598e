#pragma once
// A streaming RFC 4180 reader: one record at a time from a std::istream, in bounded memory, the
// fields as string_views into a buffer reused from record to record (no allocation per field once
// warm). It is the batch's parse floor, so it reads the stream in large blocks and copies each
// field once.
//
//   std::ifstream in("workers.csv", std::ios::binary);
//   io::CsvReader csv(in);
//   while (csv.next()) {
//     if (!csv.problem().empty()) std::cerr << "workers.csv:" << csv.line() << ": " << csv.problem() << '\n';
//     else use(csv[0], csv[1]);                     // "W-17", "1958-06-15"
//   }
//
// Accepted: quoted fields holding commas, doubled quotes ("") and line breaks; CRLF, LF or a lone
// CR ending a record; a UTF-8 byte-order mark at the start; a last record without a line break.
// A line with nothing on it is skipped (it carries no field of any of our files).
// A malformed record is still returned, with problem() saying what is wrong, and reading goes on
// at the next line: an unterminated quote (it runs to the end of the input), a character after a
// closing quote, a quote inside an unquoted field, invalid UTF-8, a field count other than
// expect_fields() says, a record over the size limit (reading stops there: the rest cannot be
// framed).

#include <cstddef>
#include <cstdint>
#include <istream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace totalis::io {

class CsvReader {
 public:
  /// Longest record kept in memory (a quoted field can span lines; this bounds what an
  /// unterminated quote can make the reader hold).
  static constexpr std::size_t default_max_record_bytes = std::size_t{1} << 20;

  explicit CsvReader(std::istream& in, std::size_t max_record_bytes = default_max_record_bytes);
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  /// Reads the next record; false at the end of the input. The fields stay valid until the next call.
  [[nodiscard]] bool next();

  [[nodiscard]] std::span<const std::string_view> fields() const noexcept { return views_; }
  [[nodiscard]] std::size_t size() const noexcept { return views_.size(); }
  /// The field at `i`; an empty view past the last field.
  [[nodiscard]] std::string_view operator[](std::size_t i) const noexcept {
    return i < views_.size() ? views_[i] : std::string_view();
  }
  /// The line (1-based) the current record starts on.
  [[nodiscard]] std::size_t line() const noexcept { return record_line_; }
  /// What is wrong with the current record, without its location; empty when it is well formed:
  /// "has 6 fields; the header has 7".
  [[nodiscard]] const std::string& problem() const noexcept { return problem_; }

  /// From now on a record with another number of fields has a problem (0: any number).
  void expect_fields(std::size_t count) noexcept { expected_fields_ = count; }
  /// Bytes consumed from the stream so far (progress reporting).
  [[nodiscard]] std::uint64_t bytes_read() const noexcept { return bytes_before_block_ + pos_; }
  /// True when the stream reported an error (not the end of the input): a failed read.
  [[nodiscard]] bool failed() const noexcept { return failed_; }

 private:
  static constexpr std::size_t block_bytes = std::size_t{1} << 16;

  int peek();
  int get();
  bool refill();
  bool append(const char* data, std::size_t count);
  void skip_rest_of_line();
  void finish_record();

  std::istream& in_;
  std::size_t max_record_bytes_;
  std::vector<char> block_;
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  std::uint64_t bytes_before_block_ = 0;
  bool started_ = false;
  bool at_end_ = false;   // the stream is exhausted
  bool stopped_ = false;  // no further record can be framed
  bool failed_ = false;

  std::string record_;                 // the current record's field bytes, unquoted, back to back
  std::vector<std::size_t> ends_;      // end offset of each field in record_
  std::vector<std::string_view> views_;
  std::string problem_;
  std::size_t line_ = 1;               // line of the next byte
  std::size_t record_line_ = 0;
  std::size_t expected_fields_ = 0;
  bool high_bytes_ = false;            // the record has bytes >= 0x80: check UTF-8
};

}  // namespace totalis::io
