// An initial law mu^0 on R^d. Every law of the core is radial (uniform ball, Gaussian,
// Barenblatt profile, semicircle), so it is described by its radial mass function
//   M(r) = mu(B_r)   and its quantile   r(u) = M^{-1}(u),  u in [0, 1],
// which is all the samplers need: iid points are r(U) * (uniform direction), and the
// jittered lattice transports equal-volume cells of the unit ball by the radial map
// x -> (x/|x|) r(|x|^d), which keeps masses equal (MATH.md section 7).
#pragma once
#include <string>

namespace mfv::sampling {

class law {
public:
    virtual ~law() = default;
    virtual std::string name() const = 0;
    virtual int dim() const = 0;
    // Total mass: 1 for every initial law of a study.
    double mass() const { return 1.0; }
    // Density at distance r from the centre.
    virtual double density_r(double r) const = 0;
    // M(r) = mu(B_r), increasing from 0 to 1.
    virtual double enclosed_mass(double r) const = 0;
    // r(u) = M^{-1}(u) for u in [0, 1]; r(1) is the support radius (inf if unbounded).
    virtual double radius_quantile(double u) const = 0;
    // Support radius (infinity for the Gaussian).
    virtual double support_radius() const = 0;
};

}  // namespace mfv::sampling
