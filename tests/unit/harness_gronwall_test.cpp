// Tests of the Gronwall harness (harness/gronwall.hpp, gronwall_json.hpp) on synthetic
// series whose C2 is known in closed form:
//   f_m(t) = a_m e^(c t)  =>  C2 = max_k (c t_k - log(1 + C1 r(N) / a_m)) / t_k
//                              = c - log(1 + C1 r(N) / a_m) / t_K   (when positive),
// the maximum being at the last time since -const/t grows with t. With a constant
// a-priori Lipschitz rate L, A(t) = L t and the constant C is C2 / L.
#define BOOST_TEST_MODULE harness_gronwall
#include <boost/test/unit_test.hpp>

#include <mfv/core/error.hpp>
#include <mfv/core/random_stream.hpp>
#include <mfv/harness/gronwall.hpp>
#include <mfv/harness/gronwall_json.hpp>

#include <cmath>
#include <functional>

namespace tt = boost::test_tools;
using namespace mfv::harness;

namespace {

const std::vector<std::uint64_t> ns = {256, 512, 1024, 2048, 4096};

std::vector<double> times() {
    std::vector<double> t;
    for (int k = 0; k <= 20; ++k) t.push_back(0.05 * k);
    return t;
}

// Members f_m(t) = a_m e^(c(N) t), a_m = a0 N^(-2/3) (1 + 0.2 z_m) with z_m standard
// normals: F_N(0) of the size of the bound's rate term, as in the studies, so that
// C1 r(N) / a_m has the same law at every N.
std::vector<series_at_n> exponential(const std::function<double(std::uint64_t)>& c, double a0, std::size_t members = 6) {
    const auto t = times();
    std::vector<series_at_n> data;
    for (auto n : ns) {
        std::vector<double> z(members);
        mfv::random_stream(5, n, 0, mfv::stream_purpose::user).normal(0, z);
        series_at_n d{n, {t, {}, {}}};
        for (std::size_t m = 0; m < members; ++m) {
            std::vector<double> f;
            const double a = a0 * std::pow(double(n), -2.0 / 3.0) * (1 + 0.2 * z[m]);
            for (double tk : t) f.push_back(-a * std::exp(c(n) * tk));  // the sign is irrelevant
            d.series.members.push_back(f);
        }
        data.push_back(d);
    }
    return data;
}

gronwall_options options(double C1 = 0.5) {
    gronwall_options o;
    o.C1 = C1;
    o.C1_source = "test";
    o.theory_exponent = -2.0 / 3.0;
    o.bootstrap_replicates = 500;
    o.seed = 9;
    return o;
}

}  // namespace

BOOST_AUTO_TEST_CASE(C2_is_the_closed_form_of_an_exponential)
{
    const double c = 1.7, a0 = 0.8;
    auto opt = options();
    const double L = 2.5;
    for (double t : times()) opt.apriori_integral.push_back(L * t);
    const auto data = exponential([&](std::uint64_t) { return c; }, a0);
    const auto fit = fit_gronwall(data, "modulated_energy", opt);
    BOOST_TEST_REQUIRE(fit.per_N.size() == ns.size());
    for (std::size_t k = 0; k < ns.size(); ++k) {
        const auto& g = fit.per_N[k];
        const double r = std::pow(double(ns[k]), -2.0 / 3.0);
        BOOST_TEST(g.rate_term == r, tt::tolerance(1e-15));
        BOOST_TEST_REQUIRE(g.C2.size() == 6u);
        for (std::size_t m = 0; m < 6; ++m) {
            const double a = std::abs(data[k].series.members[m][0]);
            const double expected = std::max(0.0, c - std::log(1 + 0.5 * r / a) / 1.0);
            // Round-off of log and exp at t = 1: a few ulps.
            BOOST_TEST(g.C2[m] == expected, tt::tolerance(1e-12));
            BOOST_TEST(g.constant[m] == expected / L, tt::tolerance(1e-12));
        }
        BOOST_TEST(g.C2_interval.lo <= g.mean_C2);
        BOOST_TEST(g.mean_C2 <= g.C2_interval.hi);
        // The figure's envelope starts at the mean E_0 and grows with the largest C2.
        BOOST_TEST(g.envelope.back() == g.envelope.front() * std::exp(g.max_C2), tt::tolerance(1e-12));
    }
    BOOST_TEST(*fit.apriori_mean_rate == L, tt::tolerance(1e-14));
    // c is the same at every N and so is the law of C1 r(N) / a: C2 does not grow.
    BOOST_TEST(fit.outcome == gronwall_outcome::bounded, fit.reason);
}

