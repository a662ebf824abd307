// The whole-space Coulomb gradient flow with noise from a radial law, solved numerically in the
// enclosed mass m(t, r) = mu^t(B_r) (reference/radial.md), in the original frame (t, x) or in
// the self-similar one (tau, xi) of MATH.md section 3 (lambda = sqrt(1+t), tau = log(1+t),
// xi = x/lambda, mu = lambda^-d nu(tau, xi)). d = 2 (log) and d = 3 (s = 1); theta >= 0.
//
// The solver is radial_coulomb_solver.hpp. What is answered from its nodal m (radial.md 6):
// with w(r) = m(r)/r^d (even in r, smooth at 0; |S^(d-1)| w/d is the mean density of B_r) and
// the density rho at the nodes (d w + r w' near the centre, fourth-order differences of m
// beyond, d_r m = |S^(d-1)| r^(d-1) rho),
// both interpolated by 4-point Lagrange on the nodes (ghost f_{-1} = f_1: both are even),
//   enclosed mass  m(r) = r^d w(r),
//   density        rho(r), clipped at 0 (m is stored to ~1e-16 M, so a density below about
//                  1e-16 M / (|S^(d-1)| r^(d-1) h) is rounding, of either sign),
//   gradient       grad h(x) = -w(r) x                          (Newton: -grad h = m x / r^d),
//   potential      h(r) = h(L) + int_r^L rho w(rho) drho,  h(L) = M/L (d = 3), -M log L (d = 2),
//                  nodal values by the end-corrected trapezoid rule (O(h^4)), cubic Hermite
//                  between nodes (values h_i and slopes -r_i w_i);
//   self-energy    E = int h dmu = M h(L) + int_0^L m^2 / r^(d-1) dr (by parts),
//   second moment  int |x|^2 dmu = M L^2 - 2 int_0^L r m dr,
// both by the end-corrected trapezoid rule. Beyond L the law has no mass: m = M, mu = 0 and h
// is the point mass's potential.
//
// Frames. In the original frame the velocity is v = -grad h = w(r) x. In the self-similar one
// the queries take (tau, xi), density/potential/self-energy are those of nu (h = g * nu,
// no factor), and velocity() is the whole drift of d_tau nu + div(nu u) = (theta/2) Lap nu:
// u = e^(-s tau/2) w(|xi|) xi - xi/2 (MATH.md 3; the particles' drift without the noise).
// ||Du||_inf: Du = A I + B xi xi^T/|xi|^2 has the eigenvalues (across xi) a w - b and (along xi)
// a (w + r w') - b = a (|S^(d-1)| rho - (d-1) w) - b, a the transport factor, b = 1/2 or 0; the
// sup of their absolute values over the nodes and over r >= L (closed form there). A grid sup:
// it misses a smooth maximum by O(h^2) relative. transport_velocity() is
// u - (theta/2) grad log mu, grad log mu = (rho'/(r rho)) x from the density's interpolant;
// meaningless where the density is rounding (far tails, see above).
//
// Accuracy (radial.md 4-5). The error is O(h^2 + dt^2). With settings.error_estimate the
// constructor also solves on half the cells with twice the step; for a second-order scheme the
// fine run's error is then (m_coarse - m_fine)/3 + o(h^2) (Richardson), and error_estimate()
// is its largest value over the coarse nodes and the output times: a measured error bar on m,
// not a bound. A run whose density goes negative at some step (a shell mass below -1e-10 M:
// neither central transport nor the trapezoidal stage is monotone at large Courant numbers
// |v| dt/h, nor at cell Peclet numbers h |v|/(theta/2) above 2 in general; in the tests only
// large steps did it) throws mfv::run_error asking for a smaller dt or a finer grid.
//
// The solution is stored at the output times given to the constructor only (as spectral_torus);
// a query at another time throws mfv::run_error naming it.
#pragma once
#include <mfv/core/law_spec.hpp>
#include <mfv/meanfield/radial_coulomb_solver.hpp>
#include <mfv/meanfield/reference.hpp>

