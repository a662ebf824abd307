// Tests of the semicircle reference of the meanfield module: the 1D log gas under the
// gradient flow (MATH.md section 3, last item), against independent quadrature
// (meanfield_quadrature.hpp) and finite differences.
#define BOOST_TEST_MODULE meanfield_semicircle
#include <boost/test/unit_test.hpp>

#include "meanfield_quadrature.hpp"

#include <mfv/core/error.hpp>
#include <mfv/meanfield/semicircle.hpp>

#include <cmath>
#include <vector>

namespace tt = boost::test_tools;
using mfv::meanfield::semicircle;
using namespace mfv_test;

namespace {

const double R0 = 0.9;

double at(const semicircle& sc, double t, double x) { return sc.potential(t, &x); }

double speed(const semicircle& sc, double t, double x) {
    double v;
    sc.velocity(t, &x, &v);
    return v;
}

}  // namespace

BOOST_AUTO_TEST_CASE(radius_mass_and_second_moment)
{
    // R(t)^2 = R0^2 + 4 M t; mass 1 and int x^2 dmu = M R^2/4 by quadrature (endpoint
    // factor sqrt(R^2 - x^2)): 1e-12.
    semicircle sc(R0);
    for (double t : {0.0, 0.5}) {
        const double R = sc.radius(t);
        BOOST_TEST(R * R == R0 * R0 + 4 * t, tt::tolerance(1e-14));
        BOOST_TEST(radial_integral(1, density_of(sc, t), R) == 1.0, tt::tolerance(1e-12));
        auto x2_mu = [&](double x) { return x * x * sc.density(t, &x); };
        BOOST_TEST(radial_integral(1, x2_mu, R) == R * R / 4, tt::tolerance(1e-12));
        BOOST_TEST(sc.second_moment(t) == R * R / 4, tt::tolerance(1e-14));
    }
}

