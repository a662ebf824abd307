// The uniform law on the ball B_R in R^d, d = 1, 2, 3 (the Coulomb initial datum of
// MATH.md section 2):
//   mu = 1_{B_R} / (omega_d R^d),   omega_d = |B_1| = pi^(d/2) / Gamma(d/2 + 1),
//   M(r) = (r/R)^d,   r(u) = R u^(1/d),   int |x|^2 dmu = d R^2 / (d + 2).
#pragma once
#include <mfv/sampling/law.hpp>

namespace mfv::sampling {

class uniform_ball final : public law {
public:
    // Requires d in {1, 2, 3} and 0 < radius < inf (make_law checks with the study's names).
    uniform_ball(int d, double radius);

    std::string name() const override;
    int dim() const override { return d_; }
    double density_r(double r) const override;
    double enclosed_mass(double r) const override;
    double radius_quantile(double u) const override;
    double support_radius() const override { return radius_; }

    double radius() const { return radius_; }

private:
    int d_;
    double radius_;
    double density_;
};

}  // namespace mfv::sampling
