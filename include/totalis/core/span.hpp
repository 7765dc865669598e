#pragma once
// An inclusive span of dates [from, to], as statutes and certificates of coverage write periods,
// and the set operations the engine de-duplicates time with.
//
//   const Span q1{parse_date("2019-01-01"), parse_date("2019-03-31")};
//   q1.days()                                                                       // 90
//   merge({Span{parse_date("2019-04-01"), parse_date("2019-06-30")}, q1})[0].str()  // "2019-01-01 to 2019-06-30"
//   split_by_year(Span{parse_date("2019-12-01"), parse_date("2020-01-31")}).size()   // 2

#include "totalis/core/date.hpp"

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <algorithm>
#include <compare>
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace totalis {

/// The days from `from` to `to`, both included; never empty (Boost's date_period: see period()).
class Span {
 public:
  /// The single day 1970-01-01, only so that Span is regular; it means nothing on its own.
  Span() = default;
  /// Throws std::invalid_argument: "'to' 2019-01-01 is before 'from' 2019-02-01".
  Span(Date from, Date to);
  [[nodiscard]] static Span single_day(Date d) { return Span{d, d}; }

  [[nodiscard]] Date from() const noexcept { return from_; }
  [[nodiscard]] Date to() const noexcept { return to_; }
  /// Days in the span, both ends counted: [2019-01-01, 2019-01-01] is 1 day.
  [[nodiscard]] std::int64_t days() const { return (to_ - from_).days() + 1; }

  [[nodiscard]] bool contains(Date d) const noexcept { return from_ <= d && d <= to_; }
  [[nodiscard]] bool contains(const Span& s) const noexcept { return from_ <= s.from_ && s.to_ <= to_; }
  /// True when at least one day belongs to both.
  [[nodiscard]] bool overlaps(const Span& s) const noexcept { return from_ <= s.to_ && s.from_ <= to_; }
  /// They overlap, or one starts the day after the other ends: their union is one span.
  [[nodiscard]] bool adjacent_or_overlapping(const Span& s) const;
  /// The days inside `window` (e.g. age 16 to pension age), or nothing when none are.
  [[nodiscard]] std::optional<Span> clipped(const Span& window) const;

  /// The half-open Boost period [from, to + 1 day).
  [[nodiscard]] boost::gregorian::date_period period() const {
    return {from_, to_ + boost::gregorian::days(1)};
  }
  /// "2019-01-01 to 2019-12-31".
  [[nodiscard]] std::string str() const { return format_date(from_) + " to " + format_date(to_); }

  /// Ordered by start, then end.
  friend std::strong_ordering operator<=>(const Span&, const Span&) = default;
  friend bool operator==(const Span&, const Span&) = default;

 private:
  Date from_ = Date(1970, 1, 1);
  Date to_ = Date(1970, 1, 1);
};

/// The days in both, or nothing: intersection(a, b) == a.clipped(b).
[[nodiscard]] std::optional<Span> intersection(const Span& a, const Span& b);
/// The union of `spans` as sorted, disjoint, non-adjacent spans: overlapping and adjacent spans
/// become one, so each day counts once (DESIGN §4: time is de-duplicated).
[[nodiscard]] std::vector<Span> merge(std::vector<Span> spans);
/// The pieces of `s` in each calendar year it touches, in order.
[[nodiscard]] std::vector<Span> split_by_year(const Span& s);

// ------------------------------------------------------------------------------------------------
// Implementation

inline Span::Span(Date from, Date to) : from_(from), to_(to) {
  detail::require_calendar_date(from, "'from'");
  detail::require_calendar_date(to, "'to'");
  if (to < from)
    throw std::invalid_argument("'to' " + format_date(to) + " is before 'from' " + format_date(from));
}

inline bool Span::adjacent_or_overlapping(const Span& s) const {
  // Compared as day differences, so no date beyond Boost's last day is ever formed.
  return (s.from_ - to_).days() <= 1 && (from_ - s.to_).days() <= 1;
}

inline std::optional<Span> Span::clipped(const Span& window) const {
  if (!overlaps(window)) return std::nullopt;
  return Span{std::max(from_, window.from_), std::min(to_, window.to_)};
}

inline std::optional<Span> intersection(const Span& a, const Span& b) { return a.clipped(b); }

inline std::vector<Span> merge(std::vector<Span> spans) {
  std::sort(spans.begin(), spans.end());
  std::vector<Span> merged;
  merged.reserve(spans.size());
  for (const Span& s : spans) {
    if (!merged.empty() && merged.back().adjacent_or_overlapping(s))
      merged.back() = Span{merged.back().from(), std::max(merged.back().to(), s.to())};
    else
      merged.push_back(s);
  }
  return merged;
}

inline std::vector<Span> split_by_year(const Span& s) {
  std::vector<Span> pieces;
  const unsigned short first_year = s.from().year(), last_year = s.to().year();
  pieces.reserve(static_cast<std::size_t>(last_year - first_year + 1));
  for (unsigned short year = first_year; year <= last_year; ++year) {
    const Date first = year == first_year ? s.from() : Date(year, 1, 1);
    const Date last = year == last_year ? s.to() : Date(year, 12, 31);
    pieces.emplace_back(first, last);
  }
  return pieces;
}

/// Calls `fn(year, pieces)` for each calendar year that sorted, disjoint spans (merge()'s output)
/// touch, in year order, with the year's pieces: what a per-year count reads. One buffer is
/// reused from year to year (a per-year count runs for every measure of every scenario).
template <class Fn>
void for_each_year_pieces(std::span<const Span> merged, Fn&& fn) {
  std::vector<Span> pieces;
  int current = 0;
  for (const Span& s : merged) {
    const int first_year = s.from().year(), last_year = s.to().year();
    for (int year = first_year; year <= last_year; ++year) {
      if (!pieces.empty() && year != current) {
        fn(current, std::span<const Span>(pieces));
        pieces.clear();
      }
      current = year;
      const auto y = static_cast<unsigned short>(year);
      pieces.emplace_back(year == first_year ? s.from() : Date(y, 1, 1), year == last_year ? s.to() : Date(y, 12, 31));
    }
  }
  if (!pieces.empty()) fn(current, std::span<const Span>(pieces));
}

}  // namespace totalis