BOOST_AUTO_TEST_CASE(a_C2_that_grows_with_N_is_growing)
{
    // c(N) = 0.5 log N: grows by 0.5 log 16 = 1.4 over the window.
    const auto fit = fit_gronwall(exponential([](std::uint64_t n) { return 0.5 * std::log(double(n)); }, 0.8),
                                  "modulated_energy", options());
    BOOST_TEST(fit.outcome == gronwall_outcome::growing, fit.reason);
    BOOST_TEST(*fit.slope == 0.5, tt::tolerance(0.05));
    BOOST_TEST(fit.slope_interval->lo > 0.0);
}

BOOST_AUTO_TEST_CASE(a_decreasing_series_has_C2_zero)
{
    const auto fit = fit_gronwall(exponential([](std::uint64_t) { return -3.0; }, 0.8), "modulated_energy", options());
    for (const auto& g : fit.per_N) BOOST_TEST(g.max_C2 == 0.0);
    BOOST_TEST(fit.outcome == gronwall_outcome::bounded);
    BOOST_TEST(fit.reason.find("C2 = 0 at every N") != std::string::npos);
    const auto j = to_json(fit);
    BOOST_TEST(j["verdict"] == "bounded");
    BOOST_TEST(j["per_N"][0]["C2"].size() == 6u);
    BOOST_TEST(j.contains("apriori"));
}

BOOST_AUTO_TEST_CASE(failed_members_are_excluded_and_counted)
{
    auto data = exponential([](std::uint64_t) { return 1.0; }, 0.8);
    data[2].series.ok = {true, false, true, true, true, true};
    data[2].series.members[1].resize(3);  // cut at its failure
    const auto fit = fit_gronwall(data, "modulated_energy", options());
    BOOST_TEST(fit.per_N[2].members_used == 5u);
    BOOST_TEST(fit.per_N[2].members_failed == 1u);
}

BOOST_AUTO_TEST_CASE(bad_input_is_refused)
{
    auto data = exponential([](std::uint64_t) { return 1.0; }, 0.8);
    BOOST_CHECK_THROW(fit_gronwall(data, "modulated_energy", options(0.0)), mfv::input_error);
    auto opt = options();
    opt.apriori_integral = {0.0, 1.0};
    BOOST_CHECK_THROW(fit_gronwall(data, "modulated_energy", opt), mfv::input_error);
    auto late = data;
    for (auto& d : late) {
        d.series.times.erase(d.series.times.begin());
        for (auto& m : d.series.members) m.erase(m.begin());
    }
    BOOST_CHECK_EXCEPTION(fit_gronwall(late, "modulated_energy", options()), mfv::input_error, [](const mfv::input_error& e) {
        return std::string(e.what()).find("t = 0") != std::string::npos;
    });
    auto twice = data;
    twice[1].N = twice[0].N;
    BOOST_CHECK_THROW(fit_gronwall(twice, "modulated_energy", options()), mfv::input_error);
}

BOOST_AUTO_TEST_CASE(fewer_than_three_N_is_inconclusive)
{
    auto data = exponential([](std::uint64_t) { return 1.0; }, 0.8);
    data.resize(2);
    const auto fit = fit_gronwall(data, "modulated_energy", options());
    BOOST_TEST(fit.outcome == gronwall_outcome::inconclusive);
    BOOST_TEST(!fit.slope.has_value());
}
