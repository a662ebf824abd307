// Radially symmetric fields, the common shape of every exact reference (MATH.md sections 2-5).
//
// Every exact law here is radial, so its potential is h(x) = h(r), r = |x|, and
//   grad h(x) = h'(r) x / r,
// and the Jacobian of a radial field v = -h'(r) x / r has eigenvalues -h''(r) (along x) and
// -h'(r)/r (across x); a rotational field u = w(r) J x (d = 2) has operator norm
// max(|w|, |w + r w'|). The helpers below only spare each reference the loops over d.
#pragma once
#include <cmath>

namespace mfv::meanfield::radial {

inline double radius_squared(const double* x, int d) {
    double r2 = 0.0;
    for (int k = 0; k < d; ++k) r2 += x[k] * x[k];
    return r2;
}

inline double radius(const double* x, int d) { return std::sqrt(radius_squared(x, d)); }

// out = c x, the shape of every radial gradient: grad h = (h'(r)/r) x.
inline void scaled(const double* x, int d, double c, double* out) {
    for (int k = 0; k < d; ++k) out[k] = c * x[k];
}

// out = c J x in d = 2, J = [[0,-1],[1,0]] (MATH.md section 0): the rotational fields.
inline void rotated(const double* x, double c, double* out) {
    const double x0 = x[0];
    out[0] = -c * x[1];
    out[1] = c * x0;
}

}  // namespace mfv::meanfield::radial
