// Tests of the torus references of the meanfield module as functions of a point (MATH.md
// section 6): the series that spectral_torus stores, evaluated as potentials at points,
// self-energy, gradients and velocity, and the Lipschitz constant of the velocity; the
// uniform law (uniform_torus); the factory (torus_reference.hpp). The solver that produces
// the series is tested in meanfield_torus_test.cpp.
//
// The independent truths: closed forms for a single mode at t = 0 (h, E, ||Dv||), a direct
// sum of the series and Parseval/quadrature on a grid, finite differences in space, the sup
// of |h''| by brute force, and G having mean zero (h = 0 for the uniform law).
#define BOOST_TEST_MODULE meanfield_torus_series
#include <boost/test/unit_test.hpp>

#include "meanfield_torus_common.hpp"

#include <mfv/core/error.hpp>
#include <mfv/core/law_spec.hpp>
#include <mfv/meanfield/spectral_torus.hpp>
#include <mfv/meanfield/torus_reference.hpp>
#include <mfv/meanfield/uniform_torus.hpp>

#include <algorithm>
#include <cmath>
#include <complex>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace tt = boost::test_tools;
using mfv::law_spec;
using mfv::kernel::riesz_kernel;
using mfv::meanfield::spectral_torus;
using mfv::meanfield::torus_series;
using mfv::meanfield::uniform_torus;
using namespace mfv_test::torus;

namespace {

law_spec uniform() {
    law_spec l;
    l.type = "uniform";
    return l;
}

// MATH.md 1 and 6: G^(k) = c_{d,s} |2 pi k|^(s-d).
double symbol(const riesz_kernel& g, const std::vector<int>& k) {
    return g.fourier_constant() * std::pow(two_pi * norm(k), g.s() - g.d());
}

}  // namespace

BOOST_AUTO_TEST_CASE(single_mode_closed_forms_at_t0)
{
    // mu = 1 + a cos(2 pi k.x + phi): h = a G^(k) cos(2 pi k.x + phi) (G^(0) = 0), the
    // self-energy sum_k G^(k)|mu^(k)|^2 = G^(k) a^2/2, and sup ||D^2 h|| = a G^(k) |2 pi k|^2
    // (D^2 h = -a G^(k) (2 pi)^2 k k^T cos(...), whose norm peaks where |cos| = 1; phi = 0.7
    // puts the peak between grid nodes, so this checks the local polish too). Series sums
    // with O(10) terms: 1e-13; the polished sup: 1e-11.
    struct mode_case {
        int d;
        double s;
        std::vector<int> k;
    };
    const mode_case cases[] = {{1, 0.5, {2}}, {1, 0.0, {1}}, {2, 0.0, {1, -2}}, {2, 1.5, {3, 0}},
                               {3, 1.0, {1, 1, 0}}, {3, 0.3, {0, 1, -1}}};
    const double a = 0.4, phi = 0.7;
    for (const auto& c : cases) {
        const riesz_kernel g(c.d, c.s);
        spectral_torus ref(g, "gradient", 0.0, fourier({{c.k, a, phi}}), {0.0}, settings(c.d == 3 ? 12 : 16, 1e-3));
        const double G = symbol(g, c.k);
        BOOST_TEST_CONTEXT("d = " << c.d << ", s = " << c.s) {
            for (const auto& x : sample_points(c.d)) {
                double kx = 0.0;
                for (int j = 0; j < c.d; ++j) kx += c.k[j] * x[j];
                const double expected = a * G * std::cos(two_pi * kx + phi);
                BOOST_TEST(std::abs(ref.potential(0.0, x.data()) - expected) < 1e-13 * a * G);
                BOOST_TEST(std::abs(ref.density(0.0, x.data()) - 1.0 - a * std::cos(two_pi * kx + phi)) < 1e-13);
            }
            BOOST_TEST(ref.self_energy(0.0) == 0.5 * G * a * a, tt::tolerance(1e-13));
            const double kk = two_pi * norm(c.k);
            BOOST_TEST(ref.lipschitz_velocity(0.0) == a * G * kk * kk, tt::tolerance(1e-11));
        }
    }
}

BOOST_AUTO_TEST_CASE(potential_at_points_matches_the_grid)
{
    // h at the nodes j/n three ways: a direct sum of the series written here (std::polar, no
    // recurrence), potential(t, x) and potentials(t, x) -- the latter also at the nodes
    // shifted by whole periods (unwrapped coordinates). All are the same finite sum, up to the
    // rounding of ~4000 terms of size <= 1e-2: 1e-13.
    const riesz_kernel g(2, 0.5);
    const double t = 0.02;
    spectral_torus ref(g, "gradient", 0.1, fourier({{{1, 0}, 0.4, 0.3}, {{2, 3}, 0.3, 1.0}}), {t},
                       settings(32, 1e-3));
    const torus_series& h = ref.potential_series(t);
    const int n = 12;
    const mfv::points x = grid_nodes(2, n);
    mfv::points shifted = x;
    for (std::size_t i = 0; i < x.size(); ++i) {
        shifted(i, 0) += 3.0;
        shifted(i, 1) -= 2.0;
    }
    std::vector<double> fast(x.size()), fast_shifted(x.size());
    ref.potentials(t, x, fast);
    ref.potentials(t, shifted, fast_shifted);
    double worst = 0.0;
    int k[2];
    for (std::size_t p = 0; p < x.size(); ++p) {
        std::complex<double> direct = 0.0;
        for (std::size_t i = 0; i < h.size(); ++i) {
            h.mode(i, k);
            direct += h.weight(i) * h[i] * std::polar(1.0, two_pi * (k[0] * x(p, 0) + k[1] * x(p, 1)));
        }
        const double xi[2] = {x(p, 0), x(p, 1)};
        worst = std::max({worst, std::abs(direct.real() - ref.potential(t, xi)), std::abs(direct.real() - fast[p]),
                          std::abs(direct.real() - fast_shifted[p])});
    }
    BOOST_TEST_MESSAGE("potential at " << x.size() << " nodes: largest difference " << worst);
    BOOST_TEST(worst < 1e-13);
}

