// H_N(X_N) / N^2 = (1/(2 N^2)) sum_{i != j} g(x_i - x_j) (MATH.md section 0): in the original
// frame it decreases along the gradient flow, conserved by the conservative flow without noise.
#include <mfv/observables/observable.hpp>

namespace mfv::observables {

observable hamiltonian_observable() {
    return {"hamiltonian", "H_N / N^2 = (1/(2 N^2)) sum_{i != j} g(x_i - x_j)", {"hamiltonian"},
            [](const context& c) {
                const double n = static_cast<double>(c.x.n);
                return std::vector<double>{0.5 * c.plan.pair_energy(c.x) / (n * n)};
            }};
}

}  // namespace mfv::observables
