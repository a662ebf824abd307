// Tests of the gibbs module (reference/gibbs.md): the modulated Gibbs measure
// Q_{N,beta} = K^-1 exp(-beta N F_N) dmu^N, its MALA sampler and (1/N) log K by
// thermodynamic integration, against quadrature of the densities written out here by hand
// (MATH.md sections 0, 2, 6), Morris' closed form for the circular ensemble (checked itself
// against quadrature first), and exact facts of the Gauss-Legendre rule and of AR(1) series.
#define BOOST_TEST_MODULE gibbs
#include <boost/test/unit_test.hpp>

#include <mfv/core/error.hpp>
#include <mfv/core/random_stream.hpp>
#include <mfv/gibbs/autocorrelation.hpp>
#include <mfv/gibbs/circular_ensemble.hpp>
#include <mfv/gibbs/gibbs_run.hpp>
#include <mfv/gibbs/legendre_ladder.hpp>
#include <mfv/gibbs/mala.hpp>
#include <mfv/gibbs/modulated_gibbs.hpp>
#include <mfv/meanfield/exact.hpp>
#include <mfv/study/runner.hpp>
#include <mfv/study/study.hpp>

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/quadrature/gauss.hpp>
#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <boost/math/quadrature/tanh_sinh.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <nlohmann/json.hpp>
#include <omp.h>

#include <cmath>
#include <vector>

namespace tt = boost::test_tools;
using namespace mfv;
using nlohmann::json;

namespace {

using gk = boost::math::quadrature::gauss_kronrod<double, 31>;

// Adaptive Gauss-Kronrod on [a, b] to a relative 1e-12.
template <class F>
double integrate(F f, double a, double b) {
    return gk::integrate(f, a, b, 15, 1e-12);
}

// tanh-sinh on [a, b] to a relative 1e-10: exponential convergence for integrands whose only
// singularities (algebraic, logarithmic) sit at the ends.
// An interval of a few ulps (the inner integral of N = 3 when the outer abscissa is within
// rounding of 0 or 1) is left to the midpoint rule: the integrand is bounded, so it adds at
// most 1e-12 of it, while tanh-sinh cannot place abscissas inside it (Boost asserts so in a
// debug build).
template <class F>
double integrate_ends(F f, double a, double b) {
    static boost::math::quadrature::tanh_sinh<double> rule;
    if (b - a <= 1e-12) return (b - a) * f(0.5 * (a + b));
    return rule.integrate(f, a, b, 1e-10);
}

// The periodic 1D log kernel G(x) = -log|2 sin(pi x)| (MATH.md 6), by hand.
double periodic_log(double x) { return -std::log(std::fabs(2.0 * std::sin(M_PI * x))); }

// A study from JSON text (parse_study fills the defaults and checks the schema).
study::study make_study(const json& j) { return study::parse_study(j, "."); }

json torus_json(double theta, std::size_t samples, int rungs, std::uint64_t seed) {
    return {{"name", "gibbs-test"},
            {"model", {{"d", 1}, {"s", 0}, {"theta", theta}, {"domain", "torus"}}},
            {"initial", {{"law", {{"type", "uniform"}}}}},
            {"N", {2}},
            {"time", {{"T", 0.0}}},
            {"ensemble", {{"seed", seed}}},
            {"interaction", {{"method", "ewald"}}},
            {"gibbs", {{"samples", samples}, {"burn_in", 2000}, {"rungs", rungs}}}};
}

// The fourier law mu = 1 + a cos(2 pi x + phi) on T^1 and, for the log kernel, by hand from
// G^(k) = c_{1,0} |2 pi k|^(-1) = 1/(2|k|) (MATH.md 1, 6): h = G * mu = (a/2) cos(2 pi x + phi),
// E = iint G dmu dmu = a^2/4.
constexpr double mode_a = 0.6, mode_phi = 0.3;
double fourier_mu(double x) { return 1.0 + mode_a * std::cos(2.0 * M_PI * x + mode_phi); }
double fourier_h(double x) { return 0.5 * mode_a * std::cos(2.0 * M_PI * x + mode_phi); }
constexpr double fourier_E = mode_a * mode_a / 4.0;

json fourier_json(double theta, std::size_t samples, int rungs) {
    json j = torus_json(theta, samples, rungs, 77);
    j["initial"]["law"] = {{"type", "fourier"}, {"modes", {{{"k", {1}}, {"amplitude", mode_a}, {"phase", mode_phi}}}}};
    j["reference"] = {{"type", "spectral"}};
    return j;
}

// F_2 for the fourier law, by hand (MATH.md 0 with N = 2): (1/4) 2 G(x - y) - h(x) - h(y) + E.
double fourier_F2(double x, double y) { return 0.5 * periodic_log(x - y) - fourier_h(x) - fourier_h(y) + fourier_E; }

}  // namespace

