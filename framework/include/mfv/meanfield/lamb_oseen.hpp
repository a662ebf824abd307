// The Lamb-Oseen vortex: 2D conservative flow (g = -log|x|) with noise theta >= 0, from a
// Gaussian of per-coordinate variance sigma0^2 (MATH.md sections 4 and 5).
//
//   mu(t,x) = M / (2 pi sigma^2) exp(-|x|^2 / (2 sigma^2)),   sigma(t)^2 = sigma0^2 + theta t,
//   h(r)    = -M (log r + (1/2) E1(r^2 / (2 sigma^2))),
//   u       = -J grad h = (M/|x|^2) (1 - exp(-|x|^2/(2 sigma^2))) J x,
//   E       = M^2 (-log(2 sigma) + gamma_E/2),   int |x|^2 dmu = 2 M sigma^2.
// Exact for every theta: the transport term div(mu u) vanishes (u is tangential and
// divergence free, mu radial), and the Gaussian solves d_t mu = (theta/2) Lap mu. With
// theta = 0 it is a stationary vortex. velocity() is the transport velocity u; the
// diffusion (theta/2) Lap mu is a separate term of the equation, not folded into it.
//
// Near r = 0, with z = r^2/(2 sigma^2) and E1(z) = -gamma_E - log z + Ein(z),
//   log r + E1(z)/2 = (log(2 sigma^2) - gamma_E + Ein(z)) / 2,
//   Ein(z) = sum_{k>=1} (-1)^(k+1) z^k / (k k!),
// which is finite at r = 0; it is used for z < 1, Boost.Math's expint for z >= 1.
//
// ||Du||_inf. u = w(r) J x with w = (M/(2 sigma^2)) f(z), f(z) = (1 - e^-z)/z. With J
// orthogonal, ||Du|| is the norm of the symmetric w I + r w' x x^T/r^2, i.e.
// max(|w|, |w + r w'|), and w + r w' = (M/(2 sigma^2)) phi(z), phi(z) = 2 e^-z - f(z).
// 0 < f <= 1; phi decreases from phi(0) = 1 (phi' <= -2 e^-z + 1/2 < 0 while e^-z >= 1/2),
// is below 1 afterwards (2 e^-z <= 1) and above -1 always (its minimum is -0.2182 at
// z = 3.214). So ||Du||_inf = M / (2 sigma^2), the rigid rotation at the centre; a test
// checks it against the sup of the Jacobian's norm on a radial grid.
#pragma once
#include <mfv/meanfield/reference.hpp>

namespace mfv::meanfield {

class lamb_oseen final : public reference {
public:
    // Throws mfv::input_error unless sigma0 > 0 and theta >= 0.
    lamb_oseen(double sigma0, double theta);

    std::string name() const override { return "lamb_oseen"; }
    const kernel::riesz_kernel& kernel() const override { return g_; }
    double mass() const override { return M_; }

    double density(double t, const double* x) const override;
    double potential(double t, const double* x) const override;
    void potential_gradient(double t, const double* x, double* grad) const override;
    double self_energy(double t) const override;
    void velocity(double t, const double* x, double* v) const override;
    double lipschitz_velocity(double t) const override;
    // reference/commutator.md 2.5: grad log mu = -x / sigma^2, so u_theta = u + alpha x with
    // alpha = theta / (2 sigma^2); u is tangential (C = D = 0 for it) and alpha x is linear
    // (log: C = -alpha M, D = -alpha M^2).
    void transport_velocity(double t, const double* x, double* v) const override;
    bool has_commutator_terms() const override { return true; }
    double commutator_cross(double t, const double*) const override;
    double commutator_self(double t) const override;
    double support_radius(double t) const override;

    double theta() const { return theta_; }
    // sigma(t)^2 = sigma0^2 + theta t.
    double variance(double t) const;
    double second_moment(double t) const { return 2.0 * M_ * variance(t); }

private:
    // grad h(x) = -(M / (2 sigma^2)) f(z) x.
    double gradient_factor(double t, const double* x) const;

    kernel::riesz_kernel g_{2, 0.0};
    double M_ = 1.0;
    double sigma0_;
    double theta_;
};

}  // namespace mfv::meanfield
