// The parameters of the fast evaluator from a requested accuracy (tree.hpp).
#include <mfv/interaction/tree.hpp>

#include <mfv/core/error.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>

namespace mfv::interaction {

tree_parameters choose_tree_parameters(const kernel::riesz_kernel& g, double accuracy) {
    if (!(accuracy >= 1e-13 && accuracy <= 1e-2)) {
        std::ostringstream os;
        os << "interaction accuracy " << accuracy << " is outside what the tree evaluator offers, [1e-13, 1e-2]";
        throw input_error(os.str());
    }
    tree_parameters p;
    const double digits = -std::log10(accuracy);
    p.degree = std::clamp(static_cast<int>(std::ceil(digits)) + 1, 2, 20);
    std::size_t points = 1;
    for (int k = 0; k < g.d(); ++k) points *= static_cast<std::size_t>(p.degree + 1);
    p.leaf_size = std::max<std::size_t>(32, points);
    return p;
}

std::size_t tree_crossover(const kernel::riesz_kernel& g, double accuracy) {
    (void)g;
    (void)accuracy;
    return 20000;
}

}  // namespace mfv::interaction
