// The direct evaluator of plan.hpp (MATH.md section 0): phi_i = sum_{j != i} g(x_i - x_j),
// G_i = sum_{j != i} grad g(x_i - x_j) and sum_{i != j} g, by OpenMP over the particles i
// with the vectorised row sums of direct_kernels.hpp inside. This file only dispatches
// (backend x kernel family x dimension), checks shapes and sums the energy.
#include "neumaier_sum.hpp"
#include <mfv/interaction/direct.hpp>

#include "direct_kernels.hpp"
#include "plan_checks.hpp"
#include "weighted_sums.hpp"

#include <mfv/domain/knn_distance.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace mfv::interaction {
namespace {

// Rows are cheap below this N; a parallel region would cost more than it saves.
constexpr std::size_t parallel_from = 64;

template <int D>
detail::source<D> source_of(points_view x) {
    detail::source<D> src{};
    for (int k = 0; k < D; ++k) src.c[k] = x.coord(k);
    src.n = x.n;
    return src;
}

// One thread per row, rows in contiguous static blocks; each output is written once, by
// the thread of its row, so no two threads share a cache line except at block edges.
template <class P, int D, bool Phi, bool Grad, class K>
void run_rows(const K& kernel, points_view x, double* phi, double* grad) {
    const auto src = source_of<D>(x);
    const std::size_t n = x.n;
    const auto rows = static_cast<std::ptrdiff_t>(n);
#pragma omp parallel for schedule(static) if (n >= parallel_from)
    for (std::ptrdiff_t r = 0; r < rows; ++r) {
        const auto i = static_cast<std::size_t>(r);
        const auto sums = detail::sum_row<P, D, Phi, Grad>(kernel, src, i);
        if constexpr (Phi) phi[i] = sums.phi;
        if constexpr (Grad) {
            for (int k = 0; k < D; ++k) grad[static_cast<std::size_t>(k) * n + i] = sums.grad[k];
        }
    }
}

template <class F>
void with_backend(direct_backend backend, F&& f) {
    if (backend == direct_backend::portable) {
        f(simd::portable{});
    } else {
        f(simd::best{});
    }
}

template <class F>
void with_dimension(int d, F&& f) {
    switch (d) {
    case 1: f(std::integral_constant<int, 1>{}); break;
    case 2: f(std::integral_constant<int, 2>{}); break;
    case 3: f(std::integral_constant<int, 3>{}); break;
    default: throw std::invalid_argument("direct_plan: dimension " + std::to_string(d) + " is not 1, 2 or 3");
    }
}

template <bool Phi, bool Grad>
void evaluate(const kernel::riesz_kernel& g, direct_backend backend, points_view x, double* phi,
              double* grad) {
    with_backend(backend, [&](auto pack) {
        using P = decltype(pack);
        detail::with_family<P>(g, [&](const auto& kernel) {
            with_dimension(x.d, [&](auto dim) {
                run_rows<P, decltype(dim)::value, Phi, Grad>(kernel, x, phi, grad);
            });
        });
    });
}

// min over i < j of |x_i - x_j|^2. A minimum is exact, so the rows may go to the threads in
// any order (dynamic: row i has N - 1 - i pairs) without changing the result.
template <class P, int D>
double min_distance2(points_view x) {
    const auto src = source_of<D>(x);
    const auto rows = static_cast<std::ptrdiff_t>(x.n);
    double best = std::numeric_limits<double>::infinity();
    // The private copies start at +infinity, not at the "largest representable value" the
    // built-in min reduction starts at (LLVM's OpenMP takes DBL_MAX, so a set with no pair
    // gave DBL_MAX instead of infinity under clang; found by the tsan preset's clang build).
#pragma omp declare reduction(min_distance : double : omp_out = std::min(omp_out, omp_in)) \
    initializer(omp_priv = std::numeric_limits<double>::infinity())
#pragma omp parallel for schedule(dynamic, 64) reduction(min_distance : best) if (x.n >= parallel_from)
    for (std::ptrdiff_t r = 0; r < rows; ++r) {
        best = std::min(best, detail::min_distance2_row<P, D>(src, static_cast<std::size_t>(r)));
    }
    return best;
}

// The energy: the per-particle sums added by Neumaier's compensated sum in index order.
double compensated_sum(const std::vector<double>& p) {
    return detail::neumaier_sum(p.size(), [&](std::size_t i) { return p[i]; });
}

}  // namespace

