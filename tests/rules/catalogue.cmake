# The catalogue of bundled rules (agreements/README.md) against the rule files:
#   rules/catalogue            every file has a row and every row a file; ids, parties (a scheme's
#                              country), in-force and ended dates and depths match the files
#   rules/catalogue/self-test  a catalogue with a wrong party, id, date or depth, a missing row or a
#                              row for no file is caught (so rules/catalogue can fail)
# The script needs Python 3.11 (tomllib): /usr/bin/python3 first.
find_program(TOTALIS_CATALOGUE_PYTHON3 NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH NO_CACHE)
if(NOT TOTALIS_CATALOGUE_PYTHON3)
  set(TOTALIS_CATALOGUE_PYTHON3 ${TOTALIS_PYTHON3})
endif()
if(TOTALIS_CATALOGUE_PYTHON3)
  add_test(NAME rules/catalogue
    COMMAND ${TOTALIS_CATALOGUE_PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/check_catalogue.py
            --agreements ${PROJECT_SOURCE_DIR}/agreements
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  add_test(NAME rules/catalogue/self-test
    COMMAND ${TOTALIS_CATALOGUE_PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/check_catalogue.py --self-test
            --agreements ${PROJECT_SOURCE_DIR}/agreements
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
else()
  message(WARNING "python3 not found: the rules/catalogue tests are not added")
endif()
