// Tests of the harness module: the rate fit over N with its bootstrap and lack-of-fit
// intervals, verdicts, pairwise rates, the log case, the numerical error budget, the JSON
// report, and the per-member statistics of a time series.
//
// The independent truth is synthetic data with a known law: values C N^p (1 + sigma z)
// with z standard normal from a counter-based stream (purpose `user`, so independent of the
// harness's bootstrap streams), or exact values when sigma = 0.
#define BOOST_TEST_MODULE harness
#include <boost/test/unit_test.hpp>

#include <mfv/core/error.hpp>
#include <mfv/core/random_stream.hpp>
#include <mfv/harness/interval.hpp>
#include <mfv/harness/line_fit.hpp>
#include <mfv/harness/numerical_budget.hpp>
#include <mfv/harness/rate_fit.hpp>
#include <mfv/harness/rate_json.hpp>
#include <mfv/harness/statistic.hpp>

#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace tt = boost::test_tools;
using namespace mfv::harness;

namespace {
const std::vector<std::uint64_t> powers_of_two = {256, 512, 1024, 2048, 4096, 8192};

// M members at each N with values law(N) (1 + sigma z_m), z_m ~ N(0, 1) drawn from
// random_stream(seed, N, 0, user).
std::vector<members_at_n> synthetic(const std::vector<std::uint64_t>& ns, const std::function<double(double)>& law,
                                    double sigma, std::size_t m, std::uint64_t seed) {
    std::vector<members_at_n> data;
    for (std::uint64_t n : ns) {
        std::vector<double> z(m);
        mfv::random_stream(seed, n, 0, mfv::stream_purpose::user).normal(0, z);
        members_at_n d{n, {}, {}};
        for (double zm : z) d.values.push_back(law(double(n)) * (1.0 + sigma * zm));
        data.push_back(d);
    }
    return data;
}

std::function<double(double)> power(double c, double p) {
    return [c, p](double n) { return c * std::pow(n, p); };
}

rate_options options(double theory, std::uint64_t seed = 1) {
    rate_options o;
    o.observable = "modulated_energy";
    o.statistic = "sup_abs";
    o.theory_exponent = theory;
    o.seed = seed;
    return o;
}

// JSON paths holding null or a non-finite number.
void collect_bad(const nlohmann::json& j, const std::string& path, std::vector<std::string>& bad) {
    if (j.is_null()) bad.push_back(path);
    if (j.is_number_float() && !std::isfinite(j.get<double>())) bad.push_back(path);
    if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) collect_bad(it.value(), path + "/" + it.key(), bad);
    }
    if (j.is_array()) {
        for (std::size_t k = 0; k < j.size(); ++k) collect_bad(j[k], path + "/" + std::to_string(k), bad);
    }
}
}  // namespace

BOOST_AUTO_TEST_CASE(statistics_of_a_time_series)
{
    const std::vector<double> f = {-0.02, 0.5, -0.7, 0.1};
    BOOST_TEST(sup_abs(f) == 0.7);
    BOOST_TEST(at_start(f) == -0.02);
    BOOST_TEST(at_end(f) == 0.1);
    BOOST_TEST(extract(parse_statistic("sup_abs"), f) == 0.7);
    BOOST_TEST(extract(parse_statistic("initial"), f) == -0.02);
    BOOST_TEST(extract(parse_statistic("final"), f) == 0.1);
    BOOST_TEST(to_string(parse_statistic("final")) == "final");
    BOOST_CHECK_THROW(parse_statistic("maximum"), mfv::input_error);
    BOOST_CHECK_THROW(sup_abs(std::vector<double>{}), mfv::input_error);
    // A NaN anywhere makes sup_abs NaN (never silently skipped); at_end sees only the end.
    const std::vector<double> g = {0.1, std::nan(""), 0.2};
    BOOST_TEST(std::isnan(sup_abs(g)));
    BOOST_TEST(at_end(g) == 0.2);
}

