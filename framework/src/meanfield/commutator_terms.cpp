#include <mfv/meanfield/commutator_terms.hpp>

#include <stdexcept>

namespace mfv::meanfield {

double reference::commutator_cross(double, const double*) const {
    throw std::logic_error("reference " + name() + " has no closed form of the commutator's cross term");
}

double reference::commutator_self(double) const {
    throw std::logic_error("reference " + name() + " has no closed form of the commutator's self term");
}

double linear_support_cross(const reference& mu, double t, const double* x, double a) {
    const int d = mu.dim();
    double v[3], grad[3];
    mu.velocity(t, x, v);
    mu.potential_gradient(t, x, grad);
    double c = 0.0;
    for (int k = 0; k < d; ++k) c += (v[k] - a * x[k]) * grad[k];
    const double s = mu.kernel().s();
    return mu.kernel().is_log() ? c - a * mu.mass() : c - a * s * mu.potential(t, x);
}

double linear_support_self(const reference& mu, double t, double a) {
    const double M = mu.mass();
    return mu.kernel().is_log() ? -a * M * M : -a * mu.kernel().s() * mu.self_energy(t);
}

}  // namespace mfv::meanfield
