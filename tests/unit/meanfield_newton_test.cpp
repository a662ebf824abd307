// Tests of the Newton ball (meanfield/newton_ball.hpp): R(t) from the first integral and the
// inverted quadrature, against an independent odeint integration of R'' = M R^(1-d)
// (Runge-Kutta-Fehlberg 7(8) at tolerance 1e-14), for d = 2 (log) and d = 3, starting at
// rest, expanding and contracting (through the turning point); and the first integral itself.
#define BOOST_TEST_MODULE meanfield_newton
#include <boost/test/unit_test.hpp>

#include <mfv/core/error.hpp>
#include <mfv/meanfield/newton_ball.hpp>

#include <boost/numeric/odeint.hpp>

#include <vector>
#include <cmath>

using namespace mfv;
namespace tt = boost::test_tools;
namespace odeint = boost::numeric::odeint;

namespace {

// R(t) by odeint: y = (R, R'), y' = (R', M R^(1-d)).
double integrate_radius(int d, double R0, double a, double t) {
    std::vector<double> y = {R0, a * R0};
    if (t == 0.0) return R0;
    const auto rhs = [d](const std::vector<double>& s, std::vector<double>& ds, double) {
        ds[0] = s[1];
        ds[1] = std::pow(s[0], 1 - d);
    };
    odeint::integrate_adaptive(odeint::make_controlled(1e-14, 1e-14, odeint::runge_kutta_fehlberg78<std::vector<double>>()),
                               rhs, y, 0.0, t, 1e-4);
    return y[0];
}

}  // namespace

BOOST_AUTO_TEST_CASE(radius_matches_an_odeint_integration)
{
    for (int d : {2, 3}) {
        for (double a : {0.0, 0.7, -0.5, -1.5}) {
            const meanfield::newton_ball ball(kernel::riesz_kernel(d, d - 2.0), 1.2, a);
            for (double t : {0.0, 0.05, 0.3, 1.0, 2.5}) {
                const double R = ball.radius(t), ref = integrate_radius(d, 1.2, a, t);
                // odeint's 7(8) pair at 1e-14 per step over up to a few hundred steps: ~1e-12.
                BOOST_TEST(R == ref, tt::tolerance(1e-11));
                // The first integral and its sign: R'(t) against a central difference of R.
                if (t > 0.0) {
                    const double h = 1e-5;
                    const double slope = (ball.radius(t + h) - ball.radius(t - h)) / (2 * h);
                    BOOST_TEST(ball.radius_rate(t) == slope, tt::tolerance(1e-7));
                }
            }
            if (a < 0.0) {
                // The turning point: R' = 0 at R_min, reached at turning_time().
                BOOST_TEST(ball.turning_time() > 0.0);
                BOOST_TEST(ball.radius(ball.turning_time()) == ball.smallest_radius(), tt::tolerance(1e-12));
                BOOST_TEST(ball.smallest_radius() == integrate_radius(d, 1.2, a, ball.turning_time()), tt::tolerance(1e-10));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(the_issue_s_first_integral_d3_at_rest)
{
    // d = 3, a = 0: R'^2 / 2 = M (1/R0 - 1/R).
    const meanfield::newton_ball ball(kernel::riesz_kernel(3, 1), 1.0, 0.0);
    for (double t : {0.1, 1.0, 4.0}) {
        const double R = ball.radius(t), v = ball.radius_rate(t);
        BOOST_TEST(0.5 * v * v == 1.0 - 1.0 / R, tt::tolerance(1e-12));
    }
    // The fluid velocity is (R'/R) x.
    const double x[3] = {0.3, -0.2, 0.1};
    double u[3];
    ball.velocity(1.0, x, u);
    BOOST_TEST(u[1] == ball.radius_rate(1.0) / ball.radius(1.0) * x[1], tt::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(bad_arguments_are_refused)
{
    BOOST_CHECK_THROW(meanfield::newton_ball(kernel::riesz_kernel(3, 0.5), 1.0, 0.0), input_error);
    BOOST_CHECK_THROW(meanfield::newton_ball(kernel::riesz_kernel(3, 1), -1.0, 0.0), input_error);
    const meanfield::newton_ball ball(kernel::riesz_kernel(2, 0), 1.0, 0.0);
    BOOST_CHECK_THROW(ball.radius(-1.0), std::domain_error);
}