BOOST_AUTO_TEST_CASE(self_energy_matches_grid_quadrature)
{
    // iint G dmu dmu = int h mu dx; h mu has band 2K, so the n-point rule with n = 2K + 2 is
    // exact (discrete orthogonality) up to the rounding of ~500 point values: 1e-13.
    for (auto [d, s] : {std::pair{1, 0.5}, {2, 0.0}, {3, 1.0}}) {
        const riesz_kernel g(d, s);
        const double t = 0.01;
        std::vector<int> k1(d, 0), k2(d, 1);
        k1[0] = 1;
        spectral_torus ref(g, "gradient", 0.05, fourier({{k1, 0.4, 0.0}, {k2, 0.3, 0.5}}), {t},
                           settings(d == 3 ? 12 : 24, 1e-3));
        const int n = 2 * ref.band() + 2;
        const mfv::points x = grid_nodes(d, n);
        std::vector<double> h(x.size());
        ref.potentials(t, x, h);
        double sum = 0.0;
        for (std::size_t i = 0; i < x.size(); ++i) {
            double xi[3];
            for (int j = 0; j < d; ++j) xi[j] = x(i, j);
            sum += h[i] * ref.density(t, xi);
        }
        BOOST_TEST_CONTEXT("d = " << d) {
            BOOST_TEST(ref.self_energy(t) == sum / double(x.size()), tt::tolerance(1e-13));
            BOOST_TEST(ref.self_energy(t) > 0.0);
        }
    }
}

BOOST_AUTO_TEST_CASE(gradient_and_velocity)
{
    // grad h against centred differences with step 1e-5 (truncation 1e-10/6 |h'''| ~ 1e-8,
    // since |h'''| <= G a (2 pi K)^3 ~ 1e2 here; rounding 1e-16/1e-5): 1e-7 absolute.
    // v = -grad h, or -J grad h = (h_y, -h_x), exactly.
    for (auto [d, flow] : {std::pair<int, std::string>{1, "gradient"}, {2, "gradient"}, {2, "conservative"},
                           {3, "gradient"}}) {
        const riesz_kernel g(d, d == 1 ? 0.5 : d == 2 ? 0.0 : 1.0);
        const double t = 0.01, step = 1e-5;
        std::vector<int> k1(d, 0), k2(d, 1);
        k1[d - 1] = 1;
        spectral_torus ref(g, flow, 0.1, fourier({{k1, 0.4, 0.2}, {k2, 0.3, 0.5}}), {t}, settings(d == 3 ? 12 : 24, 1e-3));
        for (const auto& x : sample_points(d)) {
            double grad[3], v[3];
            ref.potential_gradient(t, x.data(), grad);
            ref.velocity(t, x.data(), v);
            for (int j = 0; j < d; ++j) {
                auto xp = x, xm = x;
                xp[j] += step;
                xm[j] -= step;
                const double fd = (ref.potential(t, xp.data()) - ref.potential(t, xm.data())) / (2 * step);
                BOOST_TEST(std::abs(grad[j] - fd) < 1e-7);
            }
            if (flow == "conservative") {
                BOOST_TEST(v[0] == grad[1]);
                BOOST_TEST(v[1] == -grad[0]);
            } else {
                for (int j = 0; j < d; ++j) BOOST_TEST(v[j] == -grad[j]);
            }
        }
        BOOST_TEST(std::isinf(ref.support_radius(t)));
    }
}

BOOST_AUTO_TEST_CASE(lipschitz_velocity_is_the_sup_of_the_hessian)
{
    // A two-mode 1D case, where the sup of |h''| can be found by brute force on 2e5 points
    // (spacing 5e-6: a smooth maximum is missed by at most ~|h''''| (2.5e-6)^2 / 2, relative
    // 1e-9): the polished grid sup must not be below it, and at most 1e-8 above it.
    const riesz_kernel g(1, 0.5);
    const double t = 0.003;
    spectral_torus ref(g, "gradient", 0.1, fourier({{{1}, 0.4, 0.0}, {{3}, 0.3, 0.5}}), {t}, settings(32, 1e-3));
    const torus_series& h = ref.potential_series(t);
    double brute = 0.0;
    const int m = 200000;
    for (int i = 0; i < m; ++i) {
        const double x = double(i) / m;
        double hess;
        h.hessian(&x, &hess);
        brute = std::max(brute, std::abs(hess));
    }
    const double lip = ref.lipschitz_velocity(t);
    BOOST_TEST_MESSAGE("sup |h''|: brute force " << brute << ", lipschitz_velocity " << lip);
    BOOST_TEST(lip >= brute * (1 - 1e-12));
    BOOST_TEST(lip <= brute * (1 + 1e-8));
}

