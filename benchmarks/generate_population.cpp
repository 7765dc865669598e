// A seeded synthetic population for `totalis batch` (DESIGN §5 CSV): careers across 1–6 of the
// given countries, a period per calendar year with earnings, postings (the sending state's
// legislation, `worked_in` the host), gaps between stints, and invalid workers planted at a given
// rate, whose ids are listed so a test can check the rejects exactly.
//
//   generate_population --workers 1000 --seed 7 --countries US,DE,GB,CA,JP,FR --invalid-rate 0.05
//       --workers-out w.csv --periods-out p.csv --invalid-out planted.txt --expect-out expect.txt
//
// The same arguments give the same bytes on every platform (own PRNG, integer arithmetic only).
// `-` writes a file to standard output. --expect-out receives the closing line `totalis batch`
// must print: `read E = assessed A + rejected R` (a stray group of periods is an entry of its own).
//
// Planted problems, one per invalid worker, in turn by the PRNG: an impossible date, an unknown
// kind, negative earnings, 'to' before 'from', an unknown residence country, two overlapping
// periods, no periods at all, periods of an unknown worker (id X-…, before the worker's own),
// and periods out of order (the worker's group swapped with the next worker's: the worker is
// rejected twice, once for having no periods at its place, once for the late group).

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

namespace {

/// splitmix64: tiny, fast, and the same everywhere (std distributions are not).
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  /// Uniform-enough in [low, high].
  std::int64_t between(std::int64_t low, std::int64_t high) {
    return low + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(high - low + 1));
  }
  bool chance_per_million(std::uint64_t ppm) { return next() % 1'000'000 < ppm; }

 private:
  std::uint64_t state_;
};

struct Arguments {
  std::uint64_t workers = 1000;
  std::uint64_t seed = 1;
  std::vector<std::string> countries{"US", "DE", "GB", "CA", "JP", "FR"};
  std::uint64_t invalid_ppm = 0;   // parts per million
  std::string workers_out = "workers.csv", periods_out = "periods.csv", invalid_out, expect_out;
};

[[noreturn]] void usage(const std::string& why) {
  std::cerr << "generate_population: " << why
            << "\nusage: generate_population [--workers N] [--seed S] [--countries US,DE,...] [--invalid-rate 0.05]\n"
               "         [--workers-out FILE|-] [--periods-out FILE|-] [--invalid-out FILE] [--expect-out FILE]\n";
  std::exit(2);
}

std::uint64_t parse_count(const std::string& text, const char* what) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos || text.size() > 18)
    usage(std::string(what) + " must be a whole number");
  return std::stoull(text);
}

/// "0.05" → 50000 parts per million; a decimal in [0, 1] with up to six places.
std::uint64_t parse_rate(const std::string& text) {
  const std::size_t dot = text.find('.');
  const std::string whole = text.substr(0, dot), fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
  if (whole.empty() || whole.find_first_not_of("0123456789") != std::string::npos || whole.size() > 1 ||
      fraction.size() > 6 || fraction.find_first_not_of("0123456789") != std::string::npos)
    usage("--invalid-rate must be a decimal between 0 and 1, e.g. 0.05");
  std::uint64_t ppm = std::stoull(whole) * 1'000'000;
  std::string digits = fraction;
  digits.resize(6, '0');
  ppm += std::stoull(digits);
  if (ppm > 1'000'000) usage("--invalid-rate must be at most 1");
  return ppm;
}

Arguments parse(int argc, char** argv) {
  Arguments a;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (i + 1 >= argc) usage("missing value after " + std::string(flag));
    const std::string value = argv[++i];
    if (flag == "--workers") a.workers = parse_count(value, "--workers");
    else if (flag == "--seed") a.seed = parse_count(value, "--seed");
    else if (flag == "--invalid-rate") a.invalid_ppm = parse_rate(value);
    else if (flag == "--workers-out") a.workers_out = value;
    else if (flag == "--periods-out") a.periods_out = value;
    else if (flag == "--invalid-out") a.invalid_out = value;
    else if (flag == "--expect-out") a.expect_out = value;
    else if (flag == "--countries") {
      a.countries.clear();
      for (std::size_t start = 0; start <= value.size();) {
        const std::size_t comma = std::min(value.find(',', start), value.size());
        const std::string code = value.substr(start, comma - start);
        if (code.size() != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z')
          usage("--countries takes two-letter codes separated by commas");
        a.countries.push_back(code);
        start = comma + 1;
      }
    } else {
      usage("unknown option " + std::string(flag));
    }
  }
  return a;
}