BOOST_AUTO_TEST_CASE(legendre_ladder_is_exact_to_degree_2L_minus_1)
{
    // int_0^2 beta^k dbeta = 2^(k+1)/(k+1): exact for k <= 11 with 6 nodes, so only rounding
    // (1e-14 relative); at k = 12 the rule must miss (the test could not fail otherwise).
    const auto rule = gibbs::gauss_legendre_ladder(2.0, 6);
    BOOST_TEST(rule.beta.size() == 6u);
    for (int k = 0; k <= 12; ++k) {
        double sum = 0.0;
        for (std::size_t i = 0; i < rule.beta.size(); ++i) sum += rule.weight[i] * std::pow(rule.beta[i], k);
        const double exact = std::pow(2.0, k + 1) / (k + 1);
        if (k <= 11) BOOST_TEST(sum == exact, tt::tolerance(1e-13));
        else BOOST_TEST(std::fabs(sum - exact) / exact > 1e-8);
    }
    BOOST_CHECK_THROW(gibbs::gauss_legendre_ladder(1.0, 0), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(morris_formula_matches_quadrature)
{
    // K = int_{T^N} prod_{i<j} |2 sin(pi(x_i - x_j))|^(2 beta / N) dx. By translation
    // invariance x_N = 0: N = 2 is a 1D integral, N = 3 a 2D one, split at y = x so that
    // every singularity of |sin|^p sits at an end (tanh-sinh to 1e-10). Tolerance 1e-8
    // (relative, on (1/N) log K) leaves room for the nested rule's error.
    for (double beta : {0.5, 1.0, 2.0, 3.0}) {
        const double p2 = beta;
        const double k2 = integrate_ends([&](double x) { return std::pow(std::fabs(2.0 * std::sin(M_PI * x)), p2); }, 0.0, 1.0);
        BOOST_TEST(gibbs::circular_log_K_over_N(2, beta) == std::log(k2) / 2.0, tt::tolerance(1e-8));
        const double p3 = 2.0 * beta / 3.0;
        const auto pair = [&](double u) { return std::pow(std::fabs(2.0 * std::sin(M_PI * u)), p3); };
        const double k3 = integrate_ends(
            [&](double x) {
                const auto inner = [&](double y) { return pair(x) * pair(y) * pair(x - y); };
                return integrate_ends(inner, 0.0, x) + integrate_ends(inner, x, 1.0);
            },
            0.0, 1.0);
        BOOST_TEST(gibbs::circular_log_K_over_N(3, beta) == std::log(k3) / 3.0, tt::tolerance(1e-8));
        // E_Q[F_2] with F_2 = (1/4) 2 G(x) (mu uniform: h = 0, E = 0), by quadrature.
        const double m2 = integrate_ends([&](double x) { return 0.5 * periodic_log(x) * std::pow(std::fabs(2.0 * std::sin(M_PI * x)), p2); }, 0.0, 1.0) / k2;
        BOOST_TEST(gibbs::circular_mean_F_N(2, beta) == m2, tt::tolerance(1e-8));
    }
}

BOOST_AUTO_TEST_CASE(circular_asymptotics_are_second_order)
{
    // (1/N) log K - c1/N - c2/N^2 = O(N^-3): N^3 times the remainder settles to a constant,
    // so doubling N from 1024 changes it by well under 1% (1/N corrections of the constant).
    const double beta = 1.0;
    const auto a = gibbs::circular_log_K_asymptotics(beta);
    BOOST_TEST(a.c1 == 0.57721566490153286, tt::tolerance(1e-15));  // log Gamma(2) + gamma_E
    double previous = 0.0;
    for (std::size_t n : {1024u, 2048u, 4096u}) {
        const double nn = static_cast<double>(n);
        const double rest = (gibbs::circular_log_K_over_N(n, beta) - a.c1 / nn - a.c2 / (nn * nn)) * nn * nn * nn;
        if (previous != 0.0) BOOST_TEST(rest == previous, tt::tolerance(1e-2));
        previous = rest;
    }
    // The limit is the next term of -log Gamma(1 + e), e = beta/N: +zeta(3) e^3/3 (the
    // series log Gamma(1 + e) = -gamma_E e + sum_{k>=2} (-1)^k zeta(k) e^k / k), i.e.
    // zeta(3) beta^3 / 3; at N = 4096 the next correction is ~2e-4 of it.
    BOOST_TEST(previous == 1.2020569031595942 / 3.0, tt::tolerance(2e-3));
}

BOOST_AUTO_TEST_CASE(sokal_window_recovers_ar1_correlation_time)
{
    // AR(1) f_k = rho f_{k-1} + sqrt(1 - rho^2) z_k has tau_int = (1 + rho)/(1 - rho) = 9 for
    // rho = 0.8. With n = 2e5 and Sokal's window M ~ 45, the relative standard deviation of
    // the estimate is about sqrt(2 (2M + 1) / n) = 3%: 10% is over three of them.
    const std::size_t n = 200000;
    const random_stream rs(3, n, 0, stream_purpose::user);
    std::vector<double> z(n), f(n);
    rs.normal(0, z);
    const double rho = 0.8;
    f[0] = z[0];
    for (std::size_t k = 1; k < n; ++k) f[k] = rho * f[k - 1] + std::sqrt(1.0 - rho * rho) * z[k];
    const auto st = gibbs::sokal_statistics(f);
    BOOST_TEST(st.window_found);
    BOOST_TEST(st.tau_int == 9.0, tt::tolerance(0.10));
    BOOST_TEST(st.ess == n / st.tau_int, tt::tolerance(1e-12));
    // iid normals: tau_int = 1 (same 3% spread with M ~ 5: 10%).
    const auto iid = gibbs::sokal_statistics(z);
    BOOST_TEST(iid.tau_int == 1.0, tt::tolerance(0.10));
    BOOST_TEST(iid.standard_error == std::sqrt(iid.variance / n), tt::tolerance(0.06));
}

BOOST_AUTO_TEST_CASE(target_matches_hand_formulas_and_its_gradient)
{
    // modulated_gibbs on the fourier law: F_N against the hand formula of MATH.md 0 with
    // G, h, E above (the plan promises 1e-10 relative; 1e-8 absolute on an O(1) F_N), and
    // grad F_N, grad log mu against central differences (step 1e-5: error ~1e-10 relative
    // from the third derivative, 1e-6 covers the plan's error divided by the step).
    const auto st = make_study(fourier_json(0.5, 1000, 2));
    const std::size_t n = 5;
    const auto mu = study::make_reference(st, {0.0});
    auto plan = interaction::make_plan(kernel::riesz_kernel(1, 0.0), n, 1e-12, "ewald", domain::kind::torus);
    gibbs::modulated_gibbs target(*plan, *mu, gibbs::law_score(st.law, 1, 0.0, domain::kind::torus), domain::kind::torus);
    std::vector<double> x = {0.05, 0.31, 0.47, 0.72, 0.93};
    gibbs::target_point p;
    target.evaluate(view_of(x, 1), p);
    double pair = 0.0, cross = 0.0, log_mu = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < n; ++j)
            if (i != j) pair += periodic_log(x[i] - x[j]);
        cross += fourier_h(x[i]);
        log_mu += std::log(fourier_mu(x[i]));
    }
    const double F = pair / (n * n) - 2.0 * cross / n + fourier_E;
    BOOST_TEST(p.F.value == F, tt::tolerance(1e-8));
    BOOST_TEST(p.log_mu == log_mu, tt::tolerance(1e-9));
    const double step = 1e-5;
    for (std::size_t i = 0; i < n; ++i) {
        auto y = x;
        gibbs::target_point plus, minus;
        y[i] = x[i] + step;
        target.evaluate(view_of(y, 1), plus);
        y[i] = x[i] - step;
        target.evaluate(view_of(y, 1), minus);
        BOOST_TEST(p.grad_F[i] == (plus.F.value - minus.F.value) / (2 * step), tt::tolerance(1e-6));
        BOOST_TEST(p.score[i] == (plus.log_mu - minus.log_mu) / (2 * step), tt::tolerance(1e-6));
    }
}

