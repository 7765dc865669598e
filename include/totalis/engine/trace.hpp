#pragma once
// The trace: every step that produced a figure, with its value and the article behind it
// (ANCHORS.md lesson 6: a trace is a product, stable JSON with a cite on every step).
//
//   trace.push_back({"pro-rata PIA = theoretical × 24/140, to the dime", "286.40", "20 CFR 404.1918"});

#include <string>
#include <vector>

namespace totalis {

struct TraceStep {
  std::string step;    ///< what was computed, in words a caseworker reads
  std::string value;   ///< the result as a decimal string (or a yes/no)
  std::string cite;    ///< the article, regulation or published source
  friend bool operator==(const TraceStep&, const TraceStep&) = default;
};

using Trace = std::vector<TraceStep>;

}  // namespace totalis