BOOST_AUTO_TEST_CASE(potential_matches_direct_quadrature)
{
    // h = -int log|x - y| dmu(y), inside (closed form of MATH.md) and outside (the closed form
    // derived in semicircle.hpp), against direct quadrature split at y = x: 1e-10. Both signs
    // of x: h is even.
    semicircle sc(R0);
    for (double t : {0.0, 0.5}) {
        const double R = sc.radius(t);
        for (double x : {0.3 * R, 0.8 * R, R, 1.05 * R, 1.5 * R, 3.0 * R}) {
            const double direct = direct_potential(1, 0.0, density_of(sc, t), x, R);
            BOOST_TEST_CONTEXT("t = " << t << ", x/R = " << x / R) {
                BOOST_TEST(at(sc, t, x) == direct, tt::tolerance(1e-10));
                BOOST_TEST(at(sc, t, -x) == direct, tt::tolerance(1e-10));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(outside_formula_at_the_edge_and_far_away)
{
    // At x = R (1 + 1e-14) the outside formula must meet the inside one (h is C^1: the gap is
    // |h'(R)| R 1e-14): 1e-13. Far away h = -log|x| + M R^2/(8 x^2) + O(x^-4) (the moment
    // expansion, int y dmu = 0, int y^2 dmu = R^2/4): at x = 1e3 R the O(x^-4) term is 2.5e-7
    // of the last one and the rounding of h (~ -7) 1e-8 of it: 1e-5.
    semicircle sc(R0);
    const double t = 0.5, R = sc.radius(t);
    BOOST_TEST(at(sc, t, R * (1 + 1e-14)) == at(sc, t, R), tt::tolerance(1e-13));
    BOOST_TEST(at(sc, t, R) == -std::log(R / 2) + 0.5 - 1.0, tt::tolerance(1e-14));
    const double x = 1e3 * R;
    BOOST_TEST(at(sc, t, x) + std::log(x) == R * R / (8 * x * x), tt::tolerance(1e-5));
}

BOOST_AUTO_TEST_CASE(gradient_matches_finite_differences)
{
    // h' against centred differences of step 1e-5 (truncation ~1e-10 |h'''|, rounding ~1e-11):
    // 1e-8, away from the edge where h'' is unbounded outside. v = -h'.
    semicircle sc(R0);
    const double t = 0.5, R = sc.radius(t), k = 1e-5;
    for (double x : {0.3 * R, -0.8 * R, 1.1 * R, -2.0 * R}) {
        double grad, v;
        sc.potential_gradient(t, &x, &grad);
        sc.velocity(t, &x, &v);
        BOOST_TEST(grad == (at(sc, t, x + k) - at(sc, t, x - k)) / (2 * k), tt::tolerance(1e-8));
        BOOST_TEST(v == -grad);
    }
}

BOOST_AUTO_TEST_CASE(self_energy_is_integral_of_h)
{
    // E = M^2 (1/4 - log(R/2)) against int h dmu by quadrature: 1e-12.
    semicircle sc(R0);
    for (double t : {0.0, 0.5}) {
        const auto mu = density_of(sc, t);
        const auto h = potential_of(sc, t);
        const double integral = radial_integral(1, [&](double x) { return mu(x) * h(x); }, sc.radius(t));
        BOOST_TEST(sc.self_energy(t) == integral, tt::tolerance(1e-12));
    }
}

BOOST_AUTO_TEST_CASE(density_solves_the_mean_field_equation)
{
    // d_t mu + d_x(mu v) = 0 inside the support by centred differences: the residual of an
    // exact solution is O(k^2) and falls by 4 when k halves (3.9..4.1).
    semicircle sc(R0);
    const double t = 0.5, R = sc.radius(t);
    for (double x : {0.3 * R, -0.6 * R}) {
        const std::vector<double> p = {x};
        const double dt_mu = (sc.density(t + 1e-4, &x) - sc.density(t - 1e-4, &x)) / 2e-4;
        const double r1 = pde_residual(sc, 0.0, t, p, 1e-2);
        const double r2 = pde_residual(sc, 0.0, t, p, 5e-3);
        BOOST_TEST(std::abs(r1) < 1e-2 * std::abs(dt_mu));
        BOOST_TEST(r1 / r2 >= 3.9);
        BOOST_TEST(r1 / r2 <= 4.1);
    }
}

BOOST_AUTO_TEST_CASE(particles_scale_and_virial_holds)
{
    // v = 2 M x/R^2 inside: x(t) = x0 R(t)/R0 (RK4, 2000 steps over [0, 1]: ~1e-13; 1e-10).
    // Virial for log: d/dt int x^2 dmu = M^2 (MATH.md section 2), second moment by quadrature,
    // fourth-order difference of step 1e-3: 1e-9.
    semicircle sc(R0);
    const std::vector<double> x0 = {0.7 * R0};
    BOOST_TEST(transport(sc, x0, 0.0, 1.0, 2000)[0] == x0[0] * sc.radius(1.0) / R0, tt::tolerance(1e-10));
    auto moment = [&](double t) {
        return radial_integral(1, [&](double x) { return x * x * sc.density(t, &x); }, sc.radius(t));
    };
    BOOST_TEST(time_derivative(moment, 0.4, 1e-3) == 1.0, tt::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(velocity_is_lipschitz_inside_and_cusped_outside)
{
    // Inside v' = 2M/R^2 (lipschitz_velocity_on_support). Outside v'(x) ~ -C (x - R)^(-1/2)
    // (semicircle.hpp): the local exponent between x - R = 1e-6 R and 1e-8 R, from centred
    // differences of step (x - R)/100, is -1/2 within 0.01 (the next term is O(sqrt(x - R))
    // relative), so ||Dv||_inf = infinity.
    semicircle sc(R0);
    const double t = 0.3, R = sc.radius(t);
    for (double x : {0.1 * R, 0.5 * R, 0.95 * R}) {
        const double dv = (speed(sc, t, x + 1e-6) - speed(sc, t, x - 1e-6)) / 2e-6;
        BOOST_TEST(dv == sc.lipschitz_velocity_on_support(t), tt::tolerance(1e-8));
    }
    BOOST_TEST(std::isinf(sc.lipschitz_velocity(t)));
    auto dv_out = [&](double e) { return (speed(sc, t, R + e + e / 100) - speed(sc, t, R + e - e / 100)) / (e / 50); };
    const double e1 = 1e-6 * R, e2 = 1e-8 * R;
    BOOST_TEST(dv_out(e2) < 0.0);
    BOOST_TEST(std::log(dv_out(e2) / dv_out(e1)) / std::log(e2 / e1) == -0.5, tt::tolerance(0.02));
}

BOOST_AUTO_TEST_CASE(rejects_bad_radius)
{
    BOOST_CHECK_THROW(semicircle(0.0), mfv::input_error);
    BOOST_CHECK_THROW(semicircle(std::nan("")), mfv::input_error);
}
