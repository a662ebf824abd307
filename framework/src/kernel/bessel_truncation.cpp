#include <mfv/kernel/bessel_truncation.hpp>

#include <mfv/core/error.hpp>

#include <boost/math/constants/constants.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/expint.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <algorithm>
#include <cmath>

namespace mfv::kernel {

namespace bm = boost::math;

namespace {

constexpr double pi = bm::constants::pi<double>();
constexpr double euler = bm::constants::euler<double>();

// |S^(d-1)| = 2 pi^(d/2) / Gamma(d/2).
double sphere_area(int d) { return 2.0 * std::pow(pi, 0.5 * d) / bm::tgamma(0.5 * d); }

// c_{d,s} of MATH.md 1 (g^(k) = c_{d,s} |k|^(s-d)).
double fourier_constant(int d, double s) {
    if (s == 0.0) return std::pow(2.0, d - 1) * std::pow(pi, 0.5 * d) * bm::tgamma(0.5 * d);
    return std::pow(pi, 0.5 * d) * std::pow(2.0, d - s) * bm::tgamma(0.5 * (d - s)) / (s * bm::tgamma(0.5 * s));
}

// E_1(r) - (-gamma_E - log r) by its series for small r: G_0(r) = gamma_E + sum_{n>=1} (-r)^n/(n n!)
// (truncation.md 1.5), which avoids the cancellation of -log r - E_1(r) near 0.
double log_profile(double r) {
    if (r == 0.0) return euler;
    if (r < 0.5) {
        double sum = euler, term = 1.0;
        for (int n = 1; n < 40; ++n) {
            term *= -r / n;
            sum += term / n;
            if (std::abs(term) < 1e-18) break;
        }
        return sum;
    }
    return -std::log(r) - bm::expint(1, r);
}

}  // namespace

bessel_truncation::bessel_truncation(const riesz_kernel& g, double eta) : g_(g), eta_(eta) {
    if (!(eta > 0.0) || !std::isfinite(eta))
        throw input_error("bessel_truncation: eta = " + std::to_string(eta) + " must be a finite number > 0");
}

double bessel_truncation::profile(double s, double r) {
    if (s == 0.0) return log_profile(r);
    if (r == 0.0) return 1.0 / (s * bm::tgamma(s + 1.0));
    return bm::gamma_p(s, r) / (s * std::pow(r, s));
}

double bessel_truncation::value(double r) const {
    const double s = g_.s();
    if (s == 0.0) return -std::log(eta_) + log_profile(r / eta_);
    return std::pow(eta_, -s) * profile(s, r / eta_);
}

double bessel_truncation::difference(double r) const {
    const double s = g_.s();
    if (s == 0.0) return bm::expint(1, r / eta_);  // -log r - g_eta = E_1(r/eta)
    return bm::gamma_q(s, r / eta_) / (s * std::pow(r, s));
}

double bessel_truncation::force_factor(double r) const {
    const double s = g_.s();
    if (s == 0.0) return -std::expm1(-r / eta_);
    return bm::gamma_p(s + 1.0, r / eta_);
}

double bessel_truncation::fourier(double k) const {
    const int d = g_.d();
    const double s = g_.s();
    // a = d + 1: I_z((a-d+s)/2, (d-s)/2) = I_z((1+s)/2, (d-s)/2).
    const double z = 1.0 / (1.0 + eta_ * eta_ * k * k);
    return fourier_constant(d, s) * std::pow(k, s - d) * bm::ibeta(0.5 * (1.0 + s), 0.5 * (d - s), z);
}

double bessel_truncation::constant() const {
    const int d = g_.d();
    const double s = g_.s();
    if (s == 0.0) return std::pow(4.0 * pi, 0.5 * d) * bm::tgamma(0.5 * (d + 1)) / bm::tgamma(0.5);
    return sphere_area(d) * bm::tgamma(static_cast<double>(d)) / bm::tgamma(s + 1.0);
}

double bessel_truncation::cutoff_mass() const {
    const double d = g_.d(), s = g_.s();
    return constant() * std::pow(eta_, d - s) / (d - s);
}

double bessel_truncation::error_constant(double s, double gamma) {
    const auto f = [&](double r) {
        return s == 0.0 ? std::pow(r, gamma) * bm::expint(1, r) : std::pow(r, gamma) * bm::gamma_q(s, r) / s;
    };
    if (gamma == 0.0) return s == 0.0 ? INFINITY : 1.0 / s;
    // Scan r = 1e-3 ... 100 geometrically, then refine around the largest value.
    double best_r = 1e-3, best = 0.0;
    for (int k = 0; k <= 2000; ++k) {
        const double r = 1e-3 * std::pow(1e5, k / 2000.0);
        if (f(r) > best) best = f(r), best_r = r;
    }
    double a = best_r / 1.01, b = best_r * 1.01;
    const double phi = 0.5 * (std::sqrt(5.0) - 1.0);
    for (int it = 0; it < 100; ++it) {
        const double c = b - phi * (b - a), e = a + phi * (b - a);
        if (f(c) > f(e)) b = e;
        else a = c;
    }
    return std::max(best, f(0.5 * (a + b)));
}

}  // namespace mfv::kernel
