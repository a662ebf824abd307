// The whole-space fast evaluator: a kernel-independent fast multipole method with
// barycentric (Chebyshev) Lagrange interpolation on an adaptive 2^d-tree, traversed as a
// dual tree (Fong & Darve 2009, "The black-box fast multipole method"; Wilson, Vaughn &
// Krasny 2021, the dual tree traversal of BaryTree's BLDTT). No kernel-specific expansion:
// the far field of any Riesz or log kernel (MATH.md section 0) is interpolated,
//   g(x - y) ~ sum_a sum_b S_a(x) g(x_a - y_b) S_b(y),
// on the tensor Chebyshev points x_a, y_b of two separated boxes.
//
// Four far-field operations, chosen pair by pair by cost (BLDTT's rule):
//   M2L  cluster-cluster   multipole of S -> local expansion of T (precomputed operator);
//   P2L  particle-cluster  S's particles  -> local expansion of T (at T's Chebyshev points);
//   M2P  cluster-particle  multipole of S -> T's particles;
//   P2P  direct sum, when it is the cheapest or the boxes touch.
// Two boxes are separated when their gap (sup norm) is at least the smaller width, so every
// interpolated pair sees its singularity at least 3 half-widths from the centre of the box
// that is interpolated. Fields come from the exact kernel gradient (P2P, M2P) and, for the
// far field, from the derivative of the local interpolant when the M2L operators are
// compressed (accuracy >= 4e-7), or else from interpolated field expansions (the derivative
// amplifies rounding by ~n^2 / h, which the tightest accuracies cannot afford).
//
// Measured (tests/bench/tree_bench.cpp, 2-core AVX-512 machine, 3D Coulomb, accuracy 1e-6):
// N = 1e4, 1e5, 1e6 in 0.036, 0.53, 5.8 s (direct: 307 ms at N = 32000, ~5 min at 1e6).
//
// Parameters (degree n, leaf size) are chosen from the requested relative accuracy by a
// table calibrated against direct summation (tree_parameters.cpp, tests/unit/tree_test.cpp).
// Accuracy means: for the potentials, ||phi - phi_exact||_2 / ||A||_2 with
// A_i = sum_{j != i} |g(x_i - x_j)|; for the fields ||G - G_exact||_2 / ||G_exact||_2; for
// the energy |E - E_exact| / sum_{i != j} |g|. For s > 0, A = phi and these are the usual
// relative errors; for the log kernel, which changes sign, A is its scale of cancellation.
//
// Deterministic: the tree, the lists and the order of every sum depend on the points only,
// never on the thread count.
#pragma once
#include <mfv/interaction/plan.hpp>

#include <cstddef>
#include <memory>
#include <span>
#include <string>

namespace mfv::interaction {

struct tree_parameters {
    // Interpolation degree n per dimension: (n + 1)^d Chebyshev points per box.
    int degree = 6;
    // A box with more than this many sources or targets is split.
    std::size_t leaf_size = 128;
    // Deepest level of the tree; a box holding coincident points stops splitting there.
    int max_level = 40;
    // Relative singular-value cutoff of the compressed M2L operators (tree_m2l.hpp).
    double svd_cutoff = 1e-8;
    // false: a particle-cluster treecode (only M2P and P2P: targets are never clustered), the
    // variant measured against the dual traversal in tests/bench/tree_bench.cpp.
    bool dual_traversal = true;
};

// What one evaluation did (for tests and the benchmark).
struct tree_statistics {
    std::size_t boxes = 0, leaves = 0, levels = 0;
    std::size_t m2l = 0, p2l = 0, m2p = 0, p2p = 0;
    // Pairs summed directly (P2P).
    double direct_pairs = 0.0;
};

class tree_engine;

class tree_plan final : public plan {
public:
    // Parameters from the accuracy (tree_parameters.cpp). Throws input_error for an
    // accuracy outside [1e-13, 1e-2].
    tree_plan(const kernel::riesz_kernel& g, double accuracy);
    // Explicit parameters (tests, calibration); the promise is then the given accuracy.
    tree_plan(const kernel::riesz_kernel& g, double accuracy, const tree_parameters& p);
    ~tree_plan() override;

    void potentials(points_view x, std::span<double> phi) override;
    void gradients(points_view x, std::span<double> grad) override;
    double pair_energy(points_view x) override;
    void potentials_and_gradients(points_view x, std::span<double> phi, std::span<double> grad);

    // The potential (and its gradient) of charges q_j at sources y_j, evaluated at other
    // points z_i: phi_i = sum_j q_j g(z_i - y_j), grad_i = sum_j q_j grad g(z_i - y_j).
    // No term is excluded: a target on a source gives a non-finite value. Either output
    // may be empty (not computed); q empty means unit charges.
    void evaluate_at(points_view sources, std::span<const double> q, points_view targets, std::span<double> phi,
                     std::span<double> grad) override;

    double promised_accuracy() const override { return accuracy_; }
    std::string method() const override { return "tree"; }
    // Degree, leaf size, separation criterion, M2L compression (rank, cutoff) or not.
    std::string describe() const override;
    const kernel::riesz_kernel& kernel() const override { return g_; }
    const tree_parameters& parameters() const { return params_; }
    const tree_statistics& last_statistics() const { return stats_; }

private:
    kernel::riesz_kernel g_;
    double accuracy_;
    tree_parameters params_;
    tree_statistics stats_;
    std::unique_ptr<tree_engine> engine_;
};

// Parameters for a kernel and a relative accuracy (the calibrated table).
tree_parameters choose_tree_parameters(const kernel::riesz_kernel& g, double accuracy);

// The number of particles from which "auto" uses the tree instead of the direct sum, at
// this accuracy (measured on the 2-core development machine; tests/bench/tree_bench.cpp).
std::size_t tree_crossover(const kernel::riesz_kernel& g, double accuracy);

}  // namespace mfv::interaction
