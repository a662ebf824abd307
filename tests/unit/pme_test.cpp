// Tests of the PME plan (interaction/pme.hpp): potentials, gradients and energies against the
// plain Ewald plan at 1e-13 (ewald.hpp, itself checked against an Ewald sum written out here,
// MATH.md section 6), the error model against measured errors, the accuracy over many random
// configurations, gradients against finite differences of the energy, bitwise determinism over
// thread counts, positions read modulo 1, the removal of the mesh's self-interaction, and the
// refusal of accuracies it cannot serve.
#define BOOST_TEST_MODULE pme
#include <boost/test/unit_test.hpp>

#include <mfv/core/error.hpp>
#include <mfv/domain/torus.hpp>
#include <mfv/interaction/ewald.hpp>
#include <mfv/interaction/ewald_split.hpp>
#include <mfv/interaction/pme.hpp>

#include <boost/math/constants/constants.hpp>

#include <omp.h>

#include <array>
#include <cmath>
#include <complex>
#include <cstring>
#include <random>
#include <string>
#include <vector>

using mfv::points;
using mfv::interaction::pme_parameters;
using mfv::interaction::pme_plan;
using mfv::kernel::riesz_kernel;

namespace {

constexpr double pi = boost::math::constants::pi<double>();

// A configuration with charges.
struct charged {
    points x;
    std::vector<double> q;
    std::string name;
};

// Uniform on [0,1)^d with charges +-1 in random order (neutral when N is even).
charged uniform_neutral(int d, std::size_t n, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    charged c{points(d, n), std::vector<double>(n), "uniform, q = +-1"};
    for (auto& v : c.x.data()) v = u(rng);
    for (std::size_t i = 0; i < n; ++i) c.q[i] = i % 2 == 0 ? 1.0 : -1.0;
    std::shuffle(c.q.begin(), c.q.end(), rng);
    return c;
}

// 70% of the particles in 8 Gaussian blobs of width 0.03 (wrapped), the rest uniform; q = 1.
charged clustered(int d, std::size_t n, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::normal_distribution<double> blob(0.0, 0.03);
    std::vector<double> centre(8 * static_cast<std::size_t>(d));
    for (auto& v : centre) v = u(rng);
    charged c{points(d, n), std::vector<double>(n, 1.0), "clustered, q = 1"};
    for (std::size_t i = 0; i < n; ++i) {
        const bool in_blob = u(rng) < 0.7;
        const auto b = static_cast<std::size_t>(8 * u(rng));
        for (int k = 0; k < d; ++k) c.x(i, k) = in_blob ? mfv::domain::wrap(centre[b * d + k] + blob(rng)) : u(rng);
    }
    return c;
}

struct reference {
    std::vector<double> phi, grad;
    double energy = 0.0, energy_scale = 0.0;  // sum q_i phi_i and sum |q_i phi_i|
};

void finish(reference& r, const charged& c) {
    r.energy = r.energy_scale = 0.0;
    for (std::size_t i = 0; i < c.q.size(); ++i) {
        r.energy += c.q[i] * r.phi[i];
        r.energy_scale += std::fabs(c.q[i] * r.phi[i]);
    }
}

// The reference: the plain Ewald plan (ewald.hpp) at 1e-13, its promise (the next test checks
// it against an explicit sum written here).
reference ewald_reference(const riesz_kernel& g, const charged& c) {
    const std::size_t n = c.x.size();
    mfv::interaction::ewald_plan plan(g, 1e-13, n);
    reference r;
    r.phi.resize(n);
    r.grad.resize(c.x.data().size());
    plan.evaluate(c.x, c.q, r.phi, r.grad, nullptr);
    finish(r, c);
    return r;
}

// The plain Ewald sum (MATH.md section 6) written out, independent of both plans: real space
// by ewald_split's exact functions over the minimum image within r_cut < 1/2, Fourier space
// by explicit structure factors S(k) = sum_j q_j e^{-2 pi i k.x_j} over a half space of k
// (each k stands for k and -k), the particle's own Fourier term and the background removed:
//   phi_i = real_i + sum_{k != 0} phi(k) (Re[e^{2 pi i k.x_i} S(k)] - q_i) + B (Q - q_i).
// Each neglected term is below 1e-13 of the kernel's size (ewald_parameters); against the same
// sum at 1e-16 the relative RMS differences are at most 6e-13 (d = 3, s = 2.9, where many
// Fourier terms beyond k_cut add up) and below 1e-13 for the other kernels here. O(N^2) pairs
// within r_cut and O(N k_cut^d) Fourier terms: r_cut is chosen per dimension so that both
// take a fraction of a second at N = 500.
reference explicit_reference(const riesz_kernel& g, const charged& c) {
    using namespace mfv::interaction;
    const int d = g.d();
    const std::size_t n = c.x.size();
    const double r_cut = d == 1 ? 0.01 : (d == 2 ? 0.1 : 0.35);
    const auto par = ewald_parameters::for_real_cutoff(g, 1e-13, r_cut);
    const ewald_split split(g, par.alpha);
    reference r;
    r.phi.assign(n, 0.0);
    r.grad.assign(static_cast<std::size_t>(d) * n, 0.0);
    double total = 0.0;
    for (double v : c.q) total += v;
#pragma omp parallel for schedule(dynamic, 8)
    for (std::ptrdiff_t ii = 0; ii < static_cast<std::ptrdiff_t>(n); ++ii) {
        const auto i = static_cast<std::size_t>(ii);
        double phi = 0.0, grad[3] = {0, 0, 0};
        for (std::size_t j = 0; j < n; ++j) {
            if (j == i) continue;
            double dx[3] = {0, 0, 0}, r2 = 0.0;
            for (int k = 0; k < d; ++k) {
                dx[k] = mfv::domain::minimum_image(c.x(i, k) - c.x(j, k));
                r2 += dx[k] * dx[k];
            }
            if (r2 >= r_cut * r_cut) continue;
            phi += c.q[j] * split.real_value(r2);
            const double rep = split.real_repulsion(r2);
            for (int k = 0; k < d; ++k) grad[k] -= c.q[j] * rep * dx[k];
        }
        r.phi[i] = phi;
        for (int k = 0; k < d; ++k) r.grad[k * n + i] = grad[k];
    }
    // Half space of wave vectors 0 < |k| < k_cut: first nonzero component positive.
    const int m = static_cast<int>(std::ceil(par.k_cut));
    std::vector<std::array<int, 3>> ks;
    std::vector<double> coef;
    double self = 0.0;
    const int m1 = d > 1 ? m : 0, m2 = d > 2 ? m : 0;
    for (int a = 0; a <= m; ++a)
        for (int b = -m1; b <= m1; ++b)
            for (int e = -m2; e <= m2; ++e) {
                if (a == 0 && (b < 0 || (b == 0 && e <= 0))) continue;
                const double k2 = double(a) * a + double(b) * b + double(e) * e;
                if (k2 >= par.k_cut * par.k_cut) continue;
                ks.push_back({a, b, e});
                coef.push_back(split.fourier_coefficient(k2));
                self += 2.0 * coef.back();
            }
    // e^{2 pi i k x_{i,a}} for |k| <= m, by axis.
    const std::size_t w = 2 * static_cast<std::size_t>(m) + 1;
    std::vector<std::complex<double>> phase(static_cast<std::size_t>(d) * n * w);
    for (int a = 0; a < d; ++a)
        for (std::size_t i = 0; i < n; ++i)
            for (int k = -m; k <= m; ++k)
                phase[(a * n + i) * w + static_cast<std::size_t>(k + m)] = std::polar(1.0, 2.0 * pi * k * c.x(i, a));
    const auto wave = [&](std::size_t t, std::size_t i) {
        std::complex<double> e = 1.0;
        for (int a = 0; a < d; ++a) e *= phase[(a * n + i) * w + static_cast<std::size_t>(ks[t][a] + m)];
        return e;
    };
    std::vector<std::complex<double>> s(ks.size());
#pragma omp parallel for schedule(static)
    for (std::ptrdiff_t tt = 0; tt < static_cast<std::ptrdiff_t>(ks.size()); ++tt) {
        const auto t = static_cast<std::size_t>(tt);
        std::complex<double> sum = 0.0;
        for (std::size_t j = 0; j < n; ++j) sum += c.q[j] * std::conj(wave(t, j));
        s[t] = sum;
    }
#pragma omp parallel for schedule(static)
    for (std::ptrdiff_t ii = 0; ii < static_cast<std::ptrdiff_t>(n); ++ii) {
        const auto i = static_cast<std::size_t>(ii);
        double phi = 0.0, grad[3] = {0, 0, 0};
        for (std::size_t t = 0; t < ks.size(); ++t) {
            const std::complex<double> z = wave(t, i) * s[t];
            phi += 2.0 * coef[t] * z.real();
            // d/dx Re[e^{2 pi i k.x} S] = -2 pi k Im[e^{2 pi i k.x} S]
            for (int a = 0; a < d; ++a) grad[a] -= 4.0 * pi * ks[t][a] * coef[t] * z.imag();
        }
        r.phi[i] += phi - c.q[i] * self + split.background() * (total - c.q[i]);
        for (int a = 0; a < d; ++a) r.grad[a * n + i] += grad[a];
    }
    finish(r, c);
    return r;
}

// The errors of periodic_plan.hpp: relative RMS of phi and grad, energy relative to sum |q phi|.
struct errors {
    double phi = 0.0, grad = 0.0, energy = 0.0;
};

double relative_rms(const std::vector<double>& a, const std::vector<double>& b) {
    long double num = 0.0L, den = 0.0L;
    for (std::size_t i = 0; i < a.size(); ++i) {
        num += (static_cast<long double>(a[i]) - b[i]) * (static_cast<long double>(a[i]) - b[i]);
        den += static_cast<long double>(b[i]) * b[i];
    }
    return std::sqrt(static_cast<double>(num / den));
}

errors measure(pme_plan& plan, const charged& c, const reference& ref) {
    const std::size_t n = c.x.size();
    std::vector<double> phi(n), grad(static_cast<std::size_t>(c.x.dim()) * n);
    double energy = 0.0;
    plan.evaluate(c.x, c.q, phi, grad, &energy);
    return {relative_rms(phi, ref.phi), relative_rms(grad, ref.grad),
            std::fabs(energy - ref.energy) / ref.energy_scale};
}

// The kernels: log, Coulomb (s = d - 2 >= 0), a non-integer s and an s close to d.
std::vector<double> exponents(int d) {
    if (d == 1) return {0.0, 0.5, 0.95};
    if (d == 2) return {0.0, 1.5, 1.9};
    return {0.0, 1.0, 0.5, 2.9};
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_reference_agrees_with_an_explicit_ewald_sum)
{
    // The reference of these tests, ewald_plan at 1e-13, against the sum written out above
    // (at most 6e-13 from the exact sum): relative RMS differences below 1e-12 (measured:
    // 1e-16 to 7e-14, and 8e-13 at d = 3, s = 2.9, the explicit sum's own truncation), so the
    // reference's error is negligible down to the smallest request here (1e-10).
    const std::size_t n = 300;
    for (int d = 1; d <= 3; ++d) {
        for (const double s : {exponents(d).front(), exponents(d).back()}) {
            const riesz_kernel g(d, s);
            const charged c = uniform_neutral(d, n, 5 + d);
            const reference a = ewald_reference(g, c), b = explicit_reference(g, c);
            BOOST_TEST_MESSAGE("d = " << d << ", s = " << s << ": ewald_plan against the explicit sum: phi "
                                      << relative_rms(a.phi, b.phi) << ", grad " << relative_rms(a.grad, b.grad));
            BOOST_TEST(relative_rms(a.phi, b.phi) < 1e-12);
            BOOST_TEST(relative_rms(a.grad, b.grad) < 1e-12);
        }
    }
}

BOOST_AUTO_TEST_CASE(potentials_gradients_and_energy_meet_the_requested_accuracy)
{
    // The promise of periodic_plan.hpp, against the plain Ewald plan at 1e-13 (previous test): relative RMS errors of
    // phi and grad and the energy error relative to sum |q_i phi_i| below the request, for
    // uniform random +-1 charges and clustered positive charges, N = 500. The plan's model
    // aims at half the request (pme_params.cpp), so the measured errors (printed) are
    // typically 0.1 - 0.6 of it; the energy error is smaller still (errors of both signs).
    const std::size_t n = 500;
    for (int d = 1; d <= 3; ++d) {
        const charged configs[2] = {uniform_neutral(d, n, 10 + d), clustered(d, n, 20 + d)};
        for (const double s : exponents(d)) {
            const riesz_kernel g(d, s);
            const reference refs[2] = {ewald_reference(g, configs[0]), ewald_reference(g, configs[1])};
            for (const double eps : {1e-4, 1e-6, 1e-8, 1e-10}) {
                pme_plan plan(g, eps, n);
                for (int c = 0; c < 2; ++c) {
                    const errors e = measure(plan, configs[c], refs[c]);
                    BOOST_TEST_MESSAGE("d = " << d << ", s = " << s << ", " << configs[c].name << ", eps = " << eps
                                              << ": phi " << e.phi << ", grad " << e.grad << ", energy " << e.energy
                                              << " (" << plan.parameters().describe() << ")");
                    BOOST_TEST(e.phi < eps);
                    BOOST_TEST(e.grad < eps);
                    BOOST_TEST(e.energy < eps);
                }
            }
        }
    }
}

namespace {

// phi and grad of a plan, and the RMS over particles of an error per sqrt(sum_j q_j^2).
struct evaluation {
    std::vector<double> phi, grad;
    double energy = 0.0;
};

evaluation evaluate(pme_plan& plan, const charged& c) {
    evaluation e;
    e.phi.resize(c.x.size());
    e.grad.resize(c.x.data().size());
    plan.evaluate(c.x, c.q, e.phi, e.grad, &e.energy);
    return e;
}

double rms_difference(const std::vector<double>& a, const std::vector<double>& b, std::size_t n) {
    long double sum = 0.0L;
    for (std::size_t i = 0; i < a.size(); ++i) sum += (static_cast<long double>(a[i]) - b[i]) * (a[i] - b[i]);
    return std::sqrt(static_cast<double>(sum / n));
}

}  // namespace

BOOST_AUTO_TEST_CASE(accuracy_holds_over_many_configurations)
{
    // The relative errors are absolute errors (which the model predicts) over the RMS of the
    // configuration's own phi and grad, which scatter from sample to sample: the longest waves
    // dominate the log kernels, close pairs dominate s near d (down to d - 0.01 here). The model
    // measures against a low estimate of that RMS (pme_error_model.cpp) and aims at half the
    // request; here the request must hold for each of 40 random configurations of N = 500 (+-1
    // charges), against the same plan at 1e-11 (its errors below 1e-11, the first test). Worst
    // ratios printed.
    const std::size_t n = 500;
    const double eps = 1e-6;
    for (const auto& [d, s] : {std::pair{1, 0.95}, std::pair{2, 0.0}, std::pair{2, 1.99}, std::pair{3, 0.0},
                               std::pair{3, 1.0}, std::pair{3, 2.9}, std::pair{3, 2.99}}) {
        const riesz_kernel g(d, s);
        pme_plan plan(g, eps, n), fine(g, 1e-11, n);
        double worst = 0.0;
        for (int sample = 0; sample < 40; ++sample) {
            const charged c = uniform_neutral(d, n, 1000 + sample);
            const evaluation a = evaluate(plan, c), b = evaluate(fine, c);
            worst = std::max({worst, relative_rms(a.phi, b.phi) / eps, relative_rms(a.grad, b.grad) / eps});
        }
        BOOST_TEST_MESSAGE("d = " << d << ", s = " << s << ": largest error over 40 samples " << worst
                                  << " of the request");
        BOOST_TEST(worst < 1.0);
    }
}

BOOST_AUTO_TEST_CASE(error_model_predicts_the_measured_errors)
{
    // The model (pme_params.cpp) gives the RMS error of one pair's contribution for uniformly
    // placed charges; for N uniform +-1 charges the RMS error of phi_i is that times
    // sqrt(N - 1). Checked separately for each part, the other made negligible: the mesh part
    // with xi = alpha r_cut = 5.4 (real-space error below 1e-11 of the mesh's) on coarse
    // meshes, the real-space part with a fine mesh and xi = 1.8 to 2.4. The model sums over the
    // whole torus while one sample has N - 1 partners, so the measured/model ratio scatters
    // around 1 (measured, printed: 0.9 - 1.2 at N = 500, 0.92 - 1.16 at N = 2000); [1/1.6, 1.6]
    // is the tolerance.
    const std::size_t n = 500;
    struct setup {
        int d;
        double s, alpha, r_cut;
        int mesh, order;
        bool mesh_part;
    };
    const setup setups[] = {
        {3, 1.0, 12.0, 0.45, 16, 4, true},   {3, 0.0, 12.0, 0.45, 20, 6, true},   {3, 2.5, 12.0, 0.45, 16, 8, true},
        {2, 0.0, 20.0, 0.27, 32, 4, true},   {2, 1.5, 20.0, 0.27, 40, 8, true},   {1, 0.5, 60.0, 0.09, 64, 6, true},
        {3, 1.0, 12.0, 0.15, 64, 10, false}, {2, 0.0, 24.0, 0.1, 128, 10, false}, {1, 0.5, 60.0, 0.04, 512, 10, false},
    };
    for (const auto& t : setups) {
        const riesz_kernel g(t.d, t.s);
        const charged c = uniform_neutral(t.d, n, 70 + t.d);
        const reference ref = ewald_reference(g, c);
        pme_parameters p;
        p.alpha = t.alpha, p.r_cut = t.r_cut, p.mesh = t.mesh, p.order = t.order;
        pme_plan plan(g, p, 0.5);
        const evaluation e = evaluate(plan, c);
        const auto model = mfv::interaction::model_pme_errors(g, p, n);
        const double partners = std::sqrt(static_cast<double>(n - 1));
        const double phi_ratio = rms_difference(e.phi, ref.phi, n) / partners /
                                 (t.mesh_part ? model.mesh_phi : model.real_phi);
        const double grad_ratio = rms_difference(e.grad, ref.grad, n) / partners /
                                  (t.mesh_part ? model.mesh_grad : model.real_grad);
        BOOST_TEST_MESSAGE("d = " << t.d << ", s = " << t.s << (t.mesh_part ? ", mesh" : ", real space")
                                  << " part, K = " << t.mesh << ", p = " << t.order << ", xi = " << t.alpha * t.r_cut
                                  << ": measured / model = " << phi_ratio << " (phi), " << grad_ratio << " (grad)");
        BOOST_TEST(phi_ratio > 1 / 1.6);
        BOOST_TEST(phi_ratio < 1.6);
        BOOST_TEST(grad_ratio > 1 / 1.6);
        BOOST_TEST(grad_ratio < 1.6);
    }
}

BOOST_AUTO_TEST_CASE(gradients_are_derivatives_of_the_energy)
{
    // The forces are the exact gradients of the approximate energy (B-spline interpolation,
    // pme.hpp): dE/dx_i = 2 q_i grad_i (E = sum_{i != j} q_i q_j G). Central differences with
    // h = 1e-6: truncation h^2 |E'''| ~ 1e-12 of the gradient, rounding 1e-16 |E| / h ~ 1e-10.
    // The real-space cut-off makes the energy jump by q_i q_j psi(r_cut) when a pair crosses it;
    // xi = alpha r_cut = 8 puts that jump below 1e-27 of the kernel. 1e-7 of the RMS gradient.
    const std::size_t n = 40;
    struct setup {
        int d;
        double s, alpha;
        int mesh, order;
    };
    for (const setup t : {setup{1, 0.5, 20.0, 64, 6}, setup{2, 0.0, 20.0, 32, 6}, setup{3, 1.0, 20.0, 32, 8},
                          setup{3, 2.5, 20.0, 32, 4}}) {
        const riesz_kernel g(t.d, t.s);
        const charged c = uniform_neutral(t.d, n, 90 + t.d);
        pme_parameters p;
        p.alpha = t.alpha, p.r_cut = 8.0 / t.alpha, p.mesh = t.mesh, p.order = t.order;
        pme_plan plan(g, p, 1e-3);
        const evaluation e = evaluate(plan, c);
        double scale = 0.0;
        for (std::size_t i = 0; i < n; ++i)
            for (int k = 0; k < t.d; ++k) scale += std::pow(2.0 * c.q[i] * e.grad[k * n + i], 2);
        scale = std::sqrt(scale / n);
        const double h = 1e-6;
        double worst = 0.0;
        for (std::size_t i = 0; i < n; i += 7) {
            for (int k = 0; k < t.d; ++k) {
                charged plus = c, minus = c;
                plus.x(i, k) += h, minus.x(i, k) -= h;
                const double fd = (evaluate(plan, plus).energy - evaluate(plan, minus).energy) / (2.0 * h);
                worst = std::max(worst, std::fabs(fd - 2.0 * c.q[i] * e.grad[k * n + i]) / scale);
            }
        }
        BOOST_TEST_MESSAGE("d = " << t.d << ", s = " << t.s << ": finite differences within " << worst
                                  << " of the RMS gradient");
        BOOST_TEST(worst < 1e-7);
    }
}

BOOST_AUTO_TEST_CASE(results_do_not_depend_on_the_thread_count)
{
    // Bitwise (pme.hpp: every sum in a fixed order, no atomics): 1, 2 and 3 threads. N = 20000
    // so that every parallel branch runs (spreading blocks, FFT rows, cell columns), uniform
    // and clustered, q = +-1 and q = 1.
    const std::size_t n = 20000;
    const int max_threads = omp_get_max_threads();
    for (int d = 1; d <= 3; ++d) {
        const riesz_kernel g(d, d == 3 ? 1.0 : 0.5);
        pme_plan plan(g, 1e-6, n);
        for (const charged& c : {uniform_neutral(d, n, 30 + d), clustered(d, n, 40 + d)}) {
            evaluation e[3];
            for (int t = 0; t < 3; ++t) {
                omp_set_num_threads(t + 1);
                e[t] = evaluate(plan, c);
            }
            for (int t = 1; t < 3; ++t) {
                BOOST_TEST(std::memcmp(e[0].phi.data(), e[t].phi.data(), n * sizeof(double)) == 0);
                BOOST_TEST(std::memcmp(e[0].grad.data(), e[t].grad.data(), d * n * sizeof(double)) == 0);
                BOOST_TEST(std::memcmp(&e[0].energy, &e[t].energy, sizeof(double)) == 0);
            }
        }
    }
    omp_set_num_threads(max_threads);
}

BOOST_AUTO_TEST_CASE(positions_are_read_modulo_one)
{
    // Positions shifted by integers (-3 .. 3 in each coordinate) give bitwise the results of
    // their wrapped values (the plan wraps first, domain::wrap), and the results of the
    // unshifted ones to the rounding of the shift (x + m - m differs from x by an ulp of m:
    // 1e-15, amplified by the kernel's derivative: 1e-10 relative is ample).
    const std::size_t n = 600;
    for (int d = 1; d <= 3; ++d) {
        const riesz_kernel g(d, d - 1.0);
        pme_plan plan(g, 1e-8, n);
        const charged c = uniform_neutral(d, n, 50 + d);
        charged shifted = c, wrapped = c;
        std::mt19937_64 rng(60 + d);
        std::uniform_int_distribution<int> m(-3, 3);
        for (std::size_t k = 0; k < shifted.x.data().size(); ++k) {
            shifted.x.data()[k] += m(rng);
            wrapped.x.data()[k] = mfv::domain::wrap(shifted.x.data()[k]);
        }
        const evaluation a = evaluate(plan, shifted), b = evaluate(plan, wrapped), o = evaluate(plan, c);
        BOOST_TEST(std::memcmp(a.phi.data(), b.phi.data(), n * sizeof(double)) == 0);
        BOOST_TEST(std::memcmp(a.grad.data(), b.grad.data(), d * n * sizeof(double)) == 0);
        BOOST_TEST(a.energy == b.energy);
        BOOST_TEST(relative_rms(a.phi, o.phi) < 1e-10);
        BOOST_TEST(relative_rms(a.grad, o.grad) < 1e-10);
    }
}

BOOST_AUTO_TEST_CASE(portable_lanes_agree_with_avx512)
{
    // The real-space pairs on simd.hpp's portable lanes (the build without AVX-512): the same
    // sums in the same order, with other first guesses of 1/sqrt and 1/x refined to full
    // precision (simd_math.hpp), so the results agree to rounding: 1e-13 relative RMS.
    const std::size_t n = 3000;
    for (int d = 1; d <= 3; ++d) {
        for (const double s : exponents(d)) {
            const riesz_kernel g(d, s);
            pme_parameters p = mfv::interaction::choose_pme_parameters(g, 1e-8, n);
            pme_plan best(g, p, 1e-8);
            p.portable = true;
            pme_plan portable(g, p, 1e-8);
            const charged c = uniform_neutral(d, n, 80 + d);
            const evaluation a = evaluate(best, c), b = evaluate(portable, c);
            BOOST_TEST(relative_rms(b.phi, a.phi) < 1e-13);
            BOOST_TEST(relative_rms(b.grad, a.grad) < 1e-13);
        }
    }
}

BOOST_AUTO_TEST_CASE(two_charges_match_the_periodic_kernel)
{
    // Two charges: phi_1 = q_2 G(x_1 - x_2) and grad_1 = q_2 grad G(x_1 - x_2), G by the plain
    // Ewald sum of ewald_split (periodic_value, 1e-14). The error of one pair is the model's RMS
    // pair error (at most half the request times the scale it is measured against) times a
    // factor of order one, plus the mesh's position-dependent self-interaction of the same
    // size: 4 eps times the model's scale.
    for (int d = 1; d <= 3; ++d) {
        for (const double s : exponents(d)) {
            const riesz_kernel g(d, s);
            const double eps = 1e-8;
            pme_plan plan(g, eps, 2);
            const auto model = mfv::interaction::model_pme_errors(g, plan.parameters(), 2);
            std::mt19937_64 rng(5);
            std::uniform_real_distribution<double> u(0.0, 1.0);
            for (int trial = 0; trial < 5; ++trial) {
                charged c{points(d, 2), {0.7, -1.3}, "two"};
                for (auto& v : c.x.data()) v = u(rng);
                const evaluation e = evaluate(plan, c);
                double diff[3];
                for (int k = 0; k < d; ++k) diff[k] = c.x(0, k) - c.x(1, k);
                const double value = mfv::interaction::periodic_value(g, diff);
                double minus_grad[3];
                mfv::interaction::periodic_repulsion(g, diff, minus_grad);
                BOOST_TEST(std::fabs(e.phi[0] - c.q[1] * value) < 4 * eps * model.scale_phi);
                BOOST_TEST(std::fabs(e.phi[1] - c.q[0] * value) < 4 * eps * model.scale_phi);
                for (int k = 0; k < d; ++k) {
                    BOOST_TEST(std::fabs(e.grad[k * 2] + c.q[1] * minus_grad[k]) < 4 * eps * model.scale_grad);
                    BOOST_TEST(std::fabs(e.grad[k * 2 + 1] - c.q[0] * minus_grad[k]) < 4 * eps * model.scale_grad);
                }
                BOOST_TEST(std::fabs(e.energy - 2 * c.q[0] * c.q[1] * value) < 8 * eps * model.scale_phi);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(self_interaction_of_the_mesh_is_removed)
{
    // One charge alone: phi_1 = 0 and grad_1 = 0 exactly. The mesh part contains the charge's
    // interaction with itself, q_1 S(x_1), which the plan subtracts through the Fourier series
    // of S (pme_mesh.cpp, harmonics up to 3 per axis); what is left is the dropped harmonics
    // and rounding. Over 2000 uniform positions its RMS is below 1e-3 of one pair's mesh error
    // (model; measured 2e-5 of it), and its mean is zero within 4 standard errors. (Subtracting
    // only the mean sigma would leave the oscillating part of S, measured at 10 - 15 times one
    // pair's error; the usual constant sum_{k != 0} phi(|k|^2) would also shift the mean by
    // sigma - sum phi, printed.)
    for (int d = 1; d <= 3; ++d) {
        const riesz_kernel g(d, d == 1 ? 0.5 : d - 2.0);
        pme_plan plan(g, 1e-4, 1000);
        const auto model = mfv::interaction::model_pme_errors(g, plan.parameters(), 1000);
        std::mt19937_64 rng(9);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        const int trials = 2000;
        double sum = 0.0, sum2 = 0.0;
        for (int t = 0; t < trials; ++t) {
            charged c{points(d, 1), {1.0}, "one"};
            for (auto& v : c.x.data()) v = u(rng);
            const double phi = evaluate(plan, c).phi[0];
            sum += phi;
            sum2 += phi * phi;
        }
        const double mean = sum / trials, rms = std::sqrt(sum2 / trials);
        // sum_{k != 0} phi(|k|^2) over the integer vectors, to |k| = 6 alpha / pi.
        const mfv::interaction::ewald_split split(g, plan.parameters().alpha);
        const int k_max = static_cast<int>(6.0 * plan.parameters().alpha / pi) + 1;
        double exact = 0.0;
        const int m1 = d > 1 ? k_max : 0, m2 = d > 2 ? k_max : 0;
        for (int a = -k_max; a <= k_max; ++a)
            for (int b = -m1; b <= m1; ++b)
                for (int e = -m2; e <= m2; ++e)
                    if (a != 0 || b != 0 || e != 0) exact += split.fourier_coefficient(double(a) * a + double(b) * b + double(e) * e);
        BOOST_TEST_MESSAGE("d = " << d << ": self residual mean " << mean << ", RMS " << rms << " (model pair error "
                                  << model.mesh_phi << "); sigma - sum phi = " << plan.mesh_self() - exact);
        BOOST_TEST(std::fabs(mean) < 4 * rms / std::sqrt(double(trials)));
        BOOST_TEST(rms < 1e-3 * model.mesh_phi);
    }
}

BOOST_AUTO_TEST_CASE(accuracy_outside_the_served_range_is_refused)
{
    // Below accuracy_floor the rounding of the FFTs and tables is no longer small against the
    // request: refused with an input_error naming the study key.
    const riesz_kernel g(3, 1.0);
    for (const double eps : {1e-13, 0.0, 1.0, -1e-6}) {
        try {
            pme_plan plan(g, eps, 100);
            BOOST_ERROR("accuracy " << eps << " was accepted");
        } catch (const mfv::input_error& e) {
            BOOST_TEST(std::string(e.what()).find("interaction.accuracy") != std::string::npos);
        }
    }
    pme_parameters p;
    p.alpha = 10.0, p.r_cut = 0.6, p.mesh = 32, p.order = 6;
    BOOST_CHECK_THROW(pme_plan(g, p, 1e-6), mfv::input_error);
    p.r_cut = 0.3, p.order = 5;
    BOOST_CHECK_THROW(pme_plan(g, p, 1e-6), mfv::input_error);
    p.order = 6, p.mesh = 4;
    BOOST_CHECK_THROW(pme_plan(g, p, 1e-6), mfv::input_error);
}

BOOST_AUTO_TEST_CASE(plan_interface)
{
    // The plan interface of plan.hpp (q = 1), shapes checked, empty configurations, and the
    // accessors.
    const riesz_kernel g(2, 0.0);
    pme_plan plan(g, 1e-6, 300);
    BOOST_TEST(plan.method() == "pme");
    BOOST_TEST(plan.promised_accuracy() == 1e-6);
    BOOST_TEST(plan.describe().find("mesh K") != std::string::npos);
    const charged c = uniform_neutral(2, 300, 3);
    std::vector<double> phi(300), grad(600), phi1(300), grad1(600);
    plan.potentials(c.x, phi);
    plan.gradients(c.x, grad);
    const std::vector<double> ones(300, 1.0);
    double energy = 0.0;
    plan.evaluate(c.x, ones, phi1, grad1, &energy);
    BOOST_TEST(std::memcmp(phi.data(), phi1.data(), phi.size() * sizeof(double)) == 0);
    BOOST_TEST(std::memcmp(grad.data(), grad1.data(), grad.size() * sizeof(double)) == 0);
    BOOST_TEST(plan.pair_energy(c.x) == energy);
    std::vector<double> wrong(299);
    BOOST_CHECK_THROW(plan.potentials(c.x, wrong), std::invalid_argument);
    BOOST_CHECK_THROW(plan.evaluate(c.x, wrong, {}, {}, &energy), std::invalid_argument);
    BOOST_CHECK_THROW(plan.potentials(points(3, 300), phi), std::invalid_argument);
    plan.evaluate(points(2, 0), {}, {}, {}, &energy);
    BOOST_TEST(energy == 0.0);
}
