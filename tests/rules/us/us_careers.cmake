# The 40-career table of the US retirement benefit (tests/rules/us/README.md):
#   rules/us/careers          Totalis's AIME, PIA and monthly benefit equal the derived figures
#   rules/us/careers-derived  careers.json is what derive.py derives from careers.toml and SSA's series
if(TOTALIS_PYTHON3)
  add_test(NAME rules/us/careers
    COMMAND ${TOTALIS_PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/check_careers.py
            --cli $<TARGET_FILE:totalis_cli> --rules ${PROJECT_SOURCE_DIR}/agreements
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  add_test(NAME rules/us/careers-derived
    COMMAND ${TOTALIS_PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/derive.py --check ${CMAKE_CURRENT_LIST_DIR}/careers.json
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(rules/us/careers rules/us/careers-derived PROPERTIES LABELS acceptance)
endif()

# rules/us/series: the AWI, COLA, taxable maximum and old-law base series of schemes/US-OASDI.toml
# are, year by year, SSA's published series of data/ (check_series.py; Python 3.11: tomllib)
find_program(TOTALIS_SERIES_PYTHON3 NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH NO_CACHE)
if(TOTALIS_SERIES_PYTHON3)
  add_test(NAME rules/us/series
    COMMAND ${TOTALIS_SERIES_PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/check_series.py --rules ${PROJECT_SOURCE_DIR}/agreements
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(rules/us/series PROPERTIES LABELS acceptance)
endif()