BOOST_AUTO_TEST_CASE(mala_samples_the_exact_pair_law)
{
    // Detailed balance in practice: N = 2 on T^1, fourier law mu, theta = 1/2 (beta = 2), so
    //   p(x, y) ~ mu(x) mu(y) exp(-4 F_2(x, y))   (F_2 by hand, above).
    // A tuned chain thinned to every 10th iteration gives 20000 draws; histograms of x_1 and of
    // r = x_1 - x_2 mod 1 in 20 bins each against the bin masses by quadrature. Pearson's
    // statistic is chi^2 with 19 dof for independent draws; the threshold is its 0.999
    // quantile (43.8), a false-failure rate of 1e-3 each when the thinned draws are
    // independent, which the test checks first (tau_int of the thinned x_1 below 1.5).
    const auto st = make_study(fourier_json(0.5, 100, 2));
    const std::size_t n = 2;
    const double beta = 2.0;
    const auto mu = study::make_reference(st, {0.0});
    auto plan = interaction::make_plan(kernel::riesz_kernel(1, 0.0), n, 1e-10, "ewald", domain::kind::torus);
    gibbs::modulated_gibbs target(*plan, *mu, gibbs::law_score(st.law, 1, 0.0, domain::kind::torus), domain::kind::torus);
    points x(1, n);
    x(0, 0) = 0.2, x(1, 0) = 0.6;
    gibbs::mala_settings tune;
    tune.burn_in = 3000, tune.samples = 100, tune.initial_step = 0.1, tune.max_step = 1.0;
    auto chain = gibbs::run_mala(target, beta, x, tune, random_stream(11, n, 0, stream_purpose::gibbs_chain));
    gibbs::mala_settings frozen;
    frozen.burn_in = 0, frozen.samples = 10, frozen.initial_step = chain.step, frozen.max_step = chain.step;
    const std::size_t draws = 20000, bins = 20;
    std::vector<double> count_x(bins, 0.0), count_r(bins, 0.0), x1(draws);
    x = chain.last;
    for (std::size_t k = 0; k < draws; ++k) {
        chain = gibbs::run_mala(target, beta, x, frozen, random_stream(11, n, k + 1, stream_purpose::gibbs_chain));
        x = chain.last;
        const double r = x(0, 0) - x(1, 0) - std::floor(x(0, 0) - x(1, 0));
        x1[k] = std::cos(2.0 * M_PI * x(0, 0));
        count_x[std::min(bins - 1, static_cast<std::size_t>(x(0, 0) * bins))] += 1.0;
        count_r[std::min(bins - 1, static_cast<std::size_t>(r * bins))] += 1.0;
    }
    BOOST_TEST(gibbs::sokal_statistics(x1).tau_int < 1.5);
    const auto p = [&](double a, double b) {
        return fourier_mu(a) * fourier_mu(b) * std::exp(-beta * 2.0 * fourier_F2(a, b));
    };
    // Bin masses: x_1 in bin b (inner over y), r in bin b (x_2 = x_1 - r, inner over x_1).
    std::vector<double> mass_x(bins), mass_r(bins);
    double total = 0.0;
    for (std::size_t b = 0; b < bins; ++b) {
        const double lo = double(b) / bins, hi = double(b + 1) / bins;
        mass_x[b] = integrate([&](double u) { return integrate([&](double v) { return p(u, v); }, 0.0, 1.0); }, lo, hi);
        mass_r[b] = integrate([&](double r) { return integrate([&](double u) { return p(u, u - r); }, 0.0, 1.0); }, lo, hi);
        total += mass_x[b];
    }
    const double threshold = boost::math::quantile(boost::math::chi_squared(bins - 1.0), 0.999);
    for (const auto& [count, mass] : {std::pair{&count_x, &mass_x}, std::pair{&count_r, &mass_r}}) {
        double chi2 = 0.0;
        for (std::size_t b = 0; b < bins; ++b) {
            const double expected = draws * (*mass)[b] / total;
            chi2 += ((*count)[b] - expected) * ((*count)[b] - expected) / expected;
        }
        BOOST_TEST_MESSAGE("chi^2 = " << chi2 << " (19 dof, threshold " << threshold << ")");
        BOOST_TEST(chi2 < threshold);
    }
}

