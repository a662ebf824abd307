// Independent numerical truths for the meanfield tests (tests/unit/meanfield_*_test.cpp).
//
// - direct_potential: h(x) = int g(x - y) mu(y) dy for a radial density, as the plain
//   d-dimensional integral in polar coordinates around the origin, with the angle integral
//   done numerically too (no shell theorem, no spherical means, no hypergeometric function:
//   nothing the code under test uses). Nested Boost.Math tanh-sinh; the kernel is written
//   out here from MATH.md section 0, not taken from mfv::kernel.
// - radial_integral: int_{R^d} f(|x|) dx, for masses, moments and int h dmu.
// - pde_residual: the centred finite-difference residual of
//   d_t mu + div(mu v) - (theta/2) Lap mu, of second order in the step.
// - jacobian_norm: the operator norm of Dv by centred differences.
#pragma once
#include <mfv/meanfield/reference.hpp>

#include <boost/math/constants/constants.hpp>
#include <boost/math/quadrature/tanh_sinh.hpp>
#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

namespace mfv_test {

using radial_function = std::function<double(double)>;

inline constexpr double pi = boost::math::constants::pi<double>();

// g as a function of |x|^2 (MATH.md section 0): |x|^-s / s, or -log|x| for s = 0.
inline double g_of_r2(double s, double r2) {
    return s == 0.0 ? -0.5 * std::log(r2) : std::pow(r2, -0.5 * s) / s;
}

// Not const: Boost 1.74's two-argument integrate() is not declared const.
inline boost::math::quadrature::tanh_sinh<double>& tanh_sinh() {
    static boost::math::quadrature::tanh_sinh<double> q;
    return q;
}

// Tolerance handed to tanh-sinh for the reference integrals: tighter than the 1e-10 the
// tests ask for, so that the reference's own error does not use the tests' margin.
inline constexpr double reference_tolerance = 1e-13;

inline double integrate(const std::function<double(double)>& f, double a, double b) {
    if (!(b > a)) return 0.0;
    return tanh_sinh().integrate(f, a, b, reference_tolerance);
}

// The angular integral at distance delta = |r - rho| between the radii, as a function of the
// squared distance |x - y|^2 = delta^2 + 4 r rho sin^2(phi/2) (d = 2, phi in [0, pi], twice)
// or delta^2 + 2 r rho w (d = 3, w = 1 - cos(angle) in [0, 2], times 2 pi): the only
// singularity, at phi = 0 or w = 0 when delta = 0, sits at an endpoint.
inline double angular_integral(int d, double s, double r, double rho, double delta) {
    if (d == 2) {
        auto f = [&](double phi) {
            const double sh = std::sin(0.5 * phi);
            return g_of_r2(s, delta * delta + 4.0 * r * rho * sh * sh);
        };
        return 2.0 * integrate(f, 0.0, pi);
    }
    auto f = [&](double w) { return g_of_r2(s, delta * delta + 2.0 * r * rho * w); };
    return 2.0 * pi * integrate(f, 0.0, 2.0);
}

// |x|^-s / s, or -log|x|, from |x| itself (d = 1, where |x - y| gets arbitrarily small).
inline double g_of_r(double s, double r) { return s == 0.0 ? -std::log(r) : std::pow(r, -s) / s; }

// h(x) at |x| = r for the radial density mu(rho) supported in rho <= rmax (d = 1, 2, 3).
// The radial variable is the distance delta to r, so the singular point rho = r is an
// endpoint of both pieces and is represented exactly. tanh-sinh samples delta down to
// ~1e-308, where the angular integrand (~delta^-s) would overflow; delta is clamped at
// 1e-60 (r + rmax) in the angular part, which changes the result by O(1e-60^(d-s)).
inline double direct_potential(int d, double s, const radial_function& mu, double r, double rmax) {
    if (d == 1) {
        auto left = [&](double delta) { return g_of_r(s, delta) * mu(std::abs(r - delta)); };
        auto right = [&](double delta) { return g_of_r(s, delta) * mu(std::abs(r + delta)); };
        return integrate(left, std::max(0.0, r - rmax), r + rmax) + integrate(right, 0.0, rmax - r);
    }
    const double delta_min = 1e-60 * (r + rmax);
    auto shell = [&](double rho, double delta) {
        return std::pow(rho, d - 1) * mu(rho) * angular_integral(d, s, r, rho, std::max(delta, delta_min));
    };
    auto below = [&](double delta) { return shell(r - delta, delta); };
    auto above = [&](double delta) { return shell(r + delta, delta); };
    return integrate(below, std::max(0.0, r - rmax), r) + integrate(above, 0.0, rmax - r);
}

// |S^(d-1)|: 2, 2 pi, 4 pi.
inline double sphere_area(int d) { return d == 1 ? 2.0 : d == 2 ? 2.0 * pi : 4.0 * pi; }

// int_{|x| <= rmax} f(|x|) dx = |S^(d-1)| int_0^rmax rho^(d-1) f(rho) drho.
inline double radial_integral(int d, const radial_function& f, double rmax) {
    return sphere_area(d) * integrate([&](double rho) { return std::pow(rho, d - 1) * f(rho); }, 0.0, rmax);
}

// A point at distance r from the origin along a fixed generic direction.
inline std::vector<double> point_at(int d, double r) {
    static const double direction[3][3] = {{1.0, 0.0, 0.0}, {0.6, 0.8, 0.0}, {2.0 / 7.0, 3.0 / 7.0, 6.0 / 7.0}};
    std::vector<double> x(d);
    for (int k = 0; k < d; ++k) x[k] = r * direction[d - 1][k];
    return x;
}

inline radial_function density_of(const mfv::meanfield::reference& ref, double t) {
    return [&ref, t](double rho) { return ref.density(t, point_at(ref.dim(), rho).data()); };
}

inline radial_function potential_of(const mfv::meanfield::reference& ref, double t) {
    return [&ref, t](double rho) { return ref.potential(t, point_at(ref.dim(), rho).data()); };
}

// Centred differences with step k in t and in each x_j (second order):
// d_t mu + sum_j d_j (mu v_j) - (theta/2) sum_j d_jj mu at (t, x).
inline double pde_residual(const mfv::meanfield::reference& ref, double theta, double t,
                           const std::vector<double>& x, double k) {
    const int d = ref.dim();
    double res = (ref.density(t + k, x.data()) - ref.density(t - k, x.data())) / (2.0 * k);
    const double mu0 = ref.density(t, x.data());
    for (int j = 0; j < d; ++j) {
        std::vector<double> xp = x, xm = x, vp(d), vm(d);
        xp[j] += k;
        xm[j] -= k;
        ref.velocity(t, xp.data(), vp.data());
        ref.velocity(t, xm.data(), vm.data());
        const double mup = ref.density(t, xp.data()), mum = ref.density(t, xm.data());
        res += (mup * vp[j] - mum * vm[j]) / (2.0 * k);
        res -= 0.5 * theta * (mup - 2.0 * mu0 + mum) / (k * k);
    }
    return res;
}

// ||Dv(t, x)|| (largest singular value) with Dv by centred differences of step k: the
// square root of the largest eigenvalue of Dv^T Dv, by power iteration with a Rayleigh
// quotient (which approaches it from below even when the two top eigenvalues are close).
inline double jacobian_norm(const mfv::meanfield::reference& ref, double t, const std::vector<double>& x, double k) {
    const int d = ref.dim();
    double J[3][3];
    for (int j = 0; j < d; ++j) {
        std::vector<double> xp = x, xm = x, vp(d), vm(d);
        xp[j] += k;
        xm[j] -= k;
        ref.velocity(t, xp.data(), vp.data());
        ref.velocity(t, xm.data(), vm.data());
        for (int i = 0; i < d; ++i) J[i][j] = (vp[i] - vm[i]) / (2.0 * k);
    }
    double A[3][3] = {};
    for (int i = 0; i < d; ++i)
        for (int j = 0; j < d; ++j)
            for (int l = 0; l < d; ++l) A[i][j] += J[l][i] * J[l][j];
    double y[3] = {0.6, 0.7, 0.4}, rayleigh = 0.0;
    for (int iteration = 0; iteration < 500; ++iteration) {
        double z[3] = {}, norm = 0.0, yy = 0.0, yz = 0.0;
        for (int i = 0; i < d; ++i)
            for (int j = 0; j < d; ++j) z[i] += A[i][j] * y[j];
        for (int i = 0; i < d; ++i) {
            yy += y[i] * y[i];
            yz += y[i] * z[i];
            norm += z[i] * z[i];
        }
        rayleigh = yz / yy;
        if (norm == 0.0) break;
        for (int i = 0; i < d; ++i) y[i] = z[i] / std::sqrt(norm);
    }
    return std::sqrt(rayleigh);
}

// Classical RK4 for dx/dt = v(t, x) from t0 to t1 in n steps.
inline std::vector<double> transport(const mfv::meanfield::reference& ref, std::vector<double> x, double t0,
                                     double t1, int n) {
    const int d = ref.dim();
    const double dt = (t1 - t0) / n;
    std::vector<double> k1(d), k2(d), k3(d), k4(d), y(d);
    auto stage = [&](double t, const std::vector<double>& base, const std::vector<double>& slope, double c,
                     std::vector<double>& out) {
        for (int i = 0; i < d; ++i) y[i] = base[i] + c * slope[i];
        ref.velocity(t, y.data(), out.data());
    };
    for (int step = 0; step < n; ++step) {
        const double t = t0 + step * dt;
        ref.velocity(t, x.data(), k1.data());
        stage(t + 0.5 * dt, x, k1, 0.5 * dt, k2);
        stage(t + 0.5 * dt, x, k2, 0.5 * dt, k3);
        stage(t + dt, x, k3, dt, k4);
        for (int i = 0; i < d; ++i) x[i] += dt / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
    }
    return x;
}

// Fourth-order centred difference of f at t: (-f(t+2k) + 8 f(t+k) - 8 f(t-k) + f(t-2k)) / (12 k).
inline double time_derivative(const std::function<double(double)>& f, double t, double k) {
    return (-f(t + 2.0 * k) + 8.0 * f(t + k) - 8.0 * f(t - k) + f(t - 2.0 * k)) / (12.0 * k);
}

}  // namespace mfv_test
