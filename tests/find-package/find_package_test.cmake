# CTest: install this build into a scratch prefix, then configure, build and run the consumer.
set(_fp_dir ${CMAKE_CURRENT_BINARY_DIR}/find-package)
add_test(NAME find-package
  COMMAND ${CMAKE_COMMAND}
    -DBUILD_DIR=${PROJECT_BINARY_DIR} -DWORK_DIR=${_fp_dir}
    -DCONSUMER_SOURCE=${CMAKE_CURRENT_LIST_DIR} -DGENERATOR=${CMAKE_GENERATOR}
    -P ${CMAKE_CURRENT_LIST_DIR}/run_consumer.cmake)
set_tests_properties(find-package PROPERTIES PASS_REGULAR_EXPRESSION "113.20\nhistory valid\nschemes assessed 0")
