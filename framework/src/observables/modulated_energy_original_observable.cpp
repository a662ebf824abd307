// A self-similar run's F_N mapped back to the original frame (meanfield/self_similar_view.hpp):
// at tau, t = e^tau - 1, lambda = e^(tau/2), x_i = lambda xi_i,
//   F_N(X^t, mu^t) = lambda^(-s) F_N(Xi^tau, nu^tau)   (Riesz),   F_N(Xi^tau, nu^tau) + (log lambda) / N   (log).
#include <mfv/core/error.hpp>
#include <mfv/energy/modulated_energy.hpp>
#include <mfv/meanfield/self_similar_view.hpp>
#include <mfv/observables/observable.hpp>

namespace mfv::observables {

observable modulated_energy_original_observable() {
    return {"modulated_energy_original",
            "F_N(X^t, mu^t) in the original frame, t = e^tau - 1, from the self-similar run's F_N(Xi^tau, nu^tau)",
            {"modulated_energy_original", "original_time"},
            [](const context& c) {
                if (!c.self_similar) throw input_error("modulated_energy_original needs a study in self-similar variables");
                const double f = energy::modulated_energy(c.plan, c.reference, c.x, c.t).value;
                return std::vector<double>{meanfield::original_frame_energy(f, c.t, c.plan.kernel().s(), c.x.n, c.reference.mass()),
                                           meanfield::self_similar_view::original_time(c.t)};
            }};
}

}  // namespace mfv::observables
