# `totalis batch` end to end on a generated population: rejects are exactly the planted workers,
# the counts add up, and the output is byte-identical for 1 and 2 threads.
#
# Included from tests/CMakeLists.txt (it adds the tests); run with -P it is their checker:
#   cmake -DMODE=run -DCOMMAND=prog;args -DCODE=1 -DEXPECT_FILE=expect.txt -P batch_test.cmake
#   cmake -DMODE=same -DA=file -DB=file -P batch_test.cmake
#   cmake -DMODE=rejects -DREJECTS=rejects.csv -DPLANTED=planted.txt -P batch_test.cmake
#   cmake -DMODE=absent -DFILES=a;b -P batch_test.cmake
#   cmake -DMODE=contains -DFILE=summary.csv -DLINE=row -P batch_test.cmake

if(CMAKE_SCRIPT_MODE_FILE)
  if(MODE STREQUAL "run")
    execute_process(COMMAND ${COMMAND} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT code EQUAL CODE)
      message(FATAL_ERROR "exit code ${code}, expected ${CODE}\nstdout:\n${out}\nstderr:\n${err}")
    endif()
    if(EXPECT_FILE)
      file(STRINGS ${EXPECT_FILE} expected)
    else()
      set(expected "${EXPECT}")
    endif()
    foreach(line IN LISTS expected)
      string(FIND "${err}" "${line}" at)
      if(at EQUAL -1)
        message(FATAL_ERROR "standard error lacks '${line}'\nstderr:\n${err}")
      endif()
    endforeach()
  elseif(MODE STREQUAL "same")
    file(READ ${A} a)
    file(READ ${B} b)
    if(NOT a STREQUAL b)
      message(FATAL_ERROR "${A} and ${B} differ")
    endif()
    string(LENGTH "${a}" size)
    if(size EQUAL 0)
      message(FATAL_ERROR "${A} is empty")
    endif()
  elseif(MODE STREQUAL "rejects")
    # The worker_id column (third) of every reject row, as a sorted set, against the planted ids.
    file(READ ${REJECTS} text)
    string(REPLACE ";" "<semicolon>" text "${text}")   # reasons hold semicolons; rows become a list
    string(REGEX REPLACE "\n$" "" text "${text}")
    string(REPLACE "\n" ";" rows "${text}")
    list(POP_FRONT rows header)
    if(NOT header STREQUAL "file,line,worker_id,reason")
      message(FATAL_ERROR "rejects header is '${header}'")
    endif()
    set(rejected)
    foreach(row IN LISTS rows)
      string(REGEX MATCH "^[^,]*,[0-9]+,([^,]*)," match "${row}")
      if(NOT match)
        message(FATAL_ERROR "malformed reject row: ${row}")
      endif()
      list(APPEND rejected "${CMAKE_MATCH_1}")
    endforeach()
    list(REMOVE_DUPLICATES rejected)
    list(SORT rejected)
    file(STRINGS ${PLANTED} planted)
    list(REMOVE_DUPLICATES planted)
    list(SORT planted)
    if(NOT rejected STREQUAL planted)
      message(FATAL_ERROR "rejected: ${rejected}\nplanted:  ${planted}")
    endif()
    list(LENGTH planted count)
    if(count EQUAL 0)
      message(FATAL_ERROR "nothing was planted: the test proves nothing")
    endif()
  elseif(MODE STREQUAL "absent")
    foreach(f IN LISTS FILES)
      if(EXISTS ${f})
        message(FATAL_ERROR "${f} exists")
      endif()
    endforeach()
  elseif(MODE STREQUAL "contains")
    file(STRINGS ${FILE} rows)
    list(FIND rows "${LINE}" at)
    if(at EQUAL -1)
      file(READ ${FILE} text)
      message(FATAL_ERROR "${FILE} lacks the row '${LINE}'\n${text}")
    endif()
  else()
    message(FATAL_ERROR "unknown MODE '${MODE}'")
  endif()
  return()
endif()

# --- the tests ---------------------------------------------------------------------------------

