#include "totalis/io/csv_reader.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

using namespace totalis;

namespace {

/// Every record of `text` as "line|field|field|...", with " !problem" appended when there is one.
std::vector<std::string> records(const std::string& text, std::size_t expect_fields = 0,
                                 std::size_t max_bytes = io::CsvReader::default_max_record_bytes) {
  std::istringstream in(text);
  io::CsvReader csv(in, max_bytes);
  csv.expect_fields(expect_fields);
  std::vector<std::string> out;
  while (csv.next()) {
    std::string r = std::to_string(csv.line());
    for (std::string_view f : csv.fields()) r += "|" + std::string(f);
    if (!csv.problem().empty()) r += " !" + csv.problem();
    out.push_back(r);
  }
  return out;
}

using Rows = std::vector<std::string>;

}  // namespace

TEST_SUITE("csv reader") {

TEST_CASE("plain records, LF or CRLF, with or without a final line break") {
  CHECK(records("a,b,c\n1,2,3\n") == Rows{"1|a|b|c", "2|1|2|3"});
  CHECK(records("a,b,c\r\n1,2,3\r\n") == Rows{"1|a|b|c", "2|1|2|3"});
  CHECK(records("a,b,c\r\n1,2,3") == Rows{"1|a|b|c", "2|1|2|3"});
  CHECK(records("a,b\r1,2\r") == Rows{"1|a|b", "2|1|2"});
}

TEST_CASE("empty fields are kept, in the middle and at the end") {
  CHECK(records("a,,c\n,,\n") == Rows{"1|a||c", "2|||"});
}

TEST_CASE("quoted fields hold commas, doubled quotes and line breaks") {
  CHECK(records("\"a,b\",\"say \"\"hi\"\"\",c\n") == Rows{"1|a,b|say \"hi\"|c"});
  CHECK(records("x,\"two\nlines\",y\nnext,1,2\n") == Rows{"1|x|two\nlines|y", "3|next|1|2"});
  CHECK(records("\"\",\"\"\"\"\n") == Rows{"1||\""});
}

TEST_CASE("a UTF-8 byte-order mark is not part of the first field") {
  CHECK(records("\xEF\xBB\xBFworker_id,x\nW-1,\xC3\xA9\n") == Rows{"1|worker_id|x", "2|W-1|\xC3\xA9"});
}

TEST_CASE("blank lines are skipped and lines still counted") {
  CHECK(records("a,b\n\n\r\n1,2\n\n") == Rows{"1|a|b", "4|1|2"});
}

TEST_CASE("an unterminated quote is reported with the line it opened on") {
  CHECK(records("a,b\n1,\"open\n2,3\n") ==
        Rows{"1|a|b", "2|1|open\n2,3\n !unterminated quote: the field opened on line 2 is never closed"});
}

TEST_CASE("a character after a closing quote spoils only its line") {
  CHECK(records("\"ab\"c,d\n1,2\n") ==
        Rows{"1|ab !unexpected character after the closing quote of field 1 (a quote inside a quoted field is "
             "written twice: \"\")",
             "2|1|2"});
}

TEST_CASE("a quote inside an unquoted field spoils only its line") {
  CHECK(records("ab\"c,d\n1,2\n") ==
        Rows{"1|ab !a quote inside unquoted field 1 (quote the whole field and write the quote twice: \"\")",
             "2|1|2"});
}

TEST_CASE("a record with the wrong number of fields says how many") {
  CHECK(records("a,b,c\n1,2\n1,2,3,4\n1\n", 3) ==
        Rows{"1|a|b|c", "2|1|2 !has 2 fields; the header has 3", "3|1|2|3|4 !has 4 fields; the header has 3",
             "4|1 !has 1 field; the header has 3"});
}

TEST_CASE("invalid UTF-8 names the field") {
  CHECK(records("a,b\xFF\n") == Rows{"1|a|b\xFF !field 2 is not valid UTF-8 (byte 0xff)"});
  CHECK(records("a,\xC0\xAF\n") == Rows{"1|a|\xC0\xAF !field 2 is not valid UTF-8 (byte 0xc0)"});   // overlong
}

TEST_CASE("a record over the size limit stops the reading: memory stays bounded") {
  const Rows rows = records("ab,cd\n\"" + std::string(100, 'x') + "\n", 0, 32);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == "1|ab|cd");
  CHECK(rows[1].find("!record is longer than 32 bytes (an unterminated quote?); the rest of the file is not read") !=
        std::string::npos);
}

TEST_CASE("records longer than the read block are framed across blocks") {
  const std::string long_field(200'000, 'z');
  const Rows rows = records("a," + long_field + "\n\"" + long_field + "\",b\n");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == "1|a|" + long_field);
  CHECK(rows[1] == "2|" + long_field + "|b");
}

TEST_CASE("bytes_read counts what was consumed") {
  std::istringstream in("a,b\n1,2\n");
  io::CsvReader csv(in);
  CHECK(csv.next());
  CHECK(csv.next());
  CHECK_FALSE(csv.next());
  CHECK(csv.bytes_read() == 8);
  CHECK_FALSE(csv.failed());
}

}
