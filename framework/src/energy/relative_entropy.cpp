#include <mfv/energy/relative_entropy.hpp>

#include <mfv/domain/knn_distance.hpp>
#include <mfv/energy/modulated_energy.hpp>

#include <boost/math/constants/constants.hpp>
#include <boost/math/special_functions/digamma.hpp>

#include <array>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace mfv::energy {

namespace {

// log V_d, V_d = pi^(d/2) / Gamma(d/2 + 1): 2, pi, 4 pi/3.
double log_unit_ball_volume(int d) {
    const double pi = boost::math::constants::pi<double>();
    return d == 1 ? std::log(2.0) : d == 2 ? std::log(pi) : std::log(4.0 * pi / 3.0);
}

// The point at distance 0 from x_i, for the error message.
std::size_t coincident_with(points_view x, std::size_t i, domain::kind where) {
    for (std::size_t j = 0; j < x.n; ++j) {
        if (j == i) continue;
        bool same = true;
        for (int a = 0; a < x.d && same; ++a) {
            const double t = x(i, a) - x(j, a);
            same = (where == domain::kind::torus ? domain::minimum_image(t) : t) == 0.0;
        }
        if (same) return j;
    }
    return i;
}

}  // namespace

double knn_entropy(points_view x, domain::kind where, int k) {
    const std::vector<double> eps = domain::kth_neighbour_distances(x, where, k);
    std::vector<double> log_eps(x.n);
    for (std::size_t i = 0; i < x.n; ++i) {
        if (!(eps[i] > 0.0)) {
            throw std::domain_error("k-NN entropy: points " + std::to_string(i) + " and " +
                                    std::to_string(coincident_with(x, i, where)) +
                                    " coincide (a k-th neighbour distance is 0)");
        }
        log_eps[i] = std::log(eps[i]);
    }
    const double n = static_cast<double>(x.n);
    const long double sum = compensated_sum(log_eps.data(), x.n);
    return boost::math::digamma(n) - boost::math::digamma(double(k)) + log_unit_ball_volume(x.d) +
           static_cast<double>(x.d * sum / x.n);
}

relative_entropy_terms relative_entropy(points_view x, const std::function<double(std::span<const double>)>& log_mu,
                                        domain::kind where, int k) {
    relative_entropy_terms t;
    t.entropy = knn_entropy(x, where, k);
    std::vector<double> log_ref(x.n);
#pragma omp parallel for schedule(static)
    for (std::size_t i = 0; i < x.n; ++i) {
        std::array<double, 3> p{};
        for (int a = 0; a < x.d; ++a) p[a] = x(i, a);
        log_ref[i] = log_mu(std::span<const double>(p.data(), static_cast<std::size_t>(x.d)));
    }
    for (std::size_t i = 0; i < x.n; ++i) {
        if (!std::isfinite(log_ref[i])) {
            throw std::domain_error("relative entropy: log mu(x_" + std::to_string(i) + ") = " +
                                    std::to_string(log_ref[i]) + " is not finite");
        }
    }
    t.mean_log_reference = static_cast<double>(compensated_sum(log_ref.data(), x.n) / x.n);
    t.value = -t.entropy - t.mean_log_reference;
    return t;
}

}  // namespace mfv::energy
