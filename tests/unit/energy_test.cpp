// Tests of the energy module: the modulated energy F_N and its three terms (MATH.md
// sections 0, 2, 7) against a brute-force computation and the exact iid identity.
#define BOOST_TEST_MODULE energy
#include <boost/test/unit_test.hpp>

#include <mfv/core/random_stream.hpp>
#include <mfv/energy/modulated_energy.hpp>
#include <mfv/interaction/plan.hpp>
#include <mfv/meanfield/exact.hpp>
#include <mfv/sampling/make_law.hpp>
#include <mfv/sampling/sample_initial.hpp>

#include <boost/math/quadrature/gauss_kronrod.hpp>

#include <cmath>
#include <vector>

namespace tt = boost::test_tools;
using namespace mfv;

namespace {

// Potential of the uniform unit ball in d = 3 by the shell theorem and quadrature:
// h(r) = int_0^1 rho 4 pi u^2 / max(r, u) du, rho = 3 / (4 pi). Independent of the
// closed form the reference uses.
double ball_potential_by_quadrature(double r) {
    const double rho = 3.0 / (4.0 * M_PI);
    auto f = [&](double u) { return rho * 4.0 * M_PI * u * u / std::max(r, u); };
    if (r <= 0.0 || r >= 1.0) return boost::math::quadrature::gauss_kronrod<double, 31>::integrate(f, 0.0, 1.0);
    return boost::math::quadrature::gauss_kronrod<double, 31>::integrate(f, 0.0, r) +
           boost::math::quadrature::gauss_kronrod<double, 31>::integrate(f, r, 1.0);
}

}  // namespace

BOOST_AUTO_TEST_CASE(three_terms_match_brute_force)
{
    // 40 iid points of the unit ball, 3D Coulomb. Brute force: the pair sum in long double,
    // h by the shell theorem and Gauss–Kronrod (exact to ~1e-15 on these piecewise
    // polynomials), iint g dmu dmu = int h dmu by quadrature. Agreement to 1e-12 relative
    // to the largest term leaves room only for rounding.
    const kernel::riesz_kernel g(3, 1.0);
    law_spec spec;
    const auto mu = meanfield::make_exact_reference(g, "gradient", 0.0, spec);
    const auto law = sampling::make_law(spec, g);
    const std::size_t n = 40;
    const points x = sampling::sample_initial(*law, "iid", n, random_stream(5, n, 0, stream_purpose::initial_positions));
    auto plan = interaction::make_plan(g, n, 1e-14, "direct");
    const auto f = energy::modulated_energy(*plan, *mu, x.view(), 0.0);

    long double pair = 0.0L, cross = 0.0L;
    for (std::size_t i = 0; i < n; ++i) {
        long double r2i = 0.0L;
        for (int k = 0; k < 3; ++k) r2i += (long double)x(i, k) * x(i, k);
        cross += ball_potential_by_quadrature(std::sqrt((double)r2i));
        for (std::size_t j = 0; j < n; ++j) {
            if (i == j) continue;
            long double r2 = 0.0L;
            for (int k = 0; k < 3; ++k) r2 += ((long double)x(i, k) - x(j, k)) * ((long double)x(i, k) - x(j, k));
            pair += 1.0L / std::sqrt(r2);
        }
    }
    pair /= (long double)(n * n);
    cross *= -2.0L / n;
    const double self = boost::math::quadrature::gauss_kronrod<double, 61>::integrate(
        [](double r) { return ball_potential_by_quadrature(r) * 3.0 * r * r; }, 0.0, 1.0);
    BOOST_TEST(self == 1.2, tt::tolerance(1e-12));
    BOOST_TEST(f.pair_term == (double)pair, tt::tolerance(1e-12));
    BOOST_TEST(f.cross_term == (double)cross, tt::tolerance(1e-12));
    BOOST_TEST(f.self_term == self, tt::tolerance(1e-12));
    const double scale = std::abs((double)cross);
    BOOST_TEST(std::abs(f.value - (double)(pair + cross + (long double)self)) < 1e-12 * scale);
}

namespace {

// Mean and standard error of F_N over K iid samples of size n.
std::pair<double, double> iid_mean(const kernel::riesz_kernel& g, const std::string& flow, const law_spec& spec,
                                   std::size_t n, std::size_t samples) {
    const auto mu = meanfield::make_exact_reference(g, flow, 0.0, spec);
    const auto law = sampling::make_law(spec, g);
    auto plan = interaction::make_plan(g, n, 1e-14, "direct");
    double s = 0.0, s2 = 0.0;
    for (std::size_t m = 0; m < samples; ++m) {
        const points x = sampling::sample_initial(*law, "iid", n, random_stream(11, n, m, stream_purpose::initial_positions));
        const double f = energy::modulated_energy(*plan, *mu, x.view(), 0.0).value;
        s += f;
        s2 += f * f;
    }
    const double mean = s / samples;
    return {mean, std::sqrt((s2 / samples - mean * mean) / (samples - 1))};
}

}  // namespace

BOOST_AUTO_TEST_CASE(iid_expectation_is_minus_self_energy_over_n)
{
    // MATH.md section 7: E[F_N] = -E/N exactly for iid samples (E = iint g dmu dmu).
    // 3D Coulomb unit ball: -1.2/N; 2D log unit disk: -0.25/N; 2D log Gaussian (sigma 0.5):
    // -(-log(2 sigma) + gamma_E/2)/N. The mean over 3000 samples is within 4 standard errors
    // (a false alarm once in 16 000 runs); a wrong sign or factor of the cross or self term
    // moves it by hundreds of standard errors.
    const std::size_t n = 50, samples = 3000;
    struct scase {
        int d;
        double s;
        std::string flow;
        law_spec law;
        double E;
    };
    law_spec ball, gauss;
    gauss.type = "gaussian";
    gauss.sigma = 0.5;
    const std::vector<scase> cases = {{3, 1.0, "gradient", ball, 1.2},
                                      {2, 0.0, "gradient", ball, 0.25},
                                      {2, 0.0, "conservative", gauss, -std::log(1.0) + 0.5772156649015329 / 2}};
    for (const auto& c : cases) {
        const auto [mean, se] = iid_mean(kernel::riesz_kernel(c.d, c.s), c.flow, c.law, n, samples);
        BOOST_TEST_MESSAGE("d = " << c.d << " s = " << c.s << " " << c.law.type << ": mean F_N = " << mean << " +- " << se
                                  << ", expected " << -c.E / n);
        BOOST_TEST(std::abs(mean + c.E / n) < 4 * se);
        BOOST_TEST(se < 0.1 * c.E / n);
    }
}
