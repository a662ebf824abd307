// Riesz gradient flow, theta = 0, d-2 <= s < d, s > 0: the Barenblatt-type self-similar
// solution (MATH.md section 3).
//
//   mu(t,x) = A(t) (R(t)^2 - |x|^2)_+^beta,   beta = (s - d + 2)/2,   A = M / (m_beta R^(s+2)),
//   m_beta  = pi^(d/2) Gamma(beta+1) / Gamma(beta+1+d/2),
//   R(t)^(s+2) = R0^(s+2) + kappa_{d,s} M t,
//   kappa_{d,s} = (2(s+2)/d) Gamma((d-s)/2) Gamma(s/2+2) / Gamma(d/2).
// Inside the support the potential is quadratic and the velocity linear:
//   h = A K_{d,s} (R^2 - (s/d)|x|^2),   v = -grad h = 2 A K_{d,s} (s/d) x,
//   K_{d,s} = pi^(d/2) Gamma((d-s)/2) Gamma((s-d+4)/2) / (s Gamma(d/2)).
// Self-energy E = 2 (s+2) M^2 Gamma((d-s)/2) Gamma(s/2+1) / (s (s+4) Gamma(d/2) R^s);
// second moment int |x|^2 dmu = M R^2 d / (s+4).
//
// Outside the support (r = |x| >= R), by quadrature. Expanding |x-y|^-s in spherical
// harmonics, its mean over the sphere |y| = rho < r is r^-s 2F1(s/2, beta; d/2; rho^2/r^2);
// integrating it against the profile sums to
//   h(r) = (M / (s r^s)) F(z),   z = R^2/r^2,   F = 2F1(s/2, beta; s/2 + 2; z).
// Euler's integral for F, with t = u^p, p = 2/s, has a bounded integrand:
//   F(z)  = ((s+2)/2)      int_0^1 (1 - u^p) (1 - z u^p)^(-beta) du,
//   F'(z) = ((s+2)/2) beta int_0^1 (1 - u^p) u^p (1 - z u^p)^(-beta-1) du,
//   h'(r) = -(M / r^(s+1)) (F(z) + (2z/s) F'(z)),
// evaluated by Boost.Math tanh-sinh quadrature (the only singularity, (1-u^p)^(-beta) in F'
// at z = 1, sits at an endpoint, where tanh-sinh converges doubly exponentially). At z = 1
// h matches the inside formula (a test checks this); as r -> infinity, h -> M/(s r^s).
//
// ||Dv||_inf. Inside, Dv = 2 A K (s/d) I. Outside, Dv has eigenvalues -h''(r) and -h'(r)/r.
// Near z = 1, F = (analytic) + C (1-z)^(1+(d-s)/2) with C = Gamma(s/2+2) Gamma(-1-(d-s)/2)
// / (Gamma(s/2) Gamma(beta)), which is not 0 when beta > 0; so h''(r) grows like
// (r-R)^((d-s)/2 - 1) as r -> R+, v is only Hoelder-(d-s)/2 across the edge, and
// ||Dv||_inf = +infinity (lipschitz_velocity). The sup over the support is 2 A K s/d
// (lipschitz_velocity_on_support). When beta = 0 (s = d-2: the Coulomb ball of section 2,
// d = 3, s = 1) the outside field is M x/|x|^d and ||Dv||_inf = (d-1) M / R^d.
#pragma once
#include <mfv/meanfield/commutator_terms.hpp>
#include <mfv/meanfield/reference.hpp>

namespace mfv::meanfield {

class barenblatt final : public reference {
public:
    // Throws mfv::input_error unless s > 0, d-2 <= s < d and R0 > 0.
    barenblatt(const kernel::riesz_kernel& g, double R0);

    std::string name() const override { return "barenblatt"; }
    const kernel::riesz_kernel& kernel() const override { return g_; }
    double mass() const override { return M_; }

    double density(double t, const double* x) const override;
    double potential(double t, const double* x) const override;
    void potential_gradient(double t, const double* x, double* grad) const override;
    double self_energy(double t) const override;
    void velocity(double t, const double* x, double* v) const override;
    double lipschitz_velocity(double t) const override;
    double lipschitz_velocity_on_support(double t) const override;
    // reference/commutator.md 1.4: v = a x on the support, a = lipschitz_velocity_on_support.
    bool has_commutator_terms() const override { return true; }
    double commutator_cross(double t, const double* x) const override {
        return linear_support_cross(*this, t, x, lipschitz_velocity_on_support(t));
    }
    double commutator_self(double t) const override { return linear_support_self(*this, t, lipschitz_velocity_on_support(t)); }
    double support_radius(double t) const override { return radius(t); }

    double beta() const { return beta_; }
    double K() const { return K_; }
    double kappa() const { return kappa_; }
    double m_beta() const { return m_beta_; }
    // R(t) = (R0^(s+2) + kappa M t)^(1/(s+2)).
    double radius(double t) const;
    // A(t) = M / (m_beta R^(s+2)).
    double amplitude(double t) const;
    double second_moment(double t) const;

private:
    // h(r) and h'(r) for a radius r; outside the support by quadrature.
    double potential_r(double t, double r) const;
    double potential_derivative_r(double t, double r) const;

    kernel::riesz_kernel g_;
    double M_ = 1.0;
    double R0_;
    double beta_;
    double K_;
    double kappa_;
    double m_beta_;
};

}  // namespace mfv::meanfield
