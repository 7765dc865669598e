# Each fuzz target of tests/fuzz/ is also built into the ordinary build (g++, and the address +
# undefined sanitizer build) with replay_main.cpp instead of libFuzzer, and replays the target's
# seeds and its regressions (inputs that once crashed it) as the ctest fuzz-replay/<target>.
# Included from tests/CMakeLists.txt.
set(TOTALIS_FUZZ_DIR ${CMAKE_CURRENT_LIST_DIR})
file(GLOB TOTALIS_FUZZ_SOURCES CONFIGURE_DEPENDS ${TOTALIS_FUZZ_DIR}/fuzz_*.cpp)
foreach(source IN LISTS TOTALIS_FUZZ_SOURCES)
  get_filename_component(name ${source} NAME_WE)
  string(REGEX REPLACE "^fuzz_" "" target ${name})
  add_executable(fuzz_replay_${target} ${source} ${TOTALIS_FUZZ_DIR}/replay_main.cpp)
  target_link_libraries(fuzz_replay_${target} PRIVATE totalis_io totalis_engine)
  target_include_directories(fuzz_replay_${target} PRIVATE ${PROJECT_SOURCE_DIR}/src)
  target_compile_definitions(fuzz_replay_${target} PRIVATE
    TOTALIS_AGREEMENTS="${PROJECT_SOURCE_DIR}/agreements"
    TOTALIS_SYNTHETIC_RULES="${PROJECT_SOURCE_DIR}/tests/engine/rules")
  add_test(NAME fuzz-replay/${target}
    COMMAND fuzz_replay_${target} ${TOTALIS_FUZZ_DIR}/seeds/${target} ${TOTALIS_FUZZ_DIR}/regressions/${target})
  set_tests_properties(fuzz-replay/${target} PROPERTIES LABELS fuzz)
endforeach()
