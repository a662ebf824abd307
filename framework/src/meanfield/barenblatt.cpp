#include <mfv/meanfield/barenblatt.hpp>

#include <mfv/core/error.hpp>
#include <mfv/meanfield/radial.hpp>

#include <boost/math/constants/constants.hpp>
#include <boost/math/quadrature/tanh_sinh.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace mfv::meanfield {

namespace {

using boost::math::tgamma;

// Relative tolerance of the outside quadrature; tanh-sinh stops when two successive levels
// agree to it, and its doubly exponential convergence leaves the result well below it.
constexpr double quadrature_tolerance = 1e-13;

// One integrator shared by all threads (reference::potentials runs in parallel). Boost 1.74
// builds the abscissa rows beyond the 8th lazily, and publishes a row's index before its
// contents, so a thread could read a row another is still writing; integrating a step
// function to tolerance 0 builds every row once, inside the thread-safe static
// initialisation, after which the tables are only read. Not const: Boost 1.74 declares the
// two-argument integrate() without const.
boost::math::quadrature::tanh_sinh<double>& quadrature() {
    static boost::math::quadrature::tanh_sinh<double> q = [] {
        boost::math::quadrature::tanh_sinh<double> all_rows;
        all_rows.integrate([](double x) { return x < 0.3 ? 0.0 : 1.0; }, 0.0, 1.0, 0.0);
        return all_rows;
    }();
    return q;
}

// Euler's integrals of the header, for 0 <= z <= 1 given with its complement omz = 1 - z
// (computed as (r^2 - R^2)/r^2 by the caller, so that it keeps its digits near the edge).
// The integrand is evaluated from u and omu = 1 - u, both to full relative precision, so
// that 1 - u^p = -expm1(p log1p(-omu)) has no cancellation near u = 1.
struct euler_integrand {
    double p, beta, z, omz;
    int derivative;

    double operator()(double u, double omu) const {
        const double lu = omu < 0.5 ? std::log1p(-omu) : std::log(u);
        const double up = std::exp(p * lu);
        const double one_minus_up = -std::expm1(p * lu);
        const double q = omz + z * one_minus_up;
        if (derivative == 0) return one_minus_up * std::pow(q, -beta);
        return one_minus_up * up * std::pow(q, -beta - 1.0);
    }
};

// int_0^1 f(u) du by tanh-sinh. The integrand receives x and xc, the distance to the nearer
// endpoint (-x on the left half, 1 - x on the right half), from which 1 - x is formed
// without cancellation. meanfield_barenblatt_test holds the result to direct quadrature of
// g*mu and to the inside formula at the edge.
double euler_integral(double s, double beta, double z, double omz, int derivative) {
    const euler_integrand f{2.0 / s, beta, z, omz, derivative};
    auto g = [&](double x, double xc) { return f(x, xc > 0.0 ? xc : 1.0 - x); };
    return quadrature().integrate(g, 0.0, 1.0, quadrature_tolerance);
}

}  // namespace

barenblatt::barenblatt(const kernel::riesz_kernel& g, double R0) : g_(g), R0_(R0) {
    const double d = g.d(), s = g.s();
    if (!(s > 0.0 && s >= d - 2.0)) {
        throw input_error("barenblatt: the Barenblatt profile is an exact solution only for s > 0 and "
                          "d-2 <= s < d (MATH.md section 3), not for " + g.describe());
    }
    if (!(R0 > 0.0 && std::isfinite(R0))) {
        std::ostringstream m;
        m << "barenblatt: initial radius R0 = " << R0 << " must be positive and finite";
        throw input_error(m.str());
    }
    // MATH.md section 3.
    const double pi = boost::math::constants::pi<double>();
    beta_ = (s - d + 2.0) / 2.0;
    m_beta_ = std::pow(pi, d / 2.0) * tgamma(beta_ + 1.0) / tgamma(beta_ + 1.0 + d / 2.0);
    K_ = std::pow(pi, d / 2.0) * tgamma((d - s) / 2.0) * tgamma((s - d + 4.0) / 2.0) / (s * tgamma(d / 2.0));
    kappa_ = (2.0 * (s + 2.0) / d) * tgamma((d - s) / 2.0) * tgamma(s / 2.0 + 2.0) / tgamma(d / 2.0);
}

