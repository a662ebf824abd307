// Tests of the flow module: gradient and conservative systems, the adaptive and fixed-step
// drivers and Euler–Maruyama, against exact solutions and identities of MATH.md.
#define BOOST_TEST_MODULE flow
#include <boost/test/unit_test.hpp>

#include <mfv/core/error.hpp>
#include <mfv/core/random_stream.hpp>
#include <mfv/flow/conservative_flow.hpp>
#include <mfv/flow/gradient_flow.hpp>
#include <mfv/flow/integrate.hpp>
#include <mfv/interaction/plan.hpp>

#include <cmath>
#include <vector>

namespace tt = boost::test_tools;
using namespace mfv;

namespace {

// Two particles at (+-r0/2, 0, ...): for the gradient flow the distance obeys
// dr/dt = r^(-s-1) (each moves at (1/N) r^(-s-1) with N = 2), so
// r(t)^(s+2) = r0^(s+2) + (s+2) t (log, s = 0: r^2 = r0^2 + 2t).
double pair_distance_after(int d, double s, double r0, double t, flow::integrator_settings set) {
    kernel::riesz_kernel g(d, s);
    auto plan = interaction::make_plan(g, 2, 1e-14, "direct");
    flow::gradient_flow sys(*plan);
    flow::state x(2 * d, 0.0);
    x[0] = -0.5 * r0;
    x[1] = 0.5 * r0;
    flow::integrate_outputs(std::cref(sys), d, x, {0.0, t}, set, nullptr, [](const flow::state&, double, std::size_t) {});
    return x[1] - x[0];
}

double sum_sq(const flow::state& x) {
    double a = 0;
    for (double v : x) a += v * v;
    return a;
}

}  // namespace

BOOST_AUTO_TEST_CASE(two_particles_gradient_flow_matches_exact_distance)
{
    // dopri5 at rtol = atol = 1e-12 over t = 1: the global error stays near 1e-11, so
    // 1e-9 relative is a safe bound that still fails for any wrong factor or sign.
    flow::integrator_settings set;
    set.rtol = set.atol = 1e-12;
    for (auto [d, s] : std::vector<std::pair<int, double>>{{3, 1.0}, {2, 0.0}, {1, 0.5}, {3, 2.5}, {2, 1.3}}) {
        const double r0 = 0.7, t = 1.0;
        const double exact = std::pow(std::pow(r0, s + 2) + (s + 2) * t, 1.0 / (s + 2));
        BOOST_TEST(pair_distance_after(d, s, r0, t, set) == exact, tt::tolerance(1e-9));
    }
}

BOOST_AUTO_TEST_CASE(rk4_converges_at_fourth_order)
{
    // Halving dt must divide the error by 2^4 = 16; on this smooth problem the observed
    // ratio is within [12, 20] (asymptotic regime, error far above rounding).
    flow::integrator_settings set;
    set.method = "rk4";
    const double r0 = 0.5, t = 1.0, exact = std::cbrt(r0 * r0 * r0 + 3 * t);
    set.dt = 0.1;
    const double e1 = std::abs(pair_distance_after(3, 1.0, r0, t, set) - exact);
    set.dt = 0.05;
    const double e2 = std::abs(pair_distance_after(3, 1.0, r0, t, set) - exact);
    BOOST_TEST_MESSAGE("rk4 errors " << e1 << " " << e2 << " ratio " << e1 / e2);
    BOOST_TEST(e1 / e2 > 12.0);
    BOOST_TEST(e1 / e2 < 20.0);
}

BOOST_AUTO_TEST_CASE(log_gradient_flow_virial_is_exact)
{
    // MATH.md section 2: for g = -log|x|, d/dt (1/N) sum |x_i|^2 = (N-1)/N exactly, for any
    // configuration. 40 random points in the plane, integrated to rtol 1e-11.
    const int d = 2;
    const std::size_t n = 40;
    kernel::riesz_kernel g(d, 0.0);
    auto plan = interaction::make_plan(g, n, 1e-14, "direct");
    flow::gradient_flow sys(*plan);
    flow::state x(d * n);
    random_stream rs(1, n, 0, stream_purpose::user);
    rs.normal(0, x);
    const double m0 = sum_sq(x) / n;
    flow::integrator_settings set;
    set.rtol = set.atol = 1e-11;
    std::vector<double> moments;
    flow::integrate_outputs(std::cref(sys), d, x, {0.0, 0.25, 0.5}, set, nullptr,
                            [&](const flow::state& y, double, std::size_t) { moments.push_back(sum_sq(y) / n); });
    BOOST_TEST_REQUIRE(moments.size() == 3u);
    BOOST_TEST(moments[1] - m0 == 0.25 * (n - 1.0) / n, tt::tolerance(1e-8));
    BOOST_TEST(moments[2] - m0 == 0.5 * (n - 1.0) / n, tt::tolerance(1e-8));
}

