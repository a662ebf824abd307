// The modulated energy F_N of Coulomb particles on the torus T^d (MATH.md sections 0 and 6),
// computed a second way, as the energy of an electric field (reference/electric.md 1-3):
//
//   F_N = E_eta - (g(eta) + R_0)/N + P_eta - X_eta,                          (electric.md (1))
//   E_eta = (1/c_d) int |grad H_eta|^2 = sum_{k != 0} G^(k) |nu^(k)|^2,     H_eta = G * nu,
//   nu = mu_N^(eta) - mu,  nu^(k) = S(k) s_eta^(k) / N - mu^(k),  S(k) = sum_j e^{-2 pi i k.x_j},
//
// the charges smeared uniformly on the spheres dB(x_i, eta), s_eta^ the transform of that
// sphere (3D: sin(2 pi |k| eta)/(2 pi |k| eta); 2D: J_0(2 pi |k| eta)), G^(k) = c_d |2 pi k|^-2,
// R_0 = lim_{x -> 0} G(x) - g(x) (interaction::regular_part_at_zero), X_eta = (2/N) sum_i
// (f_eta * mu)(x_i) with f_eta = (g - g(eta))_+ (for mu = 1: X_eta = c_d eta^2 / d), and P_eta
// the pair correction, 0 when every pair is at least 2 eta apart (evaluate() checks it).
//
// Plan shape (FINUFFT's): made once for (d, band K, eta, mu), executed on many configurations.
// The field is kept on the band |k|_inf <= K: S(k) is summed directly (phase tables, a
// deterministic O(N K^d) sum, no spreading: exact to rounding), and E_eta is computed twice,
// as the spectral sum and as the grid integral (1/c_d) mean |grad H|^2 on an n^d grid,
// n = 2K + 2, after inverse FFTs (FFTW3) of the field's components (Parseval: equal to
// rounding, since |grad H|^2 has band 2K < n).
//
// Accuracy model (electric.md 3). The band drops sum_{|k|_inf > K} G^ |nu^|^2; its part from
// the diagonal of |S|^2 is configuration independent and known exactly,
//   T_K = (1/N) [G_{eta eta}(0) - sum_{0 < |k|_inf <= K} G^(k) s_eta^(k)^2],
//   G_{eta eta}(0) = g(eta) + R_0 + c_d eta^2 / d,
// of size ~ m_3/(2 pi^2 eta^2 K N) (3D), ~ m_2/(2 pi^2 eta K N) (2D), m_3 = 0.831, m_2 = 0.900:
// order 1 in 1/K, from the decay |k|^-1 (3D), |k|^-1/2 (2D) of the sphere's transform. `value`
// adds T_K back; the rest, the off-diagonal tail, oscillates and is smaller: measured (not a
// proven bound; electric.md 3) at most 2.6e-3 T_K (3D) and 1.3e-2 T_K (2D) for K >= 16 on
// disordered configurations (jittered lattices, iid points, the gradient flow's), but up to
// 0.11 T_K (3D, K >= 16) and 0.53 T_K (2D, K = 8) on perfect lattices, where the dropped
// modes add coherently; below T_K in every case tried. `value_band` leaves T_K out and
// converges at order 1. accuracy_model() = N T_K: the error of value_band is
// -accuracy_model()/N to leading order, that of value at most that (measured).
#pragma once
#include <mfv/core/law_spec.hpp>
#include <mfv/core/points.hpp>
#include <mfv/kernel/riesz_kernel.hpp>
#include <mfv/meanfield/torus_series.hpp>

#include <complex>
#include <string>
#include <vector>

