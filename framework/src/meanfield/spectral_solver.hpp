// The time stepper behind spectral_torus (spectral_torus.hpp gives the equations, the
// splitting L + N and the reasons for it).
//
// The state is mu^(k) on the retained half spectrum |k|_inf <= K, k_last >= 0, in the order
// of torus_series (so a state and a series share indices). One step is ETDRK4 in the form of
// Cox and Matthews (2002, J. Comput. Phys. 176), with z = L h:
//   a = E2 u + Q N(u),   b = E2 u + Q N(a),   c = E2 a + Q (2 N(b) - N(u)),
//   u+ = E u + f1 N(u) + 2 f2 (N(a) + N(b)) + f3 N(c),
//   E = e^z, E2 = e^{z/2}, Q = h phi1(z/2)/2,
//   f1 = h (phi1 - 3 phi2 + 4 phi3),  f2 = h (phi2 - 2 phi3),  f3 = h (4 phi3 - phi2)   (at z),
// phi_l(z) = sum_{j>=0} z^j/(j+l)!. One N costs 2d + 1 FFTs of the n^d grid.
#pragma once
#include "fftw_support.hpp"

#include <mfv/kernel/riesz_kernel.hpp>
#include <mfv/meanfield/torus_series.hpp>

#include <complex>
#include <vector>

namespace mfv::meanfield::detail {

// The ETDRK4 weights of one step h for a real linear symbol L.
struct etdrk4_weights {
    double h = -1.0;
    std::vector<double> E, E2, Q, f1, f2, f3;
    void make(const std::vector<double>& L, double h);
};

class spectral_solver {
public:
    spectral_solver(const kernel::riesz_kernel& g, bool conservative, double theta, int n, int K);

    // G^(k) (0 at k = 0) and L(k) on the retained modes, in torus_series order.
    const std::vector<double>& kernel_symbol() const { return G_; }
    const std::vector<double>& linear_symbol() const { return L_; }

    void set_state(const torus_series& mu);
    void get_state(torus_series& mu) const;
    // m steps of length h from time t (t only names the time in errors). Throws mfv::run_error
    // when the density on the grid is not positive (or not finite) at the start of a step.
    void advance(double t, double h, long m);
    // d_t mu of the state at hand, N(mu) + L mu, on the retained modes (the right-hand side
    // of the mean-field equation, band K: the dealiased product).
    void time_derivative(torus_series& dmu);
    // min of mu on the n^d grid now, and over every check so far.
    double grid_min_density();
    double min_density() const { return min_density_; }

private:
    using cvec = std::vector<std::complex<double>>;
    // out = N(u); returns min(mu) on the grid.
    double nonlinear(const cvec& u, cvec& out);
    // Spectrum entries c[r] (times factor[r], if given) onto the n^d grid.
    void to_grid(const cvec& c, const std::vector<double>* factor, int derivative, std::complex<double>* spec,
                 double* grid) const;
    void check_positive(double t, double min_mu);

    int d_, n_, K_;
    bool conservative_;
    std::size_t ngrid_ = 1, nspec_ = 1;
    // Per retained mode: position in the FFTW half spectrum, 2 pi k_j (row-major, d a mode).
    std::vector<std::size_t> pos_;
    std::vector<double> two_pi_k_;
    std::vector<double> G_, L_;
    // The state, the stages and their N; mu - 1 of the state at hand.
    cvec u_, nu_, a_, na_, b_, nb_, c_, nc_, fluct_;
    // Position of k = 0.
    std::size_t zero_ = 0;
    etdrk4_weights w_;
    // Half spectra, one per component of a nonlinear evaluation (d + 1).
    std::vector<fftw_array<std::complex<double>>> spec_;
    fftw_array<double> mu_grid_;
    std::vector<fftw_array<double>> grad_grid_;
    fftw_plan_handle to_grid_, to_spec_;
    double min_density_ = 0.0;
};

}  // namespace mfv::meanfield::detail
