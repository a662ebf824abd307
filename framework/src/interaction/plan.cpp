// The default of plan::evaluate_at (plan.hpp): evaluators without it say so.
#include <mfv/interaction/plan.hpp>

#include <stdexcept>

namespace mfv::interaction {

void plan::evaluate_at(points_view, std::span<const double>, points_view, std::span<double>, std::span<double>) {
    throw std::logic_error("interaction method \"" + method() +
                           "\" does not evaluate at other points (the whole-space \"direct\" and \"tree\" do)");
}

}  // namespace mfv::interaction
