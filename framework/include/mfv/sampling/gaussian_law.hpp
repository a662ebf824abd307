// The centred Gaussian law on R^d with per-coordinate standard deviation sigma
// (MATH.md sections 4 and 5):
//   mu = (2 pi sigma^2)^(-d/2) exp(-|x|^2 / (2 sigma^2)).
// |x|^2 / sigma^2 is chi-squared with d degrees of freedom, so the radial mass is the
// regularized lower incomplete gamma function and its inverse gives the quantile:
//   M(r) = P(d/2, r^2 / (2 sigma^2)),   r(u) = sigma sqrt(2 P^{-1}(d/2, u)),
//   int |x|^2 dmu = d sigma^2.
#pragma once
#include <mfv/sampling/law.hpp>

namespace mfv::sampling {

class gaussian_law final : public law {
public:
    // Requires d in {1, 2, 3} and 0 < sigma < inf (make_law checks with the study's names).
    gaussian_law(int d, double sigma);

    std::string name() const override;
    int dim() const override { return d_; }
    double density_r(double r) const override;
    double enclosed_mass(double r) const override;
    // r(1) = inf: samplers draw u < 1.
    double radius_quantile(double u) const override;
    double support_radius() const override;

    double sigma() const { return sigma_; }

private:
    int d_;
    double sigma_;
    double norm_;
};

}  // namespace mfv::sampling
