// The engine compiled once: the definition of assess() for every user of the totalis::engine
// library (the program, the tests, the Python module), which see only its declaration.

#include "totalis/engine/assess.hpp"

#include "totalis/engine/detail/assess_impl.hpp"
