// F_N(X_N^t, mu^t) and its three terms (MATH.md section 0), with its sign.
#include <mfv/energy/modulated_energy.hpp>
#include <mfv/observables/observable.hpp>

namespace mfv::observables {

observable modulated_energy_observable() {
    return {"modulated_energy",
            "F_N(X_N^t, mu^t) = pair_term + cross_term + self_term (MATH.md section 0)",
            {"modulated_energy", "pair_term", "cross_term", "self_term"},
            [](const context& c) {
                const auto f = energy::modulated_energy(c.plan, c.reference, c.x, c.t);
                return std::vector<double>{f.value, f.pair_term, f.cross_term, f.self_term};
            }};
}

}  // namespace mfv::observables
