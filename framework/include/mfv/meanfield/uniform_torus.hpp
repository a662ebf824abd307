// The uniform law mu = 1 on the torus T^d = [0,1)^d: the exact stationary solution of both
// flows for every theta and every periodic Riesz/log kernel (MATH.md section 6).
//
// The periodic kernel G has mean zero (G^(0) = 0, neutralizing background), so
//   h = G * 1 = 0,   grad h = 0,   iint G dmu dmu = 0,   v = 0,   ||Dv||_inf = 0,
// and mu = 1 solves d_t mu = div(mu grad h) + (theta/2) Lap mu (and the conservative
// equation) trivially. support_radius is +infinity, as for every torus reference: the support
// is the whole torus, and a finite radius such as sqrt(d)/2 (half the diagonal) would suggest
// a ball in R^d that the code does not use.
#pragma once
#include <mfv/meanfield/reference.hpp>

#include <string>

namespace mfv::meanfield {

class uniform_torus final : public reference {
public:
    // flow: "gradient" | "conservative" (d = 2); theta >= 0. Throws mfv::input_error otherwise.
    uniform_torus(const kernel::riesz_kernel& g, const std::string& flow, double theta);

    std::string name() const override { return "uniform_torus"; }
    const kernel::riesz_kernel& kernel() const override { return g_; }

    double density(double, const double*) const override { return 1.0; }
    double potential(double, const double*) const override { return 0.0; }
    void potential_gradient(double, const double* x, double* grad) const override;
    double self_energy(double) const override { return 0.0; }
    void velocity(double, const double* x, double* v) const override;
    double lipschitz_velocity(double) const override { return 0.0; }
    // mu = 1: h = 0 and u_theta = 0, so C = 0 and D = 0 (commutator.md 4).
    bool has_commutator_terms() const override { return true; }
    double commutator_cross(double, const double*) const override { return 0.0; }
    double commutator_self(double) const override { return 0.0; }
    double support_radius(double) const override;
    void potentials(double t, points_view x, std::span<double> h) const override;

    const std::string& flow() const { return flow_; }
    double theta() const { return theta_; }

private:
    kernel::riesz_kernel g_;
    std::string flow_;
    double theta_;
};

}  // namespace mfv::meanfield