#include <string>
#include <vector>

namespace mfv::meanfield {

struct radial_settings {
    // Cells on [0, L]; 0 picks 2000.
    int grid = 0;
    // Largest time step (in tau in the self-similar frame); 0 picks 1e-3.
    double dt = 0.0;
    // The domain radius L; 0 picks it from the law, theta and the last output time (radial.md 4).
    double radius = 0.0;
    // The self-similar frame (tau, xi) instead of (t, x).
    bool self_similar = false;
    // false switches the interaction off (tests only: pure diffusion, or the Ornstein-Uhlenbeck
    // flow in the self-similar frame).
    bool interaction = true;
    // Also solve on grid/2 cells with step 2 dt, for error_estimate() (costs about 1/4 more).
    bool error_estimate = true;
};

class radial_coulomb final : public reference {
public:
    // g: Coulomb in d = 2 (log) or 3. law.type: "uniform_ball" (law.radius) or "gaussian"
    // (law.sigma). times: the output times (t, or tau in the self-similar frame). Throws
    // mfv::input_error for anything else.
    radial_coulomb(const kernel::riesz_kernel& g, double theta, const mfv::law_spec& law, std::vector<double> times,
                   radial_settings settings = {});

    // True when (g, flow, law) is one this reference solves; otherwise `why` says what is not.
    static bool applies(const kernel::riesz_kernel& g, const std::string& flow, const mfv::law_spec& law,
                        std::string* why = nullptr);

    std::string name() const override { return settings_.self_similar ? "radial_coulomb_self_similar" : "radial_coulomb"; }
    const kernel::riesz_kernel& kernel() const override { return g_; }
    double mass() const override { return M_; }

    double density(double t, const double* x) const override;
    double potential(double t, const double* x) const override;
    void potential_gradient(double t, const double* x, double* grad) const override;
    double self_energy(double t) const override;
    void velocity(double t, const double* x, double* v) const override;
    void transport_velocity(double t, const double* x, double* v) const override;
    double lipschitz_velocity(double t) const override;
    bool defined_between_outputs() const override { return false; }
    double support_radius(double) const override;

    // m(t, r) = mu^t(B_r), between the nodes by the interpolant of w.
    double enclosed_mass(double t, double r) const;
    // int |x|^2 dmu^t.
    double second_moment(double t) const;
    // The interaction's factor a = e^(-s tau/2) in the self-similar frame (1 for log), 1 otherwise.
    double transport_factor(double t) const;

    double theta() const { return theta_; }
    const radial_settings& settings() const { return settings_; }
    const radial_solution& solution() const { return sol_; }
    const std::vector<double>& times() const { return sol_.times; }
    // max over the output times and the nodes of the half-resolution run of
    // |m_coarse - m_fine| / 3 (Richardson), the estimated error of m; NaN without
    // settings.error_estimate or with an odd grid.
    double error_estimate() const { return error_estimate_; }

private:
    // What is kept at each output time: w, the density and h at the nodes, E, ||Du||.
    struct profile {
        std::vector<double> w, rho, h;
        double self_energy = 0.0, second_moment = 0.0, lipschitz = 0.0;
    };
    struct local {
        double value, slope, curvature;
    };
    std::size_t slot(double t) const;
    local interpolate(const std::vector<double>& f, double r) const;
    profile make_profile(const std::vector<double>& m, double t) const;
    std::vector<double> nodal_density(const std::vector<double>& m, const std::vector<double>& w) const;
    double confinement() const { return settings_.self_similar ? 0.5 : 0.0; }

    kernel::riesz_kernel g_;
    double M_ = 1.0;
    double theta_;
    radial_settings settings_;
    radial_solution sol_;
    std::vector<profile> profiles_;
    double error_estimate_ = 0.0;
};

}  // namespace mfv::meanfield
