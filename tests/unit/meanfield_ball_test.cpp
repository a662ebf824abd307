// Tests of the uniform-ball references of the meanfield module: the expanding ball of the
// Coulomb gradient flow (MATH.md section 2) and the Rankine vortex (MATH.md section 4),
// each against independent quadrature and finite differences (meanfield_quadrature.hpp).
#define BOOST_TEST_MODULE meanfield_ball
#include <boost/test/unit_test.hpp>

#include "meanfield_quadrature.hpp"

#include <mfv/core/error.hpp>
#include <mfv/meanfield/expanding_ball.hpp>
#include <mfv/meanfield/rankine_vortex.hpp>

#include <cmath>
#include <vector>

namespace tt = boost::test_tools;
using mfv::kernel::riesz_kernel;
using mfv::meanfield::expanding_ball;
using mfv::meanfield::rankine_vortex;
using namespace mfv_test;

namespace {

// The two Coulomb balls: 2D log from R0 = 1.2 (so that h does not vanish at the edge),
// 3D (s = 1) from R0 = 0.8.
struct ball_case {
    int d;
    double s, R0;
};
const ball_case ball_cases[] = {{2, 0.0, 1.2}, {3, 1.0, 0.8}};

}  // namespace

BOOST_AUTO_TEST_CASE(expanding_ball_radius_and_mass)
{
    // R(t)^d = R0^d + d M t (MATH.md section 2); the density integrates to M = 1. The radial
    // integrand is a polynomial on [0, R]: quadrature to rounding, 1e-13.
    for (const auto& c : ball_cases) {
        expanding_ball ball(riesz_kernel(c.d, c.s), c.R0);
        for (double t : {0.0, 0.6}) {
            BOOST_TEST(std::pow(ball.radius(t), c.d) == std::pow(c.R0, c.d) + c.d * t, tt::tolerance(1e-14));
            BOOST_TEST(radial_integral(c.d, density_of(ball, t), ball.radius(t)) == 1.0, tt::tolerance(1e-13));
            auto r2_mu = [&](double r) { return r * r * ball.density(t, point_at(c.d, r).data()); };
            BOOST_TEST(radial_integral(c.d, r2_mu, ball.radius(t)) == ball.second_moment(t), tt::tolerance(1e-13));
        }
    }
}

