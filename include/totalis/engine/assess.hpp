#pragma once
// The heart of Totalis: a pure, thread-safe function from (rulebook, history) to what the worker
// has accrued, can take along and has lost under each scheme, with reasons and a cited trace.
//
//   const auto rules = io::load_rulebook("agreements");
//   const Assessment a = assess(*rules, history);
//   a.schemes[0].portable.str()     // "286"

#include "totalis/core/history.hpp"
#include "totalis/engine/assessment.hpp"
#include "totalis/rules/rulebook.hpp"

#include <optional>

namespace totalis {

struct AssessOptions {
  /// Add every sub-expression of every rule evaluated to the trace (larger, slower).
  bool trace_expressions = false;
  /// For frozen pensions: the horizon and the yearly uprating assumed for projected_loss; absent:
  /// the scheme's cited defaults (parameters projection_horizon_years, projection_uprating_percent).
  std::optional<int> horizon_years;
  std::optional<Amount> uprating_percent;
};

/// Assesses one valid history (see validate()) against a rulebook. Never modifies either; any
/// number of threads may call it at once with one shared rulebook.
[[nodiscard]] Assessment assess(const rules::Rulebook& rulebook, const History& history,
                                const AssessOptions& options = {});

}  // namespace totalis

// Header-only by default. A build that compiles the engine once (the totalis::engine library,
// src/engine/assess.cpp) defines TOTALIS_ENGINE_COMPILED for its users, so the implementation is
// not compiled again in every translation unit that calls assess().
#ifdef TOTALIS_ENGINE_COMPILED
#define TOTALIS_ENGINE_INLINE
#else
#define TOTALIS_ENGINE_INLINE inline
#include "totalis/engine/detail/assess_impl.hpp"
#endif
