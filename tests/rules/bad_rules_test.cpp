// The broken-rules corpus (tests/bad-rules/): each file has exactly one problem, and both the
// loader and `totalis check` report it with the exact message of its .expected file.

#include "totalis/io/rulebook_loader.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <vector>

namespace fs = std::filesystem;

namespace {

const fs::path corpus = fs::path(TOTALIS_TEST_DATA) / "bad-rules";

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<fs::path> broken_files() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(corpus))
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

/// Runs `command`, returns its standard output and exit status.
std::pair<std::string, int> run(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::array<char, 4096> buffer{};
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) out.append(buffer.data(), n);
  const int status = pclose(pipe);
  return {out, WIFEXITED(status) ? WEXITSTATUS(status) : -1};
}

}  // namespace

TEST_SUITE("broken rule files") {

TEST_CASE("the corpus has at least 20 files, each with its expected message") {
  const auto files = broken_files();
  CHECK(files.size() >= 20);
  for (const fs::path& f : files) {
    INFO(f.filename().string());
    CHECK(fs::exists(fs::path(f).replace_extension(".expected")));
  }
}

TEST_CASE("the loader reports exactly the one expected problem of each file") {
  for (const fs::path& f : broken_files()) {
    INFO(f.filename().string());
    const totalis::io::RulebookCheck check = totalis::io::check_rulebook(f);
    REQUIRE(check.problems.size() == 1);
    CHECK(check.rulebook == nullptr);
    // The path is printed as given; the expected files name the file alone.
    std::string line = check.problems.front().str();
    const std::string given = f.generic_string();
    REQUIRE(line.substr(0, given.size()) == given);
    line = f.filename().string() + line.substr(given.size());
    CHECK(line + "\n" == read(fs::path(f).replace_extension(".expected")));
  }
}

TEST_CASE("load_rulebook throws a RulebookError carrying the problem") {
  const fs::path f = corpus / "unknown_key.toml";
  try {
    (void)totalis::io::load_rulebook(f);
    FAIL("no RulebookError");
  } catch (const totalis::io::RulebookError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(std::string(e.what()) == e.diagnostics().front().str());
  }
}

TEST_CASE("totalis check prints each problem and the summary, and exits 1") {
  for (const fs::path& f : broken_files()) {
    INFO(f.filename().string());
    // Each file opens with a comment line, then says what it is; a file TOML cannot parse is neither.
    const std::string text = read(f);
    const std::string expected = read(fs::path(f).replace_extension(".expected"));
    const bool parses = expected.find("Error while parsing") == std::string::npos;
    const std::string second_line = text.substr(text.find('\n') + 1);
    const bool scheme = parses && second_line.rfind("scheme = ", 0) == 0;
    const bool agreement = parses && second_line.rfind("agreement = ", 0) == 0;
    const std::string summary = std::string(scheme ? "1 scheme, " : "0 schemes, ") +
                                (agreement ? "1 agreement, " : "0 agreements, ") + "1 problem\n";
    const auto [out, status] =
        run("cd '" + corpus.string() + "' && '" + TOTALIS_CLI + "' check '" + f.filename().string() + "'");
    CHECK(out == expected + summary);
    CHECK(status == 1);
  }
}

TEST_CASE("totalis check on the design files passes with a one-line summary and exit 0") {
  const auto [out, status] = run("cd '" + std::string(TOTALIS_TEST_DATA) + "' && '" + TOTALIS_CLI + "' check rules-design/");
  CHECK(out == "6 schemes, 3 agreements, 0 problems\n");
  CHECK(status == 0);
}

TEST_CASE("totalis check on the bundled rules passes") {
  const auto [out, status] = run("'" + std::string(TOTALIS_CLI) + "' check '" + TOTALIS_AGREEMENTS + "'");
  CHECK(out.find(", 0 problems\n") != std::string::npos);
  CHECK(status == 0);
}

TEST_CASE("totalis check exits 3 when the path cannot be read") {
  const auto [out, status] = run("'" + std::string(TOTALIS_CLI) + "' check '" + (corpus / "no-such-dir").string() + "' 2>/dev/null");
  CHECK(out.empty());
  CHECK(status == 3);
}

}
