// Tests of the Barenblatt references of the meanfield module (MATH.md section 3): the Riesz
// profiles A (R^2 - |x|^2)_+^beta for d-2 <= s < d, against the table of MATH.md, independent
// quadrature (meanfield_quadrature.hpp) and finite differences.
#define BOOST_TEST_MODULE meanfield_barenblatt
#include <boost/test/unit_test.hpp>

#include "meanfield_quadrature.hpp"

#include <mfv/core/error.hpp>
#include <mfv/core/points.hpp>
#include <mfv/meanfield/barenblatt.hpp>
#include <mfv/meanfield/expanding_ball.hpp>

#include <cmath>
#include <vector>

namespace tt = boost::test_tools;
using mfv::kernel::riesz_kernel;
using mfv::meanfield::barenblatt;
using namespace mfv_test;

namespace {

// The rows of the table in MATH.md section 3.
struct table_row {
    int d;
    double s, beta, K, kappa, m_beta;
};
const table_row table[] = {
    {1, 0.5, 0.75, 6.66432440724, 11.5879667331, 1.43776828168},
    {2, 0.5, 0.25, 6.97886419964, 3.47100229544, 2.51327412287},
    {2, 1.0, 0.5, 4.93480220054, 7.06858347058, 2.09439510239},
    {2, 1.5, 0.75, 6.97886419964, 20.4094934972, 1.79519580205},
    {3, 1.5, 0.25, 4.65257613309, 5.18918014436, 3.1380711428},
    {3, 2.0, 0.5, 4.93480220054, 10.6666666667, 2.46740110027},
    {3, 2.5, 0.75, 8.37463703957, 31.2875101795, 2.00750323169},
};

const double R0 = 0.9;

// d/dr of the radial velocity v(x).x/r at |x| = r, centred difference of step k.
double radial_velocity_derivative(const barenblatt& b, double t, double r, double k) {
    const int d = b.dim();
    auto vr = [&](double rho) {
        const auto x = point_at(d, rho);
        std::vector<double> v(d);
        b.velocity(t, x.data(), v.data());
        double dot = 0.0;
        for (int j = 0; j < d; ++j) dot += v[j] * x[j];
        return dot / rho;
    };
    return (vr(r + k) - vr(r - k)) / (2 * k);
}

}  // namespace

BOOST_AUTO_TEST_CASE(constants_match_the_table)
{
    // K_{d,s}, kappa_{d,s}, m_beta of MATH.md section 3, given there to 12 digits: 1e-10.
    for (const auto& row : table) {
        barenblatt b(riesz_kernel(row.d, row.s), R0);
        BOOST_TEST_CONTEXT("d = " << row.d << ", s = " << row.s) {
            BOOST_TEST(b.beta() == row.beta, tt::tolerance(1e-15));
            BOOST_TEST(b.K() == row.K, tt::tolerance(1e-10));
            BOOST_TEST(b.kappa() == row.kappa, tt::tolerance(1e-10));
            BOOST_TEST(b.m_beta() == row.m_beta, tt::tolerance(1e-10));
        }
    }
}