BOOST_AUTO_TEST_CASE(N2_mean_and_log_K_match_quadrature_fourier_law)
{
    // N = 2, fourier law, theta = 1/2: E_Q[F_2] and (1/2) log K against 2D quadrature of
    //   K = iint mu(x) mu(y) exp(-4 F_2) dx dy,  E_Q[F_2] = iint F_2 (...) / K.
    // Agreement within 4 of the reported standard errors: a false failure rate of 6e-5 each
    // for a normal error (the estimates are means of 20000-sample chains), plus the ladder's
    // quadrature error (6 Gauss-Legendre rungs on [0, 2]: the integrand is analytic in beta,
    // as an entire Laplace transform, and the rule error on the circular analogue is < 1e-7).
    const auto st = make_study(fourier_json(0.5, 20000, 6));
    const auto r = gibbs::run_gibbs(st, 2);
    const double beta = 2.0;
    const auto w = [&](double a, double b) { return fourier_mu(a) * fourier_mu(b) * std::exp(-beta * 2.0 * fourier_F2(a, b)); };
    const auto iint = [&](auto f) {
        return integrate([&](double u) { return integrate([&](double v) { return f(u, v); }, 0.0, u) + integrate([&](double v) { return f(u, v); }, u, 1.0); }, 0.0, 1.0);
    };
    const double K = iint(w);
    const double mean = iint([&](double a, double b) { return fourier_F2(a, b) * w(a, b); }) / K;
    BOOST_TEST_MESSAGE("log K / N = " << r.log_K.log_K_over_N << " +- " << r.log_K.standard_error << ", quadrature " << std::log(K) / 2);
    BOOST_TEST_MESSAGE("E F_N = " << r.at_theta.F_N.mean << " +- " << r.at_theta.F_N.standard_error << ", quadrature " << mean);
    BOOST_TEST(std::fabs(r.log_K.log_K_over_N - std::log(K) / 2.0) < 4.0 * r.log_K.standard_error);
    BOOST_TEST(std::fabs(r.at_theta.F_N.mean - mean) < 4.0 * r.at_theta.F_N.standard_error);
    // The error bars are meaningful: not zero, and below 10% of the values.
    BOOST_TEST(r.log_K.standard_error > 0.0);
    BOOST_TEST(r.log_K.standard_error < 0.1 * std::fabs(std::log(K) / 2.0));
}

