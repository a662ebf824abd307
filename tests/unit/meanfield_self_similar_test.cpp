// Tests of the self-similar frame (MATH.md section 3, last bullet): the view of a reference
// in (tau, xi) (meanfield/self_similar_view.hpp) and the particle drift there
// (flow/self_similar_flow.hpp), each against the original frame computed independently:
//   F_N(lambda Xi, mu^t) = lambda^(-s) F_N(Xi, nu^tau) (log: + log(lambda)/N) with both sides summed
//   directly; the view's velocity against -e^(-s tau/2) grad(g * nu) - xi/2 from its own potential
//   gradient; particles integrated in tau against the same particles integrated in t and scaled;
//   the 2D log ball's stationary radius sqrt(2 M) in xi.
#define BOOST_TEST_MODULE meanfield_self_similar
#include <boost/test/unit_test.hpp>

#include <mfv/core/random_stream.hpp>
#include <mfv/energy/modulated_energy.hpp>
#include <mfv/flow/gradient_flow.hpp>
#include <mfv/flow/integrate.hpp>
#include <mfv/flow/self_similar_flow.hpp>
#include <mfv/interaction/direct.hpp>
#include <mfv/meanfield/expanding_ball.hpp>
#include <mfv/meanfield/self_similar_view.hpp>
#include <mfv/sampling/sample_initial.hpp>
#include <mfv/sampling/uniform_ball.hpp>

#include <cmath>
#include <memory>

using namespace mfv;
namespace tt = boost::test_tools;

namespace {

points ball_points(int d, double radius, std::size_t n, std::uint64_t seed) {
    const sampling::uniform_ball law(d, radius);
    return sampling::sample_initial(law, "iid", n, random_stream(seed, n, 0, stream_purpose::user));
}

}  // namespace

BOOST_AUTO_TEST_CASE(modulated_energy_scales_between_frames)
{
    for (const int d : {2, 3}) {
        const kernel::riesz_kernel g(d, d - 2.0);
        auto mu = std::make_shared<meanfield::expanding_ball>(g, 1.0);
        const meanfield::self_similar_view nu(mu);
        const double tau = 0.8, t = std::expm1(tau), lambda = std::exp(0.5 * tau);
        const std::size_t n = 300;
        // Points spread over the ball of nu^tau (radius R(t) / lambda) and a little beyond.
        points xi = ball_points(d, 1.1 * mu->radius(t) / lambda, n, 17);
        points x = xi;
        for (double& c : x.data()) c *= lambda;
        interaction::direct_plan plan(g);
        const auto fs = energy::modulated_energy(plan, nu, xi.view(), tau);
        const auto fo = energy::modulated_energy(plan, *mu, x.view(), t);
        // Both sides are sums of O(1) terms cancelling to O(1/N) (iid start); the identity is
        // exact, so they agree to rounding of the terms, about 1e-15 of the pair term: 1e-11
        // absolute leaves room, while a wrong power of lambda moves F_N by O(1e-1).
        BOOST_TEST(meanfield::original_frame_energy(fs.value, tau, g.s(), n) == fo.value, tt::tolerance(1e-11));
        BOOST_TEST(std::abs(meanfield::original_frame_energy(fs.value, tau, g.s(), n) - fo.value) < 1e-11);
        // The three terms scale one by one (the pair term by the kernel's scaling alone).
        const double f = d == 2 ? 1.0 : 1.0 / lambda;
        if (d == 3) {
            BOOST_TEST(f * fs.self_term == fo.self_term, tt::tolerance(1e-13));
            BOOST_TEST(f * fs.cross_term == fo.cross_term, tt::tolerance(1e-13));
        }
    }
}

BOOST_AUTO_TEST_CASE(velocity_is_the_scaled_drift_plus_confinement)
{
    // V(xi) = lambda v(t, lambda xi) - xi/2 must equal -e^(-s tau/2) grad(g*nu)(xi) - xi/2, the
    // self-similar equation's transport (MATH.md 3), formed from the view's potential gradient.
    for (const int d : {2, 3}) {
        const kernel::riesz_kernel g(d, d - 2.0);
        const meanfield::self_similar_view nu(std::make_shared<meanfield::expanding_ball>(g, 1.0));
        for (const double tau : {0.0, 0.5, 2.0}) {
            for (const double r : {0.2, 0.7, 1.6}) {
                const double xi[3] = {r * 0.6, r * 0.8, 0.0};
                double v[3], grad[3];
                nu.velocity(tau, xi, v);
                nu.potential_gradient(tau, xi, grad);
                for (int k = 0; k < d; ++k)
                    BOOST_TEST(v[k] == -std::exp(-0.5 * g.s() * tau) * grad[k] - 0.5 * xi[k], tt::tolerance(1e-13));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(stationary_ball_radius_in_2d)
{
    // 2D log without noise: R(t)^2 = R0^2 + 2 M t, so R / lambda -> sqrt(2 M), the radius at
    // which the confinement xi/2 balances the field M xi / R^2 inside the ball. From R0 = 1
    // the radius in xi is sqrt((1 + 2t)/(1 + t)): exactly sqrt(2 - e^(-tau)).
    const kernel::riesz_kernel g(2, 0.0);
    const meanfield::self_similar_view nu(std::make_shared<meanfield::expanding_ball>(g, 1.0));
    for (const double tau : {0.0, 1.0, 5.0, 20.0})
        BOOST_TEST(nu.support_radius(tau) == std::sqrt(2.0 - std::exp(-tau)), tt::tolerance(1e-13));
}

BOOST_AUTO_TEST_CASE(particles_in_tau_are_the_particles_in_t_scaled)
{
    // The same N = 200 particles of the 3D Coulomb gradient flow, integrated by dopri5 in t to
    // t = e^tau - 1 and in tau by the self-similar drift: xi = x / lambda. Both runs at rtol
    // 1e-11, so they agree to about 1e-9 (the dynamics is mildly expanding over this span).
    const kernel::riesz_kernel g(3, 1.0);
    const std::size_t n = 200;
    const points x0 = ball_points(3, 1.0, n, 23);
    interaction::direct_plan plan(g);
    flow::integrator_settings set;
    set.rtol = 1e-11;
    set.atol = 1e-13;
    const double tau = 1.2, t = std::expm1(tau), lambda = std::exp(0.5 * tau);
    flow::state x = x0.data(), xi = x0.data();
    const flow::gradient_flow original(plan);
    const flow::self_similar_flow scaled(plan);
    const auto ignore = [](const flow::state&, double, std::size_t) {};
    flow::integrate_outputs(std::cref(original), 3, x, {0.0, t}, set, nullptr, ignore);
    flow::integrate_outputs(std::cref(scaled), 3, xi, {0.0, tau}, set, nullptr, ignore);
    double worst = 0.0;
    for (std::size_t q = 0; q < x.size(); ++q) worst = std::max(worst, std::abs(x[q] / lambda - xi[q]));
    BOOST_TEST_MESSAGE("largest |x / lambda - xi| = " << worst);
    BOOST_TEST(worst < 1e-8);
}
