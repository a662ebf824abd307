#include <mfv/energy/commutator.hpp>

#include <mfv/energy/modulated_energy.hpp>

#include <stdexcept>
#include <vector>

namespace mfv::energy {

commutator_terms commutator(interaction::plan& plan, const meanfield::reference& mu, points_view x, double t,
                            const vector_field& v, const std::function<double(const double*)>& C, double D) {
    const std::size_t n = x.n;
    const int d = x.d;
    std::vector<double> G(static_cast<std::size_t>(d) * n);
    plan.gradients(x, G);
    const double inv_n = 1.0 / static_cast<double>(n);
    std::vector<double> t1(n), cross(n), diss(n);
#pragma omp parallel for schedule(static)
    for (std::size_t i = 0; i < n; ++i) {
        double xi[3], vi[3], gh[3];
        for (int k = 0; k < d; ++k) xi[k] = x(i, k);
        v(xi, vi);
        mu.potential_gradient(t, xi, gh);
        double dot = 0.0, d2 = 0.0;
        for (int k = 0; k < d; ++k) {
            const double f = G[static_cast<std::size_t>(k) * n + i] * inv_n;
            dot += vi[k] * f;
            d2 += (f - gh[k]) * (f - gh[k]);
        }
        t1[i] = dot;
        cross[i] = C(xi);
        diss[i] = d2;
    }
    const long double N = static_cast<long double>(n);
    const long double pair = 2.0L * compensated_sum(t1.data(), n) / N;
    const long double cr = -2.0L * compensated_sum(cross.data(), n) / N;
    const long double self = D;
    return {static_cast<double>(pair), static_cast<double>(cr), static_cast<double>(self),
            static_cast<double>(pair + cr + self), static_cast<double>(2.0L * compensated_sum(diss.data(), n) / N)};
}

commutator_terms commutator(interaction::plan& plan, const meanfield::reference& mu, points_view x, double t) {
    if (!mu.has_commutator_terms())
        throw std::logic_error("the commutator needs the reference's C and D in closed form; " + mu.name() + " has none");
    return commutator(
        plan, mu, x, t, [&](const double* xi, double* vi) { mu.transport_velocity(t, xi, vi); },
        [&](const double* xi) { return mu.commutator_cross(t, xi); }, mu.commutator_self(t));
}

}  // namespace mfv::energy
