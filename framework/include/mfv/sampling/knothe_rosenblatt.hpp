// The Knothe-Rosenblatt map of a torus Fourier density (torus_law.hpp): the triangular map
// T: [0,1]^d -> T^d that pushes the uniform law of the cube to mu, built from the sequential
// conditional CDFs,
//   x_1 = F_1^{-1}(u_1),  x_2 = F_2^{-1}(u_2 | x_1),  x_3 = F_3^{-1}(u_3 | x_1, x_2).
//
// Closed forms. Integrating mu over x_{j+1..d} kills every mode with a non-zero entry there,
// so the marginal density of (x_1..x_j) is
//   f_j(x_1..x_j) = 1 + sum_{m in S_j} a_m cos(2 pi (k_m1 x_1 + .. + k_mj x_j) + phi_m),
//   S_j = { m : k_mi = 0 for every i > j },   f_0 = 1,   f_d = mu,
// and the conditional CDF of x_j is F_j(t | x_<j) = G_j(t) / G_j(1) with, writing
// c_m = 2 pi (k_m1 x_1 + .. + k_m(j-1) x_(j-1)) + phi_m,
//   G_j(t) = int_0^t f_j(x_<j, s) ds
//          = t + sum_{m in S_j, k_mj = 0} a_m cos(c_m) t
//              + sum_{m in S_j, k_mj != 0} a_m (sin(2 pi k_mj t + c_m) - sin(c_m)) / (2 pi k_mj),
//   G_j'(t) = f_j(x_<j, t) >= 1 - sum|a_m| > 0,   G_j(1) = f_(j-1)(x_<j).
// Each x_j solves G_j(x_j) = u_j G_j(1) by Newton's method safeguarded by bisection on the
// bracket [0, 1]; the iteration stops when a step is below 1e-15 (or the bracket is), so x_j is
// exact to ~1e-15 / (1 - sum|a_m|).
//
// Jacobian: dx_j/du_j = G_j(1) / f_j(x_<=j) = f_(j-1) / f_j, and the map is triangular, so
// det DT(u) = f_0/f_d = 1/mu(T(u)): T pushes Lebesgue measure on the cube to mu, and the
// image of a box of volume v carries mu-mass v exactly.
#pragma once
#include <mfv/sampling/torus_law.hpp>

#include <array>
#include <vector>

namespace mfv::sampling {

class knothe_rosenblatt {
public:
    explicit knothe_rosenblatt(const torus_law& mu);

    int dim() const { return d_; }

    // x = T(u) for u in [0,1]^d, returned in [0,1)^d (x_j = 1 wraps to 0).
    void to_torus(const double* u, double* x) const;

    // u = T^{-1}(x), u_j = F_j(x_j | x_<j) for x read modulo 1 (the Rosenblatt transform).
    void to_cube(const double* x, double* u) const;

    // One mode as a level of the map sees it.
    struct mode {
        std::array<int, 3> k{};
        double amplitude = 0.0;
        double phase = 0.0;
    };

private:
    int d_;
    // levels_[j]: the modes of S_j (0-based j: those whose k vanishes after entry j).
    std::array<std::vector<mode>, 3> levels_;
};

}  // namespace mfv::sampling
