#pragma once
// The rules have no value for this worker: a pension age not encoded for the cohort, a dated
// parameter without a value for the date asked. Not the worker's fault nor a broken rule file:
// the engine reports the scheme unassessed (`rules_incomplete`) with the message and assesses the
// other schemes.
//
//   throw RuleGap("pension age 'normal_age' has no value for a worker born 1955-03-10");

#include <stdexcept>

namespace totalis::rules {

class RuleGap : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace totalis::rules
