// Tests of the torus keys of a study (model.domain "torus"): what parses, the defaults it
// fills, every error naming the JSON path, the linear rate a decay harness compares with,
// and a small torus study run end to end through the runner.
#define BOOST_TEST_MODULE study_torus
#include <boost/test/unit_test.hpp>

#include <mfv/core/error.hpp>
#include <mfv/meanfield/linear_rate.hpp>
#include <mfv/study/fits.hpp>
#include <mfv/study/runner.hpp>
#include <mfv/study/study.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

namespace tt = boost::test_tools;
using nlohmann::json;
using namespace mfv;

namespace {

json torus_study() {
    return json::parse(R"({"name": "t", "model": {"d": 2, "s": 0.5, "theta": 0.0, "domain": "torus"},
        "initial": {"law": {"type": "fourier", "modes": [{"k": [1, 0], "amplitude": 0.05}]}, "sampling": "jittered_lattice"},
        "reference": {"type": "equilibrium"},
        "N": [128, 256, 512], "ensemble": {"members": 3, "seed": 5},
        "time": {"T": 0.05, "outputs": 6}, "integrator": {"method": "rk4", "dt": 1e-3},
        "interaction": {"method": "pme", "accuracy": 1e-9},
        "observables": ["modulated_energy", "mode_amplitude", "min_distance"],
        "harnesses": [{"type": "decay", "observable": "mode_amplitude", "predicted_rate": "linear", "bootstrap": 200}]})");
}

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

BOOST_AUTO_TEST_CASE(a_torus_study_parses_with_its_defaults)
{
    const auto st = study::parse_study(torus_study(), ".");
    BOOST_TEST(st.torus());
    BOOST_TEST(st.law.modes.size() == 1u);
    BOOST_TEST(st.normalised["initial"]["law"]["modes"][0]["phase"] == 0.0);
    BOOST_TEST(st.normalised["initial"]["correlation"] == "none");
    BOOST_TEST(st.integrator.method == "rk4");
    // MATH.md section 6: d = 1, s = 1/2, theta = 0.1, k = 1 gives lambda = 80.93075609; the
    // mode amplitude decays at lambda (8 digits are what MATH.md prints), F_N at 2 lambda.
    json f = torus_study();
    f["model"] = {{"d", 1}, {"s", 0.5}, {"theta", 0.1}, {"domain", "torus"}};
    f["initial"]["law"]["modes"][0]["k"] = {1};
    f["integrator"] = {{"dt", 1e-4}};
    BOOST_TEST(study::parse_study(f, ".").harnesses[0].predicted_rate == 80.93075609, tt::tolerance(1e-9));
    f["harnesses"][0]["observable"] = "modulated_energy";
    BOOST_TEST(study::parse_study(f, ".").harnesses[0].predicted_rate == 2 * 80.93075609, tt::tolerance(1e-9));
    // The torus default accuracy is 1e-10, the whole-space one 1e-12.
    json a = torus_study();
    a["interaction"].erase("accuracy");
    BOOST_TEST(study::parse_study(a, ".").interaction_accuracy == 1e-10);
}

BOOST_AUTO_TEST_CASE(linear_rate_formula_matches_math_md)
{
    // Coulomb: lambda = (theta/2)|2 pi k|^2 + c_d; 1D log: (theta/2)(2 pi k)^2 + 2 pi^2 |k|.
    const double pi = 3.14159265358979323846;
    BOOST_TEST(meanfield::linear_decay_rate(kernel::riesz_kernel(3, 1.0), "gradient", 0.2, {1, 1, 0}) ==
                   0.1 * 8 * pi * pi + 4 * pi, tt::tolerance(1e-13));
    BOOST_TEST(meanfield::linear_decay_rate(kernel::riesz_kernel(1, 0.0), "gradient", 0.0, {2}) == 4 * pi * pi,
               tt::tolerance(1e-13));
    BOOST_TEST(meanfield::linear_decay_rate(kernel::riesz_kernel(2, 0.0), "conservative", 0.5, {1, 0}) == pi * pi,
               tt::tolerance(1e-13));
}

