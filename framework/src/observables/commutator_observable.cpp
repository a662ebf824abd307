// The commutator K(u) of MATH.md section 8 for the reference's transport velocity u
// (energy/commutator.hpp, reference/commutator.md), with its terms, the dissipation of the
// gradient flow, and the a-priori rate ||Du^t||_inf on the support of mu^t, so that a
// harness can form |K| / (||Du||_inf (F_N + C r(N))).
#include <mfv/energy/commutator.hpp>
#include <mfv/observables/observable.hpp>

namespace mfv::observables {

observable commutator_observable() {
    return {"commutator",
            "K(u) = iint_{x != y} (u(x) - u(y)).grad g(x - y) d(mu_N - mu)^2 for the reference's velocity u "
            "(MATH.md section 8, reference/commutator.md), its terms, the dissipation (2/N) sum |F_i - grad h|^2 "
            "and lipschitz_velocity_on_support = ||Du^t||_inf over the support of mu^t (K depends on u only there and "
            "at the particles; the sup over all x is infinite for the Barenblatt profiles and the semicircle)",
            {"commutator", "commutator_pair_term", "commutator_cross_term", "commutator_self_term", "dissipation",
             "lipschitz_velocity_on_support"},
            [](const context& c) {
                const auto k = energy::commutator(c.plan, c.reference, c.x, c.t);
                return std::vector<double>{k.value,     k.pair_term,   k.cross_term,
                                           k.self_term, k.dissipation,
                                           c.reference.lipschitz_velocity_on_support(c.t)};
            }};
}

}  // namespace mfv::observables