BOOST_AUTO_TEST_CASE(log_K_matches_morris_on_the_torus)
{
    // mu uniform on T^1, log kernel: (1/N) log K against Morris' integral (checked above by
    // quadrature) within 4 reported standard errors (false-failure rate 6e-5 each), for
    // N = 2 (theta = 1/2) and N = 8, 16 (theta = 1); and the deterministic error of the
    // 6-rung rule on the exact integrand, which the standard error does not contain, is
    // below 1e-3 of it.
    for (auto [n, theta] : {std::pair<std::size_t, double>{2, 0.5}, {8, 1.0}, {16, 1.0}}) {
        const auto st = make_study(torus_json(theta, 10000, 6, 1234 + n));
        const auto r = gibbs::run_gibbs(st, n);
        BOOST_TEST_MESSAGE("N = " << n << ": " << r.log_K.log_K_over_N << " +- " << r.log_K.standard_error << ", exact "
                                  << *r.exact_log_K_over_N << ", rule error " << *r.quadrature_error);
        BOOST_TEST(*r.exact_log_K_over_N == gibbs::circular_log_K_over_N(n, 1.0 / theta));
        BOOST_TEST(std::fabs(r.log_K.log_K_over_N - *r.exact_log_K_over_N) < 4.0 * r.log_K.standard_error);
        BOOST_TEST(std::fabs(r.at_theta.F_N.mean - *r.exact_mean_F_N) < 4.0 * r.at_theta.F_N.standard_error);
        BOOST_TEST(std::fabs(*r.quadrature_error) < 1e-3 * r.log_K.standard_error);
        BOOST_TEST(r.at_theta.acceptance_rate > 0.3);
    }
}

