// phi(|k|^2) of ewald_split, fast (pme_parts.hpp): the mesh needs it at up to millions of
// wave vectors, where Boost's incomplete gamma (1-3 us a call) would dominate the plan's
// construction. phi(k^2) = c k^(s-d) Gamma(b, z), b = (d - s)/2, z = pi^2 k^2 / alpha^2
// (MATH.md section 6, the log kernel with s = 0), and Gamma(b, z):
//   2b an integer: Gamma(1/2, z) = sqrt(pi) erfc(sqrt z), Gamma(1, z) = e^-z and upwards
//     Gamma(b + 1, z) = b Gamma(b, z) + z^b e^-z (positive terms);
//   otherwise, in long double: z < 3/2, Gamma(b) - z^b sum_n (-z)^n / (n! (b + n)) (the
//     alternating terms are at most e^z times the sum, the subtraction from Gamma(b) loses at
//     most a factor 1/Q(b, 3/2) < 400 for b >= 0.05: ~1e-16 relative); z >= 3/2, the
//     continued fraction of Gamma(b, z) by the modified Lentz method.
// The constructor checks the result against ewald_split::fourier_coefficient (Boost) at a
// few k and throws std::logic_error if they differ by more than 1e-13.
#include "pme_parts.hpp"

#include <boost/math/constants/constants.hpp>

#include <cmath>
#include <stdexcept>
#include <string>

namespace mfv::interaction::pme_detail {

namespace {

constexpr long double pi_l = boost::math::constants::pi<long double>();

long double upper_gamma_series(long double b, long double z) {
    long double term = 1.0L, sum = 1.0L / b;
    for (int n = 1; n < 200; ++n) {
        term *= -z / n;
        const long double t = term / (b + n);
        sum += t;
        if (std::fabs(t) < 1e-21L * std::fabs(sum)) break;
    }
    return std::tgamma(b) - std::pow(z, b) * sum;
}

// Gamma(b, z) = e^-z z^b / (z + 1 - b - 1 (1 - b) / (z + 3 - b - 2 (2 - b) / (z + 5 - b - ...))).
long double upper_gamma_fraction(long double b, long double z) {
    constexpr long double tiny = 1e-300L;
    long double bb = z + 1.0L - b, c = 1.0L / tiny, d = 1.0L / bb, h = d;
    for (int i = 1; i < 500; ++i) {
        const long double an = -i * (i - b);
        bb += 2.0L;
        d = an * d + bb;
        if (std::fabs(d) < tiny) d = tiny;
        c = bb + an / c;
        if (std::fabs(c) < tiny) c = tiny;
        d = 1.0L / d;
        const long double delta = d * c;
        h *= delta;
        if (std::fabs(delta - 1.0L) < 1e-20L) break;
    }
    return std::exp(-z + b * std::log(z)) * h;
}

}  // namespace

fast_fourier_coefficient::fast_fourier_coefficient(const ewald_split& split)
    : b_(0.5 * (split.kernel().d() - split.kernel().s())),
      power_(0.5 * (split.kernel().s() - split.kernel().d())),
      z_per_k2_(static_cast<double>(pi_l * pi_l) / (split.alpha() * split.alpha())) {
    const auto& g = split.kernel();
    const double d = g.d(), s = g.s();
    const double pi = static_cast<double>(pi_l);
    scale_ = g.is_log() ? 1.0 / (2.0 * std::pow(pi, 0.5 * d))
                        : std::pow(pi, s - 0.5 * d) / (s * std::tgamma(0.5 * s));
    const double twice = 2.0 * b_;
    half_integer_ = twice == std::floor(twice);
    for (const double k2 : {1.0, 2.0, 7.0, 30.0, 0.5 * split.alpha() * split.alpha(), 2.0 * split.alpha() * split.alpha()}) {
        const double exact = split.fourier_coefficient(k2), fast = (*this)(k2);
        if (exact != 0.0 && std::fabs(fast - exact) > 1e-13 * std::fabs(exact))
            throw std::logic_error("pme: fast phi(k^2) = " + std::to_string(fast) + " against " + std::to_string(exact) +
                                   " at k^2 = " + std::to_string(k2));
    }
}

double fast_fourier_coefficient::upper_gamma(double z) const {
    if (half_integer_) {
        const bool odd = std::fmod(2.0 * b_, 2.0) == 1.0;
        double b = odd ? 0.5 : 1.0;
        double v = b == 0.5 ? std::sqrt(static_cast<double>(pi_l)) * std::erfc(std::sqrt(z)) : std::exp(-z);
        for (; b < b_ - 0.25; b += 1.0) v = b * v + std::exp(-z + b * std::log(z));
        return v;
    }
    const long double bl = b_, zl = z;
    return static_cast<double>(zl < 1.5L ? upper_gamma_series(bl, zl) : upper_gamma_fraction(bl, zl));
}

double fast_fourier_coefficient::operator()(double k2) const {
    return scale_ * upper_gamma(z_per_k2_ * k2) * std::pow(k2, power_);
}

}  // namespace mfv::interaction::pme_detail
