// The conservative flow on T^2 from a density whose modes all lie on one shell |k| = K
// (MATH.md section 6): mu0 = 1 + sum_m a_m cos(2 pi k_m.x + phi_m) with |k_m| = K for all m.
//
// For every periodic Riesz/log kernel G^(k) = c_{2,s}|2 pi k|^(s-2) depends on |k| only, so
// h = G * mu = G^(K) (mu - 1): the velocity v = -J grad h is divergence free and orthogonal to
// grad mu, the transport term div(mu v) = v.grad mu vanishes, and every mode of the shell
// decays under (theta/2) Lap at the same rate. The exact nonlinear solution is
//
//   mu(t) = 1 + e^{-lambda t} (mu0 - 1),   lambda = (theta/2) |2 pi K|^2,
//   h(t)  = G^(K) e^{-lambda t} (mu0 - 1),
//   iint G dmu dmu = G^(K) e^{-2 lambda t} sum_{k != 0} |mu0^(k)|^2,
//   ||Dv||_inf = G^(K) e^{-lambda t} sup_x ||D^2 mu0(x)||.
//
// The last sup is closed form when the modes share one wave vector up to sign (then
// mu0 - 1 = A cos(2 pi k.x + phi) and sup ||D^2 mu0|| = |A| |2 pi k|^2); with several wave
// vectors on the shell it is computed once, as the sup over a fine grid polished by a local
// search (torus_series::hessian_norm_sup). support_radius is +infinity.
#pragma once
#include <mfv/core/law_spec.hpp>
#include <mfv/meanfield/reference.hpp>
#include <mfv/meanfield/torus_series.hpp>

namespace mfv::meanfield {

class shell_mode_torus final : public reference {
public:
    // True when law is a "fourier" law in d = 2 with at least one mode, all on one shell.
    static bool applies(int d, const mfv::law_spec& law);
    // Throws mfv::input_error unless d = 2, theta >= 0 and applies(2, law), or if
    // sum_m |a_m| >= 1.
    shell_mode_torus(const kernel::riesz_kernel& g, double theta, const mfv::law_spec& law);

    std::string name() const override { return "shell_mode_torus"; }
    const kernel::riesz_kernel& kernel() const override { return g_; }

    double density(double t, const double* x) const override;
    double potential(double t, const double* x) const override;
    void potential_gradient(double t, const double* x, double* grad) const override;
    double self_energy(double t) const override;
    void velocity(double t, const double* x, double* v) const override;
    double lipschitz_velocity(double t) const override;
    // The commutator for v = u_theta (reference/commutator.md 4, shell mode).
    void transport_velocity(double t, const double* x, double* v) const override;
    bool has_commutator_terms() const override { return true; }
    double commutator_cross(double t, const double* x) const override;
    double commutator_self(double t) const override;
    double support_radius(double) const override;
    void potentials(double t, points_view x, std::span<double> h) const override;

    // lambda = (theta/2)|2 pi K|^2, and G^(K).
    double decay_rate() const { return lambda_; }
    double shell_symbol() const { return G_; }
    // e^{-lambda t}, the factor of every mode.
    double amplitude_factor(double t) const;

private:
    kernel::riesz_kernel g_;
    double theta_;
    double lambda_ = 0.0, G_ = 0.0;
    // mu0 - 1.
    torus_series f_;
    double hessian_sup_ = 0.0;
};

}  // namespace mfv::meanfield