BOOST_AUTO_TEST_CASE(free_energy_identity_and_its_factor_theta)
{
    // reference/gibbs.md 1: for any f_N,
    //   theta H_N(f_N | mu^N) + E_{f_N}[F_N] = theta H_N(f_N | Q) - (theta/N) log K,
    // H_N(f|g) = (1/N) int f log(f/g). Case: N = 2 on T^1, mu uniform, theta = 1/2,
    // f_N = f x f with f = 1 + 0.5 cos(2 pi x). In the variables (x, u = x - y mod 1):
    // everything but f is a function of u alone (mu uniform: F_2 is translation invariant),
    // and the x-integrals of trigonometric polynomials and of log f (analytic, periodic) are
    // exact to rounding by the 64-point trapezoid rule; in u the log singularity sits at the
    // ends (Gauss-Kronrod, adaptive, 1e-12). Left: H_N(f x f | 1) = int f log f and
    // E[F_2] = iint f(x) f(x - u) G(u)/2 (G by hand). Right: log q = -beta N F_N from the
    // library's target (the plan) at (u, 0), K by Morris. Both to 1e-9. The talk's form
    // theta H(f|Q) - (1/N) log K misses by (1 - theta)(1/N) log K = (1/4) log 2 here, which
    // the test sees.
    const double theta = 0.5, beta = 2.0;
    const std::size_t n = 2;
    const auto f = [](double x) { return 1.0 + 0.5 * std::cos(2.0 * M_PI * x); };
    const auto trapezoid = [](auto g) {
        double sum = 0.0;
        for (int k = 0; k < 64; ++k) sum += g((k + 0.5) / 64.0);
        return sum / 64.0;
    };
    const double entropy = trapezoid([&](double x) { return f(x) * std::log(f(x)); });
    const auto overlap = [&](double u) { return trapezoid([&](double x) { return f(x) * f(x - u); }); };
    const auto ff_log_ff = [&](double u) { return trapezoid([&](double x) { return f(x) * f(x - u) * std::log(f(x) * f(x - u)); }); };
    const double mean_F = integrate([&](double u) { return overlap(u) * 0.5 * periodic_log(u); }, 0.0, 1.0);
    const double left = theta * entropy + mean_F;

    const auto st = make_study(torus_json(theta, 1000, 2, 1));
    const auto mu = study::make_reference(st, {0.0});
    auto plan = interaction::make_plan(kernel::riesz_kernel(1, 0.0), n, 1e-12, "ewald", domain::kind::torus);
    gibbs::modulated_gibbs target(*plan, *mu, gibbs::law_score(st.law, 1, 0.0, domain::kind::torus), domain::kind::torus);
    const double log_K = n * gibbs::circular_log_K_over_N(n, beta);
    const double H_fQ = integrate([&](double u) {
                            std::vector<double> x = {u, 0.0};
                            gibbs::target_point p;
                            target.evaluate(view_of(x, 1), p);
                            const double log_q = p.log_density(beta, n) - log_K;
                            return ff_log_ff(u) - overlap(u) * log_q;
                        }, 0.0, 1.0) / n;
    const double right = theta * H_fQ - theta * log_K / n;
    const double talk = theta * H_fQ - log_K / n;
    BOOST_TEST(left == right, tt::tolerance(1e-9));
    BOOST_TEST(std::fabs(talk - left) == 0.25 * std::log(2.0), tt::tolerance(1e-6));
}

