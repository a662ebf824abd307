// Tests of the Newton flow (flow/newton_flow.hpp): velocity Verlet conserves the total energy
// E = (1/2) sum |v|^2 + H_N / N up to a bounded error of order dt^2, measured on refinement
// (the error ratio for halved steps is 4 to within 10%); and the motion of a symmetric
// two-particle system against its exact first integral.
#define BOOST_TEST_MODULE flow_newton
#include <boost/test/unit_test.hpp>

#include <mfv/core/random_stream.hpp>
#include <mfv/flow/newton_flow.hpp>
#include <mfv/interaction/direct.hpp>

#include <cmath>

using namespace mfv;
namespace tt = boost::test_tools;

namespace {

// n points of a jittered cube lattice in [-1/2, 1/2]^3 and small random velocities.
void start(std::size_t side, flow::state& x, flow::state& v) {
    const std::size_t n = side * side * side;
    x.assign(3 * n, 0.0);
    v.assign(3 * n, 0.0);
    random_stream rs(5, n, 0, stream_purpose::user);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t c[3] = {i % side, (i / side) % side, i / (side * side)};
        for (int k = 0; k < 3; ++k) {
            x[k * n + i] = (c[k] + 0.5 + 0.3 * (rs.next_uniform() - 0.5)) / side - 0.5;
            v[k * n + i] = 0.2 * (rs.next_uniform() - 0.5);
        }
    }
}

double drift(double dt) {
    flow::state x, v;
    start(5, x, v);
    interaction::direct_plan plan(kernel::riesz_kernel(3, 1));
    flow::integrator_settings s;
    s.dt = dt;
    const auto rep = flow::integrate_newton(plan, 3, x, v, {0.0, 0.1, 0.2, 0.3, 0.4}, s, [](auto&&...) {});
    return rep.energy_drift;
}

}  // namespace

BOOST_AUTO_TEST_CASE(energy_error_is_second_order)
{
    const double e1 = drift(2e-3), e2 = drift(1e-3), e3 = drift(5e-4);
    BOOST_TEST_MESSAGE("energy drift: " << e1 << " (dt = 2e-3), " << e2 << " (1e-3), " << e3 << " (5e-4)");
    // Order 2: halving dt divides the error by 4 (10% slack for the oscillating error's phase).
    BOOST_TEST(e1 / e2 == 4.0, tt::tolerance(0.1));
    BOOST_TEST(e2 / e3 == 4.0, tt::tolerance(0.1));
    BOOST_TEST(e3 < 1e-4);
}

BOOST_AUTO_TEST_CASE(two_particles_follow_their_first_integral)
{
    // Two particles at -1/2 and +1/2 on the x axis, at rest, 3D Coulomb, N = 2:
    // a_1 = -(1/2) G_1 with G_1 = grad g(x_1 - x_2) = -(x_1 - x_2)/r^3, so each particle is
    // pushed out with acceleration 1/(2 r^2), and r'' = 1/r^2: r'^2 / 2 = 1/r0 - 1/r.
    flow::state x = {-0.5, 0.5, 0, 0, 0, 0}, v(6, 0.0);
    interaction::direct_plan plan(kernel::riesz_kernel(3, 1));
    flow::integrator_settings s;
    s.dt = 1e-4;
    std::vector<double> times = {0.0, 0.5, 1.0};
    flow::integrate_newton(plan, 3, x, v, times, s, [&](const flow::state& y, const flow::state& w, double, std::size_t) {
        const double r = y[1] - y[0], rdot = w[1] - w[0];
        // Verlet at dt = 1e-4: energy error ~ dt^2 = 1e-8.
        BOOST_TEST(0.5 * rdot * rdot == 1.0 - 1.0 / r, tt::tolerance(1e-6));
    });
    BOOST_TEST(x[1] - x[0] > 1.0);
}
