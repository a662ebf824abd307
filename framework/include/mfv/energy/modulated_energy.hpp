// The modulated energy (MATH.md section 0), diagonal excluded, no factor 1/2:
//   F_N(X_N, mu) = iint_{x != y} g(x - y) d(mu_N - mu)(x) d(mu_N - mu)(y)
//               = (1/N^2) sum_{i != j} g(x_i - x_j)      pair term
//                 - (2/N) sum_i h(x_i)                   cross term, h = g * mu
//                 + iint g dmu dmu                       self term.
// F_N is a small difference of large numbers: the pair sum comes from the interaction plan
// (the direct plan adds the per-particle sums in index order with Neumaier compensation in
// double), the cross sum is accumulated in long double with Neumaier compensation, and the
// three terms are added in long double.
#pragma once
#include <mfv/core/points.hpp>
#include <mfv/interaction/plan.hpp>
#include <mfv/meanfield/reference.hpp>

namespace mfv::energy {

struct modulated_energy_terms {
    double pair_term;
    double cross_term;
    double self_term;
    double value;
};

modulated_energy_terms modulated_energy(interaction::plan& plan, const meanfield::reference& mu, points_view x,
                                        double t);

// Neumaier-compensated sum in long double, in index order (deterministic).
long double compensated_sum(const double* v, std::size_t n);

}  // namespace mfv::energy
