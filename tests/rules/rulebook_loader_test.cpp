// Loading a directory of rule files: every file found, every problem reported at once in
// compiler format, ids unique across files, the content-hash version, lookups.

#include "totalis/detail/sha256.hpp"
#include "totalis/io/rulebook_loader.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using totalis::SchemeId;
using namespace totalis::literals;

namespace {

const fs::path design = fs::path(TOTALIS_TEST_DATA) / "rules-design";

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// A fresh directory under the system temp dir, removed at the end of the test.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name) : path(fs::temp_directory_path() / ("totalis-" + name)) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  void write(const std::string& relative, const std::string& text) const {
    fs::create_directories((path / relative).parent_path());
    std::ofstream(path / relative, std::ios::binary) << text;
  }
};

const char* const small_scheme = R"(scheme = "DE-TEST"
country = "DE"
name = "Test"
currency = "EUR"
per = "month"
cite = "test"

[periods]
kinds = ["employed"]
overlap = "merge"
unit = "month"
count = "months"
cite = "test"

[measures.months]
kind = "period_count"
unit = "month"
counting = "calendar_months_touched"
cite = "test"

[[variant]]
id = "standard"
qualifies = 'months >= 60'
benefit = 'round_half_up(months * 2, 0.01)'
cite = "test"
)";

}  // namespace

