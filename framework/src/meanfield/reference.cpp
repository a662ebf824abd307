#include <mfv/meanfield/reference.hpp>

namespace mfv::meanfield {

void reference::potentials(double t, points_view x, std::span<double> h) const {
#pragma omp parallel for schedule(static)
    for (std::size_t i = 0; i < x.n; ++i) {
        double xi[3];
        for (int k = 0; k < x.d; ++k) xi[k] = x(i, k);
        h[i] = potential(t, xi);
    }
}

}  // namespace mfv::meanfield
