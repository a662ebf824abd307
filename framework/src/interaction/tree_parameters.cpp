// The parameters of the fast evaluator from a requested accuracy (tree.hpp).
#include <mfv/interaction/tree.hpp>

#include <mfv/core/error.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace mfv::interaction {

tree_parameters choose_tree_parameters(const kernel::riesz_kernel& g, double accuracy) {
    if (!(accuracy >= 1e-13 && accuracy <= 1e-2)) {
        std::ostringstream os;
        os << "interaction accuracy " << accuracy << " is outside what the tree evaluator offers, [1e-13, 1e-2]";
        throw input_error(os.str());
    }
    tree_parameters p;
    // Degree: the smallest with the fields' error (the largest of the three: the derivative
    // of the interpolant) below accuracy / 3 on the calibration sets (uniform and clustered,
    // d = 1, 2, 3, s = 0, d - 2 and others; tests/unit/tree_test.cpp): measured ~10^-(n-1)
    // for 3D Coulomb and 2D log, so n = 1.15 digits + 1, rounded up.
    const double digits = -std::log10(accuracy);
    p.degree = std::clamp(static_cast<int>(std::ceil(1.15 * digits)) + 1, 2, 20);
    // The compression error adds f x cutoff to the fields, measured (cutoff 3e-8, degrees 7
    // to 10, uniform and clustered): f ~ 4 for 3D Coulomb and d <= 2, but ~22 for the 3D
    // sub-Coulombic kernels (s = 0: 6.5e-7, s = 0.5: 7.3e-7), whose nearly constant far
    // field fills the leading singular values. Cutoff accuracy / (5 f), but not below the
    // 3e-8 that the basis resolves (tree_engine.cpp) while f x 3e-8 stays under accuracy / 3;
    // tighter requests run uncompressed.
    const double amplification = g.d() == 3 && g.s() < 1.0 ? 25.0 : 4.0;
    const double floor = 3e-8;
    p.svd_cutoff = accuracy / (5.0 * amplification);
    if (p.svd_cutoff < floor && amplification * floor <= accuracy / 3.0) p.svd_cutoff = floor;
    // Leaves of 64: the cost rule of tree_lists.hpp chooses between direct and interpolated
    // sums pair by pair, so the time depends little on it (measured 4.3 s against 4.3 s for
    // 64 and 128 at N = 1e6, 3D Coulomb, degree 7).
    p.leaf_size = 64;
    return p;
}

std::size_t tree_crossover(const kernel::riesz_kernel& g, double accuracy) {
    // Measured on the 2-core AVX-512 development machine at accuracy 1e-6, potentials and
    // fields (tests/bench/tree_bench.cpp): 3D Coulomb in the unit ball, direct 75.2 ms against
    // tree 74.8 ms at N = 16000, 307 against 148 ms at 32000; log kernel in a cube, d = 1:
    // 0.50 against 0.56 ms at N = 1000, 1.99 against 1.04 ms at 2000; d = 2: 2.25 against
    // 2.19 ms at 2000, 8.95 against 4.95 ms at 4000. Uncompressed (accuracy below
    // ~4e-7, ~2.3e-6 for 3D s < 1) the tree was not faster up to N = 64000 in 3D, so "auto"
    // keeps the direct sum.
    const auto p = choose_tree_parameters(g, accuracy);
    if (p.svd_cutoff < 3e-8) return std::numeric_limits<std::size_t>::max();
    switch (g.d()) {
    case 1: return 1500;
    case 2: return 2000;
    default: return 20000;
    }
}

}  // namespace mfv::interaction
