// Speed of the CSV point reader (sampling/points_csv.hpp): 3e4 rows of three 17-digit
// numbers (1.6 MB), every row distinct so that the duplicate check sorts in full. Target of
// the brief: under 50 ms (3 to 10 ms of CPU were measured on the 2-core machine).
//
//   build/bench/csv_bench --benchmark_repetitions=3
#include <mfv/sampling/points_csv.hpp>

#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace {

void read_points_csv(benchmark::State& state) {
    const std::size_t n = static_cast<std::size_t>(state.range(0));
    std::mt19937_64 rng(9);
    std::normal_distribution<double> z;
    std::string text = "x,y,z\n";
    char buf[40];
    for (std::size_t i = 0; i < n; ++i)
        for (int k = 0; k < 3; ++k) {
            std::snprintf(buf, sizeof buf, "%.17g%c", z(rng), k == 2 ? '\n' : ',');
            text += buf;
        }
    const auto file = std::filesystem::temp_directory_path() / "mfv-csv-bench.csv";
    std::ofstream(file) << text;
    for (auto _ : state) benchmark::DoNotOptimize(mfv::sampling::read_points_csv(file.string(), 3));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
    std::filesystem::remove(file);
}

}  // namespace

BENCHMARK(read_points_csv)->Arg(30000)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
