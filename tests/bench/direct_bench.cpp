// Throughput of the direct evaluator (interaction module), in ordered pairs N (N - 1) per
// second (items_per_second), wall-clock time, all OpenMP threads (OMP_NUM_THREADS to change).
//
// Targets of the issue, d = 3 on the 2-core AVX-512 machine: Coulomb energy + field
// >= 3e9 pairs/s; a general s (exp2/log path) >= 1e9 pairs/s.
//
//   build/bench/direct_bench --benchmark_repetitions=3
#include <mfv/interaction/direct.hpp>

#include <benchmark/benchmark.h>
#include <omp.h>

#include <random>
#include <vector>

namespace {

using mfv::interaction::direct_backend;
using mfv::interaction::direct_plan;
using mfv::kernel::riesz_kernel;

// Uniform points in the unit ball of R^d (rejection from the cube), fixed seed.
mfv::points ball(int d, std::size_t n) {
    std::mt19937_64 rng(2024);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    mfv::points x(d, n);
    for (std::size_t i = 0; i < n; ++i) {
        double r2 = 2.0, c[3] = {};
        while (r2 > 1.0) {
            r2 = 0.0;
            for (int k = 0; k < d; ++k) c[k] = u(rng), r2 += c[k] * c[k];
        }
        for (int k = 0; k < d; ++k) x(i, k) = c[k];
    }
    return x;
}

std::int64_t ordered_pairs(const benchmark::State& state, std::size_t n) {
    return static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(n * (n - 1));
}

enum class work { energy_and_field, field, potentials };

void pairs(benchmark::State& state, int d, double s, work what, direct_backend backend) {
    const auto n = static_cast<std::size_t>(state.range(0));
    direct_plan plan(riesz_kernel(d, s), backend);
    const mfv::points x = ball(d, n);
    std::vector<double> phi(n), grad(static_cast<std::size_t>(d) * n);
    for (auto _ : state) {
        if (what == work::energy_and_field) plan.potentials_and_gradients(x, phi, grad);
        if (what == work::field) plan.gradients(x, grad);
        if (what == work::potentials) plan.potentials(x, phi);
        benchmark::DoNotOptimize(phi.data());
        benchmark::DoNotOptimize(grad.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(ordered_pairs(state, n));
    state.counters["threads"] = omp_get_max_threads();
    state.SetLabel(plan.backend_name());
}

void min_distance(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const mfv::points x = ball(3, n);
    for (auto _ : state) benchmark::DoNotOptimize(mfv::interaction::min_pair_distance(x));
    state.SetItemsProcessed(ordered_pairs(state, n));
}

constexpr auto best = direct_backend::best;
constexpr auto portable = direct_backend::portable;

}  // namespace

// The acceptance figures: Coulomb energy + field (fused), general s, and the 2D log.
BENCHMARK_CAPTURE(pairs, coulomb3d_energy_field, 3, 1.0, work::energy_and_field, best)
    ->Arg(1000)->Arg(10000)->Arg(30000)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(pairs, riesz3d_s0.5_energy_field, 3, 0.5, work::energy_and_field, best)
    ->Arg(10000)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(pairs, riesz3d_s1.5_energy_field, 3, 1.5, work::energy_and_field, best)
    ->Arg(10000)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(pairs, log2d_energy_field, 2, 0.0, work::energy_and_field, best)
    ->Arg(10000)->UseRealTime()->Unit(benchmark::kMillisecond);

// What the flows call (field only) and the energy observables (potentials only).
BENCHMARK_CAPTURE(pairs, coulomb3d_field, 3, 1.0, work::field, best)
    ->Arg(10000)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(pairs, riesz3d_s1.5_field, 3, 1.5, work::field, best)
    ->Arg(10000)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(pairs, riesz3d_s1.5_potentials, 3, 1.5, work::potentials, best)
    ->Arg(10000)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(pairs, inverse_square3d_energy_field, 3, 2.0, work::energy_and_field, best)
    ->Arg(10000)->UseRealTime()->Unit(benchmark::kMillisecond);

// The portable loops (the build for machines without AVX-512), for comparison.
BENCHMARK_CAPTURE(pairs, portable_coulomb3d_energy_field, 3, 1.0, work::energy_and_field, portable)
    ->Arg(10000)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(pairs, portable_riesz3d_s1.5_energy_field, 3, 1.5, work::energy_and_field, portable)
    ->Arg(10000)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(pairs, portable_log2d_energy_field, 2, 0.0, work::energy_and_field, portable)
    ->Arg(10000)->UseRealTime()->Unit(benchmark::kMillisecond);

// The collision guard (half the pairs are visited; items are still N (N - 1)).
BENCHMARK(min_distance)->Arg(10000)->UseRealTime()->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
