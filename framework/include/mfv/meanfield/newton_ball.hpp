// The uniform ball under the Newton flow (issue 7; MATH.md section 0: dx_i = v_i dt,
// dv_i = -(1/N) grad_i H_N dt): the monokinetic mean-field solution (pressureless
// Euler-Coulomb) from the uniform ball of radius R0 and mass M with velocity u0 = a x stays a
// uniform ball, of radius R(t), with velocity u(t, x) = (R'/R) x on it. Inside the ball the
// force is -grad h = M x / R^d (coulomb_ball.hpp), so a material point x = R(t) xi obeys
//   R'' = M R^(1-d),   R(0) = R0,   R'(0) = a R0       (Coulomb: d = 2 log, d = 3),
// with the first integral (energy)
//   R'^2 / 2 = R'(0)^2 / 2 + M (1/R0 - 1/R)   (d = 3),   R'^2 / 2 = R'(0)^2 / 2 + M log(R/R0)   (d = 2).
// R(t) is the inverse of t(R) = int dr / R'(r) over the branch of the motion: if a < 0 the
// ball first contracts to R_min, where R' = 0, then expands; if a >= 0 it expands at once.
// t(R) is computed by tanh-sinh quadrature (Boost.Math; it takes the 1/sqrt singularity at a
// turning point) and inverted by TOMS 748 root bracketing, to 1e-13 relative in R.
#pragma once
#include <atomic>
#include <cstdint>
#include <mfv/meanfield/coulomb_ball.hpp>
#include <mfv/meanfield/reference.hpp>

namespace mfv::meanfield {

class newton_ball final : public reference {
public:
    // Throws mfv::input_error unless g is Coulomb in d = 2 or 3, R0 > 0 and a finite; and,
    // in d = 3 with a < 0, unless the ball turns before collapsing (it always does:
    // R_min = 1 / (1/R0 + a^2 R0^2 / (2M)) > 0).
    newton_ball(const kernel::riesz_kernel& g, double R0, double a);

    std::string name() const override { return "newton_ball"; }
    const kernel::riesz_kernel& kernel() const override { return g_; }
    double mass() const override { return M_; }

    double density(double t, const double* x) const override;
    double potential(double t, const double* x) const override;
    void potential_gradient(double t, const double* x, double* grad) const override;
    double self_energy(double t) const override;
    // The fluid velocity u(t, x) = (R'/R) x (on the support; the same linear field outside).
    void velocity(double t, const double* x, double* v) const override;
    double lipschitz_velocity(double t) const override { return std::abs(radius_rate(t) / radius(t)); }
    double support_radius(double t) const override { return radius(t); }

    double radius(double t) const;
    // R'(t), from the first integral with the sign of the branch.
    double radius_rate(double t) const;
    // The turning time (0 when a >= 0) and the smallest radius.
    double turning_time() const { return t_turn_; }
    double smallest_radius() const { return R_min_; }

private:
    // R(t) by inverting time_from_min (radius() caches its last answer per thread).
    double solve_radius(double t) const;
    // R'^2 at radius R (the first integral).
    double rate2(double R) const;
    // Time to go from R_min to R on the expanding branch (R >= R_min).
    double time_from_min(double R) const;

    kernel::riesz_kernel g_;
    double M_ = 1.0, R0_, a_;
    double R_min_, t_turn_ = 0.0, t0_from_min_ = 0.0;
    // Distinct for every constructed ball (copies share it: same parameters).
    std::uint64_t id_ = next_id();
    static std::uint64_t next_id() {
        static std::atomic<std::uint64_t> counter{0};
        return ++counter;
    }
    coulomb_ball ball(double t) const { return {g_.d(), M_, radius(t)}; }
};

}  // namespace mfv::meanfield
