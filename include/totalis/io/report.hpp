#pragma once
// Writing an Assessment as JSON (exactly shared/assessment.schema.json), as text a person reads,
// or as CSV rows (one per worker and scheme, JSON fields flattened, one column per lost reason).
//
//   std::cout << io::to_json(assessment);                 // one object, pretty-printed
//   std::cout << io::to_text(assessment, {.explain = true});

#include "totalis/engine/assessment.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace totalis::io {

struct TextOptions {
  bool explain = false;   ///< add the trace of every scheme, step by step with cites
};

/// The JSON object of DESIGN §6, indented two spaces, ending in a newline.
[[nodiscard]] std::string to_json(const Assessment& assessment);

/// Tables a person reads, with a short "why" per scheme.
[[nodiscard]] std::string to_text(const Assessment& assessment, const TextOptions& options = {});

/// The CSV header line (with its newline) and the rows of one assessment (each with its newline).
[[nodiscard]] std::string csv_header();
[[nodiscard]] std::string to_csv_rows(const Assessment& assessment);

/// An amount as reports print it: two decimals for whole cents ("286.00"), otherwise exact.
[[nodiscard]] std::string format_amount(const Amount& amount);

/// One CSV field, quoted (RFC 4180) when it holds a comma, a quote or a line break.
[[nodiscard]] std::string csv_field(std::string_view field);

/// Benefit periods in a year, to annualise a periodic amount: 52 weeks, 26 fortnights, 12 months.
[[nodiscard]] Amount periods_per_year(Per per);

}  // namespace totalis::io
