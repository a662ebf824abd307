// Tests of the Lamb-Oseen reference of the meanfield module: 2D conservative flow with the
// log kernel from a Gaussian, with and without noise (MATH.md sections 4 and 5), against
// independent quadrature (meanfield_quadrature.hpp) and finite differences.
#define BOOST_TEST_MODULE meanfield_vortex
#include <boost/test/unit_test.hpp>

#include "meanfield_quadrature.hpp"

#include <mfv/core/error.hpp>
#include <mfv/meanfield/lamb_oseen.hpp>

#include <cmath>
#include <vector>

namespace tt = boost::test_tools;
using mfv::meanfield::lamb_oseen;
using namespace mfv_test;

namespace {

const double sigma0 = 0.7;

// The Gaussian's mass beyond 16 sigma is exp(-128): the truncated integrals are exact to
// rounding.
double cutoff(const lamb_oseen& lo, double t) { return 16.0 * std::sqrt(lo.variance(t)); }

}  // namespace

BOOST_AUTO_TEST_CASE(variance_mass_and_second_moment)
{
    // sigma^2 = sigma0^2 + theta t; mass 1 and int |x|^2 dmu = 2 M sigma^2 by quadrature: 1e-12.
    // The second moment grows by 2 theta per unit time (MATH.md section 4): a fourth-order
    // difference of step 1e-3 of the quadrature, 1e-9 absolute.
    for (double theta : {0.0, 0.3}) {
        lamb_oseen lo(sigma0, theta);
        auto moment = [&](double t) {
            auto f = [&](double r) { return r * r * lo.density(t, point_at(2, r).data()); };
            return radial_integral(2, f, cutoff(lo, t));
        };
        for (double t : {0.0, 0.8}) {
            BOOST_TEST(lo.variance(t) == sigma0 * sigma0 + theta * t, tt::tolerance(1e-15));
            BOOST_TEST(radial_integral(2, density_of(lo, t), cutoff(lo, t)) == 1.0, tt::tolerance(1e-12));
            BOOST_TEST(moment(t) == 2 * lo.variance(t), tt::tolerance(1e-12));
        }
        BOOST_TEST(std::abs(time_derivative(moment, 0.4, 1e-3) - 2 * theta) <= 1e-9);
    }
}

