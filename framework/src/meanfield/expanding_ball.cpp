#include <mfv/meanfield/expanding_ball.hpp>

#include <mfv/core/error.hpp>
#include <mfv/meanfield/radial.hpp>

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace mfv::meanfield {

expanding_ball::expanding_ball(const kernel::riesz_kernel& g, double R0) : g_(g), R0_(R0) {
    if (!(g.is_coulomb() && g.d() >= 2)) {
        throw input_error("expanding_ball: the uniform ball is an exact solution only for the Coulomb "
                          "kernel in d = 2 (s = 0) or d = 3 (s = 1), not for " + g.describe());
    }
    if (!(R0 > 0.0 && std::isfinite(R0))) {
        std::ostringstream m;
        m << "expanding_ball: initial radius R0 = " << R0 << " must be positive and finite";
        throw input_error(m.str());
    }
}

// MATH.md section 2: R(t)^d = R0^d + d M t.
double expanding_ball::radius(double t) const {
    const int d = g_.d();
    const double Rd = std::pow(R0_, d) + d * M_ * t;
    if (!(Rd > 0.0)) {
        std::ostringstream m;
        m << "expanding_ball: t = " << t << " is before the ball's collapse time " << -std::pow(R0_, d) / (d * M_);
        throw std::domain_error(m.str());
    }
    return std::pow(Rd, 1.0 / d);
}

double expanding_ball::density(double t, const double* x) const {
    return ball(t).density(radial::radius(x, g_.d()));
}

double expanding_ball::potential(double t, const double* x) const {
    return ball(t).potential(radial::radius(x, g_.d()));
}

void expanding_ball::potential_gradient(double t, const double* x, double* grad) const {
    const double c = ball(t).potential_gradient_factor(radial::radius(x, g_.d()));
    radial::scaled(x, g_.d(), c, grad);
}

double expanding_ball::self_energy(double t) const { return ball(t).self_energy(); }

// v = -grad h: M x / R^d inside, M x / |x|^d outside.
void expanding_ball::velocity(double t, const double* x, double* v) const {
    const double c = ball(t).potential_gradient_factor(radial::radius(x, g_.d()));
    radial::scaled(x, g_.d(), -c, v);
}

double expanding_ball::lipschitz_velocity(double t) const {
    const int d = g_.d();
    return (d - 1) * M_ / std::pow(radius(t), d);
}

double expanding_ball::lipschitz_velocity_on_support(double t) const {
    return M_ / std::pow(radius(t), g_.d());
}

}  // namespace mfv::meanfield
