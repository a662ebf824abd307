// min_{i != j} |x_i - x_j|: how close the flow brings two particles (collision watch).
#include <mfv/flow/guards.hpp>
#include <mfv/observables/observable.hpp>

namespace mfv::observables {

observable min_distance_observable() {
    return {"min_distance", "min over i != j of |x_i - x_j|", {"min_distance"},
            [](const context& c) { return std::vector<double>{flow::find_closest_pair(c.x).distance}; }};
}

}  // namespace mfv::observables
