// The mesh's self-interaction (pme_parts.hpp, reciprocal_space): the Fourier series of the
// interaction S(x) of a unit charge with itself through the spline mesh, built once, and its
// value and gradient at a particle, which the interpolation subtracts.
#include "pme_parts.hpp"
#include "pme_splines.hpp"

#include <boost/math/constants/constants.hpp>
#include <boost/math/quadrature/gauss.hpp>

#include <array>
#include <cmath>

namespace mfv::interaction::pme_detail {

namespace {

constexpr double two_pi = 2.0 * boost::math::constants::pi<double>();

}  // namespace

using splines::split;
using splines::spline_values;

// The mesh's interaction of a unit charge at x with itself,
//   S(x) = sum_{k in mesh, k != 0} phi(|k|^2) prod_a |b(k_a)|^2 |W_{k_a}(u_a)|^2,
//   W_k(u) = sum_m M_p(u - m) e^{2 pi i k m / K},  u = K x,
// is 1-periodic in each u_a; its Fourier coefficients are
//   T(n) = sum_k phi(|k|^2) prod_a R_{n_a}(k_a),
//   R_n(k) = |b(k)|^2 sum_{|j| < p} I_n(j) e^{2 pi i k j / K},  I_n(j) = int M_p(v) M_p(v - j) e^{-2 pi i n v} dv,
// (m and m + j the two spline points; summing over m unrolls the integral over the period).
// M_p(v) = M_p(p - v) makes I_n(j) real and even in j and n, so R_n is real and even, and
//   S(x) = sum_{n in N^d} T(n) 2^(number of n_a != 0) prod_a cos(2 pi n_a u_a).
// T(0) = sigma is the mean. The harmonics decay like the aliasing (T(n) ~ delta^|n|, delta the
// relative aliasing of the largest phi(k)); n_a <= 3 are computed and those below 1e-17 sigma
// dropped. I_n(j) by 32-point Gauss-Legendre on each unit interval of the spline pieces (the
// integrand is a polynomial of degree 2p - 2 times cos(2 pi n v), n <= 3: exact to rounding).
void reciprocal_space::build_self_series() {
    constexpr int harmonics = 3;
    const int half = k_ / 2;
    const auto& gx = boost::math::quadrature::gauss<double, 32>::abscissa();
    const auto& gw = boost::math::quadrature::gauss<double, 32>::weights();
    // I_n(j), n = 0..3, j = 0..p-1: M_p(v) M_p(v - j) on v in [j, p].
    std::vector<std::array<double, harmonics + 1>> integral(static_cast<std::size_t>(p_));
    for (int j = 0; j < p_; ++j) {
        std::array<long double, harmonics + 1> acc{};
        for (int t = j; t < p_; ++t) {
            for (std::size_t g = 0; g < gx.size(); ++g)
                for (int sgn : {-1, 1}) {
                    const double frac = 0.5 + 0.5 * sgn * gx[g];
                    const auto a = spline_values(p_, frac);  // M_p(frac + i)
                    const double v = t + frac;
                    const double f = a[static_cast<std::size_t>(t)] * a[static_cast<std::size_t>(t - j)] * 0.5 * gw[g];
                    for (int n = 0; n <= harmonics; ++n) acc[static_cast<std::size_t>(n)] += f * std::cos(two_pi * n * v);
                }
        }
        for (int n = 0; n <= harmonics; ++n)
            integral[static_cast<std::size_t>(j)][static_cast<std::size_t>(n)] = static_cast<double>(acc[static_cast<std::size_t>(n)]);
    }
    // R_n(k) per axis index.
    std::vector<std::array<double, harmonics + 1>> r(static_cast<std::size_t>(k_));
    for (int i = 0; i < k_; ++i) {
        const int kk = i <= half ? i : i - k_;
        for (int n = 0; n <= harmonics; ++n) {
            double sum = integral[0][static_cast<std::size_t>(n)];
            for (int j = 1; j < p_; ++j) sum += 2.0 * integral[static_cast<std::size_t>(j)][static_cast<std::size_t>(n)] * std::cos(two_pi * kk * j / k_);
            r[static_cast<std::size_t>(i)][static_cast<std::size_t>(n)] = b2_[static_cast<std::size_t>(i)] * sum;
        }
    }
    // T(n) = sum_{i0} R_{n0}(i0) sum_{i1} R_{n1}(i1) sum_{i2} phi R_{n2}(i2), missing axes of size 1
    // with R = 1 and n = 0; each i0 in parallel, then added in order.
    constexpr int nn = harmonics + 1;
    const int n1 = d_ > 1 ? k_ : 1, n2 = d_ > 2 ? k_ : 1;
    const int h1 = d_ > 1 ? harmonics : 0, h2 = d_ > 2 ? harmonics : 0;
    const auto axis_r = [&](int axis, int i, int n) { return axis < d_ ? r[static_cast<std::size_t>(i)][static_cast<std::size_t>(n)] : 1.0; };
    std::vector<std::array<long double, nn * nn * nn>> partial(static_cast<std::size_t>(k_));
#pragma omp parallel for schedule(static) if (k_ >= 64)
    for (int i0 = 0; i0 < k_; ++i0) {
        auto& out = partial[static_cast<std::size_t>(i0)];
        out.fill(0.0L);
        const long k0 = i0 <= half ? i0 : i0 - k_;
        for (int i1 = 0; i1 < n1; ++i1) {
            const long k1 = d_ > 1 ? (i1 <= half ? i1 : i1 - k_) : 0;
            std::array<long double, nn> inner{};
            for (int i2 = 0; i2 < n2; ++i2) {
                const long k2 = d_ > 2 ? (i2 <= half ? i2 : i2 - k_) : 0;
                const double f = phi_at(k0 * k0 + k1 * k1 + k2 * k2);
                if (f == 0.0) continue;
                for (int m = 0; m <= h2; ++m) inner[static_cast<std::size_t>(m)] += f * axis_r(2, i2, m);
            }
            for (int a = 0; a <= harmonics; ++a)
                for (int b = 0; b <= h1; ++b)
                    for (int c = 0; c <= h2; ++c)
                        out[static_cast<std::size_t>((a * nn + b) * nn + c)] +=
                            axis_r(0, i0, a) * axis_r(1, i1, b) * inner[static_cast<std::size_t>(c)];
        }
    }
    std::array<long double, nn * nn * nn> total{};
    for (const auto& part : partial)
        for (std::size_t t = 0; t < total.size(); ++t) total[t] += part[t];
    self_ = static_cast<double>(total[0]);
    self_series_.clear();
    for (int a = 0; a <= harmonics; ++a)
        for (int b = 0; b <= h1; ++b)
            for (int c = 0; c <= h2; ++c) {
                if (a + b + c == 0) continue;
                const double t = static_cast<double>(total[static_cast<std::size_t>((a * nn + b) * nn + c)]);
                const double coef = t * (a > 0 ? 2.0 : 1.0) * (b > 0 ? 2.0 : 1.0) * (c > 0 ? 2.0 : 1.0);
                if (std::fabs(coef) > 1e-17 * std::fabs(self_)) self_series_.push_back({{a, b, c}, coef});
            }
}

// S(x) and its u-gradient at one particle, from the series.
void reciprocal_space::self_at(const points_view& x, std::size_t i, double& s, double* ds) const {
    const int dim = d_;
    const int k = k_;
    const double sigma = self_;
    const auto& series = self_series_;
    double cs[3][4], sn[3][4];
    for (int a = 0; a < dim; ++a) {
        int base;
        double frac;
        split(x(i, a), k, base, frac);
        const double c1 = std::cos(two_pi * frac), s1 = std::sin(two_pi * frac);
        cs[a][0] = 1.0, sn[a][0] = 0.0, cs[a][1] = c1, sn[a][1] = s1;
        for (int m = 2; m < 4; ++m) {
            cs[a][m] = std::fma(2.0 * c1, cs[a][m - 1], -cs[a][m - 2]);
            sn[a][m] = std::fma(2.0 * c1, sn[a][m - 1], -sn[a][m - 2]);
        }
    }
    // Every product-add an explicit fma (the same bits in every caller).
    s = sigma;
    for (int a = 0; a < dim; ++a) ds[a] = 0.0;
    for (const auto& h : series) {
        double prod = h.coef;
        for (int a = 0; a + 1 < dim; ++a) prod *= cs[a][h.n[a]];
        s = std::fma(prod, cs[dim - 1][h.n[dim - 1]], s);
        for (int a = 0; a < dim; ++a) {
            if (h.n[a] == 0) continue;
            double part = -two_pi * h.n[a] * h.coef;
            for (int b = 0; b < dim; ++b)
                if (b != a) part *= cs[b][h.n[b]];
            ds[a] = std::fma(part, sn[a][h.n[a]], ds[a]);
        }
    }
}

}  // namespace mfv::interaction::pme_detail
