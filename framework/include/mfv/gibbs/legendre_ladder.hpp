// The ladder of inverse temperatures for thermodynamic integration (reference/gibbs.md
// section 2): the L-point Gauss-Legendre rule on [0, beta_max],
//   int_0^beta_max f(beta) dbeta ~ sum_k w_k f(beta_k),
// exact for polynomials of degree 2L - 1; for f analytic inside the Bernstein ellipse of
// parameter rho around [0, beta_max] the error is O(rho^(-2L)).
#pragma once
#include <vector>

namespace mfv::gibbs {

struct ladder {
    std::vector<double> beta, weight;
};

// Nodes increasing. Throws std::invalid_argument when rungs < 1 or beta_max <= 0.
ladder gauss_legendre_ladder(double beta_max, int rungs);

}  // namespace mfv::gibbs