TEST_SUITE("rulebook loader") {

TEST_CASE("the version is sha256 over the files' bytes in sorted path order") {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(design))
    if (e.path().extension() == ".toml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  totalis::detail::Sha256 hash;
  for (const fs::path& f : files) hash.update(read(f));
  const auto rules = totalis::io::load_rulebook(design);
  CHECK(rules->version() == "sha256:" + hash.hex_digest());
  CHECK(rules->version().size() == 7 + 64);
}

TEST_CASE("lookups by scheme id and by country pair") {
  const auto rules = totalis::io::load_rulebook(design);
  CHECK(rules->schemes().size() == 6);
  CHECK(rules->find_scheme(SchemeId{"US-OASDI"})->currency.code() == "USD");
  CHECK(rules->find_scheme(SchemeId{"FR-CNAV"}) == nullptr);
  CHECK_THROWS_WITH_AS(rules->scheme(SchemeId{"FR-CNAV"}), "no scheme 'FR-CNAV' in the rulebook", std::out_of_range);
  const auto us_de = rules->between("US"_cc, "DE"_cc);
  REQUIRE(us_de.size() == 1);
  CHECK(us_de.front()->id == "US-DE");
  CHECK(rules->between("DE"_cc, "US"_cc) == us_de);   // no direction
  const auto de_fr = rules->between("DE"_cc, "FR"_cc);
  REQUIRE(de_fr.size() == 1);
  CHECK(de_fr.front()->id == "EU-883");
  CHECK(rules->schemes_of("CA"_cc).size() == 1);
}

TEST_CASE("a file's models keep their source positions and cites") {
  const auto rules = totalis::io::load_rulebook(design);
  const totalis::rules::Scheme& de = rules->scheme(SchemeId{"DE-GRV"});
  CHECK(*de.where.path == (design / "DE-GRV.toml").generic_string());
  const totalis::rules::Variant& v = *de.variant("regelaltersrente");
  CHECK(v.benefit.where.begin.line > 1);
  CHECK(v.benefit.compiled->region().begin == v.benefit.where.begin);
  CHECK(v.rounding->mode == totalis::Rounding::half_up);
  CHECK(de.parameter("rentenwert")->entries.size() == 15);   // 2009, 2011-2020 (10), 2022, 2023, 2024, 2025
  CHECK_FALSE(de.parameter("rentenwert")->entries[1].cite->text.empty());
  // Formulas come in an order where each follows the formulas it reads.
  const totalis::rules::Scheme& us = rules->scheme(SchemeId{"US-OASDI"});
  const auto position = [&](const char* name) {
    return std::find_if(us.formulas.begin(), us.formulas.end(), [&](const auto& f) { return f.name == name; }) - us.formulas.begin();
  };
  CHECK(position("aime") < position("pia"));
  CHECK(position("rep") < position("aime_theoretical"));
  CHECK(us.formula("pia")->uses == std::vector<std::string>{"pia_formula"});
  CHECK(position("pia_formula") < position("pia"));
}

TEST_CASE("a directory is read recursively, and every problem of every file is reported at once") {
  TempDir dir("loader-many");
  dir.write("schemes/DE-TEST.toml", small_scheme);
  std::string two = small_scheme;
  two.replace(two.find("currency = \"EUR\""), 16, "currency = \"EUX\"");
  two.replace(two.find("unit = \"month\"\ncount"), 14, "unit = \"moth\"");   // in [periods]
  dir.write("schemes/more/DE-TWO.toml", two);
  dir.write("notes.txt", "not a rule file");
  const auto check = totalis::io::check_rulebook(dir.path);
  CHECK(check.files == 2);
  const std::string shown = (dir.path / "schemes/more/DE-TWO.toml").generic_string();
  std::vector<std::string> lines;
  for (const auto& d : check.problems) lines.push_back(d.str());
  CHECK(lines == std::vector<std::string>{
                     shown + ":1:10: error: scheme 'DE-TEST' is defined twice (first in " +
                         (dir.path / "schemes/DE-TEST.toml").generic_string() + ")",
                     shown + ":4:12: error: unknown currency 'EUX' (ISO 4217, e.g. EUR)",
                     shown + ":11:8: error: unknown time unit 'moth' (did you mean 'month'?)"});
  CHECK(check.rulebook == nullptr);
}

TEST_CASE("a party scheme must belong to a party, and a conversion must come from one") {
  TempDir dir("loader-parties");
  dir.write("DE-TEST.toml", small_scheme);
  dir.write("FR-DE.toml", R"(agreement = "FR-IT"
name = "Test"
parties = ["FR", "IT"]
branches = ["old_age"]
cite = "test"

[[party]]
scheme = "DE-TEST"
method = "direct"
cite = "test"
)");
  const auto check = totalis::io::check_rulebook(dir.path);
  REQUIRE(check.problems.size() == 1);
  CHECK(check.problems[0].message == "scheme 'DE-TEST' belongs to DE, which is not a party");
}

TEST_CASE("a wildcard party applies the rules to every party scheme, compiled against each") {
  TempDir dir("loader-wildcard");
  dir.write("DE-TEST.toml", small_scheme);
  dir.write("EU.toml", R"(agreement = "EU-TEST"
name = "Test"
parties = ["DE", "FR", "IT"]
branches = ["old_age"]
cite = "test"

[[party]]
scheme = "*"
method = "pro_rata"
ratio = 'own / min(total, full_benefit_periods)'
cite = "test"
)");
  const auto rules = totalis::io::load_rulebook(dir.path);
  const totalis::rules::Agreement& eu = *rules->agreement("EU-TEST");
  REQUIRE(eu.party_rules.size() == 1);
  CHECK(eu.party_rules[0].scheme == SchemeId{"DE-TEST"});
  CHECK(eu.is_multilateral());
}

TEST_CASE("a single .toml file can be loaded, and a path that cannot be read is a RulebookReadError") {
  const auto check = totalis::io::check_rulebook(design / "DE-GRV.toml");
  CHECK(check.problems.empty());
  CHECK(check.schemes == 1);
  CHECK_THROWS_AS(totalis::io::check_rulebook(design / "missing"), totalis::io::RulebookReadError);
  CHECK_THROWS_WITH_AS(totalis::io::check_rulebook(design / "README.md"),
                       ("cannot read '" + (design / "README.md").string() + "': not a .toml file or a directory").c_str(),
                       totalis::io::RulebookReadError);
}

TEST_CASE("cites that say UNSOURCED are listed, not counted as problems") {
  const auto check = totalis::io::check_rulebook(design);
  CHECK(check.problems.empty());
  CHECK_FALSE(check.unsourced.empty());
  for (const auto& d : check.unsourced) CHECK(d.message.find("UNSOURCED") != std::string::npos);
}

TEST_CASE("the bundled rules load") {
  const auto check = totalis::io::check_rulebook(TOTALIS_AGREEMENTS);
  CHECK(check.problems.empty());
  CHECK(check.rulebook != nullptr);
}

}
