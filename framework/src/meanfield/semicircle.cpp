#include <mfv/meanfield/semicircle.hpp>

#include <mfv/core/error.hpp>

#include <boost/math/constants/constants.hpp>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace mfv::meanfield {

semicircle::semicircle(double R0) : R0_(R0) {
    if (!(R0 > 0.0 && std::isfinite(R0))) {
        std::ostringstream m;
        m << "semicircle: initial radius R0 = " << R0 << " must be positive and finite";
        throw input_error(m.str());
    }
}

double semicircle::radius(double t) const {
    const double R2 = R0_ * R0_ + 4.0 * M_ * t;
    if (!(R2 > 0.0)) {
        std::ostringstream m;
        m << "semicircle: t = " << t << " is before the law's collapse time " << -R0_ * R0_ / (4.0 * M_);
        throw std::domain_error(m.str());
    }
    return std::sqrt(R2);
}

double semicircle::density(double t, const double* x) const {
    const double R = radius(t), a = std::abs(x[0]);
    if (a >= R) return 0.0;
    const double pi = boost::math::constants::pi<double>();
    return 2.0 * M_ / (pi * R * R) * std::sqrt((R - a) * (R + a));
}

double semicircle::potential(double t, const double* x) const {
    const double R = radius(t), a = std::abs(x[0]);
    const double inside_at_zero = -std::log(0.5 * R) + 0.5;
    if (a <= R) return M_ * (inside_at_zero - (a / R) * (a / R));
    const double root = std::sqrt((a - R) * (a + R));
    const double acosh = std::log1p((a - R + root) / R);
    return M_ * (inside_at_zero - a / (a + root) - acosh);
}

void semicircle::potential_gradient(double t, const double* x, double* grad) const {
    const double R = radius(t), a = std::abs(x[0]);
    if (a <= R) {
        grad[0] = -2.0 * M_ * x[0] / (R * R);
        return;
    }
    const double root = std::sqrt((a - R) * (a + R));
    grad[0] = -2.0 * M_ * std::copysign(1.0, x[0]) / (a + root);
}

void semicircle::velocity(double t, const double* x, double* v) const {
    potential_gradient(t, x, v);
    v[0] = -v[0];
}

double semicircle::self_energy(double t) const {
    return M_ * M_ * (0.25 - std::log(0.5 * radius(t)));
}

double semicircle::second_moment(double t) const {
    const double R = radius(t);
    return 0.25 * M_ * R * R;
}

double semicircle::lipschitz_velocity(double) const { return std::numeric_limits<double>::infinity(); }

double semicircle::lipschitz_velocity_on_support(double t) const {
    const double R = radius(t);
    return 2.0 * M_ / (R * R);
}

}  // namespace mfv::meanfield
