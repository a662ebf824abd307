// A reference mu^t seen in self-similar variables (MATH.md section 3, last bullet):
// lambda = e^(tau/2) = sqrt(1+t), t = e^tau - 1, xi = x / lambda, nu(tau, xi) = lambda^d mu(t, lambda xi).
// Every quantity follows from mu's by the scaling of g (g(x/lambda) = lambda^s g(x) for Riesz,
// = g(x) + log lambda for log), with eta = y / lambda:
//   potential   (g * nu)(xi) = lambda^s h(t, lambda xi)             (log: h(t, lambda xi) + M log lambda),
//   gradient    grad_xi (g * nu)(xi) = lambda^(s+1) grad h(t, lambda xi),
//   self-energy iint g dnu dnu = lambda^s E(t)                      (log: E(t) + M^2 log lambda),
//   velocity    V(xi) = lambda v(t, lambda xi) - xi / 2   (dxi/dtau, since dt/dtau = lambda^2),
//               which is -e^(-s tau/2) grad(g * nu) - xi/2 for the gradient flow;
//   support     radius R(t) / lambda.
// ||DV||_inf is bounded by lambda^2 ||Dv||_inf + 1/2 (returned as such: an upper bound, not the
// exact sup; the harnesses that need it exactly are refused in this frame by the study check).
// The modulated energies of the two frames are related exactly (a test checks it):
//   F_N(X, mu^t) = lambda^(-s) F_N(Xi, nu^tau)   (Riesz),
//   F_N(X, mu^t) = F_N(Xi, nu^tau) + log(lambda) (1/N - (1 - M)^2)   (log: g(lambda z) = g(z) - log lambda,
//   and iint_{x != y} d(mu_N - mu)^2 = (1 - M)^2 - 1/N for mu of mass M; (log lambda)/N when M = 1).
#pragma once
#include <mfv/meanfield/reference.hpp>

#include <memory>

namespace mfv::meanfield {

class self_similar_view final : public reference {
public:
    explicit self_similar_view(std::shared_ptr<const reference> original);
    std::string name() const override { return original_->name() + " (self-similar variables)"; }
    const kernel::riesz_kernel& kernel() const override { return original_->kernel(); }
    double mass() const override { return original_->mass(); }
    double density(double tau, const double* xi) const override;
    double potential(double tau, const double* xi) const override;
    void potential_gradient(double tau, const double* xi, double* grad) const override;
    double self_energy(double tau) const override;
    void velocity(double tau, const double* xi, double* v) const override;
    void transport_velocity(double tau, const double* xi, double* v) const override;
    double lipschitz_velocity(double tau) const override;
    double lipschitz_velocity_on_support(double tau) const override;
    bool defined_between_outputs() const override { return original_->defined_between_outputs(); }
    double support_radius(double tau) const override;
    void potentials(double tau, points_view xi, std::span<double> h) const override;

    // t = e^tau - 1 and lambda = e^(tau/2).
    static double original_time(double tau);
    static double scale(double tau);
    const reference& original() const { return *original_; }

private:
    // lambda xi, in `x` (d entries).
    void to_original(double tau, const double* xi, double* x) const;
    template <class Field>
    void scaled_field(double tau, const double* xi, double* v, Field field) const;
    std::shared_ptr<const reference> original_;
};

// F_N(X^t, mu^t) in the original frame from F_N(Xi^tau, nu^tau) (the identity above; M the
// reference's mass).
double original_frame_energy(double self_similar_energy, double tau, double s, std::size_t N, double M = 1.0);

}  // namespace mfv::meanfield
