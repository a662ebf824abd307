#include <mfv/core/error.hpp>
#include <mfv/interaction/direct.hpp>
#include <mfv/interaction/ewald.hpp>
#include <mfv/interaction/pme.hpp>
#include <mfv/interaction/tree.hpp>

namespace mfv::interaction {

std::unique_ptr<plan> make_plan(const kernel::riesz_kernel& g, std::size_t n, double accuracy,
                                const std::string& method, domain::kind space) {
    if (space == domain::kind::torus) {
        if (method == "ewald") return std::make_unique<ewald_plan>(g, accuracy, n);
        if (method == "pme" || method == "auto") return std::make_unique<pme_plan>(g, accuracy, n);
        throw input_error("interaction method \"" + method + "\" is not available on the torus (use \"ewald\", \"pme\" or \"auto\")");
    }
    if (method == "tree") return std::make_unique<tree_plan>(g, accuracy);
    if (method == "auto") {
        // The tree from the measured crossover N on (never at accuracies it cannot compress,
        // nor below 1e-13 where only the direct sum is exact enough).
        if (accuracy >= 1e-13 && accuracy <= 1e-2 && n >= tree_crossover(g, accuracy))
            return std::make_unique<tree_plan>(g, accuracy);
        return std::make_unique<direct_plan>(g);
    }
    // The direct sum meets any accuracy down to its rounding level.
    if (method == "direct") return std::make_unique<direct_plan>(g);
    throw input_error("interaction method \"" + method + "\" is not available in the whole space (use \"direct\", \"tree\" or \"auto\")");
}

}  // namespace mfv::interaction
