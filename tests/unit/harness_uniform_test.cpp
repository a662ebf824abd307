// Tests of the uniform-in-time harness (harness/uniform_in_time.hpp, uniform_in_time_json.hpp).
//
// The independent truth is synthetic data with a known shape in t and a known law in N:
//   F_m(t) = C N^(-1/2) [ shape(t) (1 + eta z_m) + sigma w_mk ],
// z_m, w_mk standard normals from counter-based streams of purpose `user` (independent of the
// harness's bootstrap streams), on the output times 0, 0.05, ..., 4 (the default horizons are
// then T = 1, 2, 3, 4). A bounded shape (1 - e^(-8t)) must read "uniform", a linear one (t)
// "growing".
#define BOOST_TEST_MODULE harness_uniform
#include <boost/test/unit_test.hpp>

#include <mfv/core/error.hpp>
#include <mfv/core/random_stream.hpp>
#include <mfv/harness/uniform_in_time.hpp>
#include <mfv/harness/uniform_in_time_json.hpp>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

namespace tt = boost::test_tools;
using namespace mfv::harness;

namespace {

const std::vector<std::uint64_t> ns = {256, 512, 1024, 2048, 4096};

std::vector<double> output_times() {
    std::vector<double> t;
    for (int k = 0; k <= 80; ++k) t.push_back(0.05 * k);
    return t;
}

using shape_fn = std::function<double(std::uint64_t, double)>;

std::vector<series_at_n> synthetic(const shape_fn& shape, std::size_t members, double eta, double sigma,
                                   std::uint64_t seed) {
    const std::vector<double> t = output_times();
    std::vector<series_at_n> data;
    for (std::uint64_t n : ns) {
        std::vector<double> z(members), w(members * t.size());
        mfv::random_stream(seed, n, 0, mfv::stream_purpose::user).normal(0, z);
        mfv::random_stream(seed, n, 1, mfv::stream_purpose::user).normal(0, w);
        series_at_n d{n, {t, {}, {}}};
        const double scale = 0.8 / std::sqrt(double(n));
        for (std::size_t m = 0; m < members; ++m) {
            std::vector<double> f;
            for (std::size_t k = 0; k < t.size(); ++k)
                f.push_back(scale * (shape(n, t[k]) * (1 + eta * z[m]) + sigma * w[m * t.size() + k]));
            d.series.members.push_back(f);
        }
        data.push_back(d);
    }
    return data;
}

uniform_options options() {
    uniform_options o;
    o.rate.observable = "modulated_energy";
    o.rate.theory_exponent = -0.5;
    o.rate.bootstrap_replicates = 500;
    o.rate.seed = 3;
    return o;
}

const shape_fn bounded = [](std::uint64_t, double t) { return 1 - std::exp(-8 * t); };
const shape_fn linear = [](std::uint64_t, double t) { return t; };

bool mentions(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

void collect_bad(const nlohmann::json& j, const std::string& path, std::vector<std::string>& bad) {
    if (j.is_null()) bad.push_back(path);
    if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) collect_bad(it.value(), path + "/" + it.key(), bad);
    }
    if (j.is_array()) {
        for (std::size_t k = 0; k < j.size(); ++k) collect_bad(j[k], path + "/" + std::to_string(k), bad);
    }
}

}  // namespace

BOOST_AUTO_TEST_CASE(default_horizons_are_quarters_of_the_run)
{
    // The last output time at or before t0 + f (t1 - t0), f = 1/4, 1/2, 3/4, 1; duplicates
    // dropped. Hand values.
    BOOST_TEST(default_horizons(output_times()) == (std::vector<double>{1.0, 2.0, 3.0, 4.0}), tt::per_element());
    BOOST_TEST(default_horizons({0.0, 0.3, 0.7, 1.0}) == (std::vector<double>{0.0, 0.3, 0.7, 1.0}), tt::per_element());
    BOOST_TEST(default_horizons({0.0, 1.0}) == (std::vector<double>{0.0, 1.0}), tt::per_element());
    BOOST_TEST(default_horizons({0.5, 0.6, 0.7, 0.8, 0.9}) == (std::vector<double>{0.6, 0.7, 0.8, 0.9}),
               tt::per_element());
}

BOOST_AUTO_TEST_CASE(bounded_series_are_uniform)
{
    // A bounded shape with 10% member amplitude noise and 5% white noise: sup_{t <= T} grows
    // only through the extremes of the white noise (E max of K normals: 1.9 sd at K = 20,
    // 2.4 at K = 80, so ~2% of the sup between T = 3 and 4), far below the factor 1.1.
    const uniform_in_time r = check_uniform_in_time(synthetic(bounded, 24, 0.1, 0.05, 1), options());
    BOOST_TEST(r.outcome == uniformity::uniform, r.reason);
    BOOST_TEST(mentions(r.reason, "T = 3 to 4"), r.reason);
    BOOST_TEST_REQUIRE(r.horizons.size() == 4u);
    for (const growth_at_n& g : r.per_N) {
        BOOST_TEST(g.complete);
        BOOST_TEST(g.saturated);
        BOOST_TEST(!g.growing);
        BOOST_TEST(g.ratios.back() < 1.05);
    }
    // The rate in N at every horizon: the law is exactly C N^(-1/2) up to member noise, so the
    // theory exponent -1/2 is attained.
    for (const horizon_fit& h : r.horizons) {
        BOOST_TEST_REQUIRE(h.fit.fit.has_value());
        BOOST_TEST_MESSAGE("T = " << h.horizon << ": exponent " << h.fit.fit->exponent << " in [" << h.fit.fit->ci.lo
                                  << ", " << h.fit.fit->ci.hi << "]");
        BOOST_TEST(h.fit.fit->ci.contains(-0.5));
        BOOST_TEST(h.fit.statistic == "sup_abs");
    }
}

