#include "totalis/core/scheme_id.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_set>

using namespace totalis;
using namespace totalis::literals;

static_assert(!std::is_convertible_v<std::string_view, SchemeId>, "text becomes a SchemeId only explicitly");
static_assert(std::is_trivially_copyable_v<SchemeId>, "no allocation: ids are copied freely on batch paths");
static_assert(SchemeId{"US-OASDI"}.country() == "US"_cc);
static_assert(SchemeId{"DE-GRV"} < SchemeId{"US-OASDI"});

TEST_SUITE("scheme id") {

TEST_CASE("a scheme id is a country code, a hyphen and a name") {
  for (std::string_view text : {"US-OASDI", "CA-CPP", "JP-EPI", "DE-GRV", "GB-NSP", "AU-AGE", "IN-EPS", "PH-SSS"}) {
    CAPTURE(text);
    const SchemeId id{text};
    CHECK(id.view() == text);
    CHECK(id.str() == text);
    CHECK(id.country() == Country{text.substr(0, 2)});
    CHECK(id.name() == text.substr(3));
    CHECK(SchemeId::is_id(text));
  }
  CHECK(SchemeId{"KR-NPS"}.country().name() == "Korea, Republic of");
  CHECK(SchemeId{"FR-AGIRC-ARRCO"}.name() == "AGIRC-ARRCO");   // hyphens inside the name
  CHECK(SchemeId{"CA-QPP2"}.name() == "QPP2");                 // and digits
  CHECK(SchemeId{"DE-X"}.name() == "X");
  CHECK(SchemeId{"DE-ABCDEFGHIJKLMNOP"}.name().size() == 16);
}

TEST_CASE("malformed ids are rejected with the expected pattern") {
  const auto malformed = [](std::string_view text) {
    return "'" + std::string(text) + "' is not a scheme id (CC-NAME, e.g. US-OASDI)";
  };
  for (std::string_view text : {"us-oasdi", "US-oasdi", "Us-OASDI", "", "US", "US-", "USOASDI", "U-OASDI",
                                "US_OASDI", "US OASDI", "US-OA SDI", "US-OA_SDI", "US--OASDI", "US-OASDI-",
                                "-US-OASDI", " US-OASDI", "US-OASDI ", "US-ÄÖ", "DE-ABCDEFGHIJKLMNOPQ", "1S-X"}) {
    CAPTURE(text);
    CHECK_THROWS_WITH_AS(SchemeId{text}, malformed(text).c_str(), std::invalid_argument);
    CHECK_FALSE(SchemeId::is_id(text));
  }
  CHECK_THROWS_WITH_AS(SchemeId{"us-oasdi"}, "'us-oasdi' is not a scheme id (CC-NAME, e.g. US-OASDI)",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(SchemeId{"US-OASDI,1975-01-01,2010-06-30"},
                       "'US-OASDI,1975-01-01,...' is not a scheme id (CC-NAME, e.g. US-OASDI)", std::invalid_argument);
}

TEST_CASE("the country must be an assigned ISO 3166-1 code") {
  CHECK_THROWS_WITH_AS(SchemeId{"XX-FOO"}, "unknown country 'XX' in scheme id 'XX-FOO'", std::invalid_argument);
  CHECK_THROWS_WITH_AS(SchemeId{"UK-NSP"}, "unknown country 'UK' in scheme id 'UK-NSP'", std::invalid_argument);
  CHECK_THROWS_WITH_AS(SchemeId{"EU-ABCDEFGHIJKLMNOP"}, "unknown country 'EU' in scheme id 'EU-ABCDEFGHIJKLMNOP'",
                       std::invalid_argument);
  CHECK_FALSE(SchemeId::is_id("XX-FOO"));
}

TEST_CASE("ids compare as their text and hash by it") {
  CHECK(SchemeId{"US-OASDI"} == SchemeId{std::string("US-OASDI")});
  CHECK(SchemeId{"DE-GRV"} < SchemeId{"DE-GRV2"});                 // a prefix sorts first
  CHECK(SchemeId{"CA-CPP"} < SchemeId{"CA-QPP"});
  CHECK(SchemeId{"DE-Z"} < SchemeId{"GB-A"});                       // country first
  CHECK(SchemeId{"CA-CPP"} != SchemeId{"CA-QPP"});
  const std::unordered_set<SchemeId> ids{SchemeId{"US-OASDI"}, SchemeId{"CA-CPP"}, SchemeId{"US-OASDI"}};
  CHECK(ids.size() == 2);
  CHECK(std::hash<SchemeId>{}(SchemeId{"JP-EPI"}) == std::hash<std::string_view>{}("JP-EPI"));
}

}  // TEST_SUITE("scheme id")
