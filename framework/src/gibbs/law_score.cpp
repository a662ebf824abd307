#include <mfv/gibbs/law_score.hpp>

#include <mfv/core/error.hpp>

#include <cmath>

namespace mfv::gibbs {

law_score::law_score(const law_spec& law, int d, double s, domain::kind space) : d_(d) {
    if (space == domain::kind::torus) {
        if (law.type == "uniform") kind_ = kind::zero;
        else if (law.type == "fourier") kind_ = kind::fourier, modes_ = law.modes;
        else throw input_error("/initial/law/type \"" + law.type + "\" is not a torus law (uniform or fourier)");
        return;
    }
    radius_ = law.radius;
    sigma_ = law.sigma;
    if (law.type == "uniform_ball") kind_ = kind::zero;
    else if (law.type == "gaussian") kind_ = kind::gaussian;
    // mu ~ (R^2 - |x|^2)^exponent: 1/2 for the semicircle, (s - d + 2)/2 for Barenblatt (MATH.md 3).
    else if (law.type == "semicircle") kind_ = kind::power_of_ball, exponent_ = 0.5;
    else if (law.type == "barenblatt") kind_ = kind::power_of_ball, exponent_ = (s - d + 2.0) / 2.0;
    else throw input_error("/initial/law/type \"" + law.type + "\" is not a whole-space law");
}

void law_score::operator()(const double* x, double* g) const {
    for (int k = 0; k < d_; ++k) g[k] = 0.0;
    switch (kind_) {
    case kind::zero:
        return;
    case kind::gaussian:
        for (int k = 0; k < d_; ++k) g[k] = -x[k] / (sigma_ * sigma_);
        return;
    case kind::power_of_ball: {
        double r2 = 0.0;
        for (int k = 0; k < d_; ++k) r2 += x[k] * x[k];
        const double gap = radius_ * radius_ - r2;
        if (gap <= 0.0) return;
        for (int k = 0; k < d_; ++k) g[k] = -2.0 * exponent_ * x[k] / gap;
        return;
    }
    case kind::fourier: {
        // mu = 1 + sum_m a_m cos(2 pi k_m.x + phi_m) and its gradient, then grad mu / mu.
        double mu = 1.0;
        for (const auto& m : modes_) {
            double phase = m.phase;
            for (int k = 0; k < d_; ++k) phase += 2.0 * M_PI * m.k[k] * x[k];
            mu += m.amplitude * std::cos(phase);
            for (int k = 0; k < d_; ++k) g[k] -= m.amplitude * 2.0 * M_PI * m.k[k] * std::sin(phase);
        }
        for (int k = 0; k < d_; ++k) g[k] /= mu;
        return;
    }
    }
}

}  // namespace mfv::gibbs
