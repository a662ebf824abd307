// The commutator of the modulated-energy method (MATH.md section 8; reference/commutator.md):
//   K(v) = iint_{x != y} (v(x) - v(y)).grad g(x - y) d(mu_N - mu)(x) d(mu_N - mu)(y)
//        = T1 - (2/N) sum_i C(x_i) + D                                   (commutator.md 1.1)
//   T1   = (1/N^2) sum_{i != j} (v(x_i) - v(x_j)).grad g(x_i - x_j) = (2/N) sum_i v(x_i).F_i,
//          F_i = (1/N) sum_{j != i} grad g(x_i - x_j)       (the interaction plan's gradients)
//   C(x) = int (v(x) - v(y)).grad g(x - y) dmu(y),   D = iint (v(x) - v(y)).grad g dmu dmu.
// With v = the reference's transport velocity u_theta = u - (theta/2) grad log mu, C and D come
// from the reference (reference::commutator_cross, commutator_self: closed forms, or the
// spectral solver's d_t h on the torus), and along the particle flow without noise
//   gradient:      dF_N/dt = -(2/N) sum_i |F_i - grad h(x_i)|^2 + K(u),
//   conservative:  dF_N/dt = K(u)                                        (commutator.md 1.3),
// the first sum being reported as `dissipation`. Like F_N, K is a small difference of O(1)
// terms: T1 and the cross sum are accumulated in long double with Neumaier compensation.
#pragma once
#include <mfv/core/points.hpp>
#include <mfv/interaction/plan.hpp>
#include <mfv/meanfield/reference.hpp>

#include <functional>

namespace mfv::energy {

struct commutator_terms {
    double pair_term;    // T1
    double cross_term;   // -(2/N) sum_i C(x_i)
    double self_term;    // D
    double value;        // K
    double dissipation;  // (2/N) sum_i |F_i - grad h(x_i)|^2
};

// v = mu.transport_velocity(t, .); throws std::logic_error when the reference has no closed form of
// C and D (reference::has_commutator_terms).
commutator_terms commutator(interaction::plan& plan, const meanfield::reference& mu, points_view x, double t);

// Any field v with its C and D (e.g. v = a x everywhere: C = -a s h, D = -a s E; MATH.md 8).
using vector_field = std::function<void(const double* x, double* v)>;
commutator_terms commutator(interaction::plan& plan, const meanfield::reference& mu, points_view x, double t,
                            const vector_field& v, const std::function<double(const double*)>& C, double D);

}  // namespace mfv::energy
