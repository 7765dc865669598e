# The mutation test of the bundled rules (tests/rules/mutation/README.md), through the Python module
# (-DTOTALIS_PYTHON=ON):
#   rules/mutation/self-test  on a scratch copy of acceptance case A-9 with a parameter no test
#                             reads: that mutation is reported as a survivor, two tested ones are
#                             killed (so the full run can fail and can pass)
# The full run, every figure and expression of agreements/ (minutes, not in ctest):
#   /usr/bin/python3 tests/rules/mutation/mutate.py --module-dir build/src/python [--jobs 2]
# The script needs Python 3.11 (tomllib) and the interpreter the module was built for: /usr/bin/python3.
if(TOTALIS_PYTHON)
  find_program(TOTALIS_MUTATION_PYTHON3 NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH NO_CACHE)
  if(TOTALIS_MUTATION_PYTHON3)
    add_test(NAME rules/mutation/self-test
      COMMAND ${TOTALIS_MUTATION_PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/mutate.py --self-test
              --module-dir $<TARGET_FILE_DIR:totalis_python>
      WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
    set_tests_properties(rules/mutation/self-test PROPERTIES LABELS python TIMEOUT 300)
  else()
    message(WARNING "/usr/bin/python3 not found: the rules/mutation tests are not added")
  endif()
endif()
