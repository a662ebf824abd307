// The whole-space fast evaluator (interaction/tree.hpp): one evaluation of all potentials
// and fields of N points (the energy is their sum), d = 3 Coulomb, N uniform in the unit
// ball (fixed seed), relative accuracy 1e-6; against the direct sum, for the crossover N;
// and the same tree as a particle-cluster treecode (no M2L, no P2L), for the choice of the
// dual traversal; and d = 1, 2 (log kernel, uniform in a cube) against the direct sum, for
// their crossovers. Plan construction (the compressed M2L operators, cached per process) is
// done before timing and reported as the counter plan_seconds. Wall-clock time, all OpenMP
// threads (OMP_NUM_THREADS to change); each benchmark is repeated and the median reported.
//
// Counters: the degree and leaf size chosen; the measured relative errors of phi (2-norm),
// G (2-norm) and the energy against the direct sum: on every point up to N = 1e5, and on
// 2000 sampled targets (direct sums of 2000 x N pairs) at N = 1e6 (phi and G only).
//
// Target of the issue on the 2-core AVX-512 machine: N = 1e6 in under 10 s, cost exponent
// over 1e4 .. 1e6 at most 1.15.
//
//   build/bench/tree_bench
//   build/bench/tree_bench --benchmark_filter=dual   (the tree only)
#include <mfv/interaction/direct.hpp>
#include <mfv/interaction/tree.hpp>

#include <benchmark/benchmark.h>

#include <chrono>
#include <cmath>
#include <map>
#include <random>
#include <vector>

namespace {

using mfv::interaction::direct_plan;
using mfv::interaction::tree_parameters;
using mfv::interaction::tree_plan;
using mfv::kernel::riesz_kernel;

constexpr double accuracy = 1e-6;

// Uniform in the unit ball, by rejection from the cube (fixed seed).
const mfv::points& ball(std::size_t n) {
    static std::map<std::size_t, mfv::points> cache;
    auto it = cache.find(n);
    if (it != cache.end()) return it->second;
    std::mt19937_64 rng(2026);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    mfv::points x(3, n);
    for (std::size_t i = 0; i < n;) {
        const double a = u(rng), b = u(rng), c = u(rng);
        if (a * a + b * b + c * c > 1.0) continue;
        x(i, 0) = a;
        x(i, 1) = b;
        x(i, 2) = c;
        ++i;
    }
    return cache.emplace(n, std::move(x)).first->second;
}

void errors(benchmark::State& state, const mfv::points& x, const std::vector<double>& phi, const std::vector<double>& grad) {
    const riesz_kernel g(3, 1.0);
    const std::size_t n = x.size();
    double e2 = 0.0, a2 = 0.0, ge2 = 0.0, g2 = 0.0;
    if (n <= 100000) {
        std::vector<double> phid(n), gradd(3 * n);
        direct_plan(g).potentials_and_gradients(x, phid, gradd);
        double e = 0.0, ed = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            e2 += (phi[i] - phid[i]) * (phi[i] - phid[i]);
            a2 += phid[i] * phid[i];
            e += phi[i];
            ed += phid[i];
        }
        for (std::size_t q = 0; q < 3 * n; ++q) {
            ge2 += (grad[q] - gradd[q]) * (grad[q] - gradd[q]);
            g2 += gradd[q] * gradd[q];
        }
        state.counters["err_energy"] = std::abs(e - ed) / std::abs(ed);
    } else {
        // 2000 targets, every 500th point: their exact sums over all N sources.
        const std::size_t stride = n / 2000;
        mfv::points t(3, 2000);
        std::vector<std::size_t> at(2000);
        for (std::size_t k = 0; k < 2000; ++k) {
            at[k] = k * stride;
            for (int c = 0; c < 3; ++c) t(k, c) = x(at[k], c);
        }
        for (std::size_t k = 0; k < 2000; ++k) {
            const std::size_t i = at[k];
            double p = 0.0, gr[3] = {};
            for (std::size_t j = 0; j < n; ++j) {
                if (j == i) continue;
                const double dx = x(i, 0) - x(j, 0), dy = x(i, 1) - x(j, 1), dz = x(i, 2) - x(j, 2);
                const double r2 = dx * dx + dy * dy + dz * dz, r = std::sqrt(r2);
                p += 1.0 / r;
                const double w = 1.0 / (r2 * r);
                gr[0] -= dx * w;
                gr[1] -= dy * w;
                gr[2] -= dz * w;
            }
            e2 += (phi[i] - p) * (phi[i] - p);
            a2 += p * p;
            for (int c = 0; c < 3; ++c) {
                const double dg = grad[static_cast<std::size_t>(c) * n + i] - gr[c];
                ge2 += dg * dg;
                g2 += gr[c] * gr[c];
            }
        }
    }
    state.counters["err_phi"] = std::sqrt(e2 / a2);
    state.counters["err_grad"] = std::sqrt(ge2 / g2);
}

