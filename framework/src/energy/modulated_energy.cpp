#include <mfv/energy/modulated_energy.hpp>

#include <cmath>
#include <vector>

namespace mfv::energy {

long double compensated_sum(const double* v, std::size_t n) {
    long double sum = 0.0L, c = 0.0L;
    for (std::size_t i = 0; i < n; ++i) {
        const long double y = v[i];
        const long double t = sum + y;
        if (std::fabs(sum) >= std::fabs(y)) c += (sum - t) + y;
        else c += (y - t) + sum;
        sum = t;
    }
    return sum + c;
}

modulated_energy_terms modulated_energy(interaction::plan& plan, const meanfield::reference& mu, points_view x,
                                        double t) {
    const long double n = static_cast<long double>(x.n);
    const long double pair = static_cast<long double>(plan.pair_energy(x)) / (n * n);
    std::vector<double> h(x.n);
    mu.potentials(t, x, h);
    const long double cross = -2.0L * compensated_sum(h.data(), h.size()) / n;
    const long double self = mu.self_energy(t);
    return {static_cast<double>(pair), static_cast<double>(cross), static_cast<double>(self),
            static_cast<double>(pair + cross + self)};
}

}  // namespace mfv::energy
