// Smooth particle-mesh Ewald (Essmann et al., J. Chem. Phys. 103, 8577, 1995) on the unit
// torus T^d = [0,1)^d: the fast periodic plan, O(N log N), for the periodic Riesz / log
// kernel G of MATH.md section 6, d = 1, 2, 3, 0 <= s < d, with charges (periodic_plan.hpp).
//
// With the splitting G = sum_n psi(|x + n|^2) + sum_{k != 0} phi(|k|^2) cos(2 pi k.x) + B of
// ewald_split.hpp (parameter alpha), the potentials are
//   phi_i = real_i + mesh_i + (Q - q_i) (B + tau),      Q = sum_j q_j,
//   real space: sum_{j != i, |x_i - x_j| < r_cut} q_j psi(|x_i - x_j|^2), minimum image only
//               (r_cut < 1/2), cell lists, psi tabulated (pme_real.cpp, pme_real_table.cpp);
//   tau:        int_{|y| > r_cut} psi(|y|^2) dy, the mean of the real-space terms left out
//               (exact on average over uniformly placed charges, so the truncation error has
//               mean zero and does not grow like N for charges of one sign);
//   mesh:       the Fourier sum with e^{2 pi i k.x} replaced by its Euler exponential spline
//               (cardinal B-splines of even order p on a K^d mesh): charges spread, an r2c FFT,
//               the influence function phi(|k|^2) |b(k)|^2, the inverse FFT, the potential and
//               its gradient interpolated back with the same splines (pme_mesh.cpp, pme_fft.cpp),
//               minus the mesh's interaction of charge i with itself, q_i S(x_i), computed
//               exactly from the Fourier series of S in K x (a handful of harmonics), and its
//               gradient. So the j = i term is absent, not approximated: a lone charge gets
//               phi = 0 to rounding (the usual q_i sum_k phi(|k|^2) leaves a position-dependent
//               rest some 15 times one pair's mesh error, measured in pme_test.cpp).
// The gradients are the exact gradients of the approximate energy sum_i q_i phi_i. Every sum
// is done in a fixed order whatever the thread count (no atomics): the results are bitwise
// the same for any OMP_NUM_THREADS, and phi has the same bits with or without the gradients.
//
// Accuracy (pme_error_model.cpp, pme_params.cpp): an error model gives the RMS error of one
// pair's contribution for charges placed uniformly at random, separately for the real-space
// truncation and the mesh (aliasing of the B-spline interpolation and the Fourier modes beyond
// the mesh), for the potential and the gradient (within 30% of the measured errors,
// pme_test.cpp). Divided by a low estimate of the RMS size of one pair's exact contribution
// for n particles, they must be below half the requested accuracy. The parameters (alpha,
// r_cut, K, p) minimise a cost model of one evaluation calibrated on the 2-core AVX-512
// machine (pme_bench); they depend on (kernel, accuracy, n) only, not on the thread count.
#pragma once
#include <mfv/interaction/periodic_plan.hpp>

#include <cstddef>
#include <memory>
#include <span>
#include <string>

namespace mfv::interaction {

// What a PME evaluation is made of, and the error model's estimates for it.
struct pme_parameters {
    double alpha = 0.0;  // Ewald splitting parameter
    double r_cut = 0.0;  // real-space cut-off, 0 < r_cut < 1/2
    int mesh = 0;        // K: K^d mesh points, K = 2^a 3^b 5^c, K >= p
    int order = 0;       // p: B-spline order, even, 4 <= p <= 16
    // The real-space pairs on the portable lanes of simd.hpp instead of AVX-512 (for tests;
    // the results agree to rounding, not bitwise).
    bool portable = false;

    // Error model: relative RMS errors of potentials and gradients (each the larger of the
    // two) of the real-space part and of the mesh part, and the modelled time in seconds of
    // one evaluation on the two cores of the development machine (pme_params.cpp; 0 when the
    // parameters were given).
    double real_error = 0.0;
    double mesh_error = 0.0;
    double cost = 0.0;

    std::string describe() const;
};

// The error model of one set of parameters, for kernel g and n particles (pme_error_model.cpp):
// the RMS errors of one pair's contribution to phi_i and grad_i (per unit charge squared),
// and the RMS sizes of one pair's exact contribution they are measured against.
struct pme_error_model {
    double real_phi = 0.0, real_grad = 0.0;  // real-space truncation
    double mesh_phi = 0.0, mesh_grad = 0.0;  // mesh: interpolation aliasing + Fourier tail
    double scale_phi = 0.0, scale_grad = 0.0;

    double relative_phi() const;   // sqrt(real^2 + mesh^2) / scale, for phi
    double relative_grad() const;  // the same for the gradient
};

pme_error_model model_pme_errors(const kernel::riesz_kernel& g, const pme_parameters& p, std::size_t n);

// The cheapest parameters (cost model) whose modelled relative errors are below `accuracy`,
// for n particles (n = 0: an unknown number, taken as 2 for the error scale, the most
// cautious, and 1000 for the cost). Throws mfv::input_error naming interaction.accuracy
// unless pme_plan::accuracy_floor <= accuracy < 1.
pme_parameters choose_pme_parameters(const kernel::riesz_kernel& g, double accuracy, std::size_t n);

class pme_plan final : public periodic_plan {
public:
    // Parameters from choose_pme_parameters(g, accuracy, n_hint).
    pme_plan(const kernel::riesz_kernel& g, double accuracy, std::size_t n_hint = 0);
    // Given parameters (for tests of the error model and of alpha-independence); the plan
    // promises `promised`. Throws mfv::input_error for parameters out of range.
    pme_plan(const kernel::riesz_kernel& g, const pme_parameters& p, double promised);
    ~pme_plan() override;
    pme_plan(const pme_plan&) = delete;
    pme_plan& operator=(const pme_plan&) = delete;

    // Requests below this are refused (mfv::input_error naming interaction.accuracy): below
    // it the rounding of the FFT and of the tables is no longer small against the request.
    static constexpr double accuracy_floor = 1e-12;

    // Not reentrant: the plan keeps its workspace (sorted particles, meshes) between calls, so
    // concurrent evaluations need one plan each.
    void evaluate(points_view x, std::span<const double> q, std::span<double> phi, std::span<double> grad,
                  double* energy) override;

    double promised_accuracy() const override { return accuracy_; }
    std::string method() const override { return "pme"; }
    const kernel::riesz_kernel& kernel() const override { return g_; }
    const pme_parameters& parameters() const { return params_; }
    // One line: the parameters, the modelled errors and the real-space table.
    std::string describe() const override;

    // The constants of the potential: sigma (the mean over positions of the mesh's
    // self-interaction S), tau (the mean real-space term beyond r_cut) and the background B.
    double mesh_self() const;
    double real_tail() const;
    double background() const;

private:
    struct impl;
    kernel::riesz_kernel g_;
    double accuracy_;
    pme_parameters params_;
    std::unique_ptr<impl> impl_;
};

}  // namespace mfv::interaction
