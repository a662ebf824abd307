#include <mfv/interaction/periodic_plan.hpp>

#include <mfv/interaction/ewald_split.hpp>

namespace mfv::interaction {

double periodic_plan::regular_part_at_zero() const { return interaction::regular_part_at_zero(kernel()); }

}  // namespace mfv::interaction
