// Tests of the commutator K(v) (energy/commutator.hpp; MATH.md section 8;
// reference/commutator.md) against two independent truths:
//  1. v(x) = a x everywhere: (v(x) - v(y)).grad g(x - y) = -a s g(x - y) (log: -a), so
//     K = -a s F_N (Riesz) and K = a/N (log, M = 1) exactly (MATH.md 8): a test of the pair
//     sum through the plan's gradients and of the assembly, to rounding.
//  2. Along the particle flow, with the reference's closed-form C and D (commutator.md 1.3):
//     gradient: dF_N/dt = -(2/N) sum_i |F_i - grad h(x_i)|^2 + K(u); conservative: dF_N/dt
//     = K(u). dF_N/dt is measured by a fourth-order one-sided difference of F_N along a
//     fine RK4 trajectory, independent of every formula for C and D.
#define BOOST_TEST_MODULE commutator
#include <boost/test/unit_test.hpp>

#include <mfv/core/random_stream.hpp>
#include <mfv/energy/commutator.hpp>
#include <mfv/energy/modulated_energy.hpp>
#include <mfv/interaction/direct.hpp>
#include <mfv/meanfield/barenblatt.hpp>
#include <mfv/meanfield/expanding_ball.hpp>
#include <mfv/meanfield/lamb_oseen.hpp>
#include <mfv/meanfield/shell_mode_torus.hpp>
#include <mfv/meanfield/spectral_torus.hpp>
#include <mfv/interaction/plan.hpp>
#include <mfv/meanfield/rankine_vortex.hpp>
#include <mfv/meanfield/semicircle.hpp>

#include <cmath>
#include <memory>

using namespace mfv;
namespace tt = boost::test_tools;
using riesz_kernel_alias = mfv::kernel::riesz_kernel;

