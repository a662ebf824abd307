// An initial law on the torus T^d = [0,1)^d (MATH.md section 6), d = 1, 2, 3: a density made
// of a few real Fourier modes,
//   mu(x) = 1 + sum_m a_m cos(2 pi k_m.x + phi_m),   k_m in Z^d \ {0},   sum_m |a_m| < 1,
// so that int mu = 1 and 0 < 1 - sum|a_m| <= mu <= 1 + sum|a_m| < 2. The study names it
// `initial.law` with type "fourier"; type "uniform" is mu = 1 (no modes).
//
// Its Fourier coefficients (MATH.md section 0, torus convention) are
// mu^(+-k_m) = (a_m/2) e^(+-i phi_m) when no two modes share +-k; equivalently, for x ~ mu,
// E[cos(2 pi k_m.x + phi_m)] = a_m/2, which is what the sampling tests check.
#pragma once
#include <mfv/core/law_spec.hpp>

#include <cmath>
#include <span>
#include <string>
#include <vector>

namespace mfv::sampling {

class torus_law {
public:
    // Checks what the constructor needs (d in 1..3, every k of d entries and non-zero,
    // finite amplitudes and phases, sum|a_m| < 1) and throws mfv::input_error naming the
    // study field, as `initial.law.modes[2].k`, when it fails.
    torus_law(int d, std::vector<fourier_mode> modes);

    int dim() const { return d_; }
    const std::vector<fourier_mode>& modes() const { return modes_; }
    std::string name() const;

    // mu(x) and log mu(x) at a point of d coordinates (read modulo 1: mu is periodic).
    double density(const double* x) const;
    double log_density(const double* x) const { return std::log(density(x)); }
    double operator()(std::span<const double> x) const { return density(x.data()); }

    // sum_m |a_m|: the density lies in [1 - A, 1 + A].
    double total_amplitude() const { return total_amplitude_; }

    // mu_- = 2 - mu = 1 - sum_m a_m cos(2 pi k_m.x + phi_m): every amplitude negated. The
    // mixture (mu + mu_-)/2 is the uniform law.
    torus_law reflected() const;

private:
    int d_;
    std::vector<fourier_mode> modes_;
    double total_amplitude_ = 0.0;
};

// The law `initial.law` names, for the model's dimension d: type "uniform" (no modes
// allowed) or "fourier". Throws mfv::input_error naming the field for another type, modes
// on a uniform law, or an invalid mode (see the constructor).
torus_law make_torus_law(const mfv::law_spec& spec, int d);

}  // namespace mfv::sampling
