// The mean-field equation on the torus T^d = [0,1)^d solved by a pseudo-spectral method
// (MATH.md sections 0 and 6), for the periodic Riesz/log kernel with neutralizing background,
//
//   G^(k) = c_{d,s} |2 pi k|^(s-d)  (k != 0),   G^(0) = 0,   h = G * mu,
//   gradient:      d_t mu = div(mu grad h) + (theta/2) Lap mu,
//   conservative:  d_t mu = div(mu J grad h) + (theta/2) Lap mu   (d = 2, J = [[0,-1],[1,0]]),
//
// from mu0 = 1 + sum_m a_m cos(2 pi k_m.x + phi_m) (law "fourier") or mu0 = 1 ("uniform").
//
// Space. mu^(k) on the modes |k|_inf <= K of an n^d grid; K = floor((n-1)/3) (2/3 rule: the
// product of two fields of band K aliases only onto |k_j| > K, so the retained modes of the
// quadratic term are exact), or K = n/2 - 1 without dealiasing. Products on the grid, derivatives
// in Fourier space, real-to-complex FFTW plans (FFTW_ESTIMATE, made once).
//
// Time. ETDRK4 (Cox and Matthews 2002) on mu^_t = L mu^ + N(mu^), with the linear part
//   L(k) = -(theta/2)|2 pi k|^2 - c_{d,s}|2 pi k|^(s-d+2)   (gradient),
//   L(k) = -(theta/2)|2 pi k|^2                             (conservative),
//   N(mu) = div((mu - 1) grad h)  resp.  div((mu - 1) J grad h),
// i.e. the flow linearised about mu = 1 is integrated exactly: div(grad h) = Lap h has symbol
// -c_{d,s}|2 pi k|^(s-d+2), which for s > d-2 grows with |k| (c_{1,1/2}|2 pi 42|^(3/2) ~ 2e4)
// and would make an explicit treatment stiff, and div(J grad h) = 0. The linear decay rates
// (MATH.md 6) are then exact in the scheme, and only the quadratic remainder is explicit.
// Since N is a divergence, N^(0) = 0 and mu^(0) = 1 to the last bit. The phi-functions of
// the ETDRK4 weights are summed from their Taylor series for |L h| < 2 and from the closed
// forms beyond, which keeps them to a few ulps (the contour integral of Kassam and
// Trefethen 2005 loses digits for |L h| near 1, where its circle passes near 0).
// Between consecutive output times the step is (t_b - t_a)/ceil((t_b - t_a)/dt) <= dt, so
// every output time is hit exactly.
//
// Queries are answered at the output times given to the constructor only (a query at any
// other t throws mfv::run_error naming t). density, potential and its gradient at a point are
// the Fourier series summed exactly at the point (torus_series); the potential at many
// points costs O(N (2K+1)^(d-1) (K+1)). self_energy = sum_{k != 0} G^(k) |mu^(k)|^2.
// lipschitz_velocity = sup_x ||D^2 h(x)|| (||J H|| = ||H||): the sup over the nodes of the
// grid refined 2x by zero padding, polished by a local search (torus_series::hessian_norm_sup),
// so a grid sup made sharp at smooth maxima. support_radius is +infinity: mu > 0 everywhere.
#pragma once
#include <mfv/core/law_spec.hpp>
#include <mfv/meanfield/reference.hpp>
#include <mfv/meanfield/torus_series.hpp>

#include <string>
#include <vector>

namespace mfv::meanfield {

struct spectral_settings {
    // Grid points per dimension; 0 picks 128 (d = 1, 2) or 32 (d = 3).
    int grid = 0;
    // Largest time step.
    double dt = 1e-3;
    // 2/3-rule dealiasing of the quadratic term (false keeps |k_j| <= n/2 - 1, aliased).
    bool dealias = true;
};

class spectral_torus final : public reference {
public:
    // flow: "gradient" | "conservative" (d = 2). law.type: "uniform" | "fourier" with modes
    // inside the band K and sum_m |a_m| < 1. times: the output times (>= 0, any order,
    // duplicates merged). Throws mfv::input_error for bad input, mfv::run_error if the density
    // stops being positive on the grid (under-resolved run).
    spectral_torus(const kernel::riesz_kernel& g, const std::string& flow, double theta, const mfv::law_spec& law,
                   std::vector<double> times, spectral_settings settings = {});

    std::string name() const override { return "spectral_torus"; }
    const kernel::riesz_kernel& kernel() const override { return g_; }

    double density(double t, const double* x) const override;
    double potential(double t, const double* x) const override;
    void potential_gradient(double t, const double* x, double* grad) const override;
    double self_energy(double t) const override;
    void velocity(double t, const double* x, double* v) const override;
    double lipschitz_velocity(double t) const override;
    // u_theta = velocity() - (theta/2) grad mu / mu; the commutator's C = d_t h + u_theta.grad h
    // and D = dE/dt from the solver's d_t mu at the output time (band K after dealiasing: W is
    // truncated at the spectral tail's size, commutator.md 4).
    void transport_velocity(double t, const double* x, double* v) const override;
    bool has_commutator_terms() const override { return true; }
    bool defined_between_outputs() const override { return false; }
    double commutator_cross(double t, const double* x) const override;
    double commutator_self(double t) const override;
    double support_radius(double) const override;
    void potentials(double t, points_view x, std::span<double> h) const override;

    // The run's parameters (settings with the defaults resolved) and diagnostics.
    const std::string& flow() const { return flow_; }
    double theta() const { return theta_; }
    const spectral_settings& settings() const { return settings_; }
    int band() const { return K_; }
    const std::vector<double>& times() const { return times_; }
    // Time steps taken in all.
    long steps() const { return steps_; }
    // max over the output times of |mu^(0)(t) - 1|.
    double mass_drift() const;
    // The smallest density on the n^d grid, over the start of every step and the output times.
    double min_density() const { return min_density_; }
    // max |mu^(k)| over the two outermost shells |k|_inf in {K-1, K}: the accuracy indicator
    // of the spatial truncation (the error is of the order of the first dropped modes); at t,
    // and the largest over the output times.
    double spectral_tail(double t) const;
    double spectral_tail() const;
    // Wall time of the solve in the constructor.
    double solve_seconds() const { return solve_seconds_; }

    // mu^t and h^t as Fourier series, at an output time.
    const torus_series& density_series(double t) const { return mu_[slot(t)]; }
    const torus_series& potential_series(double t) const { return h_[slot(t)]; }

private:
    std::size_t slot(double t) const;

    kernel::riesz_kernel g_;
    std::string flow_;
    double theta_;
    spectral_settings settings_;
    int K_ = 0;
    std::vector<double> times_;
    std::vector<torus_series> mu_, h_;
    std::vector<double> self_energy_;
    long steps_ = 0;
    // d_t h and dE/dt at the output times.
    std::vector<torus_series> dh_;
    std::vector<double> self_energy_rate_;
    double min_density_ = 0.0;
    double solve_seconds_ = 0.0;
};

}  // namespace mfv::meanfield