if(NOT TARGET generate_population)
  add_executable(generate_population ${PROJECT_SOURCE_DIR}/benchmarks/generate_population.cpp)
  target_compile_features(generate_population PRIVATE cxx_std_20)
  target_link_libraries(generate_population PRIVATE totalis_warnings)
endif()

set(batch_dir ${CMAKE_CURRENT_BINARY_DIR}/batch)
set(batch_checker ${CMAKE_CURRENT_LIST_FILE})
set(batch_rules ${PROJECT_SOURCE_DIR}/agreements)

add_test(NAME batch/generate
  COMMAND ${CMAKE_COMMAND} -E make_directory ${batch_dir})
add_test(NAME batch/generate-population
  COMMAND generate_population --workers 400 --seed 42 --countries US,DE,GB,FR,IT --invalid-rate 0.06
          --workers-out ${batch_dir}/workers.csv --periods-out ${batch_dir}/periods.csv
          --invalid-out ${batch_dir}/planted.txt --expect-out ${batch_dir}/expect.txt)
set_tests_properties(batch/generate PROPERTIES FIXTURES_SETUP batch_dir)
set_tests_properties(batch/generate-population PROPERTIES FIXTURES_REQUIRED batch_dir FIXTURES_SETUP batch_population)

function(totalis_batch_run name threads code)
  add_test(NAME batch/${name}
    COMMAND ${CMAKE_COMMAND} "-DCOMMAND=$<TARGET_FILE:totalis_cli>;batch;--rules;${batch_rules};--workers;${batch_dir}/workers.csv;--periods;${batch_dir}/periods.csv;--out;${batch_dir}/${name}.csv;--rejects;${batch_dir}/${name}-rejects.csv;--summary;${batch_dir}/${name}-summary.csv;--threads;${threads};${ARGN}"
            -DMODE=run -DCODE=${code} -DEXPECT_FILE=${batch_dir}/expect.txt -P ${batch_checker})
  set_tests_properties(batch/${name} PROPERTIES FIXTURES_REQUIRED batch_population FIXTURES_SETUP batch_${name})
endfunction()

# Rejects without --allow-rejects: exit 1; with it: exit 0. Both print the counts that add up.
totalis_batch_run(threads-1 1 1)
totalis_batch_run(threads-2 2 0 --allow-rejects)

add_test(NAME batch/same-output-any-thread-count
  COMMAND ${CMAKE_COMMAND} -DMODE=same -DA=${batch_dir}/threads-1.csv -DB=${batch_dir}/threads-2.csv -P ${batch_checker})
add_test(NAME batch/same-rejects-any-thread-count
  COMMAND ${CMAKE_COMMAND} -DMODE=same -DA=${batch_dir}/threads-1-rejects.csv -DB=${batch_dir}/threads-2-rejects.csv
          -P ${batch_checker})
add_test(NAME batch/same-summary-any-thread-count
  COMMAND ${CMAKE_COMMAND} -DMODE=same -DA=${batch_dir}/threads-1-summary.csv -DB=${batch_dir}/threads-2-summary.csv
          -P ${batch_checker})
add_test(NAME batch/rejects-are-the-planted-workers
  COMMAND ${CMAKE_COMMAND} -DMODE=rejects -DREJECTS=${batch_dir}/threads-1-rejects.csv -DPLANTED=${batch_dir}/planted.txt
          -P ${batch_checker})
add_test(NAME batch/no-partial-files-left
  COMMAND ${CMAKE_COMMAND} "-DFILES=${batch_dir}/threads-1.csv.partial;${batch_dir}/threads-1-rejects.csv.partial;${batch_dir}/threads-1-summary.csv.partial"
          -DMODE=absent -P ${batch_checker})
set_tests_properties(batch/same-output-any-thread-count batch/same-rejects-any-thread-count
  batch/same-summary-any-thread-count batch/rejects-are-the-planted-workers batch/no-partial-files-left
  PROPERTIES FIXTURES_REQUIRED "batch_threads-1;batch_threads-2")

