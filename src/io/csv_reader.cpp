// The CSV record framer: a small state machine over blocks of the stream. Unquoted runs are
// copied with one append each; quoted fields are unescaped as they are copied.

#include "totalis/io/csv_reader.hpp"

#include <algorithm>

namespace totalis::io {

namespace {

constexpr bool ends_unquoted_run(char c) noexcept { return c == ',' || c == '\n' || c == '\r' || c == '"'; }

/// The offset of the first byte that is not valid UTF-8 (RFC 3629: no overlongs, no surrogates,
/// nothing above U+10FFFF), or npos.
std::size_t invalid_utf8_at(std::string_view s) noexcept {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) length = 2;
    else if (c == 0xE0) length = 3, low = 0xA0;
    else if (c >= 0xE1 && c <= 0xEC) length = 3;
    else if (c == 0xED) length = 3, high = 0x9F;
    else if (c >= 0xEE && c <= 0xEF) length = 3;
    else if (c == 0xF0) length = 4, low = 0x90;
    else if (c >= 0xF1 && c <= 0xF3) length = 4;
    else if (c == 0xF4) length = 4, high = 0x8F;
    else return i;
    if (i + length > s.size()) return i;
    for (std::size_t k = 1; k < length; ++k) {
      const auto d = static_cast<unsigned char>(s[i + k]);
      const unsigned char lo = k == 1 ? low : 0x80, hi = k == 1 ? high : 0xBF;
      if (d < lo || d > hi) return i;
    }
    i += length;
  }
  return std::string_view::npos;
}

}  // namespace

CsvReader::CsvReader(std::istream& in, std::size_t max_record_bytes)
    : in_(in), max_record_bytes_(max_record_bytes), block_(block_bytes) {}

bool CsvReader::refill() {
  if (at_end_) return false;
  bytes_before_block_ += end_;
  pos_ = end_ = 0;
  in_.read(block_.data(), static_cast<std::streamsize>(block_.size()));
  end_ = static_cast<std::size_t>(in_.gcount());
  if (in_.bad()) failed_ = true;
  if (end_ == 0) {
    at_end_ = true;
    return false;
  }
  return true;
}

int CsvReader::peek() {
  if (pos_ == end_ && !refill()) return -1;
  return static_cast<unsigned char>(block_[pos_]);
}

int CsvReader::get() {
  if (pos_ == end_ && !refill()) return -1;
  return static_cast<unsigned char>(block_[pos_++]);
}

bool CsvReader::append(const char* data, std::size_t count) {
  if (record_.size() + count > max_record_bytes_) {
    if (problem_.empty())
      problem_ = "record is longer than " + std::to_string(max_record_bytes_) +
                 " bytes (an unterminated quote?); the rest of the file is not read";
    stopped_ = true;
    return false;
  }
  record_.append(data, count);
  return true;
}

void CsvReader::skip_rest_of_line() {
  for (int c = get(); c >= 0; c = get()) {
    if (c == '\n') break;
    if (c == '\r') {
      if (peek() == '\n') (void)get();
      break;
    }
  }
  ++line_;
}

void CsvReader::finish_record() {
  views_.clear();
  std::size_t begin = 0;
  for (std::size_t end : ends_) {
    views_.emplace_back(record_.data() + begin, end - begin);
    begin = end;
  }
  if (problem_.empty() && high_bytes_) {
    if (const std::size_t at = invalid_utf8_at(record_); at != std::string_view::npos) {
      const std::size_t field = static_cast<std::size_t>(std::upper_bound(ends_.begin(), ends_.end(), at) - ends_.begin());
      static constexpr char hex[] = "0123456789abcdef";
      const auto byte = static_cast<unsigned char>(record_[at]);
      problem_ = std::string("field ") + std::to_string(field + 1) + " is not valid UTF-8 (byte 0x" + hex[byte >> 4] +
                 hex[byte & 15] + ")";
    }
  }
  if (problem_.empty() && expected_fields_ != 0 && views_.size() != expected_fields_)
    problem_ = "has " + std::to_string(views_.size()) + (views_.size() == 1 ? " field" : " fields") +
               "; the header has " + std::to_string(expected_fields_);
}

