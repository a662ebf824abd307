// The linear decay rate of a density mode around mu = 1 on the torus (MATH.md section 6):
// mu = 1 + eps e^{2 pi i k.x} decays as e^(-lambda_k t) to first order in eps, with
//   gradient flow:     lambda_k = (theta/2) |2 pi k|^2 + c_{d,s} |2 pi k|^(s-d+2),
//   conservative flow: lambda_k = (theta/2) |2 pi k|^2.
// (Coulomb: the second term is c_d; 1D log: 2 pi^2 |k|.) Example: d = 1, s = 1/2,
// theta = 0.1, k = 1 gives 80.93075609.
#pragma once
#include <mfv/kernel/riesz_kernel.hpp>

#include <cmath>
#include <numbers>
#include <string>
#include <vector>

namespace mfv::meanfield {

inline double linear_decay_rate(const kernel::riesz_kernel& g, const std::string& flow, double theta,
                                const std::vector<int>& k) {
    double k2 = 0.0;
    for (int c : k) k2 += double(c) * c;
    const double kk = 2.0 * std::numbers::pi * std::sqrt(k2);
    const double diffusion = 0.5 * theta * kk * kk;
    if (flow == "conservative") return diffusion;
    return diffusion + g.fourier_constant() * std::pow(kk, g.s() - g.d() + 2.0);
}

}  // namespace mfv::meanfield