# Bad invocations: a missing input is an I/O error (3) and writes nothing; a bad header is bad input (1).
add_test(NAME batch/missing-input
  COMMAND ${CMAKE_COMMAND} "-DCOMMAND=$<TARGET_FILE:totalis_cli>;batch;--rules;${batch_rules};--workers;${batch_dir}/nowhere.csv;--periods;${batch_dir}/periods.csv;--out;${batch_dir}/missing.csv"
          -DMODE=run -DCODE=3 "-DEXPECT=nowhere.csv: cannot be read" -P ${batch_checker})
add_test(NAME batch/bad-header
  COMMAND ${CMAKE_COMMAND} "-DCOMMAND=$<TARGET_FILE:totalis_cli>;batch;--rules;${batch_rules};--workers;${batch_dir}/planted.txt;--periods;${batch_dir}/periods.csv;--out;${batch_dir}/bad-header.csv"
          -DMODE=run -DCODE=1 "-DEXPECT=planted.txt:1: unknown column" -P ${batch_checker})
add_test(NAME batch/bad-header-writes-nothing
  COMMAND ${CMAKE_COMMAND} "-DFILES=${batch_dir}/bad-header.csv;${batch_dir}/bad-header.csv.partial;${batch_dir}/missing.csv"
          -DMODE=absent -P ${batch_checker})
set_tests_properties(batch/missing-input batch/bad-header PROPERTIES FIXTURES_REQUIRED batch_population
  FIXTURES_SETUP batch_bad)
set_tests_properties(batch/bad-header-writes-nothing PROPERTIES FIXTURES_REQUIRED batch_bad)

# The gap report sees workers outside a scheme's personal scope: a Filipino's ten years in Saudi
# Arabia (GOSI's annuities cover Saudi nationals only) are a row of unassessed, not_covered periods
# (tests/rules/cases/SA-GOSI: 2005-2014 = 120 months).
set(gosi_case ${PROJECT_SOURCE_DIR}/tests/rules/cases/SA-GOSI)
add_test(NAME batch/gosi-not-covered-run
  COMMAND ${CMAKE_COMMAND} "-DCOMMAND=$<TARGET_FILE:totalis_cli>;batch;--rules;${batch_rules};--workers;${gosi_case}/workers.csv;--periods;${gosi_case}/periods.csv;--out;${batch_dir}/gosi.csv;--summary;${batch_dir}/gosi-summary.csv;--threads;1"
          -DMODE=run -DCODE=0 "-DEXPECT=assessed 1" -P ${batch_checker})
set_tests_properties(batch/gosi-not-covered-run PROPERTIES FIXTURES_REQUIRED batch_dir FIXTURES_SETUP batch_gosi)
add_test(NAME batch/gap-report-sees-not-covered
  COMMAND ${CMAKE_COMMAND} -DMODE=contains -DFILE=${batch_dir}/gosi-summary.csv
          "-DLINE=unassessed,SA,PH,,not_covered,,month,1,1,120,,,,,,,,,,,,," -P ${batch_checker})
set_tests_properties(batch/gap-report-sees-not-covered PROPERTIES FIXTURES_REQUIRED batch_gosi)

# The parse floor of benchmarks/ (csv_floor) reads the same population: it must keep building and
# reading what the batch reads (its figures are measured in benchmarks/, not here).
if(NOT TARGET csv_floor)
  add_executable(csv_floor ${PROJECT_SOURCE_DIR}/benchmarks/csv_floor.cpp)
  target_link_libraries(csv_floor PRIVATE totalis_io totalis_warnings)
endif()
add_test(NAME batch/parse-floor-reads-the-population
  COMMAND csv_floor ${batch_dir}/workers.csv ${batch_dir}/periods.csv)
set_tests_properties(batch/parse-floor-reads-the-population PROPERTIES FIXTURES_REQUIRED batch_population
  PASS_REGULAR_EXPRESSION "^workers 40[0-9] periods [0-9]+ ms [0-9]+ workers/s [0-9]+ periods/s [0-9]+ peak_rss_mib [0-9]+ cores [0-9]+")