BOOST_AUTO_TEST_CASE(two_vortices_rotate_rigidly)
{
    // Conservative flow, g = -log|x|, N = 2 at distance r: each moves at speed 1/(2r) on a
    // circle of radius r/2, so the pair rotates at angular velocity 1/r^2 (MATH.md section 4,
    // counter-clockwise for J the rotation by +pi/2).
    kernel::riesz_kernel g(2, 0.0);
    auto plan = interaction::make_plan(g, 2, 1e-14, "direct");
    flow::conservative_flow sys(*plan);
    const double r = 0.8, t = 2.0, omega = 1.0 / (r * r);
    flow::state x = {-r / 2, r / 2, 0.0, 0.0};
    flow::integrator_settings set;
    set.rtol = set.atol = 1e-12;
    flow::integrate_outputs(std::cref(sys), 2, x, {0.0, t}, set, nullptr, [](const flow::state&, double, std::size_t) {});
    // Particle 1 started at (r/2, 0).
    BOOST_TEST(x[1] == 0.5 * r * std::cos(omega * t), tt::tolerance(1e-9));
    BOOST_TEST(x[3] == 0.5 * r * std::sin(omega * t), tt::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(conservative_flow_needs_two_dimensions)
{
    kernel::riesz_kernel g(3, 1.0);
    auto plan = interaction::make_plan(g, 2, 1e-14, "direct");
    BOOST_CHECK_THROW(flow::conservative_flow{*plan}, input_error);
}

BOOST_AUTO_TEST_CASE(euler_maruyama_second_moment_grows_by_d_theta)
{
    // Log gradient flow with noise (Ito): E[(1/N) sum |x_i|^2](t) = m0 + ((N-1)/N + d theta) t,
    // up to an O(dt) bias from the |b|^2 dt^2 term (about |b|^2 dt T ~ 5e-3 here).
    // The fluctuation is dominated by (2/N) sum x_i . dW_i, of variance
    // (4/N) theta int_0^T m(t) dt ~ 4/400 * 0.5 * 0.34 = 1.7e-3 for one path; the mean of
    // 8 independent paths has standard deviation 0.015, and 0.075 is 5 of them.
    const int d = 2;
    const std::size_t n = 400, members = 8;
    const double theta = 0.5, T = 0.5;
    kernel::riesz_kernel g(d, 0.0);
    auto plan = interaction::make_plan(g, n, 1e-14, "direct");
    flow::gradient_flow sys(*plan);
    flow::integrator_settings set;
    set.method = "euler_maruyama";
    set.dt = 1e-3;
    double mean_growth = 0.0;
    flow::state first_path;
    for (std::size_t m = 0; m < members; ++m) {
        flow::state x(d * n);
        random_stream(3, n, m, stream_purpose::initial_positions).normal(0, x);
        for (double& v : x) v *= 0.3;
        const double m0 = sum_sq(x) / n;
        flow::additive_noise noise(random_stream(3, n, m, stream_purpose::noise), theta);
        flow::integrate_outputs(std::cref(sys), d, x, {0.0, T}, set, &noise, [](const flow::state&, double, std::size_t) {});
        BOOST_TEST(noise.steps_taken() == 500u);
        mean_growth += (sum_sq(x) / n - m0) / members;
        if (m == 0) first_path = x;
    }
    BOOST_TEST_MESSAGE("mean growth " << mean_growth << " expected " << ((n - 1.0) / n + d * theta) * T);
    BOOST_TEST(std::abs(mean_growth - ((n - 1.0) / n + d * theta) * T) < 0.075);
    // The same stream gives the same path, bit for bit.
    flow::state x(d * n);
    random_stream(3, n, 0, stream_purpose::initial_positions).normal(0, x);
    for (double& v : x) v *= 0.3;
    flow::additive_noise again(random_stream(3, n, 0, stream_purpose::noise), theta);
    flow::integrate_outputs(std::cref(sys), d, x, {0.0, T}, set, &again, [](const flow::state&, double, std::size_t) {});
    BOOST_TEST(x == first_path);
}

BOOST_AUTO_TEST_CASE(collisions_and_nan_are_reported_with_particle_and_time)
{
    kernel::riesz_kernel g(3, 1.0);
    auto plan = interaction::make_plan(g, 3, 1e-14, "direct");
    flow::gradient_flow sys(*plan);
    flow::integrator_settings set;
    // Particles 0 and 2 at the same place: infinite field.
    flow::state x = {0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
    try {
        flow::integrate_outputs(std::cref(sys), 3, x, {0.0, 1.0}, set, nullptr, [](const flow::state&, double, std::size_t) {});
        BOOST_FAIL("no error for a collision");
    } catch (const run_error& e) {
        const std::string m = e.what();
        BOOST_TEST_MESSAGE(m);
        BOOST_TEST((m.find("particles 0 and 2") != std::string::npos || m.find("particle 0") != std::string::npos ||
                    m.find("particle 2") != std::string::npos));
        BOOST_TEST(m.find("t = 0") != std::string::npos);
    }
    flow::state y = {0.0, 1.0, std::nan(""), 0.0, 0.0, 0.5, 0.0, 0.0, 0.0};
    BOOST_CHECK_THROW(flow::integrate_outputs(std::cref(sys), 3, y, {0.0, 1.0}, set, nullptr,
                                              [](const flow::state&, double, std::size_t) {}),
                      run_error);
}

BOOST_AUTO_TEST_CASE(noise_needs_euler_maruyama)
{
    kernel::riesz_kernel g(2, 0.0);
    auto plan = interaction::make_plan(g, 2, 1e-14, "direct");
    flow::gradient_flow sys(*plan);
    flow::state x = {0.0, 1.0, 0.0, 0.0};
    flow::additive_noise noise(random_stream(1, 2, 0, stream_purpose::noise), 0.1);
    flow::integrator_settings set;
    BOOST_CHECK_THROW(flow::integrate_outputs(std::cref(sys), 2, x, {0.0, 1.0}, set, &noise,
                                              [](const flow::state&, double, std::size_t) {}),
                      input_error);
}