std::string two_digits(std::int64_t n) { return (n < 10 ? "0" : "") + std::to_string(n); }
std::string date(std::int64_t y, std::int64_t m, std::int64_t d) {
  return std::to_string(y) + "-" + two_digits(m) + "-" + two_digits(d);
}
/// Cents as a decimal string with two places.
std::string money(std::int64_t cents) {
  const std::string sign = cents < 0 ? "-" : "";
  if (cents < 0) cents = -cents;
  return sign + std::to_string(cents / 100) + "." + two_digits(cents % 100);
}

enum class Plant { none, bad_date, bad_kind, negative_earnings, to_before_from, bad_residence, overlap,
                   no_periods, unknown_worker, out_of_order };
constexpr int plant_kinds = 9;

constexpr std::int64_t as_of_year = 2025;   // as_of 2025-07-01; periods end by 2024-12-31

/// One worker's rows: the workers.csv line and the periods.csv lines.
struct Generated {
  std::string id;
  std::string worker_row;
  std::string period_rows;
};

Generated generate(Random& rng, const Arguments& args, std::uint64_t n, Plant plant) {
  Generated g;
  g.id = "W-" + std::to_string(n + 1);
  const std::int64_t birth_year = rng.between(1951, 1990);
  const std::int64_t birth_month = rng.between(1, 12), birth_day = rng.between(1, 28);
  const auto pick = [&] { return args.countries[static_cast<std::size_t>(rng.next() % args.countries.size())]; };

  // The career: 1–6 distinct countries in turn, each a stint of whole years, gaps between some.
  const std::size_t max_countries = std::min<std::size_t>(6, args.countries.size());
  const auto stints = static_cast<std::size_t>(rng.between(1, static_cast<std::int64_t>(max_countries)));
  std::vector<std::string> order = args.countries;
  for (std::size_t i = 0; i + 1 < order.size(); ++i)
    std::swap(order[i], order[i + static_cast<std::size_t>(rng.next() % (order.size() - i))]);
  order.resize(stints);
  std::int64_t year = birth_year + rng.between(20, 25);
  const std::int64_t last_year = std::min(as_of_year - 1, birth_year + 66);
  std::string residence = order.back(), residence_since;
  std::vector<std::string> rows;
  for (std::size_t s = 0; s < stints && year <= last_year; ++s) {
    const std::string& country = order[s];
    const std::int64_t length = s + 1 == stints ? last_year - year + 1 : rng.between(1, 12);
    if (s + 1 == stints) residence_since = date(year, 1, 1);
    for (std::int64_t y = year; y < year + length && y <= last_year; ++y) {
      const std::int64_t earnings = rng.between(2'000'000, 9'000'000);   // cents
      // A posting: the previous stint's legislation goes on applying while working here.
      const bool posted = s > 0 && y == year && rng.between(0, 9) == 0;
      const std::string& legislation = posted ? order[s - 1] : country;
      std::string credits;
      if (legislation == "DE") credits = "earnings_points=" + money(earnings * 100 / 4'500'000);
      if (legislation == "GB") credits = "qualifying_years=1";
      const bool paid = rng.between(0, 1) == 0;
      const std::int64_t contributions = earnings * 186 / 1000;
      rows.push_back(g.id + "," + legislation + ",," + date(y, 1, 1) + "," + date(y, 12, 31) + ",employed," +
                     money(earnings) + ",," + (paid ? money(contributions) : "") + "," +
                     (paid ? money(contributions / 2) : "") + "," + credits + "," + (posted ? country : "") + ",\n");
      if (legislation == "CA")
        rows.push_back(g.id + ",CA,," + date(y, 1, 1) + "," + date(y, 12, 31) + ",residence,,,,,,,\n");
    }
    year += length + (rng.between(0, 3) == 0 ? rng.between(1, 3) : 0);   // sometimes a gap
  }
  if (rng.between(0, 4) == 0) {   // moved elsewhere after the last stint
    residence = pick();
    residence_since.clear();
  }
  std::string nationalities = order.front();
  if (rng.between(0, 3) == 0 && pick() != nationalities) nationalities += ";" + pick();
  if (nationalities.size() == 5 && nationalities.substr(0, 2) == nationalities.substr(3)) nationalities.resize(2);

  // Planting: each problem is one the reader or validate() must report.
  std::size_t victim = rows.size() / 2;
  while (rows[victim].find(",employed,") == std::string::npos) --victim;   // a CA residence row follows its employed one
  switch (plant) {
    case Plant::bad_date: rows[victim].replace(rows[victim].find("-12-31"), 6, "-02-30"); break;
    case Plant::bad_kind: rows[victim].replace(rows[victim].find(",employed,"), 10, ",work,"); break;
    case Plant::negative_earnings: {
      const std::size_t at = rows[victim].find(",employed,") + 10;
      rows[victim].insert(at, "-");
      break;
    }
    case Plant::to_before_from:   // from Y-06-01, to Y-01-01
      rows[victim].replace(rows[victim].find("-01-01,"), 7, "-06-01,");
      rows[victim].replace(rows[victim].find("-12-31"), 6, "-01-01");
      break;
    case Plant::bad_residence: residence = "XX"; break;
    case Plant::overlap: rows.push_back(rows[victim]); break;
    case Plant::no_periods: rows.clear(); break;
    case Plant::none: case Plant::unknown_worker: case Plant::out_of_order: break;
  }
  g.worker_row = g.id + "," + date(birth_year, birth_month, birth_day) + "," + nationalities + "," + residence + "," +
                 residence_since + ",2025-07-01,\n";
  for (const std::string& r : rows) g.period_rows += r;
  return g;
}