BOOST_AUTO_TEST_CASE(expanding_ball_potential_matches_direct_quadrature)
{
    // h = g*mu against the direct d-dimensional integral; the reference quadrature is
    // converged to ~1e-13, so 1e-10 leaves room for its nesting only.
    for (const auto& c : ball_cases) {
        expanding_ball ball(riesz_kernel(c.d, c.s), c.R0);
        for (double t : {0.0, 0.6}) {
            const double R = ball.radius(t);
            for (double r : {0.2 * R, 0.7 * R, R, 1.4 * R, 3.0 * R}) {
                const double direct = direct_potential(c.d, c.s, density_of(ball, t), r, R);
                BOOST_TEST_CONTEXT("d = " << c.d << ", t = " << t << ", r = " << r)
                BOOST_TEST(ball.potential(t, point_at(c.d, r).data()) == direct, tt::tolerance(1e-10));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(expanding_ball_gradient_and_velocity)
{
    // grad h against centred differences of h with step 1e-5 (truncation ~1e-10 |h'''|,
    // rounding ~1e-11): 1e-8. Points stay 1e-5 clear of the edge, where h'' jumps.
    // v = -grad h exactly.
    for (const auto& c : ball_cases) {
        expanding_ball ball(riesz_kernel(c.d, c.s), c.R0);
        const double t = 0.3, R = ball.radius(t), k = 1e-5;
        for (double r : {0.3 * R, 0.9 * R, 1.2 * R, 2.5 * R}) {
            const auto x = point_at(c.d, r);
            std::vector<double> grad(c.d), v(c.d);
            ball.potential_gradient(t, x.data(), grad.data());
            ball.velocity(t, x.data(), v.data());
            for (int j = 0; j < c.d; ++j) {
                auto xp = x, xm = x;
                xp[j] += k;
                xm[j] -= k;
                const double fd = (ball.potential(t, xp.data()) - ball.potential(t, xm.data())) / (2 * k);
                BOOST_TEST(grad[j] == fd, tt::tolerance(1e-8));
                BOOST_TEST(v[j] == -grad[j]);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(expanding_ball_self_energy_is_integral_of_h)
{
    // E = int h dmu (MATH.md section 2: 6M^2/(5R) in 3D, M^2(1/4 - log R) in 2D), the
    // integral by quadrature of the (separately tested) potential: smooth on [0, R], 1e-12.
    for (const auto& c : ball_cases) {
        expanding_ball ball(riesz_kernel(c.d, c.s), c.R0);
        for (double t : {0.0, 0.6}) {
            const auto mu = density_of(ball, t);
            const auto h = potential_of(ball, t);
            const double integral = radial_integral(c.d, [&](double r) { return mu(r) * h(r); }, ball.radius(t));
            BOOST_TEST(ball.self_energy(t) == integral, tt::tolerance(1e-12));
        }
    }
}

BOOST_AUTO_TEST_CASE(expanding_ball_solves_the_mean_field_equation)
{
    // d_t mu + div(mu v) = 0 inside the ball. mu is uniform and v linear, so the spatial
    // differences are exact and the residual is the time difference's k^2/6 d_t^3 mu: it
    // must fall by 4 when k halves (3.9..4.1 allows the next term, O(k^2) relative) and be
    // small against d_t mu itself.
    for (const auto& c : ball_cases) {
        expanding_ball ball(riesz_kernel(c.d, c.s), c.R0);
        const double t = 0.5, R = ball.radius(t);
        for (double r : {0.3 * R, 0.6 * R}) {
            const auto x = point_at(c.d, r);
            const double dt_mu = (ball.density(t + 1e-4, x.data()) - ball.density(t - 1e-4, x.data())) / 2e-4;
            const double r1 = pde_residual(ball, 0.0, t, x, 1e-2);
            const double r2 = pde_residual(ball, 0.0, t, x, 5e-3);
            BOOST_TEST(std::abs(r1) < 1e-3 * std::abs(dt_mu));
            BOOST_TEST(r1 / r2 >= 3.9);
            BOOST_TEST(r1 / r2 <= 4.1);
        }
    }
}

BOOST_AUTO_TEST_CASE(expanding_ball_particles_follow_the_radius)
{
    // Integrating dx/dt = v by RK4 (2000 steps: global error ~1e-13): inside, x(t) = x0 R(t)/R0;
    // outside, |x(t)|^d = |x0|^d + d M t (Newton: the enclosed mass is M). 1e-10.
    for (const auto& c : ball_cases) {
        expanding_ball ball(riesz_kernel(c.d, c.s), c.R0);
        const double T = 1.0;
        const auto x0 = point_at(c.d, 0.5 * c.R0);
        const auto xT = transport(ball, x0, 0.0, T, 2000);
        for (int j = 0; j < c.d; ++j) BOOST_TEST(xT[j] == x0[j] * ball.radius(T) / c.R0, tt::tolerance(1e-10));
        const double r0 = 1.5 * c.R0;
        const auto y = transport(ball, point_at(c.d, r0), 0.0, T, 2000);
        double rT = 0.0;
        for (double yj : y) rT += yj * yj;
        rT = std::sqrt(rT);
        BOOST_TEST(std::pow(rT, c.d) == std::pow(r0, c.d) + c.d * T, tt::tolerance(1e-10));
    }
}

BOOST_AUTO_TEST_CASE(expanding_ball_virial)
{
    // d/dt int |x|^2 dmu = s E (3D) and M^2 (2D log) (MATH.md section 2), with the second
    // moment by quadrature of the density and d/dt by a fourth-order difference of step
    // 1e-3 (truncation ~1e-12, rounding ~1e-12): 1e-9.
    for (const auto& c : ball_cases) {
        expanding_ball ball(riesz_kernel(c.d, c.s), c.R0);
        auto moment = [&](double t) {
            auto f = [&](double r) { return r * r * ball.density(t, point_at(c.d, r).data()); };
            return radial_integral(c.d, f, ball.radius(t));
        };
        const double t = 0.4;
        const double expected = c.s == 0.0 ? 1.0 : c.s * ball.self_energy(t);
        BOOST_TEST(time_derivative(moment, t, 1e-3) == expected, tt::tolerance(1e-9));
    }
}

BOOST_AUTO_TEST_CASE(expanding_ball_lipschitz_constant)
{
    // ||Dv||_inf = (d-1) M / R^d, reached just outside the edge; M / R^d over the support.
    // Checked against the largest singular value of a centred-difference Jacobian (step
    // 1e-7 R, exact for the linear inside field, ~1e-9 outside) on a radial grid. The grid's
    // first outside point is R (1 + 1e-4), so the sup found is (1 + 1e-4)^-d below the value.
    for (const auto& c : ball_cases) {
        expanding_ball ball(riesz_kernel(c.d, c.s), c.R0);
        const double t = 0.2, R = ball.radius(t), k = 1e-7 * R;
        double sup_in = 0.0, sup_out = 0.0;
        for (int i = 1; i <= 50; ++i)
            sup_in = std::max(sup_in, jacobian_norm(ball, t, point_at(c.d, R * i / 51.0), k));
        for (double r = R * (1 + 1e-4); r < 4 * R; r *= 1.05)
            sup_out = std::max(sup_out, jacobian_norm(ball, t, point_at(c.d, r), k));
        BOOST_TEST(sup_in == ball.lipschitz_velocity_on_support(t), tt::tolerance(1e-8));
        BOOST_TEST(sup_out <= ball.lipschitz_velocity(t) * (1 + 1e-8));
        BOOST_TEST(sup_out >= ball.lipschitz_velocity(t) * (1 - 1e-3));
        BOOST_TEST(ball.lipschitz_velocity(t) == (c.d - 1) / std::pow(R, c.d), tt::tolerance(1e-14));
    }
}

BOOST_AUTO_TEST_CASE(expanding_ball_rejects_non_coulomb)
{
    BOOST_CHECK_THROW(expanding_ball(riesz_kernel(3, 1.5), 1.0), mfv::input_error);
    BOOST_CHECK_THROW(expanding_ball(riesz_kernel(1, 0.0), 1.0), mfv::input_error);
    BOOST_CHECK_THROW(expanding_ball(riesz_kernel(3, 1.0), 0.0), mfv::input_error);
}

BOOST_AUTO_TEST_CASE(rankine_potential_gradient_energy)
{
    // The disk of radius 0.9 under g = -log|x|: h against direct quadrature (1e-10), grad h
    // against centred differences (1e-8, as for the ball), E against int h dmu (1e-12), mass 1.
    rankine_vortex vortex(0.9);
    const double R = 0.9, t = 0.7, k = 1e-5;
    BOOST_TEST(radial_integral(2, density_of(vortex, t), R) == 1.0, tt::tolerance(1e-13));
    for (double r : {0.1, 0.5, 0.9, 1.3, 4.0}) {
        const double direct = direct_potential(2, 0.0, density_of(vortex, t), r, R);
        BOOST_TEST(vortex.potential(t, point_at(2, r).data()) == direct, tt::tolerance(1e-10));
    }
    for (double r : {0.2, 0.7, 1.1, 3.0}) {
        const auto x = point_at(2, r);
        double grad[2];
        vortex.potential_gradient(t, x.data(), grad);
        for (int j = 0; j < 2; ++j) {
            auto xp = x, xm = x;
            xp[j] += k;
            xm[j] -= k;
            BOOST_TEST(grad[j] == (vortex.potential(t, xp.data()) - vortex.potential(t, xm.data())) / (2 * k),
                       tt::tolerance(1e-8));
        }
    }
    const auto mu = density_of(vortex, t);
    const auto h = potential_of(vortex, t);
    BOOST_TEST(vortex.self_energy(t) == radial_integral(2, [&](double r) { return mu(r) * h(r); }, R),
               tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(rankine_velocity_is_rotation)
{
    // u = -J grad h (MATH.md section 4), J = [[0,-1],[1,0]]; particles turn at angular
    // velocity M/R^2 inside and M/|x|^2 outside. RK4 over t = 2 in 4000 steps keeps |x| and
    // the angle to ~1e-12: 1e-10.
    rankine_vortex vortex(0.9);
    for (double r0 : {0.4, 0.9 * 1.5}) {
        const auto x0 = point_at(2, r0);
        double grad[2], u[2];
        vortex.potential_gradient(0.0, x0.data(), grad);
        vortex.velocity(0.0, x0.data(), u);
        BOOST_TEST(u[0] == grad[1]);
        BOOST_TEST(u[1] == -grad[0]);
        const double T = 2.0, omega = 1.0 / std::pow(std::max(r0, 0.9), 2);
        const auto xT = transport(vortex, x0, 0.0, T, 4000);
        const double c = std::cos(omega * T), s = std::sin(omega * T);
        BOOST_TEST(xT[0] == c * x0[0] - s * x0[1], tt::tolerance(1e-10));
        BOOST_TEST(xT[1] == s * x0[0] + c * x0[1], tt::tolerance(1e-10));
    }
}

BOOST_AUTO_TEST_CASE(rankine_is_stationary)
{
    // d_t mu + div(mu u) = 0 inside: mu is constant in t and x and u is linear, so the
    // centred residual vanishes to rounding (mu u / k ~ 1e2, rounding ~1e-14).
    rankine_vortex vortex(0.9);
    for (double r : {0.2, 0.6})
        for (double k : {1e-2, 5e-3}) BOOST_TEST(std::abs(pde_residual(vortex, 0.0, 1.0, point_at(2, r), k)) <= 1e-12);
}

BOOST_AUTO_TEST_CASE(rankine_lipschitz_constant)
{
    // ||Du||_inf = M/R^2: rigid rotation inside, M/|x|^2 outside (MATH.md section 4). The sup
    // of the centred-difference Jacobian's norm over a radial grid (step 1e-7, exact inside).
    rankine_vortex vortex(0.9);
    double sup = 0.0;
    for (double r = 0.01; r < 4.0; r += 0.0173) {
        if (std::abs(r - 0.9) < 1e-5) continue;
        sup = std::max(sup, jacobian_norm(vortex, 0.0, point_at(2, r), 1e-7));
    }
    BOOST_TEST(sup == 1.0 / (0.9 * 0.9), tt::tolerance(1e-8));
    BOOST_TEST(vortex.lipschitz_velocity(0.0) == 1.0 / (0.9 * 0.9), tt::tolerance(1e-14));
}
