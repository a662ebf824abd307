// The tabulated smooth part of the real-space kernel (pme_parts.hpp, MATH.md section 6).
#include "pme_parts.hpp"

#include <boost/math/constants/constants.hpp>
#include <boost/math/special_functions/expint.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace mfv::interaction::pme_detail {

namespace {

constexpr long double euler_gamma = boost::math::constants::euler<long double>();

// gamma*(a, u) = e^-u sum_{n >= 0} u^n / Gamma(a + n + 1): positive terms, so the sum keeps
// the relative accuracy of long double (~1e-19) for the u <= 64 used here.
long double gamma_star(long double a, long double u) {
    long double term = 1.0L / std::tgamma(a + 1.0L), sum = term;
    for (int n = 0; n < 10000; ++n) {
        term *= u / (a + n + 1.0L);
        sum += term;
        if (term < 1e-22L * sum && n > u) break;
    }
    return std::exp(-u) * sum;
}

// Ein(u) = sum_{n >= 1} (-1)^(n+1) u^n / (n n!) for u < 1 (no cancellation there), and
// E1(u) + log u + gamma_E beyond (Boost.Math in long double).
long double ein(long double u) {
    if (u < 1.0L) {
        long double term = 1.0L, sum = 0.0L;
        for (int n = 1; n < 60; ++n) {
            term *= -u / n;
            sum -= term / n;
        }
        return sum;
    }
    return boost::math::expint(1, u) + std::log(u) + euler_gamma;
}

// The kernel's own size at u: r^-s / s (-log r) against S0, r^(-s-2) against S1.
long double kernel_size(const kernel::riesz_kernel& g, double alpha, int f, long double u) {
    const long double r2 = u / (static_cast<long double>(alpha) * alpha);
    if (f == 1) return std::pow(r2, -0.5L * g.s() - 1.0L);
    if (g.is_log()) return std::fabs(-0.5L * std::log(r2));
    return std::pow(r2, -0.5L * g.s()) / g.s();
}

// Chebyshev interpolation of f on [lo, hi] at degree + 1 Chebyshev points, returned as the
// monomial coefficients in t = 2 (u - lo) / (hi - lo) - 1.
template <class F>
std::vector<long double> fit_piece(F&& f, long double lo, long double hi, int degree) {
    const int n = degree + 1;
    const long double pi = boost::math::constants::pi<long double>();
    std::vector<long double> values(n), cheb(n, 0.0L);
    for (int k = 0; k < n; ++k) {
        const long double t = std::cos(pi * (k + 0.5L) / n);
        values[k] = f(lo + 0.5L * (t + 1.0L) * (hi - lo));
    }
    for (int j = 0; j < n; ++j) {
        long double c = 0.0L;
        for (int k = 0; k < n; ++k) c += values[k] * std::cos(pi * j * (k + 0.5L) / n);
        cheb[j] = (j == 0 ? 1.0L : 2.0L) * c / n;
    }
    // T_0 = 1, T_1 = t, T_{j+1} = 2 t T_j - T_{j-1}, each as monomial coefficients.
    std::vector<long double> mono(n, 0.0L), t_prev(n, 0.0L), t_cur(n, 0.0L), t_next(n);
    t_prev[0] = 1.0L;
    mono[0] += cheb[0];
    if (n > 1) {
        t_cur[1] = 1.0L;
        for (int m = 0; m < n; ++m) mono[m] += cheb[1] * t_cur[m];
    }
    for (int j = 2; j < n; ++j) {
        for (int m = 0; m < n; ++m) t_next[m] = (m > 0 ? 2.0L * t_cur[m - 1] : 0.0L) - t_prev[m];
        for (int m = 0; m < n; ++m) mono[m] += cheb[j] * t_next[m];
        t_prev = t_cur;
        t_cur = t_next;
    }
    return mono;
}

}  // namespace

long double smooth_part(const kernel::riesz_kernel& g, double alpha, int f, long double u) {
    const long double a = alpha;
    if (g.is_log()) {
        if (f == 0) return 0.5L * euler_gamma + std::log(a) - 0.5L * ein(u);
        return a * a * gamma_star(1.0L, u);
    }
    const long double s = g.s();
    if (f == 0) return std::pow(a, s) * gamma_star(0.5L * s, u) / s;
    return std::pow(a, s + 2.0L) * gamma_star(0.5L * s + 1.0L, u);
}

double smooth_table::operator()(int f, double u) const {
    const double y = u * scale;
    const int k = std::clamp(static_cast<int>(y), 0, pieces - 1);
    const double t = 2.0 * (y - k) - 1.0;
    double p = coefficients(f, degree)[k];
    for (int j = degree - 1; j >= 0; --j) p = p * t + coefficients(f, j)[k];
    return p;
}

// The smallest degree whose largest error, at 64 points a piece (the ends included) and
// relative to the kernel's size there, is below 1e-15 for both functions.
smooth_table smooth_table::build(const kernel::riesz_kernel& g, double alpha, double r_cut) {
    smooth_table tab;
    tab.u_max = alpha * alpha * r_cut * r_cut;
    tab.scale = pieces / tab.u_max;
    const long double width = static_cast<long double>(tab.u_max) / pieces;
    constexpr double target = 1e-15;
    for (int degree = 6; degree <= 24; ++degree) {
        tab.degree = degree;
        tab.coef.assign(static_cast<std::size_t>(2 * (degree + 1) * pieces), 0.0);
        for (int f = 0; f < 2; ++f) {
            for (int piece = 0; piece < pieces; ++piece) {
                const auto mono = fit_piece([&](long double u) { return smooth_part(g, alpha, f, u); },
                                            piece * width, (piece + 1) * width, degree);
                for (int j = 0; j <= degree; ++j)
                    tab.coef[static_cast<std::size_t>((f * (degree + 1) + j) * pieces + piece)] =
                        static_cast<double>(mono[j]);
            }
        }
        double worst = 0.0;
        for (int f = 0; f < 2; ++f) {
            for (int piece = 0; piece < pieces; ++piece) {
                for (int i = 0; i < 64; ++i) {
                    const double u = static_cast<double>((piece + i / 63.0L) * width);
                    if (u <= 0.0) continue;
                    const long double exact = smooth_part(g, alpha, f, u);
                    const long double err = std::fabs(tab(f, u) - exact) / kernel_size(g, alpha, f, u);
                    worst = std::max(worst, static_cast<double>(err));
                }
            }
        }
        tab.max_error = worst;
        if (worst <= target) return tab;
    }
    throw std::runtime_error("pme real-space table: no degree <= 24 reaches 1e-15 (max error " +
                             std::to_string(tab.max_error) + ")");
}

}  // namespace mfv::interaction::pme_detail