class Sink {
 public:
  explicit Sink(const std::string& path) : path_(path) {
    if (path != "-") {
      file_.open(path, std::ios::binary | std::ios::trunc);
      if (!file_) {
        std::cerr << "generate_population: " << path << ": cannot be written\n";
        std::exit(3);
      }
    }
  }
  void write(const std::string& text) {
    buffer_ += text;
    if (buffer_.size() > (1u << 20)) flush();
  }
  void flush() {
    std::ostream& out = path_ == "-" ? std::cout : file_;
    out.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
    out.flush();
    if (!out) {
      std::cerr << "generate_population: " << path_ << ": write failed\n";
      std::exit(3);
    }
  }

 private:
  std::string path_;
  std::ofstream file_;
  std::string buffer_;
};

}  // namespace

int main(int argc, char** argv) {
  const Arguments args = parse(argc, argv);
  if (args.countries.empty()) usage("--countries is empty");
  Random rng(args.seed);
  Sink workers(args.workers_out), periods(args.periods_out);
  workers.write("worker_id,birth_date,nationalities,residence,residence_since,as_of,claim_date\n");
  periods.write(
      "worker_id,country,scheme,from,to,kind,earnings,currency,contributions,employee_contributions,credits,"
      "worked_in,refunded_on\n");
  std::vector<std::string> planted;
  std::uint64_t entries = 0, rejected = 0;
  for (std::uint64_t n = 0; n < args.workers; ++n) {
    Plant plant = Plant::none;
    if (rng.chance_per_million(args.invalid_ppm)) {
      plant = static_cast<Plant>(1 + rng.next() % plant_kinds);
      if (plant == Plant::out_of_order && n + 1 == args.workers) plant = Plant::no_periods;
    }
    Generated g = generate(rng, args, n, plant);
    ++entries;
    if (plant == Plant::out_of_order) {
      // This worker's periods come after the next worker's: the next worker stays valid.
      Generated following = generate(rng, args, n + 1, Plant::none);
      workers.write(g.worker_row);
      workers.write(following.worker_row);
      periods.write(following.period_rows);
      periods.write(g.period_rows);
      planted.push_back(g.id);
      entries += 2;      // the worker, the next worker, and the late group
      rejected += 2;     // the worker (no periods at its place) and the late group
      ++n;
      continue;
    }
    if (plant == Plant::unknown_worker) {
      const std::string stray = "X-" + std::to_string(n + 1);
      periods.write(stray + "," + args.countries.front() + ",,2000-01-01,2000-12-31,employed,1000.00,,,,,,\n");
      planted.push_back(stray);
      ++entries;
      ++rejected;
    } else if (plant != Plant::none) {
      planted.push_back(g.id);
      ++rejected;
    }
    workers.write(g.worker_row);
    periods.write(g.period_rows);
  }
  workers.flush();
  periods.flush();
  if (!args.invalid_out.empty()) {
    Sink list(args.invalid_out);
    for (const std::string& id : planted) list.write(id + "\n");
    list.flush();
  }
  if (!args.expect_out.empty()) {
    Sink expect(args.expect_out);
    expect.write("read " + std::to_string(entries) + " = assessed " + std::to_string(entries - rejected) +
                 " + rejected " + std::to_string(rejected) + "\n");
    expect.flush();
  }
  return 0;
}
