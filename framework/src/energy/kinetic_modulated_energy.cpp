#include <mfv/energy/kinetic_modulated_energy.hpp>

#include <stdexcept>
#include <vector>

namespace mfv::energy {

double kinetic_term(const meanfield::reference& mu, points_view x, points_view v, double t) {
    if (v.n != x.n || v.d != x.d) throw std::invalid_argument("kinetic_term: positions and velocities differ in shape");
    const int d = x.d;
    std::vector<double> w(x.n);
#pragma omp parallel for schedule(static)
    for (std::size_t i = 0; i < x.n; ++i) {
        double xi[3], u[3];
        for (int k = 0; k < d; ++k) xi[k] = x(i, k);
        mu.velocity(t, xi, u);
        double r2 = 0.0;
        for (int k = 0; k < d; ++k) r2 += (v(i, k) - u[k]) * (v(i, k) - u[k]);
        w[i] = r2;
    }
    return static_cast<double>(compensated_sum(w.data(), w.size()) / static_cast<long double>(x.n));
}

kinetic_modulated_energy_terms kinetic_modulated_energy(interaction::plan& plan, const meanfield::reference& mu,
                                                        points_view x, points_view v, double t) {
    kinetic_modulated_energy_terms e;
    e.kinetic_term = kinetic_term(mu, x, v, t);
    e.potential = modulated_energy(plan, mu, x, t);
    e.value = static_cast<double>(static_cast<long double>(e.kinetic_term) + e.potential.value);
    return e;
}

}  // namespace mfv::energy
