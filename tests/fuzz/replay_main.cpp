// Replays saved inputs through a fuzz target's LLVMFuzzerTestOneInput without libFuzzer, so the
// ordinary builds (g++, and the address + undefined sanitizer build) run every seed and every
// input that once crashed a target (tests/fuzz/regressions/TARGET/) as a test:
//
//   fuzz_replay_history_json tests/fuzz/seeds/history_json tests/fuzz/regressions/history_json
//
// Each argument is a file or a directory (read recursively, in name order). A crash or a sanitizer
// finding fails the test the way it failed the fuzzer; the count of inputs replayed is printed.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

std::vector<std::filesystem::path> inputs_under(const std::filesystem::path& where) {
  std::vector<std::filesystem::path> files;
  if (std::filesystem::is_regular_file(where)) {
    files.push_back(where);
  } else if (std::filesystem::is_directory(where)) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(where))
      if (entry.is_regular_file() && entry.path().filename() != "README.md") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t replayed = 0;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path where = argv[i];
    if (!std::filesystem::exists(where)) continue;   // a target may have no regressions yet
    for (const std::filesystem::path& file : inputs_under(where)) {
      std::ifstream in(file, std::ios::binary);
      if (!in) {
        std::cerr << file.string() << ": cannot read\n";
        return 1;
      }
      const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
      LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
      ++replayed;
    }
  }
  std::cout << replayed << " inputs replayed\n";
  return replayed > 0 ? 0 : 1;   // replaying nothing would pass without testing anything
}
