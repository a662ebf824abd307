// Tests of the decay harness (harness/exponential_fit.hpp, decay_fit.hpp, decay_json.hpp).
//
// The independent truth is synthetic data from a known law: member m's series is
//   F_m(t_k) = A (1 + eta z_m) e^(-lambda t_k) + B + sigma w_mk,
// z_m, w_mk standard normals from counter-based streams of purpose `user` (independent of the
// harness's bootstrap streams); eta = sigma = 0 gives exact data. The ensemble mean then
// follows A e^(-lambda t) + B up to noise, and the member-level amplitude noise z_m makes the
// members' errors correlated in time, which only a bootstrap over whole members handles.
#define BOOST_TEST_MODULE harness_decay
#include <boost/test/unit_test.hpp>

#include <mfv/core/error.hpp>
#include <mfv/core/random_stream.hpp>
#include <mfv/harness/decay_fit.hpp>
#include <mfv/harness/decay_json.hpp>
#include <mfv/harness/exponential_fit.hpp>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

namespace tt = boost::test_tools;
using namespace mfv::harness;

namespace {

struct truth {
    double A = 1.0, lambda = 1.7, B = 0.1;
};

std::vector<double> grid(double t0, double t1, int k) {
    std::vector<double> t;
    for (int i = 0; i < k; ++i) t.push_back(t0 + (t1 - t0) * i / (k - 1));
    return t;
}

member_series synthetic(const truth& tr, std::size_t members, double eta, double sigma, std::uint64_t seed,
                        const std::vector<double>& times = grid(0.0, 2.0, 41)) {
    member_series s;
    s.times = times;
    std::vector<double> z(members), w(members * times.size());
    mfv::random_stream(seed, 0, 0, mfv::stream_purpose::user).normal(0, z);
    mfv::random_stream(seed, 0, 1, mfv::stream_purpose::user).normal(0, w);
    for (std::size_t m = 0; m < members; ++m) {
        std::vector<double> f;
        for (std::size_t k = 0; k < times.size(); ++k) {
            f.push_back(tr.A * (1 + eta * z[m]) * std::exp(-tr.lambda * times[k]) + tr.B +
                        sigma * w[m * times.size() + k]);
        }
        s.members.push_back(f);
    }
    return s;
}

decay_options options(std::optional<double> predicted, std::uint64_t seed = 1, std::size_t replicates = 1000) {
    decay_options o;
    o.observable = "mode_amplitude";
    o.predicted_rate = predicted;
    o.seed = seed;
    o.bootstrap_replicates = replicates;
    return o;
}

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

BOOST_AUTO_TEST_CASE(exact_data_are_fitted_exactly)
{
    // Zero residuals: the Gauss-Newton polish converges quadratically to the exact
    // parameters, so lambda, A and B agree with the law to 1e-10 (the brief's bound; measured:
    // 2e-16 at most), B free or fixed at 0, window from 0 or from 0.5 (A is reported at t = 0).
    for (bool offset : {true, false}) {
        for (double t0 : {0.0, 0.5}) {
            truth tr;
            tr.B = offset ? 0.1 : 0.0;
            decay_options o = options(tr.lambda);
            o.fit_offset = offset;
            o.t_begin = t0;
            const decay_fit f = fit_decay(synthetic(tr, 4, 0.0, 0.0, 1), o);
            BOOST_TEST_CONTEXT("offset " << offset << ", t0 = " << t0) {
                BOOST_TEST_REQUIRE(f.mean_fit.converged);
                BOOST_TEST_MESSAGE("exact data, offset " << offset << ", t0 = " << t0 << ": lambda error "
                                                         << f.mean_fit.rate - tr.lambda << ", A error " << f.amplitude - tr.A
                                                         << ", B error " << f.mean_fit.offset - tr.B);
                BOOST_TEST(std::abs(f.mean_fit.rate - tr.lambda) < 1e-10 * tr.lambda);
                BOOST_TEST(std::abs(f.amplitude - tr.A) < 1e-10);
                BOOST_TEST(std::abs(f.mean_fit.offset - tr.B) < 1e-10);
                BOOST_TEST(f.mean_fit.rms_residual < 1e-12);
                BOOST_TEST(f.times_used == (t0 == 0.0 ? 41u : 31u));
            }
        }
    }
    // The single-series fit on its own, over an uneven time grid.
    const std::vector<double> t = {0.0, 0.1, 0.15, 0.4, 0.9, 1.0, 2.5};
    std::vector<double> y;
    for (double s : t) y.push_back(-2.0 * std::exp(-0.3 * s) + 4.0);
    const exponential_fit e = fit_exponential(t, y, true, 1e-3, 1e3);
    BOOST_TEST(e.converged);
    BOOST_TEST(std::abs(e.rate - 0.3) < 1e-10 * 0.3);
    BOOST_TEST(std::abs(e.amplitude + 2.0) < 1e-10);
    BOOST_TEST(std::abs(e.offset - 4.0) < 1e-10);
}

BOOST_AUTO_TEST_CASE(interval_covers_the_true_rate_at_its_level)
{
    // 200 synthetic ensembles of M = 32 members (eta = 0.1, sigma = 0.05), each with its own
    // noise and bootstrap seed, 250 replicates (enough for the 2.5% and 97.5% percentiles:
    // the 6th and 244th order statistics): the fraction whose 95% interval of lambda holds
    // the true rate. A correct interval covers with probability about 0.95 (the percentile
    // bootstrap of M = 32 members runs ~1% short: its spread is that of the plug-in law, a
    // factor sqrt((M-1)/M) narrow, and normal rather than Student t); over 200 ensembles the
    // count is binomial with sd sqrt(0.95 * 0.05 / 200) = 0.015, so [0.90, 0.99] is -3.3 to +2.6
    // sd. Measured coverage: printed below.
    const truth tr;
    int covered = 0, consistent = 0;
    const int ensembles = 200;
    for (int e = 0; e < ensembles; ++e) {
        const decay_fit f = fit_decay(synthetic(tr, 32, 0.1, 0.05, 1000 + e), options(tr.lambda, e, 250));
        BOOST_TEST_REQUIRE(f.rate_ci.has_value());
        covered += f.rate_ci->contains(tr.lambda);
        consistent += f.outcome == decay_verdict::consistent;
    }
    const double coverage = double(covered) / ensembles;
    BOOST_TEST_MESSAGE("coverage of the 95% interval of lambda over " << ensembles << " ensembles: " << coverage);
    BOOST_TEST(coverage >= 0.90);
    BOOST_TEST(coverage <= 0.99);
    // The verdict reads the same interval (the width rule never triggers at this noise).
    BOOST_TEST(consistent == covered);
}

BOOST_AUTO_TEST_CASE(verdicts_follow_the_interval)
{
    // One ensemble of 32 members at the coverage test's noise: its interval (about +-6% of
    // lambda) holds the true rate and excludes rates 30% off on either side.
    const truth tr;
    const member_series s = synthetic(tr, 32, 0.1, 0.05, 7);
    const decay_fit ok = fit_decay(s, options(tr.lambda));
    BOOST_TEST(ok.outcome == decay_verdict::consistent, ok.reason);
    BOOST_TEST(mentions(ok.reason, "contains the predicted rate 1.7"), ok.reason);
    const decay_fit low = fit_decay(s, options(1.3 * tr.lambda));
    BOOST_TEST(low.outcome == decay_verdict::inconsistent, low.reason);
    BOOST_TEST(mentions(low.reason, "lies below the predicted rate"), low.reason);
    const decay_fit high = fit_decay(s, options(0.7 * tr.lambda));
    BOOST_TEST(high.outcome == decay_verdict::inconsistent);
    BOOST_TEST(mentions(high.reason, "lies above the predicted rate"), high.reason);
    const decay_fit none = fit_decay(s, options(std::nullopt));
    BOOST_TEST(none.outcome == decay_verdict::not_compared, none.reason);
    // Noise 20 times larger: the interval is wider than half of lambda.
    const decay_fit noisy = fit_decay(synthetic(tr, 8, 0.1, 1.0, 8), options(tr.lambda));
    BOOST_TEST(noisy.outcome == decay_verdict::inconclusive, noisy.reason);
}

BOOST_AUTO_TEST_CASE(bad_data_give_errors_or_inconclusive)
{
    const truth tr;
    // A NaN: that member is excluded, counted and named; the rest still fit.
    member_series s = synthetic(tr, 16, 0.1, 0.05, 9);
    s.members[3][10] = std::nan("");
    const decay_fit f = fit_decay(s, options(tr.lambda));
    BOOST_TEST(f.members_used == 15u);
    BOOST_TEST(f.members_excluded == 1u);
    BOOST_TEST(mentions(f.reason, "member 3 has the non-finite value nan at t = 0.5"), f.reason);
    BOOST_TEST(f.outcome != decay_verdict::inconclusive, f.reason);
    // A failed member (ok = false) with a cut series is excluded too.
    member_series cut = synthetic(tr, 4, 0.1, 0.05, 9);
    cut.members[1].resize(5);
    cut.ok = {true, false, true, true};
    BOOST_TEST(fit_decay(cut, options(tr.lambda)).members_excluded == 1u);
    // Every member non-finite, or a single member: inconclusive, with the reason.
    member_series all_nan = synthetic(tr, 3, 0.0, 0.0, 9);
    for (auto& m : all_nan.members) m[0] = INFINITY;
    const decay_fit g = fit_decay(all_nan, options(tr.lambda));
    BOOST_TEST(g.outcome == decay_verdict::inconclusive);
    BOOST_TEST(mentions(g.reason, "no usable member"), g.reason);
    const decay_fit one = fit_decay(synthetic(tr, 1, 0.0, 0.05, 9), options(tr.lambda));
    BOOST_TEST(one.outcome == decay_verdict::inconclusive);
    BOOST_TEST(mentions(one.reason, "only 1 usable member(s)"), one.reason);

    // Too few times in the window, malformed series, bad options: input errors.
    decay_options narrow = options(tr.lambda);
    narrow.t_begin = 1.9;
    BOOST_CHECK_THROW(fit_decay(synthetic(tr, 4, 0.1, 0.05, 9), narrow), mfv::input_error);
    try {
        fit_decay(synthetic(tr, 4, 0.1, 0.05, 9), narrow);
    } catch (const mfv::input_error& e) {
        BOOST_TEST(mentions(e.what(), "holds 3 output times; fitting A e^(-lambda t) + B needs at least 4"), e.what());
    }
    member_series unsorted = synthetic(tr, 4, 0.1, 0.05, 9);
    std::swap(unsorted.times[3], unsorted.times[4]);
    BOOST_CHECK_THROW(fit_decay(unsorted, options(tr.lambda)), mfv::input_error);
    member_series short_member = synthetic(tr, 4, 0.1, 0.05, 9);
    short_member.members[2].pop_back();
    BOOST_CHECK_THROW(fit_decay(short_member, options(tr.lambda)), mfv::input_error);
    BOOST_CHECK_THROW(fit_decay(synthetic(tr, 4, 0.1, 0.05, 9), options(tr.lambda, 1, 0)), mfv::input_error);

    // Non-decaying series: a straight rise (the best rate runs to the lower edge of the
    // search range) and pure noise about a constant (no amplitude resolved).
    member_series rising = synthetic(tr, 16, 0.0, 0.05, 10);
    for (auto& m : rising.members)
        for (std::size_t k = 0; k < m.size(); ++k) m[k] = 0.3 * rising.times[k] + (m[k] - tr.A * std::exp(-tr.lambda * rising.times[k]));
    const decay_fit r = fit_decay(rising, options(tr.lambda));
    BOOST_TEST(r.outcome == decay_verdict::inconclusive);
    BOOST_TEST(mentions(r.reason, "edge of the search range"), r.reason);
    const decay_fit flat = fit_decay(synthetic({0.0, 1.7, 0.1}, 16, 0.0, 0.05, 11), options(tr.lambda));
    BOOST_TEST(flat.outcome == decay_verdict::inconclusive, flat.reason);
}

BOOST_AUTO_TEST_CASE(json_report_has_every_key_and_no_null)
{
    const truth tr;
    const decay_fit f = fit_decay(synthetic(tr, 16, 0.1, 0.05, 12), options(tr.lambda));
    const nlohmann::json j = to_json(f);
    for (const char* key : {"harness", "observable", "model", "window", "members", "rate_search", "converged", "A",
                            "A_at_window_start", "lambda", "B", "rms_residual", "lambda_interval", "A_interval",
                            "B_interval", "bootstrap", "predicted_rate", "verdict", "reason"}) {
        BOOST_TEST(j.contains(key), key);
    }
    BOOST_TEST(j["harness"] == "decay");
    BOOST_TEST(j["verdict"] == "consistent");
    BOOST_TEST(j["lambda"].get<double>() == f.mean_fit.rate);
    std::vector<std::string> bad;
    collect_bad(j, "", bad);
    BOOST_TEST(bad.empty());
    // Without a prediction, B or convergence, those keys are left out rather than null.
    decay_options o = options(std::nullopt);
    o.fit_offset = false;
    const nlohmann::json k = to_json(fit_decay(synthetic({1.0, 1.7, 0.0}, 16, 0.1, 0.05, 13), o));
    BOOST_TEST(!k.contains("predicted_rate"));
    BOOST_TEST(!k.contains("B"));
    BOOST_TEST(k["verdict"] == "not_compared");
    member_series rising = synthetic(tr, 4, 0.0, 0.0, 14);
    for (auto& m : rising.members)
        for (std::size_t i = 0; i < m.size(); ++i) m[i] = rising.times[i];
    const nlohmann::json r = to_json(fit_decay(rising, options(tr.lambda)));
    BOOST_TEST(!r.contains("lambda"));
    bad.clear();
    collect_bad(r, "", bad);
    BOOST_TEST(bad.empty());
}
