#include <mfv/meanfield/lamb_oseen.hpp>

#include <mfv/core/error.hpp>
#include <mfv/meanfield/radial.hpp>

#include <boost/math/constants/constants.hpp>
#include <boost/math/special_functions/expint.hpp>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace mfv::meanfield {

namespace {

// Ein(z) = sum_{k>=1} (-1)^(k+1) z^k / (k k!) for 0 <= z < 1 (terms fall faster than 1/k!).
double ein(double z) {
    double sum = 0.0, power = 1.0;
    for (int k = 1; k < 40; ++k) {
        power *= -z / k;
        const double term = -power / k;
        sum += term;
        if (std::abs(term) <= 1e-17 * std::abs(sum)) break;
    }
    return sum;
}

}  // namespace

lamb_oseen::lamb_oseen(double sigma0, double theta) : sigma0_(sigma0), theta_(theta) {
    std::ostringstream m;
    if (!(sigma0 > 0.0 && std::isfinite(sigma0))) {
        m << "lamb_oseen: initial sigma0 = " << sigma0 << " must be positive and finite";
        throw input_error(m.str());
    }
    if (!(theta >= 0.0 && std::isfinite(theta))) {
        m << "lamb_oseen: noise theta = " << theta << " must be >= 0 and finite";
        throw input_error(m.str());
    }
}

double lamb_oseen::variance(double t) const {
    const double v = sigma0_ * sigma0_ + theta_ * t;
    if (!(v > 0.0)) {
        std::ostringstream m;
        m << "lamb_oseen: t = " << t << " is before the vortex's point-vortex time "
          << -sigma0_ * sigma0_ / theta_;
        throw std::domain_error(m.str());
    }
    return v;
}

double lamb_oseen::density(double t, const double* x) const {
    const double pi = boost::math::constants::pi<double>();
    const double s2 = variance(t);
    return M_ / (2.0 * pi * s2) * std::exp(-radial::radius_squared(x, 2) / (2.0 * s2));
}

double lamb_oseen::potential(double t, const double* x) const {
    const double gamma = boost::math::constants::euler<double>();
    const double s2 = variance(t);
    const double r2 = radial::radius_squared(x, 2);
    const double z = r2 / (2.0 * s2);
    if (z < 1.0) return -M_ * 0.5 * (std::log(2.0 * s2) - gamma + ein(z));
    return -M_ * (0.5 * std::log(r2) + 0.5 * boost::math::expint(1, z));
}

double lamb_oseen::gradient_factor(double t, const double* x) const {
    const double s2 = variance(t);
    const double z = radial::radius_squared(x, 2) / (2.0 * s2);
    const double f = z > 0.0 ? -std::expm1(-z) / z : 1.0;
    return -M_ * f / (2.0 * s2);
}

void lamb_oseen::potential_gradient(double t, const double* x, double* grad) const {
    radial::scaled(x, 2, gradient_factor(t, x), grad);
}

// u = -J grad h = -c J x for grad h = c x.
void lamb_oseen::velocity(double t, const double* x, double* v) const {
    radial::rotated(x, -gradient_factor(t, x), v);
}

double lamb_oseen::self_energy(double t) const {
    const double gamma = boost::math::constants::euler<double>();
    return M_ * M_ * (-0.5 * std::log(4.0 * variance(t)) + 0.5 * gamma);
}

double lamb_oseen::lipschitz_velocity(double t) const { return M_ / (2.0 * variance(t)); }

double lamb_oseen::support_radius(double) const { return std::numeric_limits<double>::infinity(); }

void lamb_oseen::transport_velocity(double t, const double* x, double* v) const {
    velocity(t, x, v);
    const double alpha = theta_ / (2.0 * variance(t));
    v[0] += alpha * x[0];
    v[1] += alpha * x[1];
}

double lamb_oseen::commutator_cross(double t, const double*) const { return -theta_ / (2.0 * variance(t)) * M_; }

double lamb_oseen::commutator_self(double t) const { return -theta_ / (2.0 * variance(t)) * M_ * M_; }

}  // namespace mfv::meanfield
