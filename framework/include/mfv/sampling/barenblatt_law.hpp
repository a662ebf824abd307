// The Barenblatt-type profile of the Riesz gradient flow, d - 2 <= s < d (MATH.md section 3):
//   mu = A (R^2 - |x|^2)_+^beta,   beta = (s - d + 2)/2,   A = 1 / (m_beta R^(s+2)),
//   m_beta = pi^(d/2) Gamma(beta + 1) / Gamma(beta + 1 + d/2).
// With t = |x|^2 / R^2 the radial mass is a Beta(d/2, beta + 1) distribution function:
//   M(r) = mu(B_r) = |S^(d-1)| A int_0^r (R^2 - rho^2)^beta rho^(d-1) drho
//        = I_{r^2/R^2}(d/2, beta + 1)          (regularized incomplete beta function),
//   r(u) = R sqrt(I^{-1}(d/2, beta + 1; u)),
// and int |x|^2 dmu = R^2 E[t] = R^2 d / (d + 2 beta + 2) = R^2 d / (s + 4).
// beta = 0 is the uniform ball (s = d - 2, Coulomb); d = 1, s = 0 gives beta = 1/2, the
// semicircle.
#pragma once
#include <mfv/sampling/law.hpp>

namespace mfv::sampling {

class barenblatt_law final : public law {
public:
    // Requires d in {1, 2, 3}, d - 2 <= s < d and 0 < radius < inf (make_law checks these
    // with the study's field names).
    barenblatt_law(int d, double s, double radius);

    std::string name() const override;
    int dim() const override { return d_; }
    double density_r(double r) const override;
    double enclosed_mass(double r) const override;
    double radius_quantile(double u) const override;
    double support_radius() const override { return radius_; }

    double beta() const { return beta_; }
    double radius() const { return radius_; }
    // The normalising constant A of the profile.
    double amplitude() const { return amplitude_; }

private:
    int d_;
    double s_;
    double radius_;
    double beta_;
    double amplitude_;
};

}  // namespace mfv::sampling
