// Tests of the study module: parsing, defaults, errors naming the JSON path, and the
// runner's independence of the thread count.
#define BOOST_TEST_MODULE study
#include <boost/test/unit_test.hpp>

#include <mfv/core/error.hpp>
#include <mfv/io/results.hpp>
#include <mfv/study/fits.hpp>
#include <mfv/study/runner.hpp>
#include <mfv/study/schema_check.hpp>
#include <mfv/study/study.hpp>

#include <omp.h>

#include <cmath>

namespace tt = boost::test_tools;
using nlohmann::json;
using namespace mfv;

namespace {

json minimal() {
    return json::parse(R"({"name": "t", "model": {"d": 3, "s": 1}, "initial": {"law": {"type": "uniform_ball"}},
                           "N": [20, 40]})");
}

// The message of the input_error that parsing `j` raises ("" if none).
std::string error_of(const json& j) {
    try {
        study::parse_study(j, ".");
    } catch (const input_error& e) {
        return e.what();
    }
    return "";
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_CASE(defaults_are_filled_and_echoed)
{
    const auto st = study::parse_study(minimal(), ".");
    const auto& j = st.normalised;
    BOOST_TEST(j["model"]["flow"] == "gradient");
    BOOST_TEST(j["model"]["theta"] == 0.0);
    BOOST_TEST(j["initial"]["sampling"] == "iid");
    BOOST_TEST(j["initial"]["law"]["radius"] == 1.0);
    BOOST_TEST(j["integrator"]["method"] == "dopri5");
    BOOST_TEST(j["interaction"]["method"] == "auto");
    BOOST_TEST(j["ensemble"]["members"] == 1);
    BOOST_TEST(st.output_times().size() == 11u);
    BOOST_TEST(st.output_times().back() == 1.0);
    // With noise the default integrator is Euler–Maruyama with a fixed step.
    json noisy = minimal();
    noisy["model"] = {{"d", 2}, {"s", 0}, {"flow", "conservative"}, {"theta", 0.1}};
    noisy["initial"]["law"] = {{"type", "gaussian"}};
    const auto sn = study::parse_study(noisy, ".");
    BOOST_TEST(sn.normalised["integrator"]["method"] == "euler_maruyama");
    BOOST_TEST(sn.integrator.dt == 1e-3);
}

BOOST_AUTO_TEST_CASE(errors_name_the_json_path)
{
    json j = minimal();
    j["model"]["foo"] = 1;
    BOOST_TEST(has(error_of(j), "/model/foo is not a known key"));
    j = minimal();
    j["model"]["s"] = 3.5;
    BOOST_TEST(has(error_of(j), "/model/s = 3.5 is outside [0, d) for d = 3"));
    j = minimal();
    j["model"]["s"] = -1;
    BOOST_TEST(has(error_of(j), "/model/s"));
    j = minimal();
    j["N"] = json::array();
    BOOST_TEST(has(error_of(j), "/N"));
    j = minimal();
    j["N"] = {20, 1};
    BOOST_TEST(has(error_of(j), "/N/1"));
    j = minimal();
    j["model"]["theta"] = -0.5;
    BOOST_TEST(has(error_of(j), "/model/theta"));
    j = minimal();
    j["model"]["d"] = "three";
    BOOST_TEST(has(error_of(j), "/model/d"));
    j = minimal();
    j["N"] = {40, 20};
    BOOST_TEST(has(error_of(j), "/N/1: the N list must increase"));
    j = minimal();
    j.erase("initial");
    BOOST_TEST(has(error_of(j), "initial"));
    j = minimal();
    j["model"]["s"] = 1.5;
    BOOST_TEST(has(error_of(j), "/reference/type"));
    j = minimal();
    j["initial"]["law"]["sigma"] = 1.0;
    BOOST_TEST(has(error_of(j), "/initial/law/sigma"));
    j = minimal();
    j["harnesses"] = json::array({{{"type", "rate"}, {"observable", "hamiltonian"}}});
    BOOST_TEST(has(error_of(j), "/harnesses/0/observable"));
    j = minimal();
    j["model"]["flow"] = "conservative";
    BOOST_TEST(has(error_of(j), "/model/flow"));
    j = minimal();
    j["initial"]["sampling"] = "points";
    BOOST_TEST(has(error_of(j), "/initial/file"));
    BOOST_TEST(error_of(minimal()).empty());
}

BOOST_AUTO_TEST_CASE(runner_results_do_not_depend_on_thread_count)
{
    // The same study with 1 and 2 threads: every number of every member identical, bit for
    // bit (counter-based streams, fixed summation order). With noise, to cover the
    // Euler–Maruyama path too.
    json j = minimal();
    j["N"] = {30, 60};
    j["ensemble"] = {{"members", 3}, {"seed", 9}};
    j["time"] = {{"T", 0.2}, {"outputs", 3}};
    j["observables"] = {"modulated_energy", "min_distance", "second_moment", "hamiltonian"};
    json noisy = j;
    noisy["model"] = {{"d", 2}, {"s", 0}, {"flow", "conservative"}, {"theta", 0.2}};
    noisy["initial"]["law"] = {{"type", "gaussian"}, {"sigma", 0.5}};
    noisy["integrator"] = {{"dt", 0.01}};
    for (const json& spec : {j, noisy}) {
        const auto st = study::parse_study(spec, ".");
        const auto one = study::run_ensembles(st, {1, false});
        const auto two = study::run_ensembles(st, {2, false});
        BOOST_TEST_REQUIRE(one.size() == two.size());
        for (std::size_t k = 0; k < one.size(); ++k) {
            BOOST_TEST(io::ensemble_json(one[k]).dump() == io::ensemble_json(two[k]).dump());
            for (const auto& m : one[k].members) BOOST_TEST(m.status == "ok");
        }
    }
}

BOOST_AUTO_TEST_CASE(a_failing_member_is_reported_and_the_others_go_on)
{
    // min_separation larger than the typical spacing: every member stops at t = 0 with an
    // error naming N, member, time and the two particles.
    json j = minimal();
    j["integrator"] = {{"min_separation", 10.0}};
    const auto st = study::parse_study(j, ".");
    const auto r = study::run_ensembles(st, {1, false});
    for (const auto& e : r) {
        for (const auto& m : e.members) {
            BOOST_TEST(!m.ok());
            BOOST_TEST(has(m.status, "N = " + std::to_string(e.N) + ", member 0: t = 0: particles"));
        }
    }
    // The results file says so without null.
    const auto res = io::results_json(st, r, {}, {});
    BOOST_TEST(res["ensembles"][0]["summary"]["members_failed"] == 1);
    BOOST_TEST(!res["ensembles"][0]["summary"].contains("observables"));
}

BOOST_AUTO_TEST_CASE(results_follow_their_schema_and_have_no_null)
{
    json j = minimal();
    j["ensemble"] = {{"members", 2}};
    j["time"] = {{"T", 0.1}, {"outputs", 2}};
    const auto st = study::parse_study(j, ".");
    const auto r = study::run_ensembles(st, {0, false});
    const auto res = io::results_json(st, r, {}, {2, 1.0, "test"});
    BOOST_CHECK_NO_THROW(study::check_against_schema(res, io::results_schema_text()));
    json bad = res;
    bad["ensembles"][0]["members"][0]["t"][0] = nullptr;
    BOOST_CHECK_THROW(io::check_no_null(bad), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(time_zero_studies_measure_the_start)
{
    // T = 0: one output, F_N(0) of the sampled configuration; outputs > 1 is an error.
    json j = minimal();
    j["time"] = {{"T", 0.0}};
    const auto st = study::parse_study(j, ".");
    BOOST_TEST(st.outputs == 1u);
    const auto r = study::run_ensembles(st, {1, false});
    BOOST_TEST(r[0].members[0].ok(), r[0].members[0].status);
    BOOST_TEST(r[0].members[0].t.size() == 1u);
    BOOST_TEST(std::isfinite(r[0].members[0].column("modulated_energy")->at(0)));
    j["time"]["outputs"] = 5;
    BOOST_TEST(has(error_of(j), "/time/outputs = 5 must be 1 when T = 0"));
}

BOOST_AUTO_TEST_CASE(settings_that_would_have_no_effect_are_rejected)
{
    json j = minimal();
    j["integrator"] = {{"dt", 0.01}};
    BOOST_TEST(has(error_of(j), "/integrator/dt applies to the fixed-step methods"));
    j["integrator"] = {{"method", "rk4"}, {"rtol", 1e-6}};
    BOOST_TEST(has(error_of(j), "/integrator/rtol applies to \"dopri5\""));
    j = minimal();
    j["harnesses"] = json::array({{{"type", "rate"}}});
    BOOST_TEST(has(error_of(j), "/ensemble/members = 1"));
    // The echoed study holds only what the method uses.
    j = minimal();
    j["integrator"] = {{"method", "rk4"}};
    const auto st = study::parse_study(j, ".");
    BOOST_TEST(!st.normalised["integrator"].contains("rtol"));
    BOOST_TEST(st.normalised["integrator"]["dt"] == 1e-3);
}

BOOST_AUTO_TEST_CASE(error_budget_with_noise_follows_the_same_brownian_path)
{
    // The budget's re-run halves every step on the same Brownian path (additive_noise), so
    // F_N(T) moves by the discretisation error (O(dt)), far less than between two members
    // with independent noise. With a fresh noise sample for the re-run (the defect this
    // guards against) the two changes would be of the same size.
    json j = minimal();
    j["model"] = {{"d", 2}, {"s", 0}, {"flow", "conservative"}, {"theta", 0.1}};
    j["initial"]["law"] = {{"type", "gaussian"}, {"sigma", 0.5}};
    j["N"] = {200};
    j["time"] = {{"T", 0.5}, {"outputs", 2}};
    j["integrator"] = {{"dt", 0.01}};
    const auto st = study::parse_study(j, ".");
    const auto a = study::run_member(st, 200, 0), b = study::run_member(st, 200, 1);
    const auto fine = study::run_member(study::tightened(st), 200, 0);
    BOOST_TEST_REQUIRE((a.ok() && b.ok() && fine.ok()));
    const double fa = a.column("modulated_energy")->back(), fb = b.column("modulated_energy")->back();
    const double ff = fine.column("modulated_energy")->back();
    BOOST_TEST_MESSAGE("F_N(T): member 0 " << fa << ", halved step " << ff << ", member 1 " << fb);
    BOOST_TEST(std::abs(ff - fa) < 0.1 * std::abs(fb - fa));
}

BOOST_AUTO_TEST_CASE(tree_interaction_settings)
{
    // "tree" is a whole-space evaluator; its accuracy range; and the adaptive stepper's
    // relative tolerance must stay >= 100 x its accuracy (interaction/tree.hpp).
    json j = minimal();
    j["interaction"] = {{"method", "tree"}, {"accuracy", 1e-6}};
    j["integrator"] = {{"method", "dopri5"}, {"rtol", 1e-4}, {"atol", 1e-6}};
    BOOST_TEST(error_of(j).empty());
    j["integrator"]["rtol"] = 1e-5;
    const auto e = error_of(j);
    BOOST_TEST(has(e, "/integrator/rtol = 1e-05 is tighter than 100 times /interaction/accuracy = 1e-06"), e);
    BOOST_TEST(has(e, "rtol >= 0.0001"), e);
    j["integrator"]["rtol"] = 1e-4;
    j["interaction"]["accuracy"] = 1e-14;
    BOOST_TEST(has(error_of(j), "/interaction/accuracy = 1e-14 is outside what the tree evaluator offers"));
    // Fixed-step methods have no tolerance to chase the evaluator's error.
    j = minimal();
    j["interaction"] = {{"method", "tree"}, {"accuracy", 1e-6}};
    j["integrator"] = {{"method", "rk4"}, {"dt", 1e-3}};
    BOOST_TEST(error_of(j).empty());
    // "auto" follows the same rule only when it would pick the tree (N above the crossover).
    j = minimal();
    j["interaction"] = {{"method", "auto"}, {"accuracy", 1e-6}};
    j["integrator"] = {{"method", "dopri5"}, {"rtol", 1e-8}};
    BOOST_TEST(error_of(j).empty());
    j["N"] = {20, 100000};
    BOOST_TEST(has(error_of(j), "/integrator/rtol"));
    // results.json says which evaluator ran at each N.
    const auto small = study::parse_study(minimal(), ".");
    const auto records = study::run_ensembles(small, {1, false});
    for (const auto& e : records) {
        BOOST_TEST(e.interaction == "direct");
        BOOST_TEST(e.interaction_parameters.find("all pairs") == 0u);
    }
    // On the torus the tree is not available.
    j = json::parse(R"({"name": "t", "model": {"d": 2, "s": 0, "domain": "torus"}, "initial": {"law": {"type": "uniform"}},
                        "N": [20, 40], "interaction": {"method": "tree"}})");
    BOOST_TEST(has(error_of(j), "/interaction/method \"tree\" sums the whole-space kernel"));
}

// The harnesses of issue 6 read from a study: the commutator observable and its harness, the
// Gronwall harness and the sharpness probe run, and the studies they cannot serve are refused
// with the field named.
BOOST_AUTO_TEST_CASE(commutator_gronwall_and_sharpness_harnesses)
{
    json j = json::parse(R"({"name": "c", "model": {"d": 3, "s": 1}, "initial": {"law": {"type": "uniform_ball"}},
        "N": [64, 128, 256], "ensemble": {"members": 2, "seed": 3}, "time": {"T": 0.1, "outputs": 3},
        "observables": ["modulated_energy", "commutator"],
        "harnesses": [{"type": "gronwall", "C1": 0.5}, {"type": "commutator"},
                      {"type": "sharpness", "iterations": 30, "bootstrap": 200}]})");
    const auto st = study::parse_study(j, ".");
    const auto ens = study::run_ensembles(st, {1, false});
    const auto fits = study::run_harnesses(st, ens);
    BOOST_TEST_REQUIRE(fits.size() == 3u);
    BOOST_TEST(fits[0]["harness"] == "gronwall");
    BOOST_TEST(fits[0]["C1"] == 0.5);
    BOOST_TEST(fits[0]["C1_source"] == "study");
    BOOST_TEST(fits[1]["harness"] == "commutator");
    for (const auto& g : fits[1]["per_N"]) {
        const double ratio = g["max_sup_ratio"];
        BOOST_TEST(ratio > 0.0);
    }
    BOOST_TEST(fits[2]["harness"] == "sharpness");
    for (const auto& g : fits[2]["per_N"]) {
        // The ascent only accepts improvements.
        for (const auto& r : g["runs"]) {
            const double best = r["best_ratio"], start = r["start_ratio"];
            BOOST_TEST(best >= start);
        }
    }
    // Every fit validates against the results schema.
    json results = json::object();
    results["schema"] = "mfv.results/1";
    results["study"] = st.normalised;
    results["provenance"] = {{"mfv_version", "x"}, {"git_commit", "x"}, {"compiler", "x"}, {"threads", 1},
                             {"wall_seconds", 0.0}, {"host", "x"}, {"date", "x"}};
    results["ensembles"] = json::array();
    results["fits"] = fits;
    BOOST_CHECK_NO_THROW(study::check_against_schema(results, io::results_schema_text()));

    // Refusals: the commutator on the torus, with noise, without its observable; C on a rate harness.
    json t = j;
    t["model"]["theta"] = 0.1;
    t["integrator"] = {{"method", "euler_maruyama"}, {"dt", 1e-3}};
    BOOST_TEST(has(error_of(t), "with noise"));
    t = j;
    t["observables"] = {"modulated_energy"};
    t["harnesses"] = {{{"type", "commutator"}}};
    BOOST_TEST(has(error_of(t), "needs \"commutator\" among /observables"));
    t = j;
    t["harnesses"] = {{{"type", "rate"}, {"C", 1.0}}};
    BOOST_TEST(has(error_of(t), "/harnesses/0/C applies to a \"commutator\" or \"sharpness\" harness"));
}
