// min_{i != j} |x_i - x_j|: how close the flow brings two particles (collision watch).
#include <mfv/interaction/direct.hpp>
#include <mfv/observables/observable.hpp>

namespace mfv::observables {

observable min_distance_observable() {
    return {"min_distance", "min over i != j of |x_i - x_j|", {"min_distance"},
            [](const context& c) { return std::vector<double>{interaction::min_pair_distance(c.x)}; }};
}

}  // namespace mfv::observables