BOOST_AUTO_TEST_CASE(torus_errors_name_the_field)
{
    const auto with = [](auto edit) {
        json j = torus_study();
        edit(j);
        return error_of(j);
    };
    BOOST_TEST(has(with([](json& j) { j["model"]["domain"] = "whole_space"; }), "/initial/law/type \"fourier\" is a law on the torus"));
    BOOST_TEST(has(with([](json& j) { j["initial"]["law"] = {{"type", "uniform_ball"}}; }), "whole-space law"));
    BOOST_TEST(has(with([](json& j) { j["interaction"]["method"] = "direct"; }), "/interaction/method \"direct\""));
    BOOST_TEST(has(with([](json& j) { j["initial"]["law"].erase("modes"); }), "/initial/law/modes is needed"));
    BOOST_TEST(has(with([](json& j) { j["initial"]["law"]["modes"][0]["amplitude"] = 1.0; }), "not positive"));
    BOOST_TEST(has(with([](json& j) { j["initial"]["law"]["modes"][0]["k"] = {1}; }), "/initial/law/modes/0/k must have d = 2"));
    BOOST_TEST(has(with([](json& j) { j["initial"]["law"]["modes"][0]["k"] = {0, 0}; }), "must not be 0"));
    BOOST_TEST(has(with([](json& j) { j["reference"]["type"] = "exact"; }), "use \"spectral\""));
    BOOST_TEST(has(with([](json& j) { j["observables"].push_back("second_moment"); }), "second_moment has no meaning"));
    BOOST_TEST(has(with([](json& j) { j["harnesses"][0]["statistic"] = "sup_abs"; }), "/harnesses/0/statistic applies to a \"rate\""));
    BOOST_TEST(has(with([](json& j) { j["harnesses"][0]["t_max"] = 1.0; }), "fit window"));
    BOOST_TEST(has(with([](json& j) { j["reference"]["grid"] = 64; }), "/reference/grid applies to the spectral"));
    BOOST_TEST(has(with([](json& j) { j["initial"]["law"]["radius"] = 1.0; }), "/initial/law/radius does not apply"));
    BOOST_TEST(has(with([](json& j) { j["initial"]["correlation"] = "mixture"; j["reference"]["type"] = "spectral"; }),
                   "/reference/type must be"));
    BOOST_TEST(has(with([](json& j) { j["harnesses"][0]["observable"] = "relative_entropy"; j["observables"].push_back("relative_entropy"); }),
                   "ensemble quantity"));
    // Whole-space studies refuse the periodic pieces.
    json w = json::parse(R"({"name": "w", "model": {"d": 3, "s": 1}, "initial": {"law": {"type": "uniform_ball"}}, "N": [20]})");
    w["interaction"] = {{"method", "pme"}};
    BOOST_TEST(has(error_of(w), "periodic evaluator"));
    w["interaction"] = {{"method", "auto"}};
    w["reference"] = {{"type", "spectral"}};
    BOOST_TEST(has(error_of(w), "torus reference"));
}

BOOST_AUTO_TEST_CASE(points_outside_the_torus_are_refused)
{
    const auto dir = std::filesystem::temp_directory_path() / "mfv_study_torus_test";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "p.csv") << "x,y\n0.1,0.2\n0.5,0.5\n1.25,0.3\n";
    json j = torus_study();
    j["initial"] = {{"law", {{"type", "uniform"}}}, {"sampling", "points"}, {"file", (dir / "p.csv").string()}};
    j["reference"] = {{"type", "exact"}};
    j["N"] = {3};
    j["harnesses"] = json::array();
    j["observables"] = {"modulated_energy"};
    const std::string e = error_of(j);
    BOOST_TEST(has(e, "line 4, column 1: 1.25 is outside the torus [0, 1)"), e);
}

