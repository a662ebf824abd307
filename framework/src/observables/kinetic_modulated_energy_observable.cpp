// The Newton flow's kinetic modulated energy (energy/kinetic_modulated_energy.hpp):
// (1/N) sum_i |v_i - u^t(x_i)|^2 + F_N(X_N^t, mu^t), with its two parts.
#include <mfv/core/error.hpp>
#include <mfv/energy/kinetic_modulated_energy.hpp>
#include <mfv/observables/observable.hpp>

namespace mfv::observables {

observable kinetic_modulated_energy_observable() {
    return {"kinetic_modulated_energy",
            "(1/N) sum_i |v_i - u^t(x_i)|^2 + F_N(X_N^t, mu^t) = kinetic_term + potential_term (Newton flow)",
            {"kinetic_modulated_energy", "kinetic_term", "potential_term"},
            [](const context& c) {
                if (c.v.n != c.x.n) throw input_error("kinetic_modulated_energy needs the particles' velocities (newton flow)");
                const auto e = energy::kinetic_modulated_energy(c.plan, c.reference, c.x, c.v, c.t);
                return std::vector<double>{e.value, e.kinetic_term, e.potential.value};
            }};
}

}  // namespace mfv::observables