namespace mfv::energy {

struct electric_terms {
    double eta;
    // E_eta on the band (spectral sum) and the same as the grid integral of |grad H|^2 / c_d.
    double field_energy;
    double field_energy_grid;
    // (g(eta) + R_0) / N.
    double self_term;
    // X_eta = (2/N) sum_i (f_eta * mu)(x_i).
    double cross_term;
    // T_K, the exact tail of the diagonal beyond the band.
    double diagonal_tail;
    // F_N = field_energy + diagonal_tail - self_term - cross_term (P_eta = 0 checked).
    double value;
    // field_energy - self_term - cross_term: no tail correction, order 1 in 1/K.
    double value_band;
};

// The truncated energy E(eta) of electric.md 4 at one radius, with its cross term X_eta.
struct truncation_point {
    double eta;
    double energy;
    double cross_term;
};

class electric_plan {
public:
    // g: Coulomb on the torus, d = 3 (s = 1) or d = 2 (log). band K >= 1 (wave vectors
    // |k|_inf <= K), 0 < eta < 1/4. mu = 1 + sum_m a_m cos(2 pi k_m.x + phi_m) (modes empty:
    // mu = 1), sum |a_m| < 1. Throws mfv::input_error otherwise.
    electric_plan(const kernel::riesz_kernel& g, int band, double eta, const std::vector<fourier_mode>& mu = {});
    // mu given by its Fourier series (a torus reference's mu^t, spectral_torus::density_series),
    // of mass 1 (c_0 = 1 to 1e-12) and band at most K. Throws mfv::input_error otherwise.
    electric_plan(const kernel::riesz_kernel& g, int band, double eta, meanfield::torus_series mu);

    // F_N by (1). Throws mfv::input_error naming the particles i, j if |x_i - x_j| < 2 eta
    // (minimum image), i.e. eta is not below half the minimal distance.
    electric_terms evaluate(points_view x) const;
    // The same, and the truncated energies at each eta' of `etas` (0 < eta' < 1/4, no distance
    // condition) into `ladder`, from one structure factor.
    electric_terms evaluate(points_view x, const std::vector<double>& etas, std::vector<truncation_point>& ladder) const;

    // The truncated energy at each eta' of `etas` (0 < eta' < 1/4, no distance condition), on
    // the band with the diagonal tail added (electric.md 4):
    //   E(eta') = iint G d(mu_N^(eta') - mu)^2 - (g(eta') + R_0)/N = F_N - P_eta' + X_eta'.
    std::vector<truncation_point> truncated_energies(points_view x, const std::vector<double>& etas) const;

    // X_eta' for the configuration (electric.md 2), the cross term at another radius.
    double cross_term(points_view x, double eta) const;
    const meanfield::torus_series& density() const { return mu_; }

    int band() const { return K_; }
    int grid() const { return 2 * K_ + 2; }
    double eta() const { return eta_; }
    const kernel::riesz_kernel& kernel() const { return g_; }
    // N T_K at radius eta' (T_K of one particle, the accuracy model above).
    double diagonal_tail(double eta) const;
    double accuracy_model() const { return diagonal_tail(eta_); }
    std::string describe() const;

    // The sphere's transform s_eta^ at |xi| = 2 pi |k| (electric.md 2): sin(r)/r (3D), J_0(r) (2D).
    double sphere_transform(double xi, double eta) const;
    // The whole-space transform of f_eta = (g - g(eta))_+ at |xi|: c_d (1 - s_eta^(xi)) / |xi|^2.
    double cutoff_transform(double xi, double eta) const;

private:
    // S(k)/N on the band's half space k_{d-1} >= 0, in the r2c layout of grid() (n^(d-1) (n/2+1)).
    std::vector<std::complex<double>> structure_factor(points_view x) const;
    std::complex<double> density_coefficient(const int* k) const;
    // sum over the band of G^ |S s_eta^ / N - mu^|^2, and the diagonal's band sum.
    double band_energy(const std::vector<std::complex<double>>& s, double eta) const;
    double diagonal_band_sum(double eta) const;
    // E(eta') and X_eta' for each eta' from the structure factor of N points.
    std::vector<truncation_point> ladder_from(const std::vector<std::complex<double>>& s, double n,
                                              const std::vector<double>& etas) const;
    double cross_from(const std::vector<std::complex<double>>& s, double eta) const;
    void check_points(points_view x, const std::vector<double>& etas) const;
    double grid_field_energy(const std::vector<std::complex<double>>& s) const;
    // The self-energy of one smeared charge, G_{eta eta}(0) = g(eta) + R_0 + c_d eta^2/d.
    double smeared_self(double eta) const;
    void check_distances(points_view x) const;

    kernel::riesz_kernel g_;
    int K_;
    double eta_;
    meanfield::torus_series mu_;
    double c_d_;
    double regular_part_;
};

}  // namespace mfv::energy