BOOST_AUTO_TEST_CASE(a_small_torus_study_runs_and_its_mode_decays)
{
    // 2D Riesz s = 1/2 without noise, three N, three members, T = 0.05 (about 0.75 /
    // lambda_1, lambda_1 = c_{2,1/2} (2 pi)^(1/2) = 15.056, MATH.md 6): every member
    // finishes, and the mean mode amplitude starts at 0.05 (the jittered lattice pushed by
    // the Knothe-Rosenblatt map carries the mode up to the lattice's discreteness: 2% is far
    // above it) and falls by e^(-lambda T) = 0.471 within 3% (the nonlinear correction is
    // O(a^2) = 0.25%, the rk4 error at lambda dt = 0.015 is negligible, and the particles'
    // O(N^(s/d-1)) discreteness at N = 512 is about 1%). The explicit step is stable here:
    // the stiffest mode of the particle system decays at about c (pi sqrt(N))^(1/2) = 70.
    const auto st = study::parse_study(torus_study(), ".");
    const auto ens = study::run_ensembles(st, {1, false});
    BOOST_TEST(ens.size() == 3u);
    for (const auto& e : ens)
        for (const auto& m : e.members) BOOST_TEST(m.ok(), m.status);
    const auto& big = ens.back();
    double a0 = 0, aT = 0;
    for (const auto& m : big.members) {
        a0 += m.column("mode_amplitude")->front() / 3;
        aT += m.column("mode_amplitude")->back() / 3;
        const auto& f = *m.column("modulated_energy");
        const auto& p = *m.column("pair_term");
        // Against the uniform law h = 0 and the self term is 0: F_N is the pair term.
        BOOST_TEST(f.front() == p.front(), tt::tolerance(1e-14));
        BOOST_TEST(m.column("self_term")->front() == 0.0);
    }
    const double lambda = meanfield::linear_decay_rate(kernel::riesz_kernel(2, 0.5), "gradient", 0.0, {1, 0});
    BOOST_TEST(lambda == 15.0565, tt::tolerance(1e-4));
    BOOST_TEST(a0 == 0.05, tt::tolerance(0.02));
    BOOST_TEST(aT / a0 == std::exp(-lambda * 0.05), tt::tolerance(0.03));
    const auto fits = study::run_harnesses(st, ens);
    BOOST_TEST(fits.size() == 1u);
    BOOST_TEST(fits[0]["harness"] == "decay");
    BOOST_TEST(fits[0]["per_N"].size() == 3u);
}

BOOST_AUTO_TEST_CASE(an_explicit_step_that_cannot_resolve_the_particles_is_refused)
{
    // 1D Riesz s = 1/2 is stiff at the particle level: the lattice's shortest wave decays at
    // about 6.4 N^(3/2) (the sum over odd neighbours of (4/N)(s+1) r^(-s-2) at spacing 1/N),
    // 2.1e5 at N = 1024, so rk4 with dt = 1e-4 (h lambda = 21 > 2.785) must stop every member
    // with the stable step in the message (this check comes before the first-step one).
    json j = torus_study();
    j["model"] = {{"d", 1}, {"s", 0.5}, {"theta", 0.0}, {"domain", "torus"}};
    j["initial"]["law"]["modes"][0]["k"] = {1};
    j["N"] = {1024};
    j["ensemble"]["members"] = 2;
    j["time"] = {{"T", 1e-4}, {"outputs", 2}};
    j["integrator"] = {{"method", "rk4"}, {"dt", 1e-4}};
    j["harnesses"] = json::array();
    const auto ens = study::run_ensembles(study::parse_study(j, "."), {1, false});
    for (const auto& m : ens[0].members) {
        BOOST_TEST(!m.ok());
        BOOST_TEST(has(m.status, "is unstable"), m.status);
        BOOST_TEST(has(m.status, "use integrator.dt <="), m.status);
    }
    // With a step the lattice check accepts, a jittered-lattice start still has close pairs
    // whose first step (dt = 2e-5 at N = 256, h lambda = 0.07 for the lattice mode: a move of
    // about h (1/N) r^(-3/2) for the closest pair, r ~ 1e-5) jumps a particle past its
    // neighbours: refused too, naming the particle.
    j["N"] = {256};
    j["integrator"] = {{"method", "rk4"}, {"dt", 2e-5}};
    j["time"] = {{"T", 2e-5}, {"outputs", 2}};
    const auto ens2 = study::run_ensembles(study::parse_study(j, "."), {1, false});
    for (const auto& m : ens2[0].members) {
        BOOST_TEST(!m.ok());
        BOOST_TEST(has(m.status, "moves particle"), m.status);
    }
}
