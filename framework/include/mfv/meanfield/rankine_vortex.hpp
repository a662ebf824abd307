// The Rankine vortex: 2D conservative flow (g = -log|x|), theta = 0, from a uniform disk of
// mass M and radius R (MATH.md section 4).
//
// The disk is stationary (the velocity is tangential and divergence free, the density
// radial). Potential, gradient and self-energy are those of the uniform ball in d = 2
// (coulomb_ball.hpp, MATH.md section 2). The velocity u = -J grad h, J = [[0,-1],[1,0]]:
//   u = (M/R^2) J x    inside (rigid rotation, angular velocity M/R^2),
//   u = M J x / |x|^2  outside.
// ||Du||_inf = M / R^2: inside Du = (M/R^2) J; outside Du = M J D(x/|x|^2), and
// D(x/|x|^2) = (I - 2 x x^T/|x|^2)/|x|^2 has eigenvalues +-1/|x|^2, so with J orthogonal the
// norm is M/|x|^2 <= M/R^2.
#pragma once
#include <mfv/meanfield/coulomb_ball.hpp>
#include <mfv/meanfield/reference.hpp>

namespace mfv::meanfield {

class rankine_vortex final : public reference {
public:
    // Throws mfv::input_error unless R > 0.
    explicit rankine_vortex(double R);

    std::string name() const override { return "rankine_vortex"; }
    const kernel::riesz_kernel& kernel() const override { return g_; }
    double mass() const override { return M_; }

    double density(double t, const double* x) const override;
    double potential(double t, const double* x) const override;
    void potential_gradient(double t, const double* x, double* grad) const override;
    double self_energy(double t) const override;
    void velocity(double t, const double* x, double* v) const override;
    double lipschitz_velocity(double t) const override;
    // reference/commutator.md 2.5: v = velocity() is tangential and mu radial, so
    // div(v mu) = 0 and v.grad h = 0: C = 0 at every x, D = 0 (whatever theta).
    bool has_commutator_terms() const override { return true; }
    double commutator_cross(double, const double*) const override { return 0.0; }
    double commutator_self(double) const override { return 0.0; }
    double support_radius(double) const override { return R_; }

    double second_moment(double) const { return ball_.second_moment(); }

private:
    kernel::riesz_kernel g_{2, 0.0};
    double M_ = 1.0;
    double R_;
    coulomb_ball ball_;
};

}  // namespace mfv::meanfield
