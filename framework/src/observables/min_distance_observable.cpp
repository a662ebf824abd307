// min_{i != j} |x_i - x_j|: how close the flow brings two particles (collision watch); on
// the torus the distance is the minimum-image one.
#include <mfv/domain/torus_distance.hpp>
#include <mfv/interaction/direct.hpp>
#include <mfv/observables/observable.hpp>

namespace mfv::observables {

observable min_distance_observable() {
    return {"min_distance", "min over i != j of |x_i - x_j| (minimum image on the torus)", {"min_distance"},
            [](const context& c) {
                if (c.space == domain::kind::torus) return std::vector<double>{domain::closest_pair_on_torus(c.x).distance};
                return std::vector<double>{interaction::min_pair_distance(c.x)};
            }};
}

}  // namespace mfv::observables