double barenblatt::radius(double t) const {
    const double s = g_.s();
    const double Rs2 = std::pow(R0_, s + 2.0) + kappa_ * M_ * t;
    if (!(Rs2 > 0.0)) {
        std::ostringstream m;
        m << "barenblatt: t = " << t << " is before the profile's collapse time "
          << -std::pow(R0_, s + 2.0) / (kappa_ * M_);
        throw std::domain_error(m.str());
    }
    return std::pow(Rs2, 1.0 / (s + 2.0));
}

double barenblatt::amplitude(double t) const {
    return M_ / (m_beta_ * std::pow(radius(t), g_.s() + 2.0));
}

double barenblatt::density(double t, const double* x) const {
    const double R = radius(t);
    const double r2 = radial::radius_squared(x, g_.d());
    if (r2 > R * R) return 0.0;
    return amplitude(t) * std::pow(R * R - r2, beta_);
}

double barenblatt::potential_r(double t, double r) const {
    const double R = radius(t), s = g_.s(), d = g_.d();
    if (r <= R) return amplitude(t) * K_ * (R * R - (s / d) * r * r);
    const double z = (R / r) * (R / r);
    const double omz = (r - R) * (r + R) / (r * r);
    const double F = 0.5 * (s + 2.0) * euler_integral(s, beta_, z, omz, 0);
    return M_ * F / (s * std::pow(r, s));
}

double barenblatt::potential_derivative_r(double t, double r) const {
    const double R = radius(t), s = g_.s(), d = g_.d();
    if (r <= R) return -2.0 * amplitude(t) * K_ * (s / d) * r;
    const double z = (R / r) * (R / r);
    const double omz = (r - R) * (r + R) / (r * r);
    const double F = 0.5 * (s + 2.0) * euler_integral(s, beta_, z, omz, 0);
    const double dF = beta_ == 0.0 ? 0.0 : 0.5 * (s + 2.0) * beta_ * euler_integral(s, beta_, z, omz, 1);
    return -M_ * (F + (2.0 * z / s) * dF) / std::pow(r, s + 1.0);
}

double barenblatt::potential(double t, const double* x) const {
    return potential_r(t, radial::radius(x, g_.d()));
}

void barenblatt::potential_gradient(double t, const double* x, double* grad) const {
    const int d = g_.d();
    const double r = radial::radius(x, d);
    const double R = radius(t);
    if (r <= R) {
        radial::scaled(x, d, -2.0 * amplitude(t) * K_ * (g_.s() / d), grad);
        return;
    }
    radial::scaled(x, d, potential_derivative_r(t, r) / r, grad);
}

void barenblatt::velocity(double t, const double* x, double* v) const {
    potential_gradient(t, x, v);
    for (int k = 0; k < g_.d(); ++k) v[k] = -v[k];
}

double barenblatt::self_energy(double t) const {
    const double d = g_.d(), s = g_.s();
    return 2.0 * (s + 2.0) * M_ * M_ * tgamma((d - s) / 2.0) * tgamma(s / 2.0 + 1.0)
           / (s * (s + 4.0) * tgamma(d / 2.0) * std::pow(radius(t), s));
}

double barenblatt::second_moment(double t) const {
    const double R = radius(t);
    return M_ * R * R * g_.d() / (g_.s() + 4.0);
}

double barenblatt::lipschitz_velocity_on_support(double t) const {
    return 2.0 * amplitude(t) * K_ * g_.s() / g_.d();
}

double barenblatt::lipschitz_velocity(double t) const {
    if (beta_ > 0.0) return std::numeric_limits<double>::infinity();
    const int d = g_.d();
    return std::max(lipschitz_velocity_on_support(t), (d - 1) * M_ / std::pow(radius(t), d));
}

}  // namespace mfv::meanfield