void run_tree(benchmark::State& state, bool dual) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const riesz_kernel g(3, 1.0);
    const auto& x = ball(n);
    auto params = mfv::interaction::choose_tree_parameters(g, accuracy);
    params.dual_traversal = dual;
    const auto t0 = std::chrono::steady_clock::now();
    tree_plan plan(g, accuracy, params);
    state.counters["plan_seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::vector<double> phi(n), grad(3 * n);
    for (auto _ : state) {
        plan.potentials_and_gradients(x, phi, grad);
        benchmark::DoNotOptimize(phi.data());
    }
    const auto& st = plan.last_statistics();
    state.counters["degree"] = params.degree;
    state.counters["leaf"] = static_cast<double>(params.leaf_size);
    state.counters["m2l"] = static_cast<double>(st.m2l);
    state.counters["direct_pairs"] = st.direct_pairs;
    if (state.range(1) != 0) errors(state, x, phi, grad);
}

void dual(benchmark::State& state) { run_tree(state, true); }
void particle_cluster(benchmark::State& state) { run_tree(state, false); }

void direct(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const auto& x = ball(n);
    direct_plan plan(riesz_kernel(3, 1.0));
    std::vector<double> phi(n), grad(3 * n);
    for (auto _ : state) {
        plan.potentials_and_gradients(x, phi, grad);
        benchmark::DoNotOptimize(phi.data());
    }
}

// d = 1, 2, log kernel, uniform in [-1, 1]^d: the crossover with the direct sum.
mfv::points cube(int d, std::size_t n) {
    std::mt19937_64 rng(2027);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    mfv::points x(d, n);
    for (auto& v : x.data()) v = u(rng);
    return x;
}

void low_dimension(benchmark::State& state, bool tree) {
    const int d = static_cast<int>(state.range(0));
    const auto n = static_cast<std::size_t>(state.range(1));
    const riesz_kernel g(d, 0.0);
    const auto x = cube(d, n);
    auto plan = tree ? mfv::interaction::make_plan(g, n, accuracy, "tree") : mfv::interaction::make_plan(g, n, accuracy, "direct");
    std::vector<double> phi(n), grad(static_cast<std::size_t>(d) * n);
    for (auto _ : state) {
        plan->potentials(x, phi);
        plan->gradients(x, grad);
        benchmark::DoNotOptimize(phi.data());
    }
}
void dual_low(benchmark::State& state) { low_dimension(state, true); }
void direct_low(benchmark::State& state) { low_dimension(state, false); }

}  // namespace

// The sizes, with errors (second argument 1), and the crossover sizes without.
BENCHMARK(dual)->Args({10000, 1})->Args({100000, 1})->Args({1000000, 1})->Unit(benchmark::kSecond)->UseRealTime()->Repetitions(3)->ReportAggregatesOnly(true)->Iterations(1);
BENCHMARK(dual)->Args({2000, 0})->Args({4000, 0})->Args({8000, 0})->Args({16000, 0})->Args({32000, 0})->Unit(benchmark::kMillisecond)->UseRealTime()->Repetitions(5)->ReportAggregatesOnly(true);
BENCHMARK(direct)->Arg(2000)->Arg(4000)->Arg(8000)->Arg(16000)->Arg(32000)->Unit(benchmark::kMillisecond)->UseRealTime()->Repetitions(5)->ReportAggregatesOnly(true);
BENCHMARK(dual_low)->ArgsProduct({{1, 2}, {500, 1000, 2000, 4000}})->Unit(benchmark::kMillisecond)->UseRealTime()->Repetitions(5)->ReportAggregatesOnly(true);
BENCHMARK(direct_low)->ArgsProduct({{1, 2}, {500, 1000, 2000, 4000}})->Unit(benchmark::kMillisecond)->UseRealTime()->Repetitions(5)->ReportAggregatesOnly(true);
BENCHMARK(particle_cluster)->Args({100000, 1})->Args({1000000, 1})->Unit(benchmark::kSecond)->UseRealTime()->Repetitions(3)->ReportAggregatesOnly(true)->Iterations(1);

BENCHMARK_MAIN();
