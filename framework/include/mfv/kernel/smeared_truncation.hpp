// The smeared-charge truncation of the Coulomb kernel (Petrache-Serfaty; reference/
// truncation.md 3, derived there in MATH.md's conventions): with delta^(eta) the uniform
// probability on the sphere of radius eta,
//   one-sided:  g * delta^(eta) = min(g, g(eta))            (Newton's theorem)
//   two-sided:  g_{eta eta} = g * delta^(eta) * delta^(eta)  (both charges smeared)
// g_{eta eta} <= min(g, g(eta)) <= g, g_{eta eta}(z) = g(z) for |z| >= 2 eta,
// g_{eta eta}(0) = g(eta), and its Fourier transform g^ (delta^(eta)^)^2 >= 0: the truncated
// energy iint g_{eta eta} d(mu_N - mu)^2 (diagonal included) is the field energy of the
// smeared charges, >= 0. The one-sided kernel is not positive definite (its transform
// changes sign), which is why both charges are smeared.
// d = 3 (s = 1): closed form (truncation.md 3), z = |x| < 2 eta, l = |z - eta|,
//   b = clip(eta, l, z + eta):  g_{eta eta}(z) = [(b^2 - l^2)/(2 eta) + (z + eta - b)] / (2 z eta).
// d = 2 (log): the circle average of -log max(|x + eta e^(i theta)|, eta), by adaptive
// Gauss-Kronrod quadrature (Boost.Math) to 1e-13 relative: the kink of max(., eta) is a
// breakpoint of the theta range.
#pragma once
#include <mfv/kernel/riesz_kernel.hpp>

namespace mfv::kernel {

class smeared_coulomb {
public:
    // Throws mfv::input_error unless g is Coulomb in d = 2 (log) or d = 3, and eta > 0.
    smeared_coulomb(const riesz_kernel& g, double eta);

    double eta() const { return eta_; }
    // min(g(r), g(eta)).
    double one_sided(double r) const;
    // g_{eta eta}(r).
    double value(double r) const;
    // g(r) - g_{eta eta}(r) >= 0; 0 for r >= 2 eta.
    double difference(double r) const;

private:
    riesz_kernel g_;
    double eta_;
};

}  // namespace mfv::kernel