BOOST_AUTO_TEST_CASE(linearly_growing_series_are_growing)
{
    // sup_{t <= T} of C t is C T: ratios 2, 1.5, 4/3 between the default horizons, each far
    // above the factor 1.1 and the intervals (10% member noise over 24 members: +-4%).
    const uniform_in_time r = check_uniform_in_time(synthetic(linear, 24, 0.1, 0.05, 2), options());
    BOOST_TEST(r.outcome == uniformity::growing, r.reason);
    for (const growth_at_n& g : r.per_N) {
        BOOST_TEST(g.growing);
        BOOST_TEST(!g.saturated);
        BOOST_TEST_REQUIRE(g.ratios.size() == 3u);
        BOOST_TEST(g.ratios[0] == 2.0, tt::tolerance(0.05));
        BOOST_TEST(g.ratios[2] == 4.0 / 3.0, tt::tolerance(0.05));
    }
}

BOOST_AUTO_TEST_CASE(growth_at_some_n_only_is_inconclusive)
{
    // Bounded at N <= 1024, a linear drift on top at N >= 2048: neither reading holds at every
    // N, and the reason names the N that still grow.
    const shape_fn mixed = [](std::uint64_t n, double t) { return 1 - std::exp(-8 * t) + (n >= 2048 ? 0.5 * t : 0.0); };
    const uniform_in_time r = check_uniform_in_time(synthetic(mixed, 24, 0.1, 0.05, 3), options());
    BOOST_TEST(r.outcome == uniformity::inconclusive, r.reason);
    BOOST_TEST(mentions(r.reason, "at N = 2048, 4096"), r.reason);
}

BOOST_AUTO_TEST_CASE(failed_members_and_explicit_horizons)
{
    // A failed member is left to the rate harness (excluded and counted); explicit horizons
    // are used as given.
    auto data = synthetic(bounded, 24, 0.1, 0.05, 4);
    data[1].series.ok.assign(24, true);
    data[1].series.ok[5] = false;
    data[1].series.members[5].resize(3);
    uniform_options o = options();
    o.horizons = {1.0, 4.0};
    const uniform_in_time r = check_uniform_in_time(data, o);
    BOOST_TEST_REQUIRE(r.horizons.size() == 2u);
    BOOST_TEST(r.horizons[0].horizon == 1.0);
    BOOST_TEST(r.horizons[0].fit.per_N[1].members_failed == 1u);
    BOOST_TEST(r.outcome == uniformity::uniform, r.reason);
    // A member with a NaN: that N has no estimate, is left out of the verdict and named.
    data[2].series.members[0][40] = std::nan("");
    const uniform_in_time s = check_uniform_in_time(data, o);
    BOOST_TEST(!s.per_N[2].complete);
    BOOST_TEST(mentions(s.reason, "N = 1024 left out"), s.reason);
}

BOOST_AUTO_TEST_CASE(bad_input_is_an_error)
{
    auto data = synthetic(bounded, 4, 0.1, 0.05, 5);
    auto twice = data;
    twice[1].N = twice[0].N;
    BOOST_CHECK_THROW(check_uniform_in_time(twice, options()), mfv::input_error);
    uniform_options o = options();
    o.horizons = {2.0, 1.0};
    BOOST_CHECK_THROW(check_uniform_in_time(data, o), mfv::input_error);
    o.horizons = {3.0};
    BOOST_CHECK_THROW(check_uniform_in_time(data, o), mfv::input_error);
    o.horizons = {-1.0, 3.0};
    BOOST_CHECK_THROW(check_uniform_in_time(data, o), mfv::input_error);
    o = options();
    o.max_growth_factor = 0.9;
    BOOST_CHECK_THROW(check_uniform_in_time(data, o), mfv::input_error);
    auto one_time = data;
    for (auto& d : one_time) {
        d.series.times = {0.0};
        for (auto& m : d.series.members) m.resize(1);
    }
    try {
        check_uniform_in_time(one_time, options());
        BOOST_FAIL("a single output time accepted");
    } catch (const mfv::input_error& e) {
        BOOST_TEST(mentions(e.what(), "1 horizon(s)"), e.what());
    }
    BOOST_CHECK_THROW(check_uniform_in_time({}, options()), mfv::input_error);
}

BOOST_AUTO_TEST_CASE(json_report_has_every_key_and_no_null)
{
    const uniform_in_time r = check_uniform_in_time(synthetic(linear, 8, 0.1, 0.05, 6), options());
    const nlohmann::json j = to_json(r);
    for (const char* key : {"harness", "observable", "statistic", "max_growth_factor", "horizons", "per_N", "verdict",
                            "reason"}) {
        BOOST_TEST(j.contains(key), key);
    }
    BOOST_TEST(j["harness"] == "uniform_in_time");
    BOOST_TEST(j["verdict"] == "growing");
    BOOST_TEST(j["horizons"].size() == 4u);
    BOOST_TEST(j["horizons"][0]["rate"]["harness"] == "rate");
    BOOST_TEST(j["per_N"][0]["mean"].size() == 4u);
    BOOST_TEST(j["per_N"][0]["growth_ratios"].size() == 3u);
    std::vector<std::string> bad;
    collect_bad(j, "", bad);
    BOOST_TEST(bad.empty());
}
