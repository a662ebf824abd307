// Tests of the flows on the torus T^d = [0,1)^d (MATH.md sections 0 and 6): the
// Euler–Maruyama stepper with the periodic interaction (strong order on refinement), the
// invariances of the periodic gradient flow, and the minimum-image collision guard.
#define BOOST_TEST_MODULE flow_torus
#include <boost/test/unit_test.hpp>

#include <mfv/core/error.hpp>
#include <mfv/core/random_stream.hpp>
#include <mfv/domain/torus.hpp>
#include <mfv/flow/euler_maruyama.hpp>
#include <mfv/flow/gradient_flow.hpp>
#include <mfv/flow/guards.hpp>
#include <mfv/flow/integrate.hpp>
#include <mfv/interaction/plan.hpp>

#include <cmath>
#include <vector>

namespace tt = boost::test_tools;
using namespace mfv;

namespace {

// A Brownian path of d*n coordinates on the fine grid of `fine` steps over [0, T]:
// increments sqrt(theta T / fine) Z. A coarse step of `stride` fine steps sums them, so every
// step size integrates the same path (the strong error compares trajectories).
struct brownian_path {
    std::vector<std::vector<double>> dw;  // dw[j][m]: fine increment j of coordinate m

    brownian_path(std::size_t coords, std::size_t fine, double theta, double T, const random_stream& rs) : dw(fine) {
        const double scale = std::sqrt(theta * T / static_cast<double>(fine));
        for (std::size_t j = 0; j < fine; ++j) {
            dw[j].resize(coords);
            rs.normal(j * coords, dw[j]);
            for (double& w : dw[j]) w *= scale;
        }
    }
};

// Euler–Maruyama from x0 over [0, T] with `steps` steps on the given path.
flow::state run_em(interaction::plan& plan, flow::state x, const brownian_path& path, double T, std::size_t steps) {
    flow::gradient_flow drift(plan);
    flow::euler_maruyama<flow::state> em;
    const std::size_t stride = path.dw.size() / steps;
    std::size_t next = 0;
    auto noise = [&](const flow::state& y, flow::state& w, double, double) {
        w.assign(y.size(), 0.0);
        for (std::size_t q = 0; q < stride; ++q, ++next)
            for (std::size_t m = 0; m < y.size(); ++m) w[m] += path.dw[next][m];
    };
    auto system = std::make_pair(std::cref(drift), noise);
    const double h = T / static_cast<double>(steps);
    for (std::size_t k = 0; k < steps; ++k) em.do_step(system, x, static_cast<double>(k) * h, h);
    return x;
}

// Root-mean-square minimum-image distance between two configurations of the same particles.
double torus_rms_distance(const flow::state& a, const flow::state& b) {
    double s = 0.0;
    for (std::size_t m = 0; m < a.size(); ++m) {
        const double e = domain::minimum_image(a[m] - b[m]);
        s += e * e;
    }
    return std::sqrt(s / static_cast<double>(a.size()));
}

flow::state jittered_start(int d, std::size_t n, std::uint64_t member) {
    // n points evenly spaced along the diagonal direction (1, golden, silver) mod 1, plus a
    // small random jitter: well separated, so the drift is smooth along the paths.
    const random_stream rs(7, n, member, stream_purpose::initial_positions);
    std::vector<double> u(static_cast<std::size_t>(d) * n);
    rs.uniform(0, u);
    flow::state x(static_cast<std::size_t>(d) * n);
    const double dir[3] = {1.0, 0.6180339887498949, 0.4142135623730950};
    for (std::size_t i = 0; i < n; ++i)
        for (int k = 0; k < d; ++k)
            x[k * n + i] = domain::wrap(dir[k] * (static_cast<double>(i) + 0.5) / static_cast<double>(n) +
                                        0.02 * (u[k * n + i] - 0.5) / static_cast<double>(n));
    return x;
}

}  // namespace

