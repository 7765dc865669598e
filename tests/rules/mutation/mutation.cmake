# The mutation test of the bundled rules (tests/rules/mutation/README.md), through the Python module
# (-DTOTALIS_PYTHON=ON):
#   rules/mutation            every mutation of agreements/ (one to two minutes): fails on a survivor
#                             that survivors.txt does not list (a new figure or expression no test
#                             reads), or on a stale accepted equivalent of README.md
#   rules/mutation/self-test  on a scratch copy of acceptance case A-9 with a parameter no test
#                             reads: that mutation is reported as a survivor, two tested ones are
#                             killed (so the full run can fail and can pass)
# The full run without the known survivors (exit 1 while any survives):
#   /usr/bin/python3 tests/rules/mutation/mutate.py --module-dir build/src/python [--jobs 2]
# The script needs Python 3.11 (tomllib) and the interpreter the module was built for: /usr/bin/python3.
if(TOTALIS_PYTHON)
  find_program(TOTALIS_MUTATION_PYTHON3 NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH NO_CACHE)
  if(TOTALIS_MUTATION_PYTHON3)
    add_test(NAME rules/mutation/self-test
      COMMAND ${TOTALIS_MUTATION_PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/mutate.py --self-test
              --module-dir $<TARGET_FILE_DIR:totalis_python>
      WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
    set_tests_properties(rules/mutation/self-test PROPERTIES LABELS mutation TIMEOUT 300)
    add_test(NAME rules/mutation
      COMMAND ${TOTALIS_MUTATION_PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/mutate.py
              --module-dir $<TARGET_FILE_DIR:totalis_python> --known ${CMAKE_CURRENT_LIST_DIR}/survivors.txt --jobs 2
      WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
    # Two processes (the machines have two cores): ctest counts both.
    set_tests_properties(rules/mutation PROPERTIES LABELS mutation TIMEOUT 900 PROCESSORS 2)
  else()
    message(WARNING "/usr/bin/python3 not found: the rules/mutation tests are not added")
  endif()
endif()
