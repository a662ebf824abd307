// End-to-end test of `mfv gibbs` (reference/gibbs.md 7): the shipped study
// studies/gibbs-torus1d-log.json at one N, its JSON keys, and (1/N) log K against Morris'
// closed form for the circular ensemble, computed here independently of the program;
// bad input gives a non-zero exit and a message naming the field.
#define BOOST_TEST_MODULE gibbs_cli
#include <boost/test/unit_test.hpp>

#include "process_helpers.hpp"

#include <boost/math/special_functions/gamma.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// `mfv <args>`, in a scratch directory of this process.
mfv::test::mfv_outcome run_mfv(const std::string& args) {
    static const fs::path dir = mfv::test::fresh_dir("mfv-gibbs-cli-", "test");
    return mfv::test::run_mfv_in(dir, args);
}

const std::string study = std::string(MFV_SOURCE_DIR) + "/studies/gibbs-torus1d-log.json";

}  // namespace

BOOST_AUTO_TEST_CASE(one_N_prints_the_keys_and_agrees_with_morris)
{
    // N = 8, theta = 1 (beta_D = 1/4): (1/8) log K = (1/8) log Gamma(2) - log Gamma(1 + 1/8)
    // (reference/gibbs.md 6). Agreement within 4 reported standard errors: a false-failure
    // rate of 6e-5 for a normal error; the ladder's rule error (printed) is far below it.
    const auto r = run_mfv("gibbs --study " + study + " --N 8 --samples 5000");
    BOOST_TEST_REQUIRE(r.status == 0, r.err);
    const json j = json::parse(r.out);
    for (const char* key : {"N", "theta", "log_K_over_N", "stderr", "mean_F_N", "ess", "acceptance_rate", "tau_int",
                            "exact_log_K_over_N", "quadrature_error", "ladder"})
        BOOST_TEST(j.contains(key), key);
    BOOST_TEST(j["N"].get<int>() == 8);
    BOOST_TEST(j["theta"].get<double>() == 1.0);
    const double exact = boost::math::lgamma(2.0) / 8.0 - boost::math::lgamma(1.0 + 1.0 / 8.0);
    BOOST_TEST(j["exact_log_K_over_N"].get<double>() == exact, boost::test_tools::tolerance(1e-14));
    const double se = j["stderr"].get<double>();
    BOOST_TEST(se > 0.0);
    BOOST_TEST(std::fabs(j["log_K_over_N"].get<double>() - exact) < 4.0 * se);
    BOOST_TEST(std::fabs(j["quadrature_error"].get<double>()) < 0.01 * se);
    BOOST_TEST(j["ess"].get<double>() > 100.0);
}

BOOST_AUTO_TEST_CASE(bad_input_is_refused)
{
    // N = 1 (no pairs), and a study with theta = 0 (written next to the test).
    auto r = run_mfv("gibbs --study " + study + " --N 1");
    BOOST_TEST(r.status != 0);
    BOOST_TEST(r.err.find("N = 1") != std::string::npos, r.err);
    std::ifstream in(study);
    json j = json::parse(in);
    j["model"]["theta"] = 0.0;
    const fs::path cold = mfv::test::fresh_dir("mfv-gibbs-cli-", "cold") / "cold.json";
    std::ofstream(cold) << j.dump();
    r = run_mfv("gibbs --study " + cold.string() + " --N 8");
    BOOST_TEST(r.status != 0);
    BOOST_TEST(r.err.find("/model/theta") != std::string::npos, r.err);
    r = run_mfv("gibbs");
    BOOST_TEST(r.status != 0);
}
