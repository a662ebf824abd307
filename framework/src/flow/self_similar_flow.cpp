#include <mfv/flow/self_similar_flow.hpp>

#include <cmath>

namespace mfv::flow {

// -(1/2) xi - e^(-s tau/2) (1/N) grad_i H_N(Xi): the drift -(1/N) grad H_N scaled, plus the
// confinement (MATH.md section 3).
void self_similar_flow::operator()(const state& xi, state& dxi, double tau) const {
    drift_(xi, dxi, tau);
    const double factor = std::exp(-0.5 * s_ * tau);
    for (std::size_t q = 0; q < xi.size(); ++q) dxi[q] = factor * dxi[q] - 0.5 * xi[q];
}

}  // namespace mfv::flow
