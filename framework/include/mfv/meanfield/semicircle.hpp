// The 1D log gas (d = 1, g = -log|x|), gradient flow, theta = 0: the semicircle law
// (MATH.md section 3, last item).
//
//   mu(t,x) = (2 M / (pi R^2)) sqrt(R^2 - x^2)_+,   R(t)^2 = R0^2 + 4 M t,
//   h(x) = M (-log(R/2) + 1/2 - x^2/R^2)                                   |x| <= R,
//   E    = M^2 (1/4 - log(R/2)),   int x^2 dmu = M R^2 / 4.
// Inside, v = -h' = 2 M x / R^2 is linear. Outside, from the Stieltjes transform of the
// semicircle, int dmu(y)/(x - y) = 2 M / (x + sqrt(x^2 - R^2)) for x > R, integrated from
// the edge (where h is continuous):
//   h(x)  = M (-log(R/2) + 1/2 - |x| / (|x| + sqrt(x^2-R^2)) - acosh(|x|/R))   |x| >= R,
//   h'(x) = -2 M sign(x) / (|x| + sqrt(x^2 - R^2)).
// (The middle term is -x^2/R^2 + |x| sqrt(x^2-R^2)/R^2 written without cancellation; as
// |x| -> infinity, h -> -M log|x|. A test checks h against direct quadrature.)
//
// ||Dv||_inf = +infinity: outside, v'(x) = -2 M (1 + |x|/sqrt(x^2-R^2)) / (|x| + sqrt(x^2-R^2))^2
// diverges like (|x| - R)^(-1/2) at the edge (v is Hoelder-1/2 there). Over the support
// the sup is 2 M / R^2 (lipschitz_velocity_on_support).
#pragma once
#include <mfv/meanfield/commutator_terms.hpp>
#include <mfv/meanfield/reference.hpp>

namespace mfv::meanfield {

class semicircle final : public reference {
public:
    // Throws mfv::input_error unless R0 > 0.
    explicit semicircle(double R0);

    std::string name() const override { return "semicircle"; }
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

    // R(t) = sqrt(R0^2 + 4 M t).
    double radius(double t) const;
    double second_moment(double t) const;

private:
    kernel::riesz_kernel g_{1, 0.0};
    double M_ = 1.0;
    double R0_;
};

}  // namespace mfv::meanfield