BOOST_AUTO_TEST_CASE(percentile_interval_matches_type_7_quantiles)
{
    // Hand values (NumPy's default percentile): {1, 2, 3, 4} at 25% and 75% is 1.75 and 3.25;
    // a 50% central interval asks exactly for those.
    const interval ci = percentile_interval({4.0, 1.0, 3.0, 2.0}, 0.5);
    BOOST_TEST(ci.lo == 1.75, tt::tolerance(1e-15));
    BOOST_TEST(ci.hi == 3.25, tt::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(student_interval_and_hull_match_hand_values)
{
    // Closed forms of the 0.975 quantile of Student's t (e.g. Hill 1970; Wikipedia, "Student's
    // t-distribution", quantile function), independent of boost::math:
    //   1 dof: tan(pi (p - 1/2));  2 dof: a sqrt(2 / (1 - a^2)), a = 2p - 1;
    //   4 dof: 2 sqrt(q - 1), q = cos(arccos(sqrt(b)) / 3) / sqrt(b), b = 4p(1 - p).
    // Checked by mpmath quadrature of the density to 30 digits: 12.7062047361747,
    // 4.30265272974946, 2.77644510519779. Relative 1e-12 leaves room for boost's iteration.
    const double p = 0.975, pi = std::acos(-1.0);
    const double b = 4 * p * (1 - p);
    const double t1 = std::tan(pi * (p - 0.5));
    const double t2 = (2 * p - 1) * std::sqrt(2 / (1 - (2 * p - 1) * (2 * p - 1)));
    const double t4 = 2 * std::sqrt(std::cos(std::acos(std::sqrt(b)) / 3) / std::sqrt(b) - 1);
    BOOST_TEST(t4 == 2.77644510519779, tt::tolerance(1e-13));
    BOOST_TEST(student_interval(0.0, 1.0, 1, 0.95).hi == t1, tt::tolerance(1e-12));
    BOOST_TEST(student_interval(0.0, 1.0, 2, 0.95).hi == t2, tt::tolerance(1e-12));
    const interval ci = student_interval(-0.5, 0.01, 4, 0.95);
    BOOST_TEST(ci.lo == -0.5 - 0.01 * t4, tt::tolerance(1e-12));
    BOOST_TEST(ci.hi == -0.5 + 0.01 * t4, tt::tolerance(1e-12));
    // A zero standard error is the single point.
    BOOST_TEST(student_interval(-0.5, 0.0, 4, 0.95).lo == -0.5);
    BOOST_TEST(student_interval(-0.5, 0.0, 4, 0.95).hi == -0.5);
    BOOST_CHECK_THROW(student_interval(0.0, 1.0, 0, 0.95), std::invalid_argument);
    BOOST_CHECK_THROW(student_interval(0.0, -1.0, 4, 0.95), std::invalid_argument);
    const interval h = hull({-1.0, 0.5}, {-0.2, 2.0});
    BOOST_TEST(h.lo == -1.0);
    BOOST_TEST(h.hi == 2.0);
}

BOOST_AUTO_TEST_CASE(exact_power_law_gives_exact_exponent_and_degenerate_interval)
{
    // Zero noise: every member equals 1.2 N^(-2/3), so the least squares fit is exact up to
    // rounding of logs (~1e-16 relative on log N ~ 9), and every bootstrap replicate is the
    // same data: the interval is the single point p.
    const rate_fit r = fit_rate(synthetic(powers_of_two, power(1.2, -2.0 / 3.0), 0.0, 5, 3), options(-2.0 / 3.0));
    BOOST_TEST_REQUIRE(r.fit.has_value());
    BOOST_TEST(std::abs(r.fit->exponent + 2.0 / 3.0) < 1e-12);
    BOOST_TEST(r.fit->prefactor == 1.2, tt::tolerance(1e-12));
    BOOST_TEST(r.fit->ci.lo == r.fit->exponent);
    BOOST_TEST(r.fit->ci.hi == r.fit->exponent);
    // Both components are that point too: the bootstrap's replicates are all the data, and
    // the residuals about the line are rounding only, which is no scatter (line_fit.hpp).
    BOOST_TEST(r.fit->bootstrap.lo == r.fit->exponent);
    BOOST_TEST(r.fit->bootstrap.hi == r.fit->exponent);
    BOOST_TEST_REQUIRE(r.fit->lack_of_fit.has_value());
    BOOST_TEST(r.fit->lack_of_fit->lo == r.fit->exponent);
    BOOST_TEST(r.fit->lack_of_fit->hi == r.fit->exponent);
    BOOST_TEST(*r.fit->residual_sd == 0.0);
    BOOST_TEST(r.reason.find("widened") == std::string::npos);
    BOOST_TEST(r.sign == mean_sign::positive);
    BOOST_TEST(r.window.usable == 6u);
    BOOST_TEST(r.window.N_min == 256u);
    BOOST_TEST(r.window.N_max == 8192u);
    for (const n_summary& n : r.per_N) {
        BOOST_TEST(n.usable);
        BOOST_TEST(n.estimate->standard_error == 0.0);
    }
}

BOOST_AUTO_TEST_CASE(noisy_power_law_is_recovered_within_the_interval)
{
    // 20 members, 30% noise: the interval must contain the true p = -0.5 and be of
    // plausible width (the slope's standard error here is ~0.03, so 0.02 < width < 0.4).
    const rate_fit r = fit_rate(synthetic(powers_of_two, power(-3.0, -0.5), 0.3, 20, 11), options(-0.5));
    BOOST_TEST_REQUIRE(r.fit.has_value());
    BOOST_TEST(r.fit->ci.contains(-0.5));
    BOOST_TEST(r.fit->ci.width() > 0.02);
    BOOST_TEST(r.fit->ci.width() < 0.4);
    BOOST_TEST(r.sign == mean_sign::negative);
    BOOST_TEST(r.outcome == verdict::attained);
    // Same seed, same interval: the bootstrap is a pure function of (seed, N, values). The
    // seed moves the bootstrap component only (here the lack-of-fit one, which no seed
    // touches, is the wider and sets the hull, so the seed test reads the component).
    const rate_fit again = fit_rate(synthetic(powers_of_two, power(-3.0, -0.5), 0.3, 20, 11), options(-0.5));
    BOOST_TEST(again.fit->ci.lo == r.fit->ci.lo);
    BOOST_TEST(again.fit->ci.hi == r.fit->ci.hi);
    BOOST_TEST(again.fit->bootstrap.lo == r.fit->bootstrap.lo);
    const rate_fit other = fit_rate(synthetic(powers_of_two, power(-3.0, -0.5), 0.3, 20, 11), options(-0.5, 2));
    BOOST_TEST(other.fit->bootstrap.lo != r.fit->bootstrap.lo);
    BOOST_TEST(other.fit->lack_of_fit->lo == r.fit->lack_of_fit->lo);
}

BOOST_AUTO_TEST_CASE(bootstrap_interval_has_about_95_percent_coverage)
{
    // 200 independent synthetic experiments (6 N, 20 members, 30% noise). If the interval
    // had exactly 95% coverage, the count of hits would be Binomial(200, 0.95): standard
    // deviation sqrt(200 * 0.95 * 0.05) = 3.1 hits = 1.5%. The percentile bootstrap of a
    // mean of M = 20 values is a little narrow (its variance carries the factor (M - 1)/M),
    // so true coverage near 93-94% is expected. [0.88, 0.99] is 95% -4.5 / +2.5 standard
    // deviations: it fails for a badly narrow or badly wide interval, not for chance.
    //
    // The verdict's interval is the hull of this bootstrap interval and the lack-of-fit one
    // (rate_fit.hpp). On a pure power law both are ~95% intervals of the same slope whose
    // widths fluctuate independently, so the hull covers more: by construction at least as
    // often as the bootstrap, and ~98% in 4000 such experiments (bootstrap 94.5%, lack of
    // fit 96.1%, hull 98.1%; mean widths 0.089, 0.122, 0.127). The hull must not be
    // trivially wide: it misses at least once in 200 (at 98.1% all 200 hit with probability
    // 2%), and its mean width stays below 1.75 times the bootstrap's (expected ~1.43: t with
    // 4 dof is 2.78 against 1.96).
    const std::size_t experiments = 200;
    std::size_t hits = 0, hull_hits = 0;
    double width = 0.0, hull_width = 0.0;
    for (std::size_t e = 0; e < experiments; ++e) {
        const rate_fit r =
            fit_rate(synthetic(powers_of_two, power(1.0, -2.0 / 3.0), 0.3, 20, 1000 + e), options(-2.0 / 3.0, e));
        if (r.fit->bootstrap.contains(-2.0 / 3.0)) ++hits;
        if (r.fit->ci.contains(-2.0 / 3.0)) ++hull_hits;
        BOOST_TEST(r.fit->ci.lo <= r.fit->bootstrap.lo);
        BOOST_TEST(r.fit->ci.hi >= r.fit->bootstrap.hi);
        width += r.fit->bootstrap.width();
        hull_width += r.fit->ci.width();
    }
    const double coverage = double(hits) / experiments;
    const double hull_coverage = double(hull_hits) / experiments;
    BOOST_TEST_MESSAGE("coverage of the 95% bootstrap interval: " << coverage << ", of the hull: " << hull_coverage
                                                                  << ", width ratio " << hull_width / width);
    BOOST_TEST(coverage >= 0.88);
    BOOST_TEST(coverage <= 0.99);
    BOOST_TEST(hull_coverage >= coverage);
    BOOST_TEST(hull_hits < experiments);
    BOOST_TEST(hull_width < 1.75 * width);
}

BOOST_AUTO_TEST_CASE(oscillating_prefactor_widens_the_interval_by_the_lack_of_fit)
{
    // The quickstart's failure, made exact: the means follow N^p times a prefactor that
    // oscillates with N, C(N) = 1 + 0.03 (-1)^k at N = 256 2^k (as jittered-lattice cells do
    // with N's binary structure), and the members' noise is tiny (1e-4 relative, 8 members).
    // The fitted slope is off by sum_k (x_k - xbar) e_k / Sxx = -3 ln2 (0.03) / (17.5 ln2^2)
    // = -0.0074 (e_k = log C(N_k) ~ 0.03 (-1)^k), far outside the bootstrap interval (about
    // +-2e-5): the bootstrap alone would say "consistent". The scatter of the means about the
    // line (residual sd ~3%) gives se ~ 0.03 / sqrt(17.5 ln2^2) ~ 0.01, and with t = 2.78
    // (4 dof) the lack-of-fit interval p +- 0.03 contains the true p.
    const double p = -2.0 / 3.0;
    const auto law = [p](double n) {
        const int k = int(std::lround(std::log2(n / 256.0)));
        return 1.2 * std::pow(n, p) * (1.0 + 0.03 * (k % 2 == 0 ? 1.0 : -1.0));
    };
    const rate_fit r = fit_rate(synthetic(powers_of_two, law, 1e-4, 8, 7), options(p));
    BOOST_TEST_REQUIRE(r.fit.has_value());
    BOOST_TEST_REQUIRE(r.fit->lack_of_fit.has_value());
    BOOST_TEST(!r.fit->bootstrap.contains(p));
    BOOST_TEST(r.fit->bootstrap.hi < p);
    BOOST_TEST(r.fit->lack_of_fit->contains(p));
    BOOST_TEST(r.fit->ci.contains(p));
    BOOST_TEST(r.fit->ci.lo == std::min(r.fit->bootstrap.lo, r.fit->lack_of_fit->lo));
    BOOST_TEST(r.fit->ci.hi == std::max(r.fit->bootstrap.hi, r.fit->lack_of_fit->hi));
    BOOST_TEST(r.outcome == verdict::attained);
    BOOST_TEST(r.reason.find("contains the theory exponent -0.667") != std::string::npos, r.reason);
    BOOST_TEST(r.reason.find("widened by the scatter of the means about the fitted line, residual sd 3") !=
                   std::string::npos,
               r.reason);

    // The OLS slope and its standard error by hand, from the reported means, through the
    // raw-sum normal equations (not the centred sums of line_fit.cpp):
    //   b = (n Sxy' - Sx Sy) / (n Sxx' - Sx^2), a = (Sy - b Sx) / n,
    //   s^2 = sum (y - a - b x)^2 / (n - 2),   se = s sqrt(n / (n Sxx' - Sx^2)).
    // The raw sums lose about a factor 40 to cancellation (x ~ 5.5..9): 1e-12 still holds.
    double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    std::vector<double> x, y;
    for (const n_summary& m : r.per_N) {
        x.push_back(std::log(double(m.N)));
        y.push_back(std::log(m.estimate->mean));
        n += 1;
        sx += x.back();
        sy += y.back();
        sxx += x.back() * x.back();
        sxy += x.back() * y.back();
    }
    const double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    const double intercept = (sy - slope * sx) / n;
    double ssr = 0;
    for (std::size_t k = 0; k < x.size(); ++k) ssr += std::pow(y[k] - intercept - slope * x[k], 2);
    const double s = std::sqrt(ssr / (n - 2));
    const double se = s * std::sqrt(n / (n * sxx - sx * sx));
    // t quantile, 4 dof, 0.975 (closed form, see student_interval_and_hull_match_hand_values).
    const double t4 = 2.77644510519779435780;
    BOOST_TEST(r.fit->exponent == slope, tt::tolerance(1e-12));
    BOOST_TEST(*r.fit->residual_sd == s, tt::tolerance(1e-12));
    BOOST_TEST((r.fit->lack_of_fit->hi - r.fit->lack_of_fit->lo) / 2 == t4 * se, tt::tolerance(1e-12));
    BOOST_TEST((r.fit->lack_of_fit->hi + r.fit->lack_of_fit->lo) / 2 == slope, tt::tolerance(1e-12));
    BOOST_TEST(std::abs(slope - p + 0.0074) < 0.001);
    BOOST_TEST(s > 0.025);
    BOOST_TEST(s < 0.04);

    // The JSON report carries both components and the residual sd.
    const nlohmann::json j = to_json(r);
    BOOST_TEST(j["bootstrap_interval"][1].get<double>() == r.fit->bootstrap.hi);
    BOOST_TEST(j["lack_of_fit_interval"][0].get<double>() == r.fit->lack_of_fit->lo);
    BOOST_TEST(j["residual_sd"].get<double>() == s, tt::tolerance(1e-12));
    BOOST_TEST(j["interval"][0].get<double>() == r.fit->lack_of_fit->lo);

    // The width rule reads the widened interval: 0.05 admits the bootstrap's 4e-5 but not
    // the hull's ~0.06, and the reason says what widened it.
    rate_options narrow = options(p);
    narrow.max_interval_width = 0.05;
    const rate_fit wide = fit_rate(synthetic(powers_of_two, law, 1e-4, 8, 7), narrow);
    BOOST_TEST(wide.outcome == verdict::inconclusive);
    BOOST_TEST(wide.reason.find("more than the allowed 0.05 (interval widened") != std::string::npos, wide.reason);
}

BOOST_AUTO_TEST_CASE(quickstart_means_give_attained_not_violated)
{
    // The measured case: the quickstart study (3D Coulomb, jittered-lattice starts, 8
    // members) gave these means of sup_t |F_N| at N = 250..4000, pairwise rates -0.618,
    // -0.692, -0.664, -0.646. Members m_N (1 +- 1%) reproduce its bootstrap interval (about
    // +-0.003 about p = -0.6596), which lies above -2/3: alone it says "violated". The means
    // scatter by 1.3% about the line; the hand values of the lack-of-fit interval (mpmath,
    // 30 digits: OLS on the five means, t = 3.18244630528371 for 3 dof) are
    // [-0.678552817536928, -0.640718674382769]. The members' mean is m_N to one rounding,
    // so 1e-9 is ample.
    const std::vector<std::pair<std::uint64_t, double>> means = {{250, 0.030784077653876314},
                                                                 {500, 0.020051783594035047},
                                                                 {1000, 0.012415599009045552},
                                                                 {2000, 0.007834782372556063},
                                                                 {4000, 0.005006548790137918}};
    std::vector<members_at_n> data;
    for (const auto& [n, m] : means) {
        members_at_n d{n, {}, {}};
        for (int k = 0; k < 8; ++k) d.values.push_back(m * (k % 2 == 0 ? 1.01 : 0.99));
        data.push_back(d);
    }
    const rate_fit r = fit_rate(data, options(-2.0 / 3.0, 20251124));
    BOOST_TEST_REQUIRE(r.fit->lack_of_fit.has_value());
    BOOST_TEST(r.fit->exponent == -0.659635745959849, tt::tolerance(1e-12));
    BOOST_TEST(r.fit->bootstrap.lo > -2.0 / 3.0);
    BOOST_TEST(r.fit->lack_of_fit->lo == -0.678552817536928, tt::tolerance(1e-9));
    BOOST_TEST(r.fit->lack_of_fit->hi == -0.640718674382769, tt::tolerance(1e-9));
    BOOST_TEST(*r.fit->residual_sd == 0.0130292159792810, tt::tolerance(1e-9));
    BOOST_TEST(r.outcome == verdict::attained);
    BOOST_TEST(r.reason.find("residual sd 1.3%") != std::string::npos, r.reason);
}

BOOST_AUTO_TEST_CASE(log_case_fit_is_widened_by_the_lack_of_fit_too)
{
    // s = 0 with the same oscillating prefactor: mean = -0.5 C(N) (log N)/N. The q fit is off
    // by about as much as p above (its abscissa log((log N)/N) has slope ~ -0.85 in log N),
    // the bootstrap alone excludes q = 1, the hull contains it.
    const auto law = [](double n) {
        const int k = int(std::lround(std::log2(n / 256.0)));
        return -0.5 * std::log(n) / n * (1.0 + 0.03 * (k % 2 == 0 ? 1.0 : -1.0));
    };
    rate_options o = options(-1.0);
    o.log_case = true;
    const rate_fit r = fit_rate(synthetic(powers_of_two, law, 1e-4, 8, 7), o);
    BOOST_TEST_REQUIRE(r.log_fit.has_value());
    BOOST_TEST_REQUIRE(r.log_fit->lack_of_fit.has_value());
    BOOST_TEST(!r.log_fit->bootstrap.contains(1.0));
    BOOST_TEST(r.log_fit->ci.contains(1.0));
    BOOST_TEST(r.outcome == verdict::attained);
    BOOST_TEST(r.reason.rfind("log case:", 0) == 0u, r.reason);
    BOOST_TEST(r.reason.find("widened by the scatter") != std::string::npos, r.reason);
    const nlohmann::json j = to_json(r);
    BOOST_TEST(j["log_lack_of_fit_interval"][0].get<double>() == r.log_fit->lack_of_fit->lo);
    BOOST_TEST(j["log_residual_sd"].get<double>() == *r.log_fit->residual_sd);
}

BOOST_AUTO_TEST_CASE(sign_changing_n_is_unusable_and_left_out_of_the_fit)
{
    // At N = 1024 the members straddle 0 (mean 0.0004, spread 1): the bootstrap interval of
    // the mean contains 0. The other N follow 2 N^-1 exactly, so the fit over them gives -1.
    auto data = synthetic(powers_of_two, power(2.0, -1.0), 0.0, 6, 5);
    data[2].values = {1.0, -1.0, 0.9, -0.9, 1.1, -1.0976};
    const rate_fit r = fit_rate(data, options(-1.0));
    BOOST_TEST(!r.per_N[2].usable);
    BOOST_TEST(r.per_N[2].estimate->ci.contains(0.0));
    BOOST_TEST(r.per_N[2].reason.find("contains 0") != std::string::npos);
    BOOST_TEST(r.window.usable == 5u);
    BOOST_TEST(std::abs(r.fit->exponent + 1.0) < 1e-12);
    BOOST_TEST(r.pairwise.size() == 4u);
    BOOST_TEST(r.pairwise[1].N_from == 512u);
    BOOST_TEST(r.pairwise[1].N_to == 2048u);
}

BOOST_AUTO_TEST_CASE(fewer_than_three_usable_n_is_inconclusive)
{
    // Failed members are excluded and counted; an N with one surviving member has no
    // standard error and is unusable, one with none has no mean at all.
    auto data = synthetic({256, 512, 1024, 2048}, power(1.0, -0.5), 0.1, 4, 6);
    data[0].ok = {true, false, false, false};
    data[1].ok = {false, false, false, false};
    const rate_fit r = fit_rate(data, options(-0.5));
    BOOST_TEST(r.per_N[0].members_ok == 1u);
    BOOST_TEST(r.per_N[0].members_failed == 3u);
    BOOST_TEST(!r.per_N[0].usable);
    BOOST_TEST(!r.per_N[1].estimate.has_value());
    BOOST_TEST(r.window.usable == 2u);
    BOOST_TEST(r.outcome == verdict::inconclusive);
    BOOST_TEST(r.reason.find("only 2 of 4 N are usable") != std::string::npos);
    // Two usable N still give a fit to report; the verdict just does not rest on it. The
    // line passes through both means: no residuals, so no lack-of-fit interval, and the
    // interval is the bootstrap's.
    BOOST_TEST_REQUIRE(r.fit.has_value());
    BOOST_TEST(!r.fit->lack_of_fit.has_value());
    BOOST_TEST(!r.fit->residual_sd.has_value());
    BOOST_TEST(r.fit->ci.lo == r.fit->bootstrap.lo);
    BOOST_TEST(r.fit->ci.hi == r.fit->bootstrap.hi);
    const nlohmann::json j = to_json(r);
    BOOST_TEST(j.contains("bootstrap_interval"));
    BOOST_TEST(!j.contains("lack_of_fit_interval"));
    BOOST_TEST(!j.contains("residual_sd"));
}

BOOST_AUTO_TEST_CASE(each_verdict)
{
    // 20 members with 10% noise pin p to about +-0.03; the theory exponent -2/3 then lies
    // clearly below p = -0.4, inside around p = -2/3, above p = -1.
    const double t = -2.0 / 3.0;
    const auto run = [&](double p, rate_options o) {
        return fit_rate(synthetic(powers_of_two, power(0.8, p), 0.1, 20, 21), o);
    };
    const rate_fit slow = run(-0.4, options(t));
    BOOST_TEST(slow.outcome == verdict::violated);
    BOOST_TEST(slow.reason.find("above the theory exponent -0.667") != std::string::npos);
    // A violation says how much the bound's prefactor |mean| N^(-t) moved over the window,
    // and every per-N entry carries it (checked by hand against the mean).
    BOOST_TEST(slow.reason.find("the scaled mean |mean| N^(-t) moves from") != std::string::npos);
    const nlohmann::json js = to_json(slow);
    for (const auto& n : js["per_N"]) {
        const double expected = std::abs(n["mean"].get<double>()) * std::pow(n["N"].get<double>(), -t);
        BOOST_TEST(n["scaled_mean"].get<double>() == expected, tt::tolerance(1e-12));
    }
    const rate_fit sharp = run(t, options(t));
    BOOST_TEST(sharp.outcome == verdict::attained);
    BOOST_TEST(sharp.reason.find("contains the theory exponent -0.667") != std::string::npos);
    const rate_fit fast = run(-1.0, options(t));
    BOOST_TEST(fast.outcome == verdict::consistent);
    BOOST_TEST(fast.reason.find("below the theory exponent") != std::string::npos);
    rate_options narrow = options(t);
    narrow.max_interval_width = 1e-3;
    const rate_fit wide = run(t, narrow);
    BOOST_TEST(wide.outcome == verdict::inconclusive);
    BOOST_TEST(wide.reason.find("more than the allowed 0.001") != std::string::npos);
    // Means of both signs across N: |mean| is no power law.
    auto mixed = synthetic(powers_of_two, power(0.8, t), 0.0, 3, 1);
    for (double& v : mixed[4].values) v = -v;
    const rate_fit m = fit_rate(mixed, options(t));
    BOOST_TEST(m.sign == mean_sign::mixed);
    BOOST_TEST(m.outcome == verdict::inconclusive);
}

BOOST_AUTO_TEST_CASE(pairwise_rates_match_hand_values)
{
    // Means 1, 0.5, 0.3 at N = 100, 200, 400 (two identical members each):
    // log(0.5)/log(2) = -1 and log(0.6)/log(2) = -0.7369655941662062.
    std::vector<members_at_n> data = {{100, {1.0, 1.0}, {}}, {200, {0.5, 0.5}, {}}, {400, {0.3, 0.3}, {}}};
    const rate_fit r = fit_rate(data, options(-1.0));
    BOOST_TEST_REQUIRE(r.pairwise.size() == 2u);
    BOOST_TEST(r.pairwise[0].N_from == 100u);
    BOOST_TEST(r.pairwise[0].N_to == 200u);
    BOOST_TEST(r.pairwise[0].rate == -1.0, tt::tolerance(1e-14));
    BOOST_TEST(r.pairwise[1].rate == -0.7369655941662062, tt::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(log_case_fits_log_n_over_n)
{
    // s = 0: mean = -0.5 (log N)/N. Exact data give q = 1 to rounding; the plain power fit
    // sees the local slope -1 + 1/log N (about -0.85 here), which is why the log-case verdict
    // is read on q. Noisy data: the q interval contains 1 and the verdict is "attained".
    const auto law = [](double n) { return -0.5 * std::log(n) / n; };
    rate_options o = options(-1.0);
    o.log_case = true;
    const rate_fit exact = fit_rate(synthetic(powers_of_two, law, 0.0, 4, 1), o);
    BOOST_TEST_REQUIRE(exact.log_fit.has_value());
    BOOST_TEST(std::abs(exact.log_fit->exponent - 1.0) < 1e-12);
    BOOST_TEST(exact.log_fit->prefactor == 0.5, tt::tolerance(1e-12));
    BOOST_TEST(exact.fit->exponent > -0.9);
    BOOST_TEST(exact.fit->exponent < -0.8);
    // With 20 members and 20% noise the standard error of q is about 0.02, so |q - 1| < 0.1
    // is five of them. Containment of 1 holds for 95% of data seeds; data seed 10 is one of
    // them (seed 8, for instance, is one of the 5% misses: [0.926, 0.988]).
    const rate_fit noisy = fit_rate(synthetic(powers_of_two, law, 0.2, 20, 10), o);
    BOOST_TEST(std::abs(noisy.log_fit->exponent - 1.0) < 0.1);
    BOOST_TEST(noisy.log_fit->ci.contains(1.0));
    BOOST_TEST(noisy.outcome == verdict::attained);
    // A 1/N law (iid starts, MATH.md 7) decays faster than (log N)/N: q > 1.
    const rate_fit iid = fit_rate(synthetic(powers_of_two, power(-0.25, -1.0), 0.05, 20, 9), o);
    BOOST_TEST(iid.outcome == verdict::consistent);
}

BOOST_AUTO_TEST_CASE(json_report_has_no_null_and_only_applicable_keys)
{
    // A report with every kind of entry: an unusable N without estimate, a sign-changing N,
    // failed members, the numerical check.
    auto data = synthetic(powers_of_two, power(1.0, -2.0 / 3.0), 0.2, 8, 4);
    data[0].ok.assign(8, false);
    data[1].values = {1.0, -1.0, 1.0, -1.0, 1.0, -1.0, 1.0, -1.0};
    data[5].ok.assign(8, true);
    data[5].ok[3] = false;
    rate_fit r = fit_rate(data, options(-2.0 / 3.0));
    apply_numerical_budget(r, 8192, 1.0, 1.001);
    const nlohmann::json j = to_json(r);
    std::vector<std::string> bad;
    collect_bad(j, "", bad);
    BOOST_TEST(bad.empty());
    BOOST_TEST(j.dump().find("null") == std::string::npos);
    BOOST_TEST(j["harness"] == "rate");
    BOOST_TEST(j["verdict"] == to_string(r.outcome));
    BOOST_TEST(j["interval"].size() == 2u);
    BOOST_TEST(j["bootstrap_interval"].size() == 2u);
    BOOST_TEST(j["lack_of_fit_interval"].size() == 2u);
    BOOST_TEST(j["residual_sd"].get<double>() == *r.fit->residual_sd);
    // The interval is the hull of its two components.
    BOOST_TEST(j["interval"][0].get<double>() ==
               std::min(j["bootstrap_interval"][0].get<double>(), j["lack_of_fit_interval"][0].get<double>()));
    BOOST_TEST(j["interval"][1].get<double>() ==
               std::max(j["bootstrap_interval"][1].get<double>(), j["lack_of_fit_interval"][1].get<double>()));
    BOOST_TEST(!j.contains("log_exponent"));
    BOOST_TEST(!j.contains("log_bootstrap_interval"));
    BOOST_TEST(!j["per_N"][0].contains("mean"));
    BOOST_TEST(j["per_N"][0]["reason"].is_string());
    BOOST_TEST(!j["per_N"][2].contains("reason"));
    BOOST_TEST(j["per_N"][5]["members_failed"] == 1);
    BOOST_TEST(j["window"]["N_min"] == 1024);

    // Log case: the log_* keys appear.
    rate_options o = options(-1.0);
    o.log_case = true;
    const nlohmann::json jl = to_json(fit_rate(synthetic(powers_of_two, power(1.0, -1.0), 0.1, 8, 4), o));
    BOOST_TEST(jl.contains("log_exponent"));
    BOOST_TEST(jl["log_interval"].size() == 2u);
    BOOST_TEST(jl["log_bootstrap_interval"].size() == 2u);
    BOOST_TEST(jl["log_lack_of_fit_interval"].size() == 2u);
    BOOST_TEST(jl["log_residual_sd"].get<double>() >= 0.0);
    BOOST_TEST(jl["log_theory_exponent"] == 1.0);

    // A non-finite number is refused, never written as null.
    rate_fit broken = r;
    broken.fit->exponent = std::numeric_limits<double>::quiet_NaN();
    BOOST_CHECK_THROW(to_json(broken), std::domain_error);
}

BOOST_AUTO_TEST_CASE(numerical_error_budget_switches_the_verdict)
{
    BOOST_TEST(relative_change(1.01, 1.0) == 0.01 / 1.01, tt::tolerance(1e-14));
    BOOST_TEST(relative_change(0.0, 0.0) == 0.0);
    BOOST_TEST(relative_change(1.0, 0.0) == 1.0);
    BOOST_CHECK_THROW(relative_change(std::nan(""), 1.0), mfv::input_error);

    const auto data = synthetic(powers_of_two, power(0.8, -2.0 / 3.0), 0.1, 20, 21);
    rate_fit within = fit_rate(data, options(-2.0 / 3.0));
    BOOST_TEST_REQUIRE(within.outcome == verdict::attained);
    apply_numerical_budget(within, 8192, 0.1000, 0.1005);
    BOOST_TEST(within.outcome == verdict::attained);
    BOOST_TEST(within.numerical->relative_change < 0.01);

    rate_fit beyond = fit_rate(data, options(-2.0 / 3.0));
    apply_numerical_budget(beyond, 8192, 0.100, 0.103);
    BOOST_TEST(beyond.outcome == verdict::inconclusive);
    BOOST_TEST(beyond.reason.rfind("numerical error:", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(bad_input_names_the_n)
{
    std::vector<members_at_n> twice = {{256, {1.0, 1.0}, {}}, {256, {1.0, 1.0}, {}}};
    BOOST_CHECK_THROW(fit_rate(twice, options(-1.0)), mfv::input_error);
    std::vector<members_at_n> flags = {{256, {1.0, 1.0}, {true}}};
    BOOST_CHECK_THROW(fit_rate(flags, options(-1.0)), mfv::input_error);
    BOOST_CHECK_THROW(fit_rate({}, options(-1.0)), mfv::input_error);
    rate_options o = options(-1.0);
    o.log_case = true;
    std::vector<members_at_n> one = {{1, {1.0, 1.0}, {}}};
    BOOST_CHECK_THROW(fit_rate(one, o), mfv::input_error);
}
