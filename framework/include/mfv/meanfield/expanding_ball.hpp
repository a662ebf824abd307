// Coulomb gradient flow from a uniform ball, theta = 0 (MATH.md section 2).
//
// The ball stays uniform; its radius obeys
//   R(t)^d = R0^d + d M t          (2D log: R^2 = R0^2 + 2 M t; 3D: R^3 = R0^3 + 3 M t),
// and the velocity v = -grad h is M x / R^d inside (particles move as x(t) = x0 R(t)/R0)
// and M x / |x|^d outside. Potential, gradient and self-energy are those of the uniform
// ball (coulomb_ball.hpp).
//
// ||Dv||_inf: inside Dv = (M/R^d) I; outside, the Jacobian of M x/|x|^d is symmetric with
// eigenvalues M/|x|^d (across x, d-1 of them) and -(d-1) M/|x|^d (along x). The sup over x
// is therefore (d-1) M / R^d, reached just outside the edge (M/R^2 in 2D, 2M/R^3 in 3D),
// as MATH.md says; over the support alone it is M / R^d.
//
// Kernels: d = 2 with s = 0 (log) and d = 3 with s = 1.
#pragma once
#include <mfv/meanfield/coulomb_ball.hpp>
#include <mfv/meanfield/commutator_terms.hpp>
#include <mfv/meanfield/reference.hpp>

namespace mfv::meanfield {

class expanding_ball final : public reference {
public:
    // Throws mfv::input_error unless g is Coulomb in d = 2 or 3 and R0 > 0.
    expanding_ball(const kernel::riesz_kernel& g, double R0);

    std::string name() const override { return "expanding_ball"; }
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

    // R(t) = (R0^d + d M t)^(1/d).
    double radius(double t) const;
    // int |x|^2 dmu^t = d M R^2 / (d + 2).
    double second_moment(double t) const { return ball(t).second_moment(); }

private:
    coulomb_ball ball(double t) const { return {g_.d(), M_, radius(t)}; }

    kernel::riesz_kernel g_;
    double M_ = 1.0;
    double R0_;
};

}  // namespace mfv::meanfield