BOOST_AUTO_TEST_CASE(uniform_torus_is_trivial)
{
    // G has mean zero, so h = G * 1 = 0 and everything vanishes; the spectral solver started
    // from mu = 1 must keep mu = 1 exactly (N = 0, L(0) = 0).
    for (auto [d, flow] : {std::pair<int, std::string>{1, "gradient"}, {2, "conservative"}, {3, "gradient"}}) {
        const riesz_kernel g(d, d - 1.5 > 0 ? d - 1.5 : 0.0);
        uniform_torus u(g, flow, 0.3);
        const auto x = sample_points(d)[2];
        double grad[3] = {1, 1, 1}, v[3] = {1, 1, 1};
        u.potential_gradient(0.5, x.data(), grad);
        u.velocity(0.5, x.data(), v);
        BOOST_TEST(u.density(0.5, x.data()) == 1.0);
        BOOST_TEST(u.potential(0.5, x.data()) == 0.0);
        BOOST_TEST(u.self_energy(0.5) == 0.0);
        BOOST_TEST(u.lipschitz_velocity(0.5) == 0.0);
        BOOST_TEST(std::isinf(u.support_radius(0.5)));
        for (int j = 0; j < d; ++j) BOOST_TEST((grad[j] == 0.0 && v[j] == 0.0));
        std::vector<double> h(3, 1.0);
        u.potentials(0.5, mfv::points(d, 3), h);
        for (double hi : h) BOOST_TEST(hi == 0.0);

        spectral_torus num(g, flow, 0.3, uniform(), {0.0, 0.05}, settings(d == 3 ? 8 : 16, 1e-2));
        const torus_series& mu = num.density_series(0.05);
        int k[3];
        for (std::size_t i = 0; i < mu.size(); ++i) {
            mu.mode(i, k);
            bool zero = true;
            for (int j = 0; j < d; ++j) zero = zero && k[j] == 0;
            BOOST_TEST(mu[i] == (zero ? 1.0 : 0.0));
        }
        BOOST_TEST(num.self_energy(0.05) == 0.0);
        BOOST_TEST(num.lipschitz_velocity(0.05) == 0.0);
    }
    BOOST_CHECK_THROW(uniform_torus(riesz_kernel(3, 1.0), "conservative", 0.0), mfv::input_error);
    BOOST_CHECK_THROW(uniform_torus(riesz_kernel(2, 1.0), "gradient", -1.0), mfv::input_error);
}

BOOST_AUTO_TEST_CASE(factory_choices)
{
    using mfv::meanfield::make_torus_reference;
    const riesz_kernel g1(1, 0.5), g2(2, 0.0), g3(3, 1.0);
    const law_spec shell = fourier({{{1, 2}, 0.3, 0.0}, {{2, 1}, 0.2, 0.4}});
    const law_spec two_shells = fourier({{{1, 0}, 0.3, 0.0}, {{1, 1}, 0.2, 0.4}});
    BOOST_TEST(make_torus_reference(g1, "gradient", 0.2, uniform(), "exact", {})->name() == "uniform_torus");
    BOOST_TEST(make_torus_reference(g2, "conservative", 0.0, uniform(), "exact", {})->name() == "uniform_torus");
    BOOST_TEST(make_torus_reference(g3, "gradient", 0.0, fourier({}), "exact", {})->name() == "uniform_torus");
    BOOST_TEST(make_torus_reference(g2, "conservative", 0.1, shell, "exact", {})->name() == "shell_mode_torus");
    BOOST_TEST(make_torus_reference(g2, "gradient", 0.1, shell, "spectral", {0.1}, settings(16, 1e-2))->name() ==
               "spectral_torus");
    // No exact solution: the message says so and points to "spectral".
    for (const auto& [g, flow, law] : {std::tuple{g2, std::string("gradient"), shell},
                                       std::tuple{g2, std::string("conservative"), two_shells},
                                       std::tuple{g1, std::string("gradient"), fourier({{{1}, 0.2, 0.0}})}}) {
        try {
            make_torus_reference(g, flow, 0.0, law, "exact", {});
            BOOST_ERROR("no error for " << flow);
        } catch (const mfv::input_error& e) {
            const std::string message = e.what();
            BOOST_TEST_MESSAGE(message);
            BOOST_TEST(message.find("reference.type \"exact\"") != std::string::npos);
            BOOST_TEST(message.find("\"spectral\"") != std::string::npos);
        }
    }
    BOOST_CHECK_THROW(make_torus_reference(g2, "gradient", 0.0, uniform(), "quadrature", {}), mfv::input_error);
}
