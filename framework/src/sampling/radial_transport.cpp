#include <mfv/sampling/radial_transport.hpp>

#include <cmath>

namespace mfv::sampling {

void transport_from_unit_ball(const law& mu, const double* x, double* y) {
    const int d = mu.dim();
    double r2 = 0.0;
    for (int k = 0; k < d; ++k) r2 += x[k] * x[k];
    const double r = std::sqrt(r2);
    if (r == 0.0) {
        for (int k = 0; k < d; ++k) y[k] = 0.0;
        return;
    }
    // |x|^d is the uniform ball's mass inside |x|; below 1 so that r(.) stays finite.
    const double mass = std::min(std::pow(r, d), std::nextafter(1.0, 0.0));
    const double scale = mu.radius_quantile(mass) / r;
    for (int k = 0; k < d; ++k) y[k] = x[k] * scale;
}

}  // namespace mfv::sampling
