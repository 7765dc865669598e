#pragma once
// The slots of one scheme: which value each slot of a compiled expression reads. The loader
// numbers them and compiles every expression of the scheme (and of the agreements applied to
// it) against them; the engine fills an evaluation context in the same numbering.
//
//   const SlotInfo& s = scheme.symbols->slots[3];
//   s.name      // "rentenwert"
//   s.source    // SlotSource::parameter, s.index: the parameter's position in scheme.parameters

#include "totalis/rules/expression_symbols.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace totalis::rules {

enum class SlotSource {
  engine,           ///< engine_names[index]
  parameter,        ///< scheme.parameters[index], a scalar
  parameter_field,  ///< scheme.parameters[index], the table field `field`
  measure,          ///< scheme.measures[index]
  formula,          ///< scheme.formulas[index]
  year,             ///< the bucket's year (bucket slots only)
};

struct SlotInfo {
  std::string name;
  SlotSource source = SlotSource::engine;
  ValueType type = ValueType::number;
  std::size_t index = 0;
  std::string field;
};

struct SchemeSymbols {
  std::vector<SlotInfo> slots;          ///< rule level, Slot = position
  std::vector<SlotInfo> bucket_slots;   ///< inside a fold, Slot = position
  /// Which bucket slots some fold of the scheme (or of an agreement applied to it) reads: the
  /// series that bound the years a fold may speak of.
  std::vector<bool> read_in_fold;
  std::vector<std::size_t> series;      ///< SeriesId → index into scheme.parameters
};

}  // namespace totalis::rules
