// The Riesz and log interaction kernels (MATH.md section 0):
//   g(x) = |x|^(-s) / s   for 0 < s < d,      g(x) = -log|x|   for s = 0,
//   -grad g(x) = x |x|^(-s-2)                 (x / |x|^2 for log).
// Coulomb is s = d - 2 (log when d = 2). d = 1, 2, 3.
#pragma once
#include <cmath>
#include <string>

namespace mfv::kernel {

class riesz_kernel {
public:
    // Throws mfv::input_error when d is not 1, 2, 3 or s is outside [0, d).
    riesz_kernel(int d, double s);

    int d() const { return d_; }
    double s() const { return s_; }
    bool is_log() const { return s_ == 0.0; }
    bool is_coulomb() const { return s_ == d_ - 2.0 || (d_ == 2 && s_ == 0.0); }
    // s an integer (0 included): the evaluators use paths without pow().
    bool integer_s() const { return s_ == std::floor(s_); }
    std::string describe() const;

    // g as a function of r^2 = |x|^2; s = 0, 1, 2 without pow().
    double value_r2(double r2) const {
        if (s_ == 0.0) return -0.5 * std::log(r2);
        if (s_ == 1.0) return 1.0 / std::sqrt(r2);
        if (s_ == 2.0) return 0.5 / r2;
        return std::pow(r2, -0.5 * s_) / s_;
    }
    // |x|^(-s-2), so that -grad g(x) = x * repulsion_r2(|x|^2); s = 0, 1, 2 without pow().
    double repulsion_r2(double r2) const {
        if (s_ == 0.0) return 1.0 / r2;
        if (s_ == 1.0) return 1.0 / (r2 * std::sqrt(r2));
        if (s_ == 2.0) return 1.0 / (r2 * r2);
        return std::pow(r2, -0.5 * s_ - 1.0);
    }
    // The theory exponent of the modulated energy bound, s/d - 1 (MATH.md section 8).
    double theory_exponent() const { return s_ / d_ - 1.0; }

    // c_{d,s} of the Fourier symbol g^(k) = c_{d,s} |k|^(s-d) (MATH.md section 1).
    double fourier_constant() const;

private:
    int d_;
    double s_;
};

}  // namespace mfv::kernel
