#pragma once
// The two ways an expression fails: at compile time, located in the rule file in compiler
// format so an editor can jump there; at evaluation, naming the rule whose arithmetic broke.
//
//   catch (const ExpressionError& e) { e.what(); }
//     // "agreements/schemes/US-OASDI.toml:31:18: unknown name 'aim' (did you mean 'aime'?)"
//   catch (const EvaluationError& e) { e.what(); }   // "division by zero in rule 'pia'"

#include "totalis/core/source_position.hpp"

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

namespace totalis::rules {

/// A rule expression that cannot be compiled: bad syntax, an unknown name, a type error, a
/// limit exceeded. `what()` is exactly `path:line:column: message` (`line:column: message`
/// without a path).
class ExpressionError : public std::runtime_error {
 public:
  ExpressionError(std::shared_ptr<const std::string> path, SourcePosition position, std::string message)
      : std::runtime_error(to_string(SourceRegion{position, position, path}) + ": " + message),
        path_(std::move(path)), position_(position), message_(std::move(message)) {}

  /// The rule file, or an empty string when the caller gave none.
  [[nodiscard]] const std::string& path() const noexcept { return path_ ? *path_ : empty_; }
  [[nodiscard]] SourcePosition position() const noexcept { return position_; }
  [[nodiscard]] std::uint32_t line() const noexcept { return position_.line; }
  [[nodiscard]] std::uint32_t column() const noexcept { return position_.column; }
  /// The message alone, without the location.
  [[nodiscard]] const std::string& message() const noexcept { return message_; }

 private:
  std::shared_ptr<const std::string> path_;
  SourcePosition position_;
  std::string message_;
  inline static const std::string empty_{};
};

/// Arithmetic the law's data made impossible for this worker: division by zero, a rounding
/// step that is not positive, a series without the year asked for. `what()` names the rule
/// (`division by zero in rule 'pia'`); `where()` points at the operation in the rule file.
class EvaluationError : public std::runtime_error {
 public:
  EvaluationError(std::string message, std::string rule, SourceRegion where)
      : std::runtime_error(rule.empty() ? message : message + " in rule '" + rule + "'"),
        rule_(std::move(rule)), where_(std::move(where)) {}

  [[nodiscard]] const std::string& rule() const noexcept { return rule_; }
  [[nodiscard]] const SourceRegion& where() const noexcept { return where_; }

 private:
  std::string rule_;
  SourceRegion where_;
};

}  // namespace totalis::rules