namespace {

// n points in the ball of radius r (a share of them outside the support when r > R),
// no two closer than `gap` (rejection), from a fixed stream.
points spread(int d, std::size_t n, double r, double gap, std::uint64_t seed) {
    random_stream rs(seed, n, 0, stream_purpose::user);
    points x(d, n);
    std::size_t i = 0;
    while (i < n) {
        double c[3] = {0, 0, 0}, r2 = 0;
        for (int k = 0; k < d; ++k) c[k] = (2 * rs.next_uniform() - 1) * r, r2 += c[k] * c[k];
        if (r2 > r * r) continue;
        bool far = true;
        for (std::size_t j = 0; j < i && far; ++j) {
            double q = 0;
            for (int k = 0; k < d; ++k) q += (c[k] - x(j, k)) * (c[k] - x(j, k));
            far = q >= gap * gap;
        }
        if (!far) continue;
        for (int k = 0; k < d; ++k) x(i, k) = c[k];
        ++i;
    }
    return x;
}

// One RK4 step of the flow dx_i/dt = -F_i (gradient) or -J F_i (conservative, d = 2).
void rk4(interaction::plan& plan, points& x, double h, bool conservative) {
    const std::size_t n = x.size(), m = x.data().size();
    const int dim = x.dim();
    const auto drift = [&](const std::vector<double>& y, std::vector<double>& out) {
        points p(dim, n);
        p.data() = y;
        std::vector<double> G(m);
        plan.gradients(view_of(p.data(), dim), G);
        for (std::size_t i = 0; i < n; ++i) {
            if (conservative) {
                out[i] = G[n + i] / double(n);  // -J (Gx, Gy) = (Gy, -Gx)
                out[n + i] = -G[i] / double(n);
            } else {
                for (int k = 0; k < dim; ++k) out[k * n + i] = -G[k * n + i] / double(n);
            }
        }
    };
    std::vector<double> y = x.data(), k1(m), k2(m), k3(m), k4(m), tmp(m);
    drift(y, k1);
    for (std::size_t q = 0; q < m; ++q) tmp[q] = y[q] + 0.5 * h * k1[q];
    drift(tmp, k2);
    for (std::size_t q = 0; q < m; ++q) tmp[q] = y[q] + 0.5 * h * k2[q];
    drift(tmp, k3);
    for (std::size_t q = 0; q < m; ++q) tmp[q] = y[q] + h * k3[q];
    drift(tmp, k4);
    for (std::size_t q = 0; q < m; ++q) x.data()[q] = y[q] + h / 6 * (k1[q] + 2 * k2[q] + 2 * k3[q] + k4[q]);
}

// dF_N/dt at t0 by the one-sided fourth-order difference
//   f'(0) = (-25 f0 + 48 f1 - 36 f2 + 16 f3 - 3 f4) / (12 H) + O(H^4),
// F_N measured at t0 + m H along RK4 steps of H / steps.
double measured_rate(interaction::plan& plan, const meanfield::reference& mu, points x, double t0, double H,
                     bool conservative, int steps = 40) {
    double f[5];
    for (int m = 0; m < 5; ++m) {
        if (m > 0)
            for (int q = 0; q < steps; ++q) rk4(plan, x, H / steps, conservative);
        f[m] = energy::modulated_energy(plan, mu, view_of(x.data(), x.dim()), t0 + m * H).value;
    }
    return (-25 * f[0] + 48 * f[1] - 36 * f[2] + 16 * f[3] - 3 * f[4]) / (12 * H);
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_linear_field_gives_minus_a_s_F_N)
{
    const double a = 0.37, t = 0.2;
    struct item {
        std::shared_ptr<meanfield::reference> mu;
        double r;
    };
    const std::vector<item> cases = {
        {std::make_shared<meanfield::expanding_ball>(kernel::riesz_kernel(3, 1), 1.0), 1.4},
        {std::make_shared<meanfield::expanding_ball>(kernel::riesz_kernel(2, 0), 1.0), 1.4},
        {std::make_shared<meanfield::barenblatt>(kernel::riesz_kernel(2, 1), 1.0), 1.3},
        {std::make_shared<meanfield::barenblatt>(kernel::riesz_kernel(3, 2), 1.0), 1.3},
        {std::make_shared<meanfield::semicircle>(1.0), 1.3},
    };
    for (const auto& c : cases) {
        const auto& mu = *c.mu;
        const int d = mu.dim();
        const double s = mu.kernel().s();
        const points x = spread(d, 300, c.r * mu.support_radius(t), 0.0, 17);
        interaction::direct_plan plan(mu.kernel());
        const auto v = [&](const double* y, double* out) {
            for (int k = 0; k < d; ++k) out[k] = a * y[k];
        };
        // commutator.md 1.4 with v = a x everywhere: C = -a s h (log: -a M), D = -a s E (log: -a M^2).
        const auto C = [&](const double* y) { return mu.kernel().is_log() ? -a : -a * s * mu.potential(t, y); };
        const double D = mu.kernel().is_log() ? -a : -a * s * mu.self_energy(t);
        const auto k = energy::commutator(plan, mu, view_of(x.data(), d), t, v, C, D);
        const auto f = energy::modulated_energy(plan, mu, view_of(x.data(), d), t);
        const double expected = mu.kernel().is_log() ? a / 300.0 : -a * s * f.value;
        // Rounding of O(1) terms that cancel down to K: a few 1e-16 of the terms' size.
        const double scale = std::abs(k.pair_term) + std::abs(k.cross_term) + std::abs(k.self_term);
        BOOST_TEST(std::abs(k.value - expected) <= 1e-14 * scale, mu.name() << " d = " << d << " s = " << s << ": K = "
                                                                   << k.value << ", expected " << expected);
    }
}

BOOST_AUTO_TEST_CASE(the_closed_forms_give_dF_N_dt_along_the_flow)
{
    // Gradient flow: 3D Coulomb ball and 2D log disk; conservative: the Rankine vortex. About
    // one particle in six outside the support, none closer than 0.4 N^(-1/d) (commutator.md 5).
    const std::size_t n = 200;
    struct item {
        std::shared_ptr<meanfield::reference> mu;
        bool conservative;
    };
    const std::vector<item> cases = {
        {std::make_shared<meanfield::expanding_ball>(kernel::riesz_kernel(3, 1), 1.0), false},
        {std::make_shared<meanfield::expanding_ball>(kernel::riesz_kernel(2, 0), 1.0), false},
        {std::make_shared<meanfield::rankine_vortex>(1.0), true},
    };
    const double t0 = 0.1;
    for (const auto& c : cases) {
        const auto& mu = *c.mu;
        const int d = mu.dim();
        const double R = mu.support_radius(t0);
        const points x = spread(d, n, 1.06 * R, 0.4 * std::pow(double(n), -1.0 / d), 23);
        interaction::direct_plan plan(mu.kernel());
        const auto k = energy::commutator(plan, mu, view_of(x.data(), d), t0);
        const double predicted = c.conservative ? k.value : -k.dissipation + k.value;
        // Two step sizes: the difference must shrink like H^4 to well below K.
        const double e1 = std::abs(measured_rate(plan, mu, x, t0, 5e-4, c.conservative) - predicted);
        const double e2 = std::abs(measured_rate(plan, mu, x, t0, 2.5e-4, c.conservative) - predicted);
        BOOST_TEST_MESSAGE(mu.name() << " d = " << d << ": K = " << k.value << ", dissipation " << k.dissipation
                                     << ", |difference| " << e1 << " (H = 5e-4), " << e2 << " (H = 2.5e-4)");
        // 1e-3 of K: the H^4 error at H = 2.5e-4 (it falls about 16-fold per halving) is below.
        BOOST_TEST(e2 <= 1e-3 * std::abs(k.value) + 1e-12, mu.name());
        BOOST_TEST((e2 < e1 || e2 < 1e-10), mu.name());  // shrinking, unless at the rounding floor
        BOOST_TEST(std::abs(k.value) > 1e-8, "K must not vanish for the check to mean anything");
    }
}

// With noise the field is u_theta = u - (theta/2) grad log mu. For the Lamb-Oseen vortex
// u_theta = u + alpha x, alpha = theta / (2 sigma^2), and K is linear in v with K(alpha x) =
// alpha / N (log, MATH.md 8): K(u_theta) - K(u) = theta / (2 sigma^2 N), to rounding.
BOOST_AUTO_TEST_CASE(noise_adds_the_linear_part_for_lamb_oseen)
{
    const double theta = 0.3, t = 0.5;
    const meanfield::lamb_oseen mu(0.8, theta);
    const points x = spread(2, 300, 2.5, 0.0, 41);
    interaction::direct_plan plan(mu.kernel());
    const auto noisy = energy::commutator(plan, mu, view_of(x.data(), 2), t);
    const auto plain = energy::commutator(
        plan, mu, view_of(x.data(), 2), t, [&](const double* y, double* v) { mu.velocity(t, y, v); },
        [](const double*) { return 0.0; }, 0.0);  // u alone: C = D = 0 (commutator.md 2.5)
    const double alpha = theta / (2.0 * mu.variance(t));
    const double scale = std::abs(noisy.pair_term) + std::abs(noisy.cross_term) + std::abs(noisy.self_term);
    BOOST_TEST(std::abs((noisy.value - plain.value) - alpha / 300.0) <= 1e-14 * scale);
}

// The spectral solver's terms (C = d_t h + u_theta.grad h with d_t h from its right-hand
// side, D = dE/dt by Parseval) against the shell mode's closed forms (commutator.md 4), on the
// same law: the solver's solution is the shell mode's to its time-stepping accuracy.
BOOST_AUTO_TEST_CASE(spectral_terms_match_the_shell_mode)
{
    const riesz_kernel_alias g(2, 0.0);
    law_spec law;
    law.type = "fourier";
    law.modes = {{{3, 0}, 0.3, 0.2}, {{0, 3}, 0.2, 1.1}};
    for (double theta : {0.0, 0.05}) {
        const meanfield::shell_mode_torus exact(g, theta, law);
        meanfield::spectral_settings set;
        set.grid = 64;
        set.dt = 1e-4;
        const meanfield::spectral_torus num(g, "conservative", theta, law, {0.0, 0.02}, set);
        for (double t : {0.0, 0.02}) {
            // D: the spectral Parseval sum against -2 lambda E (0 without noise).
            BOOST_TEST(std::abs(num.commutator_self(t) - exact.commutator_self(t)) <= 1e-9 + 1e-8 * std::abs(exact.commutator_self(t)));
            double worst = 0.0, size = 0.0;
            for (double a = 0.05; a < 1.0; a += 0.13)
                for (double b = 0.02; b < 1.0; b += 0.17) {
                    const double y[2] = {a, b};
                    worst = std::max(worst, std::abs(num.commutator_cross(t, y) - exact.commutator_cross(t, y)));
                    size = std::max(size, std::abs(exact.commutator_cross(t, y)));
                }
            BOOST_TEST_MESSAGE("theta = " << theta << ", t = " << t << ": max |C_spectral - C_exact| = " << worst
                                          << " (|C| up to " << size << ")");
            // The solver's accuracy at dt = 1e-4 on a smooth band-3 solution: far below 1e-8.
            BOOST_TEST(worst <= 1e-8 * std::max(size, 1.0));
        }
    }
}

// On the torus, along the gradient flow without noise, with the spectral reference and the
// Ewald forces: dF_N/dt = -(2/N) sum |F_i - grad h|^2 + K(u), as in the whole space.
BOOST_AUTO_TEST_CASE(torus_identity_along_the_flow)
{
    const riesz_kernel_alias g(2, 0.0);
    law_spec law;
    law.type = "fourier";
    law.modes = {{{1, 0}, 0.3, 0.0}, {{1, 1}, 0.2, 0.7}};
    const std::size_t n = 150;
    const double t0 = 0.0, H = 2e-3;
    std::vector<double> times;
    for (int m = 0; m < 5; ++m) times.push_back(t0 + m * H);
    meanfield::spectral_settings set;
    set.grid = 64;
    set.dt = 1e-5;
    const meanfield::spectral_torus mu(g, "gradient", 0.0, law, times, set);
    // Points on a jittered grid of the unit square (no close pairs).
    points x(2, n);
    random_stream rs(3, n, 0, stream_purpose::user);
    const std::size_t side = 13;
    for (std::size_t i = 0; i < n; ++i) {
        x(i, 0) = (double(i % side) + 0.5 + 0.3 * (rs.next_uniform() - 0.5)) / side;
        x(i, 1) = (double(i / side) + 0.5 + 0.3 * (rs.next_uniform() - 0.5)) / side;
    }
    auto plan = interaction::make_plan(g, n, 1e-13, "ewald", domain::kind::torus);
    const auto k = energy::commutator(*plan, mu, view_of(x.data(), 2), t0);
    const double predicted = -k.dissipation + k.value;
    const double measured = measured_rate(*plan, mu, x, t0, H, false, 200);
    BOOST_TEST_MESSAGE("torus: K = " << k.value << ", dissipation " << k.dissipation << ", dF/dt measured " << measured
                                     << ", predicted " << predicted);
    // The H^4 error of the difference at H = 2e-3 and the solver's band-K truncation of d_t h:
    // 1e-3 of K.
    BOOST_TEST(std::abs(measured - predicted) <= 1e-3 * std::abs(k.value) + 1e-10);
}