bool CsvReader::next() {
  record_.clear();
  ends_.clear();
  views_.clear();
  problem_.clear();
  high_bytes_ = false;
  if (stopped_) return false;
  if (!started_) {
    started_ = true;
    // A UTF-8 byte-order mark (spreadsheets write one) is not part of the first field.
    if (peek() == 0xEF && end_ - pos_ >= 3 && static_cast<unsigned char>(block_[pos_ + 1]) == 0xBB &&
        static_cast<unsigned char>(block_[pos_ + 2]) == 0xBF)
      pos_ += 3;
  }
  // Skip lines with nothing on them.
  for (;;) {
    const int c = peek();
    if (c < 0) return false;
    if (c == '\n') {
      (void)get();
      ++line_;
    } else if (c == '\r') {
      (void)get();
      if (peek() == '\n') (void)get();
      ++line_;
    } else {
      break;
    }
  }
  record_line_ = line_;

  for (;;) {   // one field per turn
    int c = peek();
    if (c == '"') {
      (void)get();
      const std::size_t opened_on = line_;
      for (;;) {
        if (pos_ == end_ && !refill()) {
          ends_.push_back(record_.size());
          problem_ = "unterminated quote: the field opened on line " + std::to_string(opened_on) + " is never closed";
          stopped_ = true;
          finish_record();
          return true;
        }
        const char* const begin = block_.data() + pos_;
        const char* const stop = block_.data() + end_;
        const char* p = begin;
        while (p != stop && *p != '"' && *p != '\n') {
          high_bytes_ |= (static_cast<unsigned char>(*p) & 0x80) != 0;
          ++p;
        }
        if (!append(begin, static_cast<std::size_t>(p - begin))) {
          ends_.push_back(record_.size());
          finish_record();
          return true;
        }
        pos_ += static_cast<std::size_t>(p - begin);
        if (p == stop) continue;
        (void)get();
        if (*p == '\n') {
          ++line_;
          if (!append("\n", 1)) {
            ends_.push_back(record_.size());
            finish_record();
            return true;
          }
          continue;
        }
        // A quote: doubled, it stands for itself; otherwise it closes the field.
        if (peek() == '"') {
          (void)get();
          if (!append("\"", 1)) {
            ends_.push_back(record_.size());
            finish_record();
            return true;
          }
          continue;
        }
        break;
      }
      c = peek();
      if (c >= 0 && c != ',' && c != '\n' && c != '\r') {
        ends_.push_back(record_.size());
        problem_ = "unexpected character after the closing quote of field " + std::to_string(ends_.size()) +
                   " (a quote inside a quoted field is written twice: \"\")";
        skip_rest_of_line();
        finish_record();
        return true;
      }
    } else {
      for (;;) {
        if (pos_ == end_ && !refill()) break;
        const char* const begin = block_.data() + pos_;
        const char* const stop = block_.data() + end_;
        const char* p = begin;
        while (p != stop && !ends_unquoted_run(*p)) {
          high_bytes_ |= (static_cast<unsigned char>(*p) & 0x80) != 0;
          ++p;
        }
        if (!append(begin, static_cast<std::size_t>(p - begin))) {
          ends_.push_back(record_.size());
          finish_record();
          return true;
        }
        pos_ += static_cast<std::size_t>(p - begin);
        if (p != stop) break;
      }
      if (peek() == '"') {
        ends_.push_back(record_.size());
        problem_ = "a quote inside unquoted field " + std::to_string(ends_.size()) +
                   " (quote the whole field and write the quote twice: \"\")";
        skip_rest_of_line();
        finish_record();
        return true;
      }
    }
    ends_.push_back(record_.size());
    c = get();
    if (c == ',') continue;
    if (c == '\r') {
      if (peek() == '\n') (void)get();
      ++line_;
    } else if (c == '\n') {
      ++line_;
    }
    break;   // end of line or of input
  }
  finish_record();
  return true;
}

}  // namespace totalis::io
