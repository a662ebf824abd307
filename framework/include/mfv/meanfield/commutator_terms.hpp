// The commutator's terms C(x) and D (reference.hpp, reference/commutator.md 1.4) for a
// reference whose velocity is linear on its support, v(y) = a y there (the expanding ball,
// the Barenblatt profiles and the semicircle, with a = Rdot/R = lipschitz_velocity_on_support).
// From z.grad g(z) = -s g(z) (log: -1), int y.grad g(x - y) dmu(y) = x.grad h(x) + s h(x)
// (log: + M) at every x, inside or outside the support, so
//   C(x) = (v(x) - a x).grad h(x) - a s h(x)     (log: ... - a M),
//   D    = -a s E                               (log: -a M^2),   E = iint g dmu dmu.
#pragma once
#include <mfv/meanfield/reference.hpp>

namespace mfv::meanfield {

double linear_support_cross(const reference& mu, double t, const double* x, double a);
double linear_support_self(const reference& mu, double t, double a);

}  // namespace mfv::meanfield