BOOST_AUTO_TEST_CASE(radius_mass_and_second_moment)
{
    // R(t)^(s+2) = R0^(s+2) + kappa M t; the density integrates to 1 and its second moment
    // to M R^2 d/(s+4). The radial integrands have the endpoint factor (R^2 - rho^2)^beta,
    // which tanh-sinh integrates to rounding: 1e-12.
    for (const auto& row : table) {
        barenblatt b(riesz_kernel(row.d, row.s), R0);
        for (double t : {0.0, 0.5}) {
            const double R = b.radius(t);
            BOOST_TEST_CONTEXT("d = " << row.d << ", s = " << row.s << ", t = " << t) {
                BOOST_TEST(std::pow(R, row.s + 2) == std::pow(R0, row.s + 2) + row.kappa * t, tt::tolerance(1e-10));
                BOOST_TEST(radial_integral(row.d, density_of(b, t), R) == 1.0, tt::tolerance(1e-12));
                auto r2_mu = [&](double r) { return r * r * b.density(t, point_at(row.d, r).data()); };
                BOOST_TEST(radial_integral(row.d, r2_mu, R) == R * R * row.d / (row.s + 4), tt::tolerance(1e-12));
                BOOST_TEST(b.second_moment(t) == R * R * row.d / (row.s + 4), tt::tolerance(1e-14));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(potential_matches_direct_quadrature)
{
    // h = g*mu inside (closed form A K (R^2 - (s/d)|x|^2)) and outside (Euler integral by
    // tanh-sinh) against the direct d-dimensional quadrature, converged to ~1e-13: 1e-10.
    for (const auto& row : table) {
        barenblatt b(riesz_kernel(row.d, row.s), R0);
        for (double t : {0.0, 0.5}) {
            const double R = b.radius(t);
            for (double r : {0.3 * R, 0.8 * R, 1.05 * R, 1.5 * R, 3.0 * R}) {
                const double direct = direct_potential(row.d, row.s, density_of(b, t), r, R);
                BOOST_TEST_CONTEXT("d = " << row.d << ", s = " << row.s << ", t = " << t << ", r/R = " << r / R)
                BOOST_TEST(b.potential(t, point_at(row.d, r).data()) == direct, tt::tolerance(1e-10));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(outside_quadrature_meets_inside_formula_at_the_edge)
{
    // Just outside the edge, r = R (1 + 1e-14), h comes from the quadrature; at r = R from
    // the closed form. h is C^1, so they differ by |h'(R)| R 1e-14 plus the quadrature's
    // error: 1e-12 relative. Far away, h -> M/(s r^s) (1 + O(R^2/r^2)).
    for (const auto& row : table) {
        barenblatt b(riesz_kernel(row.d, row.s), R0);
        const double t = 0.5, R = b.radius(t);
        const double edge = b.potential(t, point_at(row.d, R).data());
        BOOST_TEST(b.potential(t, point_at(row.d, R * (1 + 1e-14)).data()) == edge, tt::tolerance(1e-12));
        BOOST_TEST(edge == b.amplitude(t) * b.K() * R * R * (1 - row.s / row.d), tt::tolerance(1e-14));
        const double far = 1e4 * R;
        BOOST_TEST(b.potential(t, point_at(row.d, far).data()) == std::pow(far, -row.s) / row.s, tt::tolerance(1e-7));
    }
}

BOOST_AUTO_TEST_CASE(gradient_matches_finite_differences)
{
    // grad h against centred differences of h, step 1e-5 R (truncation ~1e-10 |h'''| R^2,
    // rounding ~1e-11): 1e-8. Points keep clear of the edge, where h'' is unbounded outside.
    // v = -grad h exactly.
    for (const auto& row : table) {
        barenblatt b(riesz_kernel(row.d, row.s), R0);
        const double t = 0.5, R = b.radius(t), k = 1e-5 * R;
        for (double r : {0.3 * R, 0.8 * R, 1.1 * R, 2.0 * R}) {
            const auto x = point_at(row.d, r);
            std::vector<double> grad(row.d), v(row.d);
            b.potential_gradient(t, x.data(), grad.data());
            b.velocity(t, x.data(), v.data());
            for (int j = 0; j < row.d; ++j) {
                auto xp = x, xm = x;
                xp[j] += k;
                xm[j] -= k;
                const double fd = (b.potential(t, xp.data()) - b.potential(t, xm.data())) / (2 * k);
                BOOST_TEST_CONTEXT("d = " << row.d << ", s = " << row.s << ", r/R = " << r / R << ", j = " << j) {
                    BOOST_TEST(grad[j] == fd, tt::tolerance(1e-8));
                    BOOST_TEST(v[j] == -grad[j]);
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(self_energy_is_integral_of_h)
{
    // E = 2(s+2) M^2 Gamma((d-s)/2) Gamma(s/2+1) / (s(s+4) Gamma(d/2) R^s) against
    // int h dmu by quadrature (endpoint factor (R^2 - rho^2)^beta): 1e-12.
    for (const auto& row : table) {
        barenblatt b(riesz_kernel(row.d, row.s), R0);
        for (double t : {0.0, 0.5}) {
            const auto mu = density_of(b, t);
            const auto h = potential_of(b, t);
            const double integral = radial_integral(row.d, [&](double r) { return mu(r) * h(r); }, b.radius(t));
            BOOST_TEST(b.self_energy(t) == integral, tt::tolerance(1e-12));
        }
    }
}

BOOST_AUTO_TEST_CASE(density_solves_the_mean_field_equation)
{
    // d_t mu + div(mu v) = 0 in the interior of the support, by centred differences of step
    // k = 1e-2 and 5e-3 (R ~ 1): an exact solution leaves only the O(k^2) truncation, so the
    // residual falls by 4 when k halves (3.9..4.1 allows the next term, O(k^2) relative),
    // while a wrong R(t) or A(t) would leave an O(1) residual that does not fall.
    for (const auto& row : table) {
        barenblatt b(riesz_kernel(row.d, row.s), R0);
        const double t = 0.5, R = b.radius(t);
        for (double r : {0.3 * R, 0.6 * R}) {
            const auto x = point_at(row.d, r);
            const double dt_mu = (b.density(t + 1e-4, x.data()) - b.density(t - 1e-4, x.data())) / 2e-4;
            const double r1 = pde_residual(b, 0.0, t, x, 1e-2);
            const double r2 = pde_residual(b, 0.0, t, x, 5e-3);
            BOOST_TEST_CONTEXT("d = " << row.d << ", s = " << row.s << ", r/R = " << r / R) {
                BOOST_TEST(std::abs(r1) < 1e-2 * std::abs(dt_mu));
                BOOST_TEST(r1 / r2 >= 3.9);
                BOOST_TEST(r1 / r2 <= 4.1);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(particles_scale_with_the_radius_and_virial_holds)
{
    // The linear velocity 2 A K (s/d) x moves particles as x(t) = x0 R(t)/R0: RK4 over [0, 1]
    // in 10000 steps (2000 left 2e-10 where kappa = 31; 10000 leave ~1e-13): 1e-10.
    // Virial: d/dt int |x|^2 dmu = s E (MATH.md section 2), the moment by quadrature and d/dt
    // by a fourth-order difference of step 1e-3 (truncation and rounding ~1e-12): 1e-9.
    for (const auto& row : table) {
        barenblatt b(riesz_kernel(row.d, row.s), R0);
        const auto x0 = point_at(row.d, 0.7 * R0);
        const auto x1 = transport(b, x0, 0.0, 1.0, 10000);
        for (int j = 0; j < row.d; ++j) BOOST_TEST(x1[j] == x0[j] * b.radius(1.0) / R0, tt::tolerance(1e-10));
        auto moment = [&](double t) {
            auto f = [&](double r) { return r * r * b.density(t, point_at(row.d, r).data()); };
            return radial_integral(row.d, f, b.radius(t));
        };
        BOOST_TEST(time_derivative(moment, 0.4, 1e-3) == row.s * b.self_energy(0.4), tt::tolerance(1e-9));
    }
}

BOOST_AUTO_TEST_CASE(velocity_is_lipschitz_inside_and_cusped_outside)
{
    // Inside, Dv = 2 A K (s/d) I: the centred-difference Jacobian (exact for a linear field)
    // on a grid of the support gives lipschitz_velocity_on_support to 1e-8. Just outside,
    // d v_r/dr ~ -C eps^alpha, alpha = (d-s)/2 - 1 < 0, eps = r - R (barenblatt.hpp), so
    // ||Dv||_inf = infinity. The local exponent between eps = 1e-6 R and 1e-8 R, from
    // differences of step eps/100, must be alpha within 0.05 (the next term of the expansion
    // is O(eps^(-alpha)) relative, under 0.05 here).
    for (const auto& row : table) {
        barenblatt b(riesz_kernel(row.d, row.s), R0);
        const double t = 0.3, R = b.radius(t);
        double sup_in = 0.0;
        for (int i = 1; i <= 20; ++i)
            sup_in = std::max(sup_in, jacobian_norm(b, t, point_at(row.d, R * i / 21.0), 1e-7));
        BOOST_TEST(sup_in == b.lipschitz_velocity_on_support(t), tt::tolerance(1e-8));
        BOOST_TEST(std::isinf(b.lipschitz_velocity(t)));
        const double e1 = 1e-6 * R, e2 = 1e-8 * R;
        const double d1 = radial_velocity_derivative(b, t, R + e1, e1 / 100);
        const double d2 = radial_velocity_derivative(b, t, R + e2, e2 / 100);
        const double alpha = (row.d - row.s) / 2 - 1;
        BOOST_TEST_CONTEXT("d = " << row.d << ", s = " << row.s << ", v_r' = " << d1 << ", " << d2) {
            BOOST_TEST(d2 < 0.0);
            BOOST_TEST(std::abs(std::log(d2 / d1) / std::log(e2 / e1) - alpha) < 0.05);
        }
    }
}

BOOST_AUTO_TEST_CASE(coulomb_case_is_the_expanding_ball)
{
    // s = d-2 (beta = 0, d = 3, s = 1): the profile is the uniform ball of MATH.md section 2,
    // and the general code (outside potential by quadrature) must agree with the closed forms
    // of expanding_ball to rounding (1e-13), Lipschitz constant included.
    const riesz_kernel g(3, 1.0);
    barenblatt b(g, R0);
    mfv::meanfield::expanding_ball ball(g, R0);
    const double t = 0.4, R = ball.radius(t);
    BOOST_TEST(b.radius(t) == R, tt::tolerance(1e-14));
    BOOST_TEST(b.self_energy(t) == ball.self_energy(t), tt::tolerance(1e-13));
    BOOST_TEST(b.lipschitz_velocity(t) == ball.lipschitz_velocity(t), tt::tolerance(1e-13));
    for (double r : {0.2 * R, 0.9 * R, 1.01 * R, 2.0 * R}) {
        const auto x = point_at(3, r);
        std::vector<double> v1(3), v2(3);
        b.velocity(t, x.data(), v1.data());
        ball.velocity(t, x.data(), v2.data());
        BOOST_TEST(b.potential(t, x.data()) == ball.potential(t, x.data()), tt::tolerance(1e-13));
        BOOST_TEST(b.density(t, x.data()) == ball.density(t, x.data()), tt::tolerance(1e-13));
        for (int j = 0; j < 3; ++j) BOOST_TEST(v1[j] == v2[j], tt::tolerance(1e-13));
    }
}

BOOST_AUTO_TEST_CASE(parallel_potentials_equal_serial_ones)
{
    // reference::potentials runs potential() on OpenMP threads, which share the tanh-sinh
    // tables of the outside quadrature: the results must be the serial ones, bit for bit.
    barenblatt b(riesz_kernel(3, 2.5), R0);
    const double t = 0.2, R = b.radius(t);
    const std::size_t n = 4000;
    mfv::points x(3, n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto p = point_at(3, R * (0.5 + 2.5 * i / n));
        for (int k = 0; k < 3; ++k) x(i, k) = p[k];
    }
    std::vector<double> h(n);
    b.potentials(t, x, h);
    for (std::size_t i = 0; i < n; i += 37) {
        const double xi[3] = {x(i, 0), x(i, 1), x(i, 2)};
        BOOST_TEST(h[i] == b.potential(t, xi));
    }
}

BOOST_AUTO_TEST_CASE(rejects_kernels_without_a_profile)
{
    // s < d-2 (no explicit profile), s = 0 (log: ball or semicircle), R0 <= 0.
    BOOST_CHECK_THROW(barenblatt(riesz_kernel(3, 0.5), 1.0), mfv::input_error);
    BOOST_CHECK_THROW(barenblatt(riesz_kernel(2, 0.0), 1.0), mfv::input_error);
    BOOST_CHECK_THROW(barenblatt(riesz_kernel(1, 0.0), 1.0), mfv::input_error);
    BOOST_CHECK_THROW(barenblatt(riesz_kernel(2, 1.0), -1.0), mfv::input_error);
}
