#pragma once
// Legal date arithmetic over boost::gregorian::date: strict ISO dates, month and year steps that
// never snap to month ends, and the day on which a person attains an age.
//
//   format_date(add_months(parse_date("2018-02-28"), 1))   // "2018-03-28" (Boost's months(1): 03-31)
//   format_date(add_years(parse_date("2020-02-29"), 1))    // "2021-02-28"
//   const Date born = parse_date("1963-03-02");
//   format_date(attains_age(born, 62, AgeRule::day_before_birthday))             // "2025-03-01"
//   format_date(first_month_throughout(born, 62, AgeRule::day_before_birthday))  // "2025-03-01"
//   age_on(born, parse_date("2025-02-28"), AgeRule::day_before_birthday)         // 61

#include <boost/date_time/gregorian/gregorian_types.hpp>   // date and days only: no I/O facets

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace totalis {

using Date = boost::gregorian::date;

/// Text that is not a date of the accepted form and range.
class DateError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// Years parse_date accepts: wide enough for any birth date and any projection we make.
inline constexpr int min_date_year = 1800;
inline constexpr int max_date_year = 2200;

/// Exactly `YYYY-MM-DD`: ASCII digits, a real calendar day, years 1800–2200. Throws DateError:
/// `'2019-02-30' is not a date` (over 40 characters shown cut, with "..."), or
/// `'1799-12-31' is not a date between 1800-01-01 and 2200-12-31`.
[[nodiscard]] Date parse_date(std::string_view text);
/// The date, or nothing when parse_date would throw.
[[nodiscard]] std::optional<Date> try_parse_date(std::string_view text) noexcept;
/// "YYYY-MM-DD". Throws std::invalid_argument for Boost's special values (not_a_date_time…).
[[nodiscard]] std::string format_date(Date d);

/// `d` moved by `n` months, keeping its day, lowered only when the target month is shorter
/// (2019-01-31 + 1 = 2019-02-28), never raised to a month end (2018-02-28 + 1 = 2018-03-28).
/// Throws std::out_of_range outside Boost's years 1400–9999.
[[nodiscard]] Date add_months(Date d, int n);
/// add_months(d, 12 * n): 2019-02-28 + 1 year = 2020-02-28; 2020-02-29 + 1 year = 2021-02-28.
[[nodiscard]] Date add_years(Date d, int n);

[[nodiscard]] Date first_of_month(Date d);
[[nodiscard]] Date last_of_month(Date d);
/// 2025-01-31 → 2025-02-01.
[[nodiscard]] Date first_of_month_after(Date d);

/// When a person attains an age; each scheme file says which rule it follows.
enum class AgeRule {
  /// The day before the anniversary. US: from the first moment of that day (20 CFR
  /// 404.2(c)(4); SSR 63-15). Germany: the birthday is the first day counted (§187(2) BGB), so
  /// the year is completed at the end of that day (§188(2) BGB). Same calendar day either way.
  day_before_birthday,
  /// The anniversary itself ("popular usage", 42 CFR 436.522(a); Canada: Interpretation Act s. 30).
  on_birthday,
};

/// The date a person born on `birth` attains `years` (≥ 0). A 29 February anniversary in a
/// common year is taken as 1 March: day_before_birthday then gives 28 February, as §188(3) BGB
/// does (a period ending on a missing day ends on the month's last day); on_birthday gives
/// 1 March, which is our convention (February passes without the anniversary), unsourced.
[[nodiscard]] Date attains_age(Date birth, int years, AgeRule rule);
/// The date `months` of age (≥ 0) are attained: an age of years and months (67y3m = 807).
[[nodiscard]] Date attains_age_in_months(Date birth, int months, AgeRule rule);
/// Completed years on `d` (≥ birth; std::invalid_argument otherwise).
[[nodiscard]] int age_on(Date birth, Date d, AgeRule rule);
/// First day of the first month throughout which the person has `years` (20 CFR 404.311(a)(2)):
/// US, born on the 1st or 2nd, the birthday month itself; otherwise the month after.
[[nodiscard]] Date first_month_throughout(Date birth, int years, AgeRule rule);

// ------------------------------------------------------------------------------------------------
// Implementation

namespace detail {

inline void require_calendar_date(Date d, const char* what) {
  if (d.is_special()) throw std::invalid_argument(std::string(what) + " is not a calendar date");
}

inline std::string shown_text(std::string_view text) {
  std::string shown(text.substr(0, 40));
  if (text.size() > 40) shown.append("...");   // (operator+ here trips GCC 12's -Warray-bounds at -O2)
  return shown;
}

inline bool is_ascii_digit(char c) noexcept { return c >= '0' && c <= '9'; }

struct DateFields {
  int year = 0, month = 0, day = 0;
};

inline std::optional<DateFields> date_fields(std::string_view text) noexcept {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (!is_ascii_digit(text[i])) return std::nullopt;
  const auto number = [&](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  DateFields f{number(0, 4), number(5, 2), number(8, 2)};
  if (f.year < 1400 || f.month < 1 || f.month > 12 || f.day < 1) return std::nullopt;   // Boost's floor
  const auto y = static_cast<unsigned short>(f.year);
  const auto m = static_cast<unsigned short>(f.month);
  if (f.day > boost::gregorian::gregorian_calendar::end_of_month_day(y, m)) return std::nullopt;
  return f;
}

inline bool in_accepted_years(const DateFields& f) noexcept {
  return f.year >= min_date_year && f.year <= max_date_year;
}

inline Date make_date(long long year, long long month, long long day) {
  if (year < 1400 || year > 9999)
    throw std::out_of_range("year " + std::to_string(year) + " is out of range 1400..9999");
  return Date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
              static_cast<unsigned short>(day));
}

/// The `years`-th anniversary of `birth`, 29 February falling on 1 March in common years.
inline Date anniversary(Date birth, int years) {
  const long long year = static_cast<long long>(birth.year()) + years;
  if (birth.month() == 2 && birth.day() == 29 && (year < 1400 || year > 9999 ||
      !boost::gregorian::gregorian_calendar::is_leap_year(static_cast<unsigned short>(year))))
    return make_date(year, 3, 1);
  return make_date(year, birth.month(), birth.day());
}

}  // namespace detail

inline std::optional<Date> try_parse_date(std::string_view text) noexcept {
  const std::optional<detail::DateFields> f = detail::date_fields(text);
  if (!f || !detail::in_accepted_years(*f)) return std::nullopt;
  return Date(static_cast<unsigned short>(f->year), static_cast<unsigned short>(f->month),
              static_cast<unsigned short>(f->day));
}

inline Date parse_date(std::string_view text) {
  const std::optional<detail::DateFields> f = detail::date_fields(text);
  if (!f) throw DateError("'" + detail::shown_text(text) + "' is not a date");
  if (!detail::in_accepted_years(*f))
    throw DateError("'" + std::string(text) + "' is not a date between " + std::to_string(min_date_year) +
                    "-01-01 and " + std::to_string(max_date_year) + "-12-31");
  return *try_parse_date(text);
}

inline std::string format_date(Date d) {
  detail::require_calendar_date(d, "the date");
  const auto ymd = d.year_month_day();
  std::string text = std::to_string(static_cast<int>(ymd.year));   // Boost keeps years at 4 digits
  const auto two = [&](unsigned v) {
    text += '-';
    text += static_cast<char>('0' + v / 10);
    text += static_cast<char>('0' + v % 10);
  };
  two(ymd.month.as_number());
  two(ymd.day.as_number());
  return text;
}

namespace detail {

inline Date plus_months(Date d, long long n) {
  require_calendar_date(d, "the date");
  // On a running month index; never boost::gregorian::months, which moves a month-end date to
  // the target's month end (ANCHORS.md, Lessons 4).
  const long long index = static_cast<long long>(d.year()) * 12 + (d.month() - 1) + n;
  long long year = index / 12;
  long long month0 = index % 12;
  if (month0 < 0) { month0 += 12; --year; }
  const Date first = make_date(year, month0 + 1, 1);
  const unsigned short last = boost::gregorian::gregorian_calendar::end_of_month_day(first.year(), first.month());
  const unsigned short day = d.day();
  return make_date(year, month0 + 1, day < last ? day : last);
}

}  // namespace detail

inline Date add_months(Date d, int n) { return detail::plus_months(d, n); }
inline Date add_years(Date d, int n) { return detail::plus_months(d, 12LL * n); }

inline Date first_of_month(Date d) {
  detail::require_calendar_date(d, "the date");
  return Date(d.year(), d.month(), 1);
}

inline Date last_of_month(Date d) {
  detail::require_calendar_date(d, "the date");
  return d.end_of_month();
}

inline Date first_of_month_after(Date d) { return add_months(first_of_month(d), 1); }

inline Date attains_age(Date birth, int years, AgeRule rule) {
  detail::require_calendar_date(birth, "the birth date");
  if (years < 0) throw std::invalid_argument("an age is not negative: " + std::to_string(years));
  const Date anniversary = detail::anniversary(birth, years);
  return rule == AgeRule::on_birthday ? anniversary : anniversary - boost::gregorian::days(1);
}

inline Date attains_age_in_months(Date birth, int months, AgeRule rule) {
  const Date anniversary = attains_age(birth, months / 12, AgeRule::on_birthday);
  const Date day = add_months(anniversary, months % 12);
  return rule == AgeRule::day_before_birthday ? day - boost::gregorian::days(1) : day;
}

inline int age_on(Date birth, Date d, AgeRule rule) {
  detail::require_calendar_date(birth, "the birth date");
  detail::require_calendar_date(d, "the date");
  if (d < birth)
    throw std::invalid_argument("date " + format_date(d) + " is before the birth date " + format_date(birth));
  // The age attained in d's year is at most one off (a 1 January birthday is attained on
  // 31 December before), so start one year above and step down.
  int years = static_cast<int>(d.year()) - static_cast<int>(birth.year()) + 1;
  while (years > 0 && attains_age(birth, years, rule) > d) --years;
  return years;
}

inline Date first_month_throughout(Date birth, int years, AgeRule rule) {
  const Date attained = attains_age(birth, years, rule);
  return attained.day() == 1 ? attained : first_of_month_after(attained);
}

}  // namespace totalis
