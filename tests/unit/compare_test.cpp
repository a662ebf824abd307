// Tests of the regression comparison (io/compare.hpp) on a real results file, the shipped
// quickstart baseline: a file compared with itself passes; every deliberate perturbation
// (an exponent outside the two intervals, a verdict, a summary statistic beyond the
// relative tolerance, a missing key, a null, a shorter array, another study) fails and is
// named; the baseline's tolerances are honoured; --update-baseline keeps them and records why.
#define BOOST_TEST_MODULE compare
#include <boost/test/unit_test.hpp>

#include <mfv/io/compare.hpp>

#include <fstream>

using nlohmann::json;
using namespace mfv;

namespace {

const json& baseline() {
    static const json j = [] {
        std::ifstream in(std::string(MFV_SOURCE_DIR) + "/reference/baselines/quickstart.json");
        return json::parse(in);
    }();
    return j;
}

// The paths that moved.
std::vector<std::string> moved(const json& result, const json& base = baseline()) {
    std::vector<std::string> out;
    for (const auto& r : io::compare_results(result, base).rows)
        if (!r.ok) out.push_back(r.path);
    return out;
}

bool names(const std::vector<std::string>& paths, const std::string& p) {
    return std::find(paths.begin(), paths.end(), p) != paths.end();
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_results_file_matches_itself)
{
    const auto c = io::compare_results(baseline(), baseline());
    BOOST_TEST(c.moved() == 0u);
    // Everything that should be compared was: the study, the fit's exponent and verdict,
    // every summary of every N.
    BOOST_TEST(c.rows.size() > 100u);
    // Provenance is not compared: another machine, date and thread count still match.
    json other = baseline();
    other["provenance"]["host"] = "elsewhere";
    other["provenance"]["threads"] = 64;
    BOOST_TEST(moved(other).empty());
}

BOOST_AUTO_TEST_CASE(deliberate_perturbations_fail_and_are_named)
{
    const json& fit = baseline()["fits"][0];
    const double hi = fit["interval"][1];
    {
        // An exponent moved out of the baseline's interval, its own interval moved with it
        // (so that it no longer holds the baseline's exponent either).
        json r = baseline();
        r["fits"][0]["exponent"] = hi + 0.05;
        r["fits"][0]["interval"] = {hi + 0.01, hi + 0.09};
        const auto m = moved(r);
        BOOST_TEST(names(m, "/fits/0/exponent"));
        BOOST_TEST(names(m, "/fits/0/interval"));  // disjoint intervals
    }
    {
        // Moved, but within the baseline's interval, with an interval that overlaps it: a
        // statistically insignificant change of the estimate passes.
        json r = baseline();
        const double lo = fit["interval"][0];
        r["fits"][0]["exponent"] = hi - 0.1 * (hi - lo);
        r["fits"][0]["interval"] = {lo + 0.2 * (hi - lo), hi + 0.2 * (hi - lo)};
        BOOST_TEST(!names(moved(r), "/fits/0/exponent"));
    }
    {
        json r = baseline();
        r["fits"][0]["verdict"] = "violated";
        BOOST_TEST(names(moved(r), "/fits/0/verdict"));
    }
    {
        // A summary statistic moved by 1e-5 relative (the tolerance is 1e-6).
        json r = baseline();
        auto& v = r["ensembles"][2]["summary"]["statistics"]["modulated_energy"]["sup_abs"]["mean"];
        v = v.get<double>() * (1 + 1e-5);
        BOOST_TEST(names(moved(r), "/ensembles/2/summary/statistics/modulated_energy/sup_abs/mean"));
        // ... and by 1e-9: within.
        json s = baseline();
        auto& w = s["ensembles"][2]["summary"]["statistics"]["modulated_energy"]["sup_abs"]["mean"];
        w = w.get<double>() * (1 + 1e-9);
        BOOST_TEST(moved(s).empty());
    }
    {
        // One entry of a time series of means.
        json r = baseline();
        auto& v = r["ensembles"][0]["summary"]["observables"]["modulated_energy"]["mean"][3];
        v = v.get<double>() * 1.01;
        const auto m = moved(r);
        BOOST_TEST_REQUIRE(m.size() == 1u);
        BOOST_TEST(m[0] == "/ensembles/0/summary/observables/modulated_energy/mean/3");
    }
    {
        // Missing on one side, either side.
        json r = baseline();
        r["fits"][0].erase("prefactor");
        BOOST_TEST(names(moved(r), "/fits/0/prefactor"));
        BOOST_TEST(names(moved(baseline(), r), "/fits/0/prefactor"));
    }
    {
        // A null where a number was; an array cut short.
        json r = baseline();
        r["fits"][0]["prefactor"] = nullptr;
        BOOST_TEST(names(moved(r), "/fits/0/prefactor"));
        json s = baseline();
        s["ensembles"][1]["summary"]["t"].erase(0);
        BOOST_TEST(names(moved(s), "/ensembles/1/summary/t"));
    }
    {
        // Another study: not a regression check.
        json r = baseline();
        r["study"]["ensemble"]["seed"] = 1;
        BOOST_TEST(names(moved(r), "/study"));
    }
    {
        // A wrong schema is refused outright.
        json r = baseline();
        r["schema"] = "something/2";
        BOOST_CHECK_THROW(io::compare_results(r, baseline()), std::runtime_error);
    }
}

BOOST_AUTO_TEST_CASE(the_baselines_tolerances_are_honoured)
{
    json r = baseline();
    auto& v = r["ensembles"][2]["summary"]["statistics"]["modulated_energy"]["sup_abs"]["mean"];
    v = v.get<double>() * (1 + 1e-5);
    r["fits"][0]["exponent"] = r["fits"][0]["exponent"].get<double>() + 0.2;
    json b = baseline();
    b["tolerances"] = {{"relative", 1e-4}, {"estimate", 0.25}};
    BOOST_TEST(moved(r, b).empty());
    b["tolerances"] = {{"relative", 1e-4}, {"estimate", 0.1}};
    BOOST_TEST(moved(r, b) == std::vector<std::string>{"/fits/0/exponent"});
    b["tolerances"] = {{"relative", 1e-4}, {"ignore", {"/fits/0/exponent"}}};
    BOOST_TEST(moved(r, b).empty());
    b["tolerances"] = {{"relative", "big"}};
    BOOST_CHECK_THROW(moved(r, b), std::runtime_error);
    b["tolerances"] = {{"relativ", 1e-3}};
    BOOST_CHECK_EXCEPTION(moved(r, b), std::runtime_error,
                          [](const std::runtime_error& e) { return std::string(e.what()).find("relativ") != std::string::npos; });
}

BOOST_AUTO_TEST_CASE(an_updated_baseline_keeps_its_tolerances_and_says_why)
{
    json r = baseline();
    r["fits"][0]["verdict"] = "consistent";
    json b = baseline();
    b["tolerances"] = {{"relative", 1e-5}};
    b["why"] = "made at issue 3";
    const auto c = io::compare_results(r, b);
    const json u = io::updated_baseline(r, b, c, "the verdict rule changed");
    BOOST_TEST(u["tolerances"] == b["tolerances"]);
    BOOST_TEST_REQUIRE(u["why"].size() == 2u);
    BOOST_TEST(u["why"][0] == "made at issue 3");
    BOOST_TEST(u["why"][1]["reason"] == "the verdict rule changed");
    BOOST_TEST(u["why"][1]["moved"] == json::array({"/fits/0/verdict"}));
    BOOST_TEST(io::compare_results(r, u).moved() == 0u);
}
