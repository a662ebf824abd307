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
#include <mfv/meanfield/rankine_vortex.hpp>
#include <mfv/meanfield/semicircle.hpp>

#include <cmath>
#include <memory>

using namespace mfv;
namespace tt = boost::test_tools;

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
