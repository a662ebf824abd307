// The plain Ewald sum on the unit torus T^d = [0,1)^d (MATH.md section 6): the reference
// periodic plan, against which the fast ones (PME) are tested.
//
// For the splitting G = sum_n psi(|x + n|^2) + sum_{k != 0} phi(|k|^2) cos(2 pi k.x) + B of
// ewald_split.hpp, and charges q_j, the potentials phi_i = sum_{j != i} q_j G(x_i - x_j) are
//   real space:  sum_{j != i} q_j sum_{|x_i - x_j + n| < r_cut} psi(|x_i - x_j + n|^2),
//   Fourier:     sum_{0 < |k| < k_cut} phi(|k|^2) (Re[e^{2 pi i k.x_i} S(k)] - q_i),
//                S(k) = sum_j q_j e^{-2 pi i k.x_j} (the j = i term of S removed by - q_i),
//   background:  B (sum_j q_j - q_i),
// and the gradients likewise (ewald.cpp). Every special function is evaluated to ~1e-15
// (Boost.Math); only the cut-offs limit the accuracy. The real-space sum is O(N^2) (a
// distance per pair and image, the special functions only within r_cut), the Fourier sum
// O(N k_cut^d) with explicit structure factors; both are deterministic (the same bits for
// any thread count).
//
// Cut-offs, for truncation level eps = accuracy / 10: alpha from ewald_parameters for the
// chosen r_cut (each neglected real-space image below eps of the kernel), and k_cut the
// larger of ewald_parameters' (each neglected Fourier term below eps of g^(k)) and the
// k_cut whose neglected terms, added with random phases, stay below eps of the kernel over
// r_cut <= |x| <= 1/2 (needed when s is near d). r_cut itself balances the two sums' costs
// for the expected N (real_cutoff_for): ~N^(-1/6) in d = 3, e.g. 0.41 at N = 1e3 and 0.28
// at N = 1e4 for Coulomb at 1e-8; r_cut <= 1/2 keeps the minimum image only.
#pragma once
#include <mfv/interaction/ewald_split.hpp>
#include <mfv/interaction/periodic_plan.hpp>

#include <array>
#include <vector>

namespace mfv::interaction {

class ewald_plan final : public periodic_plan {
public:
    // For relative accuracy `accuracy` (periodic_plan.hpp; values below accuracy_floor are
    // raised to it) and about n_hint particles: r_cut balances the real-space and Fourier
    // costs at N = n_hint (real_cutoff_for); n_hint = 0 takes r_cut = 1/2, the minimum image.
    // Throws mfv::input_error unless 0 < accuracy < 1.
    ewald_plan(const kernel::riesz_kernel& g, double accuracy, std::size_t n_hint = 0);
    // The same sum with a given real-space cut-off r_cut > 0 (r_cut > 1/2 sums further
    // images): alpha and k_cut follow from the accuracy. For tests of alpha-independence.
    static ewald_plan with_real_cutoff(const kernel::riesz_kernel& g, double accuracy, double r_cut);

    // The lowest accuracy promised: the rounding of the Fourier sums (~k_cut^d terms, and the
    // smooth part of G near a close pair is ~alpha^s) left errors up to 1.3e-13 at r_cut =
    // 0.15 before the sums were split by columns; now measured at 1e-14 and below.
    static constexpr double accuracy_floor = 1e-13;

    void evaluate(points_view x, std::span<const double> q, std::span<double> phi, std::span<double> grad,
                  double* energy) override;

    double promised_accuracy() const override { return accuracy_; }
    std::string method() const override { return "ewald"; }
    const kernel::riesz_kernel& kernel() const override { return g_; }
    // The cut-offs in use (alpha, r_cut, k_cut).
    const ewald_parameters& parameters() const { return params_; }
    std::string describe() const override;

    // The r_cut in [0.02, 2.5] that minimises the modelled cost of one evaluation for n
    // particles at truncation level eps (the cost model, from measured timings, is in
    // ewald_cutoffs.cpp).
    static double real_cutoff_for(const kernel::riesz_kernel& g, double eps, std::size_t n);

private:
    ewald_plan(const kernel::riesz_kernel& g, double accuracy, double r_cut, int);

    // The wave vectors 0 < |k| < k_cut of a half space (k and -k give the same term) as
    // columns of consecutive k_1 at fixed (k_2, k_3).
    struct column {
        int k2, k3;
        int k1_first, k1_last;  // k1_first = 0 or 1
        std::size_t offset;     // index of (k1_first, k2, k3) in coefficient_
    };

    void real_space(const std::vector<double>& wrapped, const std::vector<double>& q, std::vector<double>& phi,
                    std::vector<double>& grad, bool want_phi, bool want_grad) const;
    void structure_factors(const std::vector<double>& wrapped, const std::vector<double>& q,
                           std::vector<double>& t_re, std::vector<double>& t_im) const;
    void fourier_space(const std::vector<double>& wrapped, const std::vector<double>& q,
                       const std::vector<double>& t_re, const std::vector<double>& t_im, std::vector<double>& phi,
                       std::vector<double>& grad, bool want_phi, bool want_grad) const;

    kernel::riesz_kernel g_;
    double accuracy_;
    ewald_parameters params_;
    ewald_split split_;
    // Lattice vectors n with some |y + n| < r_cut for y in [-1/2, 1/2)^d (n = 0 first).
    std::vector<std::array<int, 3>> images_;
    std::vector<column> columns_;
    // 2 phi(|k|^2) for the half-space k, in column order.
    std::vector<double> coefficient_;
    int k_max_ = 0;  // the largest |k_d| in use
};

}  // namespace mfv::interaction