void direct_plan::potentials(points_view x, std::span<double> phi) {
    detail::check_shapes(g_, x, phi.size(), detail::unchecked, "direct_plan::potentials");
    evaluate<true, false>(g_, backend_, x, phi.data(), nullptr);
}

void direct_plan::gradients(points_view x, std::span<double> grad) {
    detail::check_shapes(g_, x, detail::unchecked, grad.size(), "direct_plan::gradients");
    evaluate<false, true>(g_, backend_, x, nullptr, grad.data());
}

void direct_plan::potentials_and_gradients(points_view x, std::span<double> phi, std::span<double> grad) {
    detail::check_shapes(g_, x, phi.size(), grad.size(), "direct_plan::potentials_and_gradients");
    evaluate<true, true>(g_, backend_, x, phi.data(), grad.data());
}

// sum_{i != j} g = sum_i phi_i (MATH.md section 0: = 2 H_N), the phi_i summed in index
// order with Neumaier compensation, so the energy is as deterministic as the phi_i.
double direct_plan::pair_energy(points_view x) {
    std::vector<double> phi(x.n);
    potentials(x, phi);
    return compensated_sum(phi);
}

namespace {

// phi and G at targets z from charged sources y: each target's sum over chunks of 2048
// sources (weighted_sums.hpp), the chunk sums added in order.
template <class P, int D, class K>
void sum_at(const K& kernel, points_view y, const double* q, points_view z, double* phi, double* grad) {
    std::vector<double> ones;
    if (q == nullptr) {
        ones.assign(y.n, 1.0);
        q = ones.data();
    }
    const auto targets = static_cast<std::ptrdiff_t>(z.n);
#pragma omp parallel for schedule(static) if (z.n * y.n >= parallel_from * parallel_from)
    for (std::ptrdiff_t t = 0; t < targets; ++t) {
        const auto i = static_cast<std::size_t>(t);
        double x[D];
        for (int k = 0; k < D; ++k) x[k] = z(i, k);
        double p = 0.0, g[D] = {};
        for (std::size_t c0 = 0; c0 < y.n; c0 += detail::chunk) {
            detail::weighted_source<D> src;
            for (int k = 0; k < D; ++k) src.c[k] = y.coord(k) + c0;
            src.q = q + c0;
            src.n = std::min(detail::chunk, y.n - c0);
            const auto part = detail::weighted_row<P, D, true, true>(kernel, src, x);
            p += part.phi;
            for (int k = 0; k < D; ++k) g[k] += part.grad[k];
        }
        if (phi) phi[i] = p;
        if (grad) {
            for (int k = 0; k < D; ++k) grad[static_cast<std::size_t>(k) * z.n + i] = g[k];
        }
    }
}

}  // namespace

void direct_plan::evaluate_at(points_view sources, std::span<const double> q, points_view targets,
                              std::span<double> phi, std::span<double> grad) {
    detail::check_evaluate_at(g_, sources, q.size(), targets, phi.size(), grad.size(), "direct_plan");
    with_backend(backend_, [&](auto pack) {
        using P = decltype(pack);
        detail::with_family<P>(g_, [&](const auto& kernel) {
            with_dimension(targets.d, [&](auto dim) {
                sum_at<P, decltype(dim)::value>(kernel, sources, q.empty() ? nullptr : q.data(), targets,
                                                phi.empty() ? nullptr : phi.data(), grad.empty() ? nullptr : grad.data());
            });
        });
    });
}

double direct_plan::promised_accuracy() const { return 1e-13; }

std::string direct_plan::describe() const { return "all pairs (" + backend_name() + " kernels), rounding level 1e-13"; }

std::string direct_plan::backend_name() const {
    std::string name;
    with_backend(backend_, [&](auto pack) { name = decltype(pack)::name; });
    return name;
}

double min_pair_distance(points_view x, direct_backend backend) {
    for (std::size_t q = 0; q < static_cast<std::size_t>(x.d) * x.n; ++q) {
        if (!std::isfinite(x.x[q])) return std::nan("");
    }
    if (x.n > min_distance_pairs_up_to) {
        const auto eps = domain::kth_neighbour_distances(x, domain::kind::whole_space, 1);
        return *std::min_element(eps.begin(), eps.end());
    }
    double best = std::numeric_limits<double>::infinity();
    with_backend(backend, [&](auto pack) {
        with_dimension(x.d, [&](auto dim) { best = min_distance2<decltype(pack), decltype(dim)::value>(x); });
    });
    return std::sqrt(best);
}

}  // namespace mfv::interaction