BOOST_AUTO_TEST_CASE(euler_maruyama_on_the_torus_has_strong_order_one)
{
    // Additive noise: Euler–Maruyama is strong order 1 (the Milstein correction vanishes).
    // The error at T of the runs with 8, 16, 32, 64 steps against a run with 1024 steps on the
    // same Brownian path, RMS over particles and 12 paths, must fall like h^1: the fitted
    // log-log slope lies in [0.8, 1.2] (the half-order of a wrong noise scaling, or a drift
    // evaluated at the wrong point, would give 0.5; 12 paths keep the sampling spread of the
    // slope near 0.05).
    const int d = 1;
    const std::size_t n = 8, fine = 1024, paths = 12;
    const double T = 0.02, theta = 0.1;
    const kernel::riesz_kernel g(d, 0.5);
    auto plan = interaction::make_plan(g, n, 1e-12, "ewald", domain::kind::torus);
    const std::vector<std::size_t> steps = {8, 16, 32, 64};
    std::vector<double> err(steps.size(), 0.0);
    for (std::size_t p = 0; p < paths; ++p) {
        const flow::state x0 = jittered_start(d, n, p);
        const brownian_path path(x0.size(), fine, theta, T, random_stream(11, n, p, stream_purpose::noise));
        const flow::state ref = run_em(*plan, x0, path, T, fine);
        for (std::size_t q = 0; q < steps.size(); ++q) {
            const double e = torus_rms_distance(run_em(*plan, x0, path, T, steps[q]), ref);
            err[q] += e * e / paths;
        }
    }
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (std::size_t q = 0; q < steps.size(); ++q) {
        err[q] = std::sqrt(err[q]);
        const double lx = std::log(T / steps[q]), ly = std::log(err[q]);
        BOOST_TEST_MESSAGE("h = " << T / steps[q] << "  strong error " << err[q]);
        sx += lx, sy += ly, sxx += lx * lx, sxy += lx * ly;
    }
    const double m = static_cast<double>(steps.size());
    const double slope = (m * sxy - sx * sy) / (m * sxx - sx * sx);
    BOOST_TEST_MESSAGE("strong order " << slope);
    BOOST_TEST(slope > 0.8);
    BOOST_TEST(slope < 1.2);
}

BOOST_AUTO_TEST_CASE(periodic_gradient_flow_keeps_the_centre_of_mass_and_ignores_wrapping)
{
    // sum_i grad_i H_N = 0 (G is even, so grad G is odd): the unwrapped mean position is
    // constant under the noiseless flow, to the integrator's tolerance (1e-12 absolute, the
    // dopri5 rtol/atol used here). The field read from coordinates shifted by whole periods
    // is the same to rounding (1e-12 relative: the evaluator wraps, and wrapping x + 3 loses
    // about 2 bits of x).
    const int d = 2;
    const std::size_t n = 24;
    const kernel::riesz_kernel g(d, 1.0);
    auto plan = interaction::make_plan(g, n, 1e-10, "ewald", domain::kind::torus);
    flow::state x = jittered_start(d, n, 3);
    flow::state shifted = x;
    for (std::size_t m = 0; m < x.size(); ++m) shifted[m] += (m % 3 == 0) ? 3.0 : -2.0;
    flow::gradient_flow sys(*plan);
    flow::state f1, f2;
    sys(x, f1, 0.0);
    sys(shifted, f2, 0.0);
    double scale = 0.0;
    for (double v : f1) scale = std::max(scale, std::abs(v));
    for (std::size_t m = 0; m < f1.size(); ++m) BOOST_TEST(std::abs(f1[m] - f2[m]) <= 1e-12 * scale);

    double mean0[2] = {0, 0};
    for (int k = 0; k < d; ++k)
        for (std::size_t i = 0; i < n; ++i) mean0[k] += x[k * n + i] / n;
    flow::integrator_settings set;
    set.rtol = set.atol = 1e-12;
    set.space = domain::kind::torus;
    flow::integrate_outputs(std::cref(sys), d, x, {0.0, 0.05}, set, nullptr, [](const flow::state&, double, std::size_t) {});
    for (int k = 0; k < d; ++k) {
        double mean = 0.0;
        for (std::size_t i = 0; i < n; ++i) mean += x[k * n + i] / n;
        BOOST_TEST(std::abs(mean - mean0[k]) < 1e-11);
    }
}

BOOST_AUTO_TEST_CASE(separation_guard_uses_the_minimum_image)
{
    // Particles 0 and 2, at (0.0001, 0.3) and (0.9999, 0.3), are 2e-4 apart on the torus
    // (and 0.9998 in the plane).
    std::vector<double> soa = {0.0001, 0.5, 0.9999, 0.3, 0.7, 0.3};
    const points_view v{2, 3, soa.data()};
    BOOST_CHECK_NO_THROW(flow::check_separation(v, 0.0, 1e-3, domain::kind::whole_space));
    BOOST_CHECK_THROW(flow::check_separation(v, 0.0, 1e-3, domain::kind::torus), run_error);
    try {
        flow::check_separation(v, 0.25, 1e-3, domain::kind::torus);
    } catch (const run_error& e) {
        const std::string m = e.what();
        BOOST_TEST(m.find("particles 0 and 2") != std::string::npos);
        BOOST_TEST(m.find("t = 0.25") != std::string::npos);
    }
}
