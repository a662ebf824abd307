#include <mfv/meanfield/newton_ball.hpp>

#include <mfv/core/error.hpp>
#include <mfv/meanfield/radial.hpp>

#include <boost/math/quadrature/tanh_sinh.hpp>
#include <boost/math/tools/roots.hpp>

#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace mfv::meanfield {

newton_ball::newton_ball(const kernel::riesz_kernel& g, double R0, double a) : g_(g), R0_(R0), a_(a) {
    if (!(g.is_coulomb() && (g.d() == 2 || g.d() == 3)))
        throw input_error("newton_ball: the uniform ball is an exact Newton solution only for the Coulomb kernel in "
                          "d = 2 (s = 0) or d = 3 (s = 1), not for " + g.describe());
    if (!(R0 > 0.0 && std::isfinite(R0)) || !std::isfinite(a)) {
        std::ostringstream m;
        m << "newton_ball: R0 = " << R0 << " must be positive and a = " << a << " finite";
        throw input_error(m.str());
    }
    const double v0 = a * R0;
    // R_min: where R'^2 = 0 on the contracting branch (a < 0); R0 otherwise.
    if (a < 0.0) {
        R_min_ = g.d() == 3 ? 1.0 / (1.0 / R0 + v0 * v0 / (2.0 * M_)) : R0 * std::exp(-v0 * v0 / (2.0 * M_));
        t_turn_ = time_from_min(R0);
    } else {
        R_min_ = R0;
    }
}

// First integral: R'^2 = R'(0)^2 + 2 M (1/R0 - 1/R) (d = 3), + 2 M log(R/R0) (d = 2).
double newton_ball::rate2(double R) const {
    const double v0 = a_ * R0_;
    const double gain = g_.d() == 3 ? 2.0 * M_ * (1.0 / R0_ - 1.0 / R) : 2.0 * M_ * std::log(R / R0_);
    return v0 * v0 + gain;
}

// int_{R_min}^{R} dr / sqrt(R'^2(r)): at a turning point (a <= 0) R'^2 vanishes linearly at
// R_min, an integrable 1/sqrt singularity that tanh-sinh handles.
double newton_ball::time_from_min(double R) const {
    if (R <= R_min_) return 0.0;
    // R'^2 at r = R_min + delta, with delta taken from tanh-sinh's endpoint distance near
    // R_min so that it keeps its relative accuracy (R'^2 vanishes there when a <= 0):
    //   d = 3: v^2 + 2 M delta / (R_min r),   d = 2: v^2 + 2 M log1p(delta / R_min),
    // v = R'(0) when the motion starts expanding (R_min = R0), 0 at a turning point.
    const double v2 = a_ < 0.0 ? 0.0 : a_ * R0_ * a_ * R0_;
    const auto f = [&](double r, double rc) {
        const double delta = rc < 0.0 ? -rc : r - R_min_;
        const double q = v2 + (g_.d() == 3 ? 2.0 * M_ * delta / (R_min_ * r) : 2.0 * M_ * std::log1p(delta / R_min_));
        return 1.0 / std::sqrt(q);
    };
    boost::math::quadrature::tanh_sinh<double> integrator;
    return integrator.integrate(f, R_min_, R, 1e-15);
}

double newton_ball::radius(double t) const {
    // The observables ask for R at one time for every particle: the last answer is kept per
    // thread (the same R for the same (ball, t), so the results do not depend on threads).
    // Keyed by an id unique to each constructed ball (an address could be reused).
    thread_local std::uint64_t owner = 0;
    thread_local double last_t = 0.0, last_R = 0.0;
    if (owner == id_ && last_t == t) return last_R;
    last_R = solve_radius(t);
    owner = id_;
    last_t = t;
    return last_R;
}

double newton_ball::solve_radius(double t) const {
    if (!(t >= 0.0) || !std::isfinite(t)) {
        std::ostringstream m;
        m << "newton_ball: t = " << t << " must be >= 0 and finite";
        throw std::domain_error(m.str());
    }
    // Time measured from R_min along the expanding branch.
    const double s = a_ < 0.0 ? std::abs(t - t_turn_) : t;
    // a >= 0: s = t, and R(0) = R0 = R_min. a < 0: the contracting branch is the mirror image
    // of the expanding one about t_turn.
    if (s == 0.0) return R_min_;
    // Bracket: R grows at least like R_min + (1/2) R''(R_min) s^2 ... and at most like the
    // free motion with the largest speed reached; double the upper end until t(R) > s.
    double hi = R_min_ * 2.0;
    while (time_from_min(hi) < s) hi *= 2.0;
    std::uintmax_t iterations = 200;
    const auto [lo_r, hi_r] = boost::math::tools::toms748_solve(
        [&](double R) { return time_from_min(R) - s; }, R_min_, hi, -s, time_from_min(hi) - s,
        boost::math::tools::eps_tolerance<double>(45), iterations);
    return 0.5 * (lo_r + hi_r);
}

double newton_ball::radius_rate(double t) const {
    const double R = radius(t);
    const double r2 = std::max(0.0, rate2(R));
    const bool contracting = a_ < 0.0 && t < t_turn_;
    return contracting ? -std::sqrt(r2) : std::sqrt(r2);
}

double newton_ball::density(double t, const double* x) const { return ball(t).density(radial::radius(x, g_.d())); }

double newton_ball::potential(double t, const double* x) const { return ball(t).potential(radial::radius(x, g_.d())); }

void newton_ball::potential_gradient(double t, const double* x, double* grad) const {
    radial::scaled(x, g_.d(), ball(t).potential_gradient_factor(radial::radius(x, g_.d())), grad);
}

double newton_ball::self_energy(double t) const { return ball(t).self_energy(); }

void newton_ball::velocity(double t, const double* x, double* v) const {
    radial::scaled(x, g_.d(), radius_rate(t) / radius(t), v);
}

}  // namespace mfv::meanfield
