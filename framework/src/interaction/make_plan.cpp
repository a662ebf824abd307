#include <mfv/core/error.hpp>
#include <mfv/interaction/direct.hpp>
#include <mfv/interaction/ewald.hpp>
#include <mfv/interaction/pme.hpp>

namespace mfv::interaction {

std::unique_ptr<plan> make_plan(const kernel::riesz_kernel& g, std::size_t n, double accuracy,
                                const std::string& method, domain::kind space) {
    if (space == domain::kind::torus) {
        if (method == "ewald") return std::make_unique<ewald_plan>(g, accuracy, n);
        if (method == "pme" || method == "auto") return std::make_unique<pme_plan>(g, accuracy, n);
        throw input_error("interaction method \"" + method + "\" is not available on the torus (use \"ewald\", \"pme\" or \"auto\")");
    }
    if (method == "direct" || method == "auto") {
        // The direct sum meets any accuracy down to its rounding level.
        (void)accuracy;
        return std::make_unique<direct_plan>(g);
    }
    throw input_error("interaction method \"" + method + "\" is not available in the whole space (use \"direct\" or \"auto\")");
}

}  // namespace mfv::interaction
