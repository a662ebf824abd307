#include <mfv/meanfield/self_similar_view.hpp>

#include <cmath>
#include <stdexcept>
#include <vector>

namespace mfv::meanfield {

self_similar_view::self_similar_view(std::shared_ptr<const reference> original) : original_(std::move(original)) {
    if (!original_) throw std::invalid_argument("self_similar_view: no reference");
}

double self_similar_view::original_time(double tau) { return std::expm1(tau); }
double self_similar_view::scale(double tau) { return std::exp(0.5 * tau); }

void self_similar_view::to_original(double tau, const double* xi, double* x) const {
    const double lambda = scale(tau);
    for (int k = 0; k < dim(); ++k) x[k] = lambda * xi[k];
}

double self_similar_view::density(double tau, const double* xi) const {
    double x[3];
    to_original(tau, xi, x);
    return std::pow(scale(tau), dim()) * original_->density(original_time(tau), x);
}

double self_similar_view::potential(double tau, const double* xi) const {
    double x[3];
    to_original(tau, xi, x);
    const double h = original_->potential(original_time(tau), x);
    const double s = kernel().s();
    return s == 0.0 ? h + mass() * 0.5 * tau : std::pow(scale(tau), s) * h;
}

void self_similar_view::potential_gradient(double tau, const double* xi, double* grad) const {
    double x[3];
    to_original(tau, xi, x);
    original_->potential_gradient(original_time(tau), x, grad);
    const double f = std::pow(scale(tau), kernel().s() + 1.0);
    for (int k = 0; k < dim(); ++k) grad[k] *= f;
}

double self_similar_view::self_energy(double tau) const {
    const double e = original_->self_energy(original_time(tau));
    const double s = kernel().s();
    return s == 0.0 ? e + mass() * mass() * 0.5 * tau : std::pow(scale(tau), s) * e;
}

// dxi/dtau = lambda v(t, lambda xi) - xi/2 for an original-frame field v (velocity or
// transport_velocity).
template <class Field>
void self_similar_view::scaled_field(double tau, const double* xi, double* v, Field field) const {
    double x[3];
    to_original(tau, xi, x);
    (original_.get()->*field)(original_time(tau), x, v);
    const double lambda = scale(tau);
    for (int k = 0; k < dim(); ++k) v[k] = lambda * v[k] - 0.5 * xi[k];
}

void self_similar_view::velocity(double tau, const double* xi, double* v) const {
    scaled_field(tau, xi, v, &reference::velocity);
}

void self_similar_view::transport_velocity(double tau, const double* xi, double* v) const {
    scaled_field(tau, xi, v, &reference::transport_velocity);
}

double self_similar_view::lipschitz_velocity(double tau) const {
    const double lambda = scale(tau);
    return lambda * lambda * original_->lipschitz_velocity(original_time(tau)) + 0.5;
}

double self_similar_view::lipschitz_velocity_on_support(double tau) const {
    const double lambda = scale(tau);
    return lambda * lambda * original_->lipschitz_velocity_on_support(original_time(tau)) + 0.5;
}

double self_similar_view::support_radius(double tau) const {
    return original_->support_radius(original_time(tau)) / scale(tau);
}

void self_similar_view::potentials(double tau, points_view xi, std::span<double> h) const {
    const double lambda = scale(tau);
    std::vector<double> x(xi.x, xi.x + static_cast<std::size_t>(xi.d) * xi.n);
    for (double& c : x) c *= lambda;
    original_->potentials(original_time(tau), view_of(x, xi.d), h);
    const double s = kernel().s();
    const double f = std::pow(lambda, s);
    for (std::size_t i = 0; i < xi.n; ++i) h[i] = s == 0.0 ? h[i] + mass() * 0.5 * tau : f * h[i];
}

double original_frame_energy(double self_similar_energy, double tau, double s, std::size_t N, double M) {
    if (s == 0.0) return self_similar_energy + 0.5 * tau * (1.0 / static_cast<double>(N) - (1.0 - M) * (1.0 - M));
    return std::exp(-0.5 * s * tau) * self_similar_energy;
}

}  // namespace mfv::meanfield
