# Runs one example and compares its standard output with the expected file, exactly.
#   cmake -DPROGRAM=path/to/example -DEXPECTED=examples/q.out -DACTUAL=build/q.actual -P compare_output.cmake
# Run from the project root (the examples read agreements/ and examples/…). The one thing not
# compared is the rulebook's version, "sha256:" and 64 hex digits: it changes with every edit of
# any rule file, cites included, while the figures the examples show do not.

cmake_minimum_required(VERSION 3.21)   # policies as the project's (CMP0054: quoted if() arguments)

foreach(var PROGRAM EXPECTED ACTUAL)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "compare_output.cmake: -D${var}=… is required")
  endif()
endforeach()

execute_process(COMMAND ${PROGRAM}
                OUTPUT_VARIABLE actual
                ERROR_VARIABLE errors
                RESULT_VARIABLE status)
file(WRITE ${ACTUAL} "${actual}")   # kept for inspection: diff -u EXPECTED ACTUAL
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} exited with ${status}\n${errors}")
endif()
if(NOT EXISTS ${EXPECTED})
  message(FATAL_ERROR "${EXPECTED} does not exist; the output was written to ${ACTUAL}")
endif()
file(READ ${EXPECTED} expected)

string(REPEAT "[0-9a-f]" 64 hex_digits)
set(version_pattern "sha256:${hex_digits}")
string(REGEX REPLACE "${version_pattern}" "sha256:<version>" actual "${actual}")
string(REGEX REPLACE "${version_pattern}" "sha256:<version>" expected "${expected}")
if(actual STREQUAL expected)
  return()
endif()

# Not equal: name the first line that differs, with both versions, as diff would. Lines are cut
# with string(FIND) rather than CMake lists, which mangle ';' and unbalanced '['.
set(number 1)
while(TRUE)
  foreach(side actual expected)
    string(FIND "${${side}}" "\n" cut)
    if(cut EQUAL -1)
      set(${side}_line "${${side}}")
      set(${side} "")
      set(${side}_ended TRUE)
    else()
      string(SUBSTRING "${${side}}" 0 ${cut} ${side}_line)
      math(EXPR cut "${cut} + 1")
      string(SUBSTRING "${${side}}" ${cut} -1 ${side})
    endif()
  endforeach()
  if(NOT actual_line STREQUAL expected_line)
    message("--- ${EXPECTED}\n+++ ${ACTUAL}\n@@ line ${number} @@\n-${expected_line}\n+${actual_line}")
    message(FATAL_ERROR "output differs from the expected at line ${number}; see all with diff -u ${EXPECTED} ${ACTUAL}")
  endif()
  if(actual_ended AND expected_ended)   # equal lines, so the outputs differ in the last newline
    message(FATAL_ERROR "output differs from ${EXPECTED} in its last line's newline (full output: ${ACTUAL})")
  endif()
  math(EXPR number "${number} + 1")
endwhile()
