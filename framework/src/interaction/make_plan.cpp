#include <mfv/core/error.hpp>
#include <mfv/interaction/direct.hpp>
#include <mfv/interaction/ewald.hpp>
#include <mfv/interaction/pme.hpp>
#include <mfv/interaction/tree.hpp>

namespace mfv::interaction {

std::string chosen_method(const kernel::riesz_kernel& g, std::size_t n, double accuracy, const std::string& method,
                          domain::kind space) {
    if (space == domain::kind::torus) {
        if (method == "ewald") return "ewald";
        if (method == "pme" || method == "auto") return "pme";
        throw input_error("interaction method \"" + method + "\" is not available on the torus (use \"ewald\", \"pme\" or \"auto\")");
    }
    if (method == "tree" || method == "direct") return method;
    if (method == "auto") {
        // The tree from the measured crossover N on (never at accuracies it cannot compress,
        // nor below 1e-13 where only the direct sum is exact enough).
        const bool tree = accuracy >= 1e-13 && accuracy <= 1e-2 && n >= tree_crossover(g, accuracy);
        return tree ? "tree" : "direct";
    }
    throw input_error("interaction method \"" + method + "\" is not available in the whole space (use \"direct\", \"tree\" or \"auto\")");
}

std::unique_ptr<plan> make_plan(const kernel::riesz_kernel& g, std::size_t n, double accuracy,
                                const std::string& method, domain::kind space) {
    const std::string chosen = chosen_method(g, n, accuracy, method, space);
    if (chosen == "ewald") return std::make_unique<ewald_plan>(g, accuracy, n);
    if (chosen == "pme") return std::make_unique<pme_plan>(g, accuracy, n);
    if (chosen == "tree") return std::make_unique<tree_plan>(g, accuracy);
    // The direct sum meets any accuracy down to its rounding level.
    return std::make_unique<direct_plan>(g);
}

}  // namespace mfv::interaction
