// The uniform ball of mass M and radius R under the Coulomb kernel (MATH.md section 2),
// d = 2 (g = -log|x|) and d = 3 (g = 1/|x|); the formulas are written for any d >= 3 too.
//
//   density   rho = M / (|B_1| R^d) on |x| <= R;
//   potential h(r) = M / ((d-2) r^(d-2))                     r >= R, d >= 3,
//             h(r) = M (d - (d-2) r^2/R^2) / (2 (d-2) R^(d-2)) r <= R, d >= 3,
//             h(r) = -M log r                                r >= R, d = 2,
//             h(r) = -M log R + M (R^2 - r^2) / (2 R^2)      r <= R, d = 2;
//   gradient  grad h(x) = -M x / R^d inside, -M x / |x|^d outside (Newton's theorem);
//   self-energy E = M^2 (1/4 - log R) (d = 2), 2 d M^2 / ((d-2)(d+2) R^(d-2)) (d >= 3).
// A value type shared by the expanding ball (gradient flow) and the Rankine vortex
// (conservative flow), which differ only in how R moves and how v is made from grad h.
#pragma once

namespace mfv::meanfield {

class coulomb_ball {
public:
    coulomb_ball(int d, double M, double R) : d_(d), M_(M), R_(R) {}

    double density(double r) const;
    double potential(double r) const;
    // grad h(x) = potential_gradient_factor(r) x.
    double potential_gradient_factor(double r) const;
    double self_energy() const;
    double second_moment() const;

private:
    int d_;
    double M_;
    double R_;
};

}  // namespace mfv::meanfield
