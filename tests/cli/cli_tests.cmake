# The `totalis` program end to end: output and exit codes (README "Exit codes").
function(totalis_cli_test name code expect)
  add_test(NAME cli/${name}
    COMMAND ${CMAKE_COMMAND} "-DCOMMAND=$<TARGET_FILE:totalis_cli>;${ARGN}" -DCODE=${code} "-DEXPECT=${expect}"
            -P ${CMAKE_CURRENT_LIST_DIR}/expect.cmake
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
endfunction()

totalis_cli_test(validate-valid 0 "examples/worker.json: valid" validate examples/worker.json)
totalis_cli_test(validate-invalid 1
  "impossible_date.json:4:52: W-1 period 1: 'to' 2019-02-30 is not a date;1 problem"
  validate tests/bad-input/impossible_date.json)
totalis_cli_test(validate-several 1 "examples/worker.json: valid;W-1 period 1: 'country' XX"
  validate examples/worker.json tests/bad-input/unknown_country.json)
totalis_cli_test(validate-missing-file 3 "nowhere.json: cannot be read" validate nowhere.json)
totalis_cli_test(validate-no-arguments 2 "files is required" validate)
totalis_cli_test(no-subcommand 2 "A subcommand is required")
totalis_cli_test(version 0 "totalis 0.1.0" --version)
# US: 1990's $35,000 indexed to AWI(2018): 35,000 × 52,145.80 / 21,027.98 = 86,794.02 → AIME 86,794.02 / 420
# = 206 → PIA 0.9 × 206 = 185.40; COLAs 2020-2024 (1.3, 5.9, 8.7, 3.2, 2.5 %) each to the dime → 228.40;
# claimed July 2025, 5 months after full retirement age, credits of 2025 not yet in force → $228 lost
totalis_cli_test(assess-text 0 "DE-GRV +in_payment +2024-07-01 +independent +EUR +1162.97;lost 228.00: below_agreement_minimum"
  assess --rules agreements examples/worker.json)
totalis_cli_test(assess-json 0 "\"worker_id\": \"W-17\";\"basis\": \"independent\""
  assess --rules agreements examples/worker.json --format json)
totalis_cli_test(assess-csv 0 "^worker_id,as_of,residence" assess --rules agreements examples/worker.json --format csv)
totalis_cli_test(assess-invalid-worker 1 "W-1 period 1: 'to' 2019-02-30 is not a date"
  assess --rules agreements tests/bad-input/impossible_date.json)
totalis_cli_test(assess-broken-rules 1 "missing_cite.toml" assess --rules tests/bad-rules/missing_cite.toml examples/worker.json)
totalis_cli_test(assess-missing-rules 3 "nowhere" assess --rules nowhere examples/worker.json)
totalis_cli_test(assess-bad-format 2 "format" assess --rules agreements examples/worker.json --format xml)
totalis_cli_test(assess-earnings-across-years 1
  "E-1: US-OASDI counts quarters from calendar-year earnings: the period 1985-01-01 to 1986-12-31 carries earnings across years"
  assess --rules agreements tests/cli/earnings_across_years.json)
totalis_cli_test(assess-long-posting 0
  "period 2: a posting from US to DE of 72 months exceeds the 60 months of US-DE"
  assess --rules agreements tests/cli/long_posting.json)
# Left Japan after 4 years (tests/rules/cases/JP-NP): the lump sum, its deadline and the 48 months
# it would erase (16,980 × 1/2 × 48 = 407,520; 2025-03-31 + 24 months).
totalis_cli_test(assess-japan-lump-sum 0
  "Option \\(JP-NP\\): lump_sum_withdrawal of 407520.00 JPY, to be claimed by 2027-03-31;it forfeits the periods it is based on \\(48 months\\)"
  assess --rules agreements tests/rules/cases/JP-NP/worker.json)
# The Age Pension is reported before its means test, and every assessment says so.
totalis_cli_test(assess-age-pension-warning 0
  "AU-AGE: the Age Pension shown is the single maximum rate per fortnight before the income and assets tests"
  assess --rules agreements tests/rules/cases/AU-AGE/worker.json)

# The real assess output follows the contract schema (DESIGN §6), for every example worker.
foreach(worker examples/worker.json tests/cli/long_posting.json tests/acceptance/A-09-iza-pro-rata/worker.json)
  string(MAKE_C_IDENTIFIER ${worker} name)
  set(rules agreements)
  if(worker MATCHES "acceptance/([^/]+)/")
    set(rules tests/acceptance/${CMAKE_MATCH_1}/rules)
  endif()
  add_test(NAME cli/assess-json-schema-${name}
    COMMAND sh -c "\"$0\" assess --rules ${rules} ${worker} --format json > \"$1\" && /usr/bin/python3 tests/schema/validate_json.py schema/assessment.schema.json \"$1\""
            $<TARGET_FILE:totalis_cli> ${CMAKE_CURRENT_BINARY_DIR}/${name}.assessment.json
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
endforeach()
