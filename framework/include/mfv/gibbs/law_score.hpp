// The score grad log mu of the law mu that the modulated Gibbs measure is built on
// (reference/gibbs.md section 3): the part of the sampler's drift that comes from
// dmu(x_1)...dmu(x_N). For the laws a study names (core/law_spec.hpp):
//   torus uniform            grad log mu = 0
//   torus fourier            mu = 1 + sum_m a_m cos(2 pi k_m.x + phi_m),
//                            grad log mu = -sum_m a_m 2 pi k_m sin(2 pi k_m.x + phi_m) / mu
//   uniform_ball             0 inside the support (the support is enforced by rejection)
//   gaussian (sigma)         -x / sigma^2
//   semicircle (d = 1, R)    -x / (R^2 - x^2)              (mu ~ (R^2 - x^2)^(1/2))
//   barenblatt (R, beta)     -2 beta x / (R^2 - |x|^2)     (mu ~ (R^2 - |x|^2)^beta, MATH.md 3)
// The score only shapes the proposal: the Metropolis-Hastings test reads log mu from the
// reference's own density, so an error here would slow the chain, never bias it.
#pragma once
#include <mfv/core/law_spec.hpp>
#include <mfv/domain/torus.hpp>

#include <vector>

namespace mfv::gibbs {

class law_score {
public:
    // d, s of the model (s fixes the Barenblatt exponent beta = (s - d + 2)/2). Throws
    // mfv::input_error for a law type unknown on that domain.
    law_score(const law_spec& law, int d, double s, domain::kind space);

    // grad log mu at a point of d coordinates, into g[0..d). Outside the support of a
    // compactly supported law it returns 0 (such a point is rejected anyway).
    void operator()(const double* x, double* g) const;

    // True when grad log mu = 0 everywhere on the support.
    bool vanishes() const { return kind_ == kind::zero; }

private:
    enum class kind { zero, fourier, gaussian, power_of_ball };
    kind kind_ = kind::zero;
    int d_;
    std::vector<fourier_mode> modes_;
    double sigma_ = 1.0, radius_ = 1.0, exponent_ = 0.0;
};

}  // namespace mfv::gibbs