BOOST_AUTO_TEST_CASE(whole_space_coulomb_ball_N2)
{
    // 3D Coulomb, mu the uniform unit ball, theta = 1, N = 2 (support enforced by rejection):
    // F_2 = 1/(2|x - y|) - h(|x|) - h(|y|) + 6/5 with h(r) = (3 - r^2)/2 (MATH.md 2), and
    //   K = (3/(4 pi))^2 iint_{B x B} exp(-2 F_2) = (9/2) int_0^1 int_0^1 int_{-1}^1
    //       r1^2 r2^2 exp(-2 F_2) du dr2 dr1,   |x - y|^2 = r1^2 + r2^2 - 2 r1 r2 u,
    // by a 48^3-point Gauss-Legendre product (the integrand is smooth: exp(-1/|x - y|) is
    // flat at the diagonal), converged to 1e-10. The study is parsed with theta = 0 (a
    // whole-space study with noise has no exact reference to validate against) and theta set
    // to 1 afterwards: Q needs mu at t = 0 only. Tolerance: 4 standard errors, as above.
    json j = {{"name", "ball"},
              {"model", {{"d", 3}, {"s", 1}, {"theta", 0.0}}},
              {"initial", {{"law", {{"type", "uniform_ball"}, {"radius", 1.0}}}}},
              {"N", {2}},
              {"ensemble", {{"seed", 99}}},
              {"gibbs", {{"samples", 20000}, {"burn_in", 2000}, {"rungs", 6}}}};
    auto st = make_study(j);
    st.theta = 1.0;
    const auto r = gibbs::run_gibbs(st, 2);
    using gauss = boost::math::quadrature::gauss<double, 48>;
    const auto h = [](double rr) { return (3.0 - rr * rr) / 2.0; };
    double K = 0.0, KF = 0.0;
    const auto F2 = [&](double r1, double r2, double u) {
        const double d = std::sqrt(std::max(r1 * r1 + r2 * r2 - 2 * r1 * r2 * u, 0.0));
        return 0.5 / d - h(r1) - h(r2) + 1.2;
    };
    // iint_{B x B} F_2^m exp(-2 beta F_2) dmu dmu, m = 0, 1.
    const auto moment = [&](int m, double beta) {
        return 4.5 * gauss::integrate([&](double r1) {
                   return gauss::integrate([&](double r2) {
                       return gauss::integrate([&](double u) {
                           const double f = F2(r1, r2, u);
                           return r1 * r1 * r2 * r2 * (m == 0 ? 1.0 : f) * std::exp(-2.0 * beta * f);
                       }, -1.0, 1.0);
                   }, 0.0, 1.0);
               }, 0.0, 1.0);
    };
    K = moment(0, 1.0);
    KF = moment(1, 1.0);
    // The ladder's own error (not in the standard error): the 6-node rule on the exact
    // integrand E_{Q_beta}[F_2] (quadrature at the nodes) against (1/2) log K. For s > 0 the
    // integrand is not analytic at beta = 0 (reference/gibbs.md 2), so this is measured:
    // it must stay below half the Monte Carlo standard error.
    const auto rule = gibbs::gauss_legendre_ladder(1.0, 6);
    double rule_sum = 0.0;
    for (std::size_t k = 0; k < rule.beta.size(); ++k) rule_sum -= rule.weight[k] * moment(1, rule.beta[k]) / moment(0, rule.beta[k]);
    BOOST_TEST_MESSAGE("ball: rule error " << rule_sum - std::log(K) / 2);
    BOOST_TEST(std::fabs(rule_sum - std::log(K) / 2.0) < 0.5 * r.log_K.standard_error);
    BOOST_TEST_MESSAGE("ball: log K / N = " << r.log_K.log_K_over_N << " +- " << r.log_K.standard_error << ", quadrature " << std::log(K) / 2
                                            << "; E F_N = " << r.at_theta.F_N.mean << " +- " << r.at_theta.F_N.standard_error << ", quadrature " << KF / K);
    BOOST_TEST(std::fabs(r.log_K.log_K_over_N - std::log(K) / 2.0) < 4.0 * r.log_K.standard_error);
    BOOST_TEST(std::fabs(r.at_theta.F_N.mean - KF / K) < 4.0 * r.at_theta.F_N.standard_error);
}

