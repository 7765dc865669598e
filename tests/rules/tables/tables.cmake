# The tables of the law (tests/rules/tables/README.md): one test per folder,
#   rules/tables/<name>   every row of <name>/table.txt (a worker assessed again with another birth
#                         date and as-of date) gives the figure the law's table gives
if(TOTALIS_PYTHON3)
  file(GLOB TOTALIS_TABLES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*/table.txt)
  list(SORT TOTALIS_TABLES)
  foreach(table IN LISTS TOTALIS_TABLES)
    get_filename_component(folder ${table} DIRECTORY)
    get_filename_component(name ${folder} NAME)
    add_test(NAME rules/tables/${name}
      COMMAND ${TOTALIS_PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/check_tables.py --cli $<TARGET_FILE:totalis_cli>
              --rules ${PROJECT_SOURCE_DIR}/agreements ${folder}
      WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
    set_tests_properties(rules/tables/${name} PROPERTIES LABELS acceptance)
  endforeach()
endif()
