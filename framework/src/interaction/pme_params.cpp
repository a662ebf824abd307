// The choice of the PME parameters (pme.hpp): the cheapest by a cost model among those the
// error model (pme_error_model.cpp) accepts.
#include <mfv/interaction/pme.hpp>

#include <mfv/core/error.hpp>

#include "pme_model.hpp"
#include "pme_parts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

namespace mfv::interaction {

namespace {

// Seconds of one evaluation (potentials, gradients and energy) on the two cores of the
// AVX-512 machine. Fitted to single-thread times (N = 2e5 and 1e6, d = 3, 2025-11): real
// space per particle (column_plan) 40 ns a window and 1.7 ns a candidate pair (10% more for
// a general s: the power in pass 2); the mesh 0.3 us per particle in d = 3 (spline weights,
// self-interaction; scaled by d/3) and 4.8 ns per row of the spline stencil and eight-lane
// chunk of a row (spreading and interpolation); 6 + 0.45 log2(K^d) ns per mesh point
// (zeroing, folding, two FFTs, the influence function); 80 ns per particle for sorting and
// gathering. Two threads divide them by 1.95 (pairs), 1.8 (particles on the mesh), 1.3 (the
// memory-bound passes over the mesh) and 1.2 (the sort), as measured at N = 1e6. The model
// does not depend on the actual thread count: the parameters, hence the results, are the
// same for any OMP_NUM_THREADS.
struct cost_model {
    int d;
    double pair_factor;
    double evaluate(double n, double r_cut, int mesh, int order) const {
        const auto cols = pme_detail::column_plan::choose(d, r_cut, n);
        const double real = n * (cols.windows * 40e-9 + cols.candidates * 1.7e-9 * pair_factor);
        const double chunks = std::ceil(order / 8.0);
        const double rows = std::pow(static_cast<double>(order), d - 1) * chunks;
        const double particles = n * (0.3e-6 * d / 3.0 + 4.8e-9 * rows);
        const double points = std::pow(static_cast<double>(mesh), d);
        const double grid = points * (6e-9 + 0.45e-9 * std::log2(points));
        return real / 1.95 + particles / 1.8 + grid / 1.3 + n * 80e-9 / 1.2;
    }
};

// Even FFT-friendly sizes 2^a 3^b 5^c from 8 to `largest`, ascending.
std::vector<int> mesh_sizes(int largest) {
    std::vector<int> sizes;
    for (long a = 2; a <= largest; a *= 2)
        for (long b = a; b <= largest; b *= 3)
            for (long c = b; c <= largest; c *= 5)
                if (c >= 8) sizes.push_back(static_cast<int>(c));
    std::sort(sizes.begin(), sizes.end());
    return sizes;
}

std::string format(const char* fmt, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, fmt, v);
    return buf;
}

}  // namespace