BOOST_AUTO_TEST_CASE(beta_zero_samples_mu_and_gives_minus_E_over_N)
{
    // At beta = 0 the chain samples mu^N, and E[F_N] = -E/N exactly (MATH.md 7): 3D Coulomb,
    // unit ball, N = 4: -1.2/4 = -0.3. The variance of F_N is finite (2s < d), so the chain
    // mean is within 4 of its standard errors (false-failure rate 6e-5); rejections at the
    // ball's edge are the only ones (the target is flat inside).
    const kernel::riesz_kernel g(3, 1.0);
    law_spec ball;
    const auto mu = meanfield::make_exact_reference(g, "gradient", 0.0, ball);
    const std::size_t n = 4;
    auto plan = interaction::make_plan(g, n, 1e-14, "direct");
    gibbs::modulated_gibbs target(*plan, *mu, gibbs::law_score(ball, 3, 1.0, domain::kind::whole_space), domain::kind::whole_space);
    points x(3, n);
    for (std::size_t i = 0; i < n; ++i) x(i, 0) = 0.2 * i - 0.3;
    gibbs::mala_settings s;
    s.burn_in = 2000, s.samples = 100000, s.initial_step = 0.1, s.max_step = 4.0;
    const auto chain = gibbs::run_mala(target, 0.0, x, s, random_stream(8, n, 0, stream_purpose::gibbs_chain));
    const auto st = gibbs::sokal_statistics(chain.F_N);
    BOOST_TEST_MESSAGE("beta = 0: E F_N = " << st.mean << " +- " << st.standard_error << " (exact -0.3), acceptance " << chain.acceptance_rate);
    BOOST_TEST(std::fabs(st.mean + 0.3) < 4.0 * st.standard_error);
    BOOST_TEST(chain.out_of_support > 0u);
}

BOOST_AUTO_TEST_CASE(same_seed_same_numbers_whatever_the_threads)
{
    // The chains run in parallel, each on its own stream: 1 and 2 threads agree bit for bit.
    const auto st = make_study(torus_json(1.0, 500, 3, 5));
    omp_set_num_threads(1);
    const auto one = gibbs::run_gibbs(st, 4);
    omp_set_num_threads(2);
    const auto two = gibbs::run_gibbs(st, 4);
    BOOST_TEST(one.log_K.log_K_over_N == two.log_K.log_K_over_N);
    BOOST_TEST(one.at_theta.F_N.mean == two.at_theta.F_N.mean);
}

BOOST_AUTO_TEST_CASE(bad_input_is_named)
{
    // theta = 0 (no Gibbs measure at zero temperature in this normalisation) and N = 1.
    auto st = make_study(torus_json(1.0, 500, 3, 5));
    BOOST_CHECK_THROW(gibbs::run_gibbs(st, 1), input_error);
    try {
        gibbs::run_gibbs(st, 1);
    } catch (const input_error& e) {
        BOOST_TEST(std::string(e.what()).find("N = 1") != std::string::npos);
    }
    st.theta = 0.0;
    try {
        gibbs::run_gibbs(st, 4);
        BOOST_TEST(false);
    } catch (const input_error& e) {
        BOOST_TEST(std::string(e.what()).find("/model/theta") != std::string::npos);
    }
    // Unknown keys in the gibbs section are schema errors.
    json j = torus_json(1.0, 500, 3, 5);
    j["gibbs"]["sample"] = 10;
    BOOST_CHECK_THROW(make_study(j), input_error);
}