BOOST_AUTO_TEST_CASE(potential_matches_direct_quadrature)
{
    // h(r) = -M (log r + E1(r^2/(2 sigma^2))/2) (series for z < 1, expint beyond) against the
    // direct 2D quadrature of -log|x - y| against the Gaussian, converged to ~1e-13: 1e-10.
    // The radii include the centre, where the series gives the finite limit, and z = 1,
    // where the two evaluations meet.
    for (double theta : {0.0, 0.3}) {
        lamb_oseen lo(sigma0, theta);
        for (double t : {0.0, 0.8}) {
            const double sigma = std::sqrt(lo.variance(t));
            for (double r : {0.0, 1e-3 * sigma, 0.5 * sigma, std::sqrt(2.0) * sigma, 2 * sigma, 5 * sigma}) {
                const double direct = direct_potential(2, 0.0, density_of(lo, t), r, r + cutoff(lo, t));
                BOOST_TEST_CONTEXT("theta = " << theta << ", t = " << t << ", r/sigma = " << r / sigma)
                BOOST_TEST(lo.potential(t, point_at(2, r).data()) == direct, tt::tolerance(1e-10));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(series_and_expint_meet_at_z_one)
{
    // At z = r^2/(2 sigma^2) = 1 the evaluation switches from the series to expint; across it
    // h moves by |h'| r 2e-15 = 2 (1 - 1/e) 1e-15 = 1.3e-15, plus rounding of the O(1) terms:
    // 3e-15 absolute.
    lamb_oseen lo(sigma0, 0.0);
    const double r1 = std::sqrt(2.0) * sigma0;
    const double below = lo.potential(0.0, point_at(2, r1 * (1 - 1e-15)).data());
    const double above = lo.potential(0.0, point_at(2, r1 * (1 + 1e-15)).data());
    BOOST_TEST(std::abs(below - above) <= 3e-15);
}

BOOST_AUTO_TEST_CASE(gradient_and_velocity)
{
    // grad h against centred differences of step 1e-5 (1e-8, as elsewhere); grad h = 0 at the
    // centre; u = -J grad h (MATH.md section 4), equal to the formula
    // u = (M/|x|^2)(1 - exp(-|x|^2/(2 sigma^2))) J x to rounding.
    lamb_oseen lo(sigma0, 0.3);
    const double t = 0.8, sigma = std::sqrt(lo.variance(t)), k = 1e-5;
    for (double r : {0.1 * sigma, 0.9 * sigma, 2.5 * sigma}) {
        const auto x = point_at(2, r);
        double grad[2], u[2];
        lo.potential_gradient(t, x.data(), grad);
        lo.velocity(t, x.data(), u);
        for (int j = 0; j < 2; ++j) {
            auto xp = x, xm = x;
            xp[j] += k;
            xm[j] -= k;
            const double fd = (lo.potential(t, xp.data()) - lo.potential(t, xm.data())) / (2 * k);
            BOOST_TEST(grad[j] == fd, tt::tolerance(1e-8));
        }
        BOOST_TEST(u[0] == grad[1]);
        BOOST_TEST(u[1] == -grad[0]);
        const double factor = (1 - std::exp(-r * r / (2 * sigma * sigma))) / (r * r);
        BOOST_TEST(u[0] == -factor * x[1], tt::tolerance(1e-13));
        BOOST_TEST(u[1] == factor * x[0], tt::tolerance(1e-13));
    }
    const double origin[2] = {0.0, 0.0};
    double grad[2];
    lo.potential_gradient(t, origin, grad);
    BOOST_TEST(grad[0] == 0.0);
    BOOST_TEST(grad[1] == 0.0);
}

BOOST_AUTO_TEST_CASE(self_energy)
{
    // E = M^2 (-log(2 sigma) + gamma_E/2) (MATH.md section 5) against int h dmu by quadrature:
    // 1e-12 (E crosses zero near sigma = 0.67, so the comparison is absolute).
    for (double theta : {0.0, 0.3}) {
        lamb_oseen lo(sigma0, theta);
        for (double t : {0.0, 0.8}) {
            const auto mu = density_of(lo, t);
            const auto h = potential_of(lo, t);
            const double integral = radial_integral(2, [&](double r) { return mu(r) * h(r); }, cutoff(lo, t));
            BOOST_TEST(std::abs(lo.self_energy(t) - integral) <= 1e-12);
        }
    }
}

BOOST_AUTO_TEST_CASE(density_solves_the_mean_field_equation)
{
    // d_t mu + div(mu u) = (theta/2) Lap mu by centred differences (u from the class): the
    // residual of an exact solution is O(k^2) and falls by 4 when k halves (3.9..4.1); it is
    // small against mu ||Du||, the size of each term.
    for (double theta : {0.0, 0.3}) {
        lamb_oseen lo(sigma0, theta);
        const double t = 0.5, sigma = std::sqrt(lo.variance(t));
        for (double r : {0.5 * sigma, 1.3 * sigma}) {
            const auto x = point_at(2, r);
            const double scale = lo.density(t, x.data()) * lo.lipschitz_velocity(t);
            const double r1 = pde_residual(lo, theta, t, x, 1e-2);
            const double r2 = pde_residual(lo, theta, t, x, 5e-3);
            BOOST_TEST_CONTEXT("theta = " << theta << ", r/sigma = " << r / sigma) {
                BOOST_TEST(std::abs(r1) < 1e-3 * scale);
                BOOST_TEST(r1 / r2 >= 3.9);
                BOOST_TEST(r1 / r2 <= 4.1);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(particles_circle_at_their_angular_velocity)
{
    // theta = 0: a particle at radius r turns at angular velocity (M/r^2)(1 - exp(-r^2/(2 sigma^2))).
    // RK4 over t = 2 in 4000 steps: ~1e-12; 1e-10.
    lamb_oseen lo(sigma0, 0.0);
    for (double r : {0.3, 1.0, 2.5}) {
        const auto x0 = point_at(2, r);
        const double omega = (1 - std::exp(-r * r / (2 * sigma0 * sigma0))) / (r * r), T = 2.0;
        const auto xT = transport(lo, x0, 0.0, T, 4000);
        BOOST_TEST(xT[0] == std::cos(omega * T) * x0[0] - std::sin(omega * T) * x0[1], tt::tolerance(1e-10));
        BOOST_TEST(xT[1] == std::sin(omega * T) * x0[0] + std::cos(omega * T) * x0[1], tt::tolerance(1e-10));
    }
}

BOOST_AUTO_TEST_CASE(lipschitz_constant_is_the_central_rotation)
{
    // ||Du||_inf = M/(2 sigma^2) (lamb_oseen.hpp), reached at the centre: the largest
    // singular value of the centred-difference Jacobian (step 1e-6 sigma: error ~1e-12) is
    // that value at r = 0 and below it on a radial grid out to 8 sigma.
    lamb_oseen lo(sigma0, 0.3);
    const double t = 0.8, sigma = std::sqrt(lo.variance(t)), L = lo.lipschitz_velocity(t);
    BOOST_TEST(L == 1.0 / (2 * sigma * sigma), tt::tolerance(1e-15));
    BOOST_TEST(jacobian_norm(lo, t, point_at(2, 0.0), 1e-6 * sigma) == L, tt::tolerance(1e-9));
    double sup = 0.0;
    for (double r = 0.01 * sigma; r < 8 * sigma; r += 0.01 * sigma)
        sup = std::max(sup, jacobian_norm(lo, t, point_at(2, r), 1e-6 * sigma));
    BOOST_TEST(sup <= L * (1 + 1e-9));
    BOOST_TEST(sup >= L * (1 - 1e-3));
}

BOOST_AUTO_TEST_CASE(rejects_bad_parameters)
{
    BOOST_CHECK_THROW(lamb_oseen(0.0, 0.1), mfv::input_error);
    BOOST_CHECK_THROW(lamb_oseen(1.0, -0.1), mfv::input_error);
    BOOST_CHECK_THROW(lamb_oseen(1.0, std::nan("")), mfv::input_error);
}
