// Shared helpers of the Ewald plan's tests (ewald_test.cpp, ewald_lattice_test.cpp): random
// configurations and charges, one evaluation with every output, the error measures of
// periodic_plan.hpp, the kernels checked in each dimension, and Hurwitz zeta (an independent
// truth for closed forms in d = 1 and for beta(1/2) in d = 2).
#pragma once
#include <mfv/core/points.hpp>
#include <mfv/interaction/periodic_plan.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace mfv_test::ewald {

inline constexpr double pi = 3.141592653589793238462643383279502884;

inline mfv::points uniform(int d, std::size_t n, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    mfv::points x(d, n);
    for (auto& v : x.data()) v = u(rng);
    return x;
}

// Charges +-(0.5 .. 1.5), alternating in sign, so the system is roughly but not exactly
// neutral (the background term is exercised).
inline std::vector<double> signed_charges(std::size_t n, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(0.5, 1.5);
    std::vector<double> q(n);
    for (std::size_t i = 0; i < n; ++i) q[i] = (i % 2 ? 1.0 : -1.0) * u(rng);
    return q;
}

struct sums {
    std::vector<double> phi, grad;
    double energy = 0.0;
};

inline sums evaluate(mfv::interaction::periodic_plan& plan, const mfv::points& x, const std::vector<double>& q = {}) {
    sums r;
    r.phi.resize(x.size()), r.grad.resize(x.data().size());
    plan.evaluate(x, q, r.phi, r.grad, &r.energy);
    return r;
}

// The error measures of periodic_plan.hpp: relative RMS over the particles, and the
// energy error relative to sum_i |q_i phi_i|.
inline double relative_rms(const std::vector<double>& a, const std::vector<double>& ref) {
    long double num = 0.0L, den = 0.0L;
    for (std::size_t i = 0; i < a.size(); ++i) {
        num += std::pow(static_cast<long double>(a[i]) - ref[i], 2);
        den += static_cast<long double>(ref[i]) * ref[i];
    }
    return static_cast<double>(std::sqrt(num / den));
}

inline double energy_error(double e, const sums& ref, const std::vector<double>& q) {
    long double scale = 0.0L;
    for (std::size_t i = 0; i < ref.phi.size(); ++i) scale += std::fabs((q.empty() ? 1.0 : q[i]) * ref.phi[i]);
    return static_cast<double>(std::fabs(e - ref.energy) / scale);
}

// The kernels checked in dimension d: log, s = 1/2, Coulomb (s = d - 2 >= 0), d - 1/2.
inline std::vector<double> exponents(int d) {
    if (d == 1) return {0.0, 0.5};
    if (d == 2) return {0.0, 0.5, 1.5};
    return {0.0, 0.5, 1.0, 2.5};
}

// Hurwitz zeta(s, a) for s > 0, s != 1, 0 < a <= 1, by Euler-Maclaurin in long double:
// 16 terms, the integral and half the last term, and 10 Bernoulli corrections. The
// remainder is below |B_22| (s)_21 / 22! (16 + a)^(-s-21) < 1e-22 for s < 2, so the result
// is good to the long double rounding, ~1e-18 relative.
inline long double hurwitz_zeta(long double s, long double a) {
    static const long double bernoulli[] = {1.0L / 6,        -1.0L / 30,       1.0L / 42,      -1.0L / 30,
                                            5.0L / 66,       -691.0L / 2730,   7.0L / 6,       -3617.0L / 510,
                                            43867.0L / 798,  -174611.0L / 330};
    const int terms = 16;
    long double sum = 0.0L;
    for (int k = 0; k < terms; ++k) sum += std::pow(k + a, -s);
    const long double x = terms + a;
    sum += std::pow(x, 1.0L - s) / (s - 1.0L) + 0.5L * std::pow(x, -s);
    // term k: B_2k / (2k)! * s (s+1) ... (s+2k-2) * x^(-s-2k+1)
    long double rising = s, factorial = 2.0L, power = std::pow(x, -s - 1.0L);
    for (int k = 1; k <= 10; ++k) {
        sum += bernoulli[k - 1] / factorial * rising * power;
        rising *= (s + 2 * k - 1) * (s + 2 * k);
        factorial *= (2.0L * k + 1) * (2.0L * k + 2);
        power /= x * x;
    }
    return sum;
}

}  // namespace mfv_test::ewald
