// Direct O(N^2) summation of the Riesz / log interaction (MATH.md section 0).
//
// Every particle's sum is done by one thread, over j in increasing order, in fixed-width
// blocks: the same sums in the same order whatever the thread count. Coulomb and integer s
// use paths without pow(); a general s uses vectorised exp/log. The kernels and their
// error budget are described in src/interaction/direct_kernels.hpp and simd_math.hpp.
#pragma once
#include <mfv/interaction/plan.hpp>

namespace mfv::interaction {

// Which implementation of the eight-lane kernels runs (simd.hpp): `best` is AVX-512 when
// the library was compiled for it and the portable loops otherwise; `portable` forces the
// loops (so that tests exercise them on an AVX-512 machine too).
enum class direct_backend { best, portable };

class direct_plan final : public plan {
public:
    explicit direct_plan(const kernel::riesz_kernel& g, direct_backend backend = direct_backend::best)
        : g_(g), backend_(backend) {}

    void potentials(points_view x, std::span<double> phi) override;
    void gradients(points_view x, std::span<double> grad) override;
    double pair_energy(points_view x) override;
    // phi and G in one pass: each pair's distance and power are computed once.
    void potentials_and_gradients(points_view x, std::span<double> phi, std::span<double> grad);
    // plan.hpp; each target's sum in chunks of 2048 sources as in the rows above (the same
    // rounding bound), one target per thread.
    void evaluate_at(points_view sources, std::span<const double> q, points_view targets, std::span<double> phi,
                     std::span<double> grad) override;

    // 1e-13, relative to sum_j |g(x_i - x_j)| for phi_i, to sum_j |grad g(x_i - x_j)| for
    // G_i and to sum_{i != j} |g| for the energy, for N up to 1e6 and |log2 r^2| up to 100
    // (rounding bound of direct_kernels.hpp). Measured against long double at N = 997 with
    // r^2 from 1e-11 to 12 (interaction_test.cpp): at most 1.5e-15 for s = 0, 1, 2 and
    // 3.6e-15 for other s. For s = 0 the rounding of r^2 itself adds (d + 3) eps / 2
    // absolute per pair, visible only when most |log r| are below 1e-3.
    double promised_accuracy() const override;
    std::string method() const override { return "direct"; }
    std::string describe() const override;
    const kernel::riesz_kernel& kernel() const override { return g_; }
    // "avx512" or "portable".
    std::string backend_name() const;

private:
    kernel::riesz_kernel g_;
    direct_backend backend_;
};

// min over i != j of |x_i - x_j|, for the flows' collision guards: +inf when N < 2, NaN when
// a coordinate is not finite. Up to pairs_up_to points, all pairs, vectorised over j > i;
// above, the nearest-neighbour distances of a k-d tree (domain/knn_distance.hpp), O(N log N)
// (the all-pairs scan takes ~100 s at N = 1e6). A minimum is exact, so either way the result
// is the same for any thread count (one rounding of r^2 and one of the square root; the two
// ways may differ in the last bit of r^2, which is why the switch is at a fixed N).
constexpr std::size_t min_distance_pairs_up_to = 20000;
double min_pair_distance(points_view x, direct_backend backend = direct_backend::best);

}  // namespace mfv::interaction
