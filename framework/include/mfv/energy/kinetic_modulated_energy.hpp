// The kinetic modulated energy of the Newton flow (issue 7; the modulated energy method for
// the pressureless Euler-Riesz limit):
//   E_N(t) = (1/N) sum_i |v_i - u^t(x_i)|^2 + F_N(X_N^t, mu^t),
// with (mu^t, u^t) the monokinetic mean-field solution (its density and velocity come from
// the reference: mu.velocity() is the fluid velocity u^t for the Newton references).
// The kinetic term is accumulated in long double with Neumaier compensation in index order;
// F_N as in modulated_energy.hpp.
#pragma once
#include <mfv/energy/modulated_energy.hpp>

namespace mfv::energy {

struct kinetic_modulated_energy_terms {
    double kinetic_term;
    modulated_energy_terms potential;
    double value;
};

// (1/N) sum_i |v_i - u^t(x_i)|^2; v has the layout of x.
double kinetic_term(const meanfield::reference& mu, points_view x, points_view v, double t);

kinetic_modulated_energy_terms kinetic_modulated_energy(interaction::plan& plan, const meanfield::reference& mu,
                                                        points_view x, points_view v, double t);

}  // namespace mfv::energy
