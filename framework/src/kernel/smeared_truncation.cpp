#include <mfv/kernel/smeared_truncation.hpp>

#include <mfv/core/error.hpp>

#include <boost/math/constants/constants.hpp>
#include <boost/math/quadrature/gauss_kronrod.hpp>

#include <algorithm>
#include <cmath>

namespace mfv::kernel {

namespace {
constexpr double pi = boost::math::constants::pi<double>();
}

smeared_coulomb::smeared_coulomb(const riesz_kernel& g, double eta) : g_(g), eta_(eta) {
    if (!g.is_coulomb() || (g.d() != 2 && g.d() != 3))
        throw input_error("smeared_coulomb: the smeared-charge truncation is for the Coulomb kernel in d = 2 (log) "
                          "and d = 3 (here d = " + std::to_string(g.d()) + ", s = " + std::to_string(g.s()) + ")");
    if (!(eta > 0.0) || !std::isfinite(eta))
        throw input_error("smeared_coulomb: eta = " + std::to_string(eta) + " must be a finite number > 0");
}

double smeared_coulomb::one_sided(double r) const { return g_.value_r2(std::max(r, eta_) * std::max(r, eta_)); }

double smeared_coulomb::value(double r) const {
    const double eta = eta_;
    if (r >= 2.0 * eta) return g_.value_r2(r * r);
    if (g_.d() == 3) {
        if (r < 1e-12 * eta) return 1.0 / eta;  // the limit z -> 0: g(eta)
        const double l = std::abs(r - eta);
        const double b = std::clamp(eta, l, r + eta);
        return ((b * b - l * l) / (2.0 * eta) + (r + eta - b)) / (2.0 * r * eta);
    }
    // d = 2: (1/pi) int_0^pi -log max(rho(theta), eta) dtheta, rho^2 = r^2 + eta^2 + 2 r eta cos theta.
    // rho(theta) = eta where cos theta = -r / (2 eta): split there.
    const auto f = [&](double th) {
        const double rho = std::sqrt(std::max(0.0, r * r + eta * eta + 2.0 * r * eta * std::cos(th)));
        return -std::log(std::max(rho, eta));
    };
    const double kink = std::acos(std::clamp(-r / (2.0 * eta), -1.0, 1.0));
    using boost::math::quadrature::gauss_kronrod;
    double sum = 0.0;
    if (kink > 0.0) sum += gauss_kronrod<double, 31>::integrate(f, 0.0, kink, 15, 1e-14);
    if (kink < pi) sum += gauss_kronrod<double, 31>::integrate(f, kink, pi, 15, 1e-14);
    return sum / pi;
}

double smeared_coulomb::difference(double r) const {
    if (r >= 2.0 * eta_) return 0.0;
    return g_.value_r2(r * r) - value(r);
}

}  // namespace mfv::kernel
