#pragma once
// The wording of field problems, shared by the history readers (JSON and CSV), so one bad value
// reads the same whichever format it came in:
//
//   field_messages::not_a_date("to", "2019-02-30")   // "'to' 2019-02-30 is not a date"

#include <algorithm>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace totalis::io::field_messages {

/// Shows user text inside a message: at most 40 characters, control bytes escaped.
inline std::string shown(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, 40)) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      static constexpr char hex[] = "0123456789abcdef";
      out += "\\x";
      out += hex[u >> 4];
      out += hex[u & 15];
    } else {
      out += c;
    }
  }
  if (text.size() > 40) out += "...";
  return out;
}

/// The closest of `known` to `word` within two edits, for "did you mean"; empty when none is.
inline std::string closest(std::string_view word, std::span<const std::string_view> known) {
  std::string best;
  std::size_t best_distance = 3;
  for (std::string_view k : known) {
    std::vector<std::size_t> row(k.size() + 1);
    for (std::size_t j = 0; j <= k.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= word.size(); ++i) {
      std::size_t diagonal = row[0];
      row[0] = i;
      for (std::size_t j = 1; j <= k.size(); ++j) {
        const std::size_t up = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (word[i - 1] == k[j - 1] ? 0u : 1u)});
        diagonal = up;
      }
    }
    if (row[k.size()] < best_distance) best_distance = row[k.size()], best = std::string(k);
  }
  return best;
}

inline std::string quoted_key(std::string_view key) { return "'" + std::string(key) + "'"; }

inline std::string is_missing(std::string_view key) { return quoted_key(key) + " is missing"; }

inline std::string not_a_date(std::string_view key, std::string_view text) {
  return quoted_key(key) + " " + shown(text) + " is not a date";
}

inline std::string not_a_country(std::string_view key, std::string_view text) {
  return quoted_key(key) + " " + shown(text) + " is not a country (ISO 3166-1 alpha-2, e.g. DE)";
}

inline std::string not_a_kind(std::string_view text) {
  return "'kind' " + shown(text) + " is not a period kind (employed, self_employed, voluntary, credited, residence)";
}

inline std::string not_a_currency(std::string_view text) {
  return "'currency' " + shown(text) + " is not a currency code (three capital letters, e.g. EUR)";
}

/// `why` is the scheme id's own explanation (SchemeId's std::invalid_argument).
inline std::string not_a_scheme(std::string_view why) { return "'scheme' " + std::string(why); }

/// `label` is "'earnings'" or "credit 'earnings_points'"; `why` is Amount::why_not's text.
inline std::string not_an_amount(std::string_view label, std::string_view why) {
  return std::string(label) + " " + std::string(why);
}

inline std::string to_before_from(std::string_view to, std::string_view from) {
  return "'to' " + std::string(to) + " is before 'from' " + std::string(from);
}

inline std::string unknown_field(std::string_view what, std::string_view name, std::span<const std::string_view> known) {
  std::string message = "unknown " + std::string(what) + " '" + shown(name) + "'";
  if (std::string guess = closest(name, known); !guess.empty()) message += " (did you mean '" + guess + "'?)";
  return message;
}

}  // namespace totalis::io::field_messages
