// Wigner's semicircle law on the line, the 1D log-gas profile (MATH.md section 3):
//   mu = (2 / (pi R^2)) sqrt(R^2 - x^2)_+.
// Its radial mass has a closed form, with y = r/R,
//   M(r) = mu([-r, r]) = (2/pi) (asin y + y sqrt(1 - y^2)),
// and the quantile inverts it through the Beta(1/2, 3/2) law of y^2 (it is the
// Barenblatt profile with d = 1, beta = 1/2): r(u) = R sqrt(I^{-1}(1/2, 3/2; u)).
// Second moment: int x^2 dmu = R^2 / 4.
#pragma once
#include <mfv/sampling/law.hpp>

namespace mfv::sampling {

class semicircle_law final : public law {
public:
    // Requires 0 < radius < inf (make_law checks with the study's names). Always d = 1.
    explicit semicircle_law(double radius);

    std::string name() const override;
    int dim() const override { return 1; }
    double density_r(double r) const override;
    double enclosed_mass(double r) const override;
    double radius_quantile(double u) const override;
    double support_radius() const override { return radius_; }

    double radius() const { return radius_; }

private:
    double radius_;
};

}  // namespace mfv::sampling