// For each B-spline order and each real-space cut-off on a geometric grid (refined around the
// best), alpha is the smallest with real-space errors below eps_real and K the smallest mesh
// with mesh errors below eps_mesh (eps_real^2 + eps_mesh^2 = (eps/2)^2); the cheapest by the
// cost model wins.
pme_parameters choose_pme_parameters(const kernel::riesz_kernel& g, double accuracy, std::size_t n) {
    if (!(accuracy >= pme_plan::accuracy_floor && accuracy < 1.0))
        throw input_error("interaction.accuracy = " + format("%g", accuracy) + " is outside [" +
                          format("%g", pme_plan::accuracy_floor) + ", 1) for the pme method");
    const int d = g.d();
    const pme_detail::error_model model(g, n);
    const double n_cost = n == 0 ? 1000.0 : static_cast<double>(n);
    const cost_model cost{d, g.is_log() || g.s() == 1.0 || g.s() == 2.0 ? 1.0 : 1.1};
    // Half the request, split equally in squares: the model's errors are RMS values of a random
    // configuration, and one sample's relative error scatters around them (by +-10% at N = 1000
    // in pme_test.cpp, where the model is within 20% of the measured errors).
    const double eps_real = 0.5 * accuracy * std::sqrt(0.5), eps_mesh = eps_real;
    // Meshes up to 2^27 points (1 GiB of doubles).
    const int largest = d == 1 ? (1 << 27) : (d == 2 ? 8192 : 512);
    const std::vector<int> sizes = mesh_sizes(largest);
    const std::vector<int> orders = d == 3 ? std::vector<int>{4, 6, 8, 10, 12} : std::vector<int>{4, 6, 8, 10, 12, 14, 16};

    pme_parameters best;
    best.cost = std::numeric_limits<double>::infinity();
    // Every order with the smallest mesh meeting eps_mesh, for one real-space cut-off.
    const auto try_cutoff = [&](double r_cut) {
        // alpha: the smallest xi / r_cut, xi in (0, 12], meeting eps_real (bisection).
        double lo = 0.0, hi = 12.0 / r_cut;
        if (model.real_relative(hi, r_cut) > eps_real) return;
        for (int it = 0; it < 60; ++it) {
            const double mid = 0.5 * (lo + hi);
            (model.real_relative(mid, r_cut) > eps_real ? lo : hi) = mid;
        }
        const double alpha = hi;
        const pme_detail::error_model::mesh_at mesh_sum(model, alpha);
        for (const int order : orders) {
            // Skip what cannot beat the best so far even with the smallest mesh.
            if (cost.evaluate(n_cost, r_cut, order, order) >= best.cost) continue;
            auto first = std::lower_bound(sizes.begin(), sizes.end(), order);
            if (first == sizes.end()) continue;
            if (mesh_sum.relative(sizes.back(), order) > eps_mesh) continue;
            // Smallest size meeting eps_mesh (the error decreases with K).
            std::size_t a = static_cast<std::size_t>(first - sizes.begin()), b = sizes.size() - 1;
            if (mesh_sum.relative(sizes[a], order) <= eps_mesh) b = a;
            while (b - a > 1) {
                const std::size_t mid = (a + b) / 2;
                (mesh_sum.relative(sizes[mid], order) <= eps_mesh ? b : a) = mid;
            }
            const int mesh = sizes[b];
            const double c = cost.evaluate(n_cost, r_cut, mesh, order);
            if (c < best.cost) {
                best.alpha = alpha;
                best.r_cut = r_cut;
                best.mesh = mesh;
                best.order = order;
                best.cost = c;
            }
        }
    };
    // A geometric grid of 16 cut-offs from about one interparticle distance to 0.49, then 6
    // more around the best (steps of a twelfth of the grid's).
    const double r_hi = 0.49;
    const double r_lo = std::min(r_hi, 0.5 * std::pow(1.0 / (pme_detail::ball_volume(d) * n_cost), 1.0 / d));
    constexpr int grid = 16;
    const double step = std::pow(r_lo / r_hi, 1.0 / (grid - 1));
    for (int i = 0; i < grid; ++i) try_cutoff(r_hi * std::pow(step, i));
    if (std::isfinite(best.cost)) {
        const double centre = best.r_cut;
        for (const int j : {-5, -3, -1, 1, 3, 5}) {
            const double r_cut = centre * std::pow(step, j / 12.0);
            if (r_cut < r_hi) try_cutoff(r_cut);
        }
    }
    if (!std::isfinite(best.cost))
        throw input_error("interaction.accuracy = " + format("%g", accuracy) +
                          ": no PME parameters reach it within the largest mesh");
    const auto m = model.errors(best);
    best.real_error = std::max(m.real_phi / m.scale_phi, m.real_grad / m.scale_grad);
    best.mesh_error = std::max(m.mesh_phi / m.scale_phi, m.mesh_grad / m.scale_grad);
    return best;
}

std::string pme_parameters::describe() const {
    return "alpha = " + format("%.6g", alpha) + ", r_cut = " + format("%.6g", r_cut) + ", mesh K = " +
           std::to_string(mesh) + ", order p = " + std::to_string(order) + ", modelled relative RMS errors: real " +
           format("%.2e", real_error) + ", mesh " + format("%.2e", mesh_error) +
           (cost > 0.0 ? ", modelled time on two cores " + format("%.3g", cost) + " s" : std::string());
}

}  // namespace mfv::interaction
