#include <mfv/core/error.hpp>
#include <mfv/interaction/direct.hpp>

namespace mfv::interaction {

std::unique_ptr<plan> make_plan(const kernel::riesz_kernel& g, std::size_t /*n*/, double accuracy,
                                const std::string& method) {
    if (method == "direct" || method == "auto") {
        // The direct sum meets any accuracy down to its rounding level.
        (void)accuracy;
        return std::make_unique<direct_plan>(g);
    }
    throw input_error("interaction method \"" + method + "\" is not available (use \"direct\" or \"auto\")");
}

}  // namespace mfv::interaction
