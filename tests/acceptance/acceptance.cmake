# Acceptance cases from published worked examples (domain.md §12): each tests/acceptance/<case>/
# holds a worker (worker.json), the published figures to assert (expected.txt) and, for abstract
# states, synthetic rule files (rules/); cases on real schemes use the bundled agreements/.
#
#   include(${CMAKE_CURRENT_SOURCE_DIR}/acceptance/acceptance.cmake)
#
# The worked case of each bundled scheme and agreement (tests/rules/cases/<id>/, hand arithmetic in
# its expected.txt) has the same layout and runs the same way, as rules/<id>.
#
# Two tests per case:
#   acceptance/<case>        runs `totalis assess --rules <case>/rules|agreements <case>/worker.json
#                            --format json` and checks every line of expected.txt (run_case.py)
#   acceptance/<case>/rules  `totalis check <case>/rules` reports 0 problems (when rules/ exists)

set(TOTALIS_ACCEPTANCE_DIR ${CMAKE_CURRENT_LIST_DIR})

find_program(TOTALIS_PYTHON3 NAMES python3 PATHS /usr/bin NO_CACHE)
if(NOT TOTALIS_PYTHON3)
  message(WARNING "python3 not found: the acceptance/<case> tests are not added (the rules checks are)")
endif()

file(GLOB TOTALIS_ACCEPTANCE_EXPECTED CONFIGURE_DEPENDS
     ${TOTALIS_ACCEPTANCE_DIR}/*/expected.txt
     ${TOTALIS_ACCEPTANCE_DIR}/../rules/cases/*/expected.txt)
list(SORT TOTALIS_ACCEPTANCE_EXPECTED)
foreach(expected IN LISTS TOTALIS_ACCEPTANCE_EXPECTED)
  get_filename_component(case_dir ${expected} DIRECTORY)
  get_filename_component(case ${case_dir} NAME)
  if(case_dir MATCHES "/rules/cases/")
    set(case rules/${case})
  endif()

  if(TOTALIS_PYTHON3)
    add_test(NAME acceptance/${case}
      COMMAND ${TOTALIS_PYTHON3} ${TOTALIS_ACCEPTANCE_DIR}/run_case.py
              --cli $<TARGET_FILE:totalis_cli> ${case_dir}
      WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
    set_tests_properties(acceptance/${case} PROPERTIES

      LABELS acceptance)
  endif()

  if(IS_DIRECTORY ${case_dir}/rules)   # cases on real schemes use the bundled agreements/
    add_test(NAME acceptance/${case}/rules
      COMMAND $<TARGET_FILE:totalis_cli> check ${case_dir}/rules
      WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
    set_tests_properties(acceptance/${case}/rules PROPERTIES
      PASS_REGULAR_EXPRESSION ", 0 problems"
      LABELS acceptance)
  endif()
endforeach()
