// End-to-end tests of the Newton flow through the mfv command (issue 7): `mfv run` of a small
// Newton study (results valid against the schema, the energy drift recorded per member, the
// same numbers on 1 and 2 threads); `mfv energy` on a Newton study, whose CSV rows hold 2d
// numbers (position, then velocity), against sums formed by hand and R(t) from an RK4
// integration of R'' = M / R^2 written here.
#define BOOST_TEST_MODULE newton_cli
#include <boost/test/unit_test.hpp>

#include "process_helpers.hpp"

#include <mfv/io/results.hpp>
#include <mfv/study/schema_check.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>

namespace fs = std::filesystem;
using nlohmann::json;
namespace tt = boost::test_tools;

namespace {

mfv::test::mfv_outcome run_mfv(const fs::path& dir, const std::string& args) { return mfv::test::run_mfv_in(dir, args); }

std::string study_file(const std::string& name) { return std::string(MFV_TEST_DATA) + "/studies/data/" + name; }

void write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

// R(t), R'(t) for R'' = 1 / R^2 (d = 3, M = 1), R(0) = 1, R'(0) = a: classic RK4 with 1e5
// steps, error of order (1e-5)^4, far below the tolerances used.
std::pair<double, double> ball_radius(double a, double t) {
    double R = 1.0, V = a;
    const int steps = 100000;
    const double h = t / steps;
    const auto acc = [](double r) { return 1.0 / (r * r); };
    for (int k = 0; k < steps; ++k) {
        const double k1r = V, k1v = acc(R);
        const double k2r = V + 0.5 * h * k1v, k2v = acc(R + 0.5 * h * k1r);
        const double k3r = V + 0.5 * h * k2v, k3v = acc(R + 0.5 * h * k2r);
        const double k4r = V + h * k3v, k4v = acc(R + h * k3r);
        R += h / 6 * (k1r + 2 * k2r + 2 * k3r + k4r);
        V += h / 6 * (k1v + 2 * k2v + 2 * k3v + k4v);
    }
    return {R, V};
}

}  // namespace

BOOST_AUTO_TEST_CASE(run_records_the_kinetic_energy_and_the_energy_drift)
{
    const fs::path d = mfv::test::fresh_dir("mfv-newton-", "run");
    const auto r1 = run_mfv(d, "run " + study_file("small-newton3d.json") + " -o " + (d / "one").string() +
                                   " --threads 1 --no-plots");
    BOOST_TEST_REQUIRE(r1.status == 0, r1.err);
    const json res = json::parse(std::ifstream(d / "one" / "results.json"));
    BOOST_CHECK_NO_THROW(mfv::study::check_against_schema(res, mfv::io::results_schema_text()));
    for (const auto& e : res["ensembles"]) {
        for (const auto& m : e["members"]) {
            BOOST_TEST_REQUIRE(m["status"] == "ok");
            // velocity Verlet at dt = 2e-3 on this start: an energy error of order dt^2 times
            // the force's variation, measured at about 1e-7; 1e-5 flags a broken stepper
            // (a first-order scheme gives about 1e-3 here).
            BOOST_TEST(m["energy_drift"].get<double>() < 1e-5);
            const auto& total = m["kinetic_modulated_energy"];
            const auto& kin = m["kinetic_term"];
            const auto& pot = m["potential_term"];
            const auto& fn = m["modulated_energy"];
            BOOST_TEST(kin[0].get<double>() == 0.0);
            for (std::size_t k = 0; k < total.size(); ++k) {
                BOOST_TEST(total[k].get<double>() == kin[k].get<double>() + pot[k].get<double>(), tt::tolerance(1e-14));
                // The potential part is F_N against the ball, as the modulated_energy observable.
                BOOST_TEST(pot[k].get<double>() == fn[k].get<double>());
            }
        }
    }
    // The same numbers whatever the number of threads.
    const auto r2 = run_mfv(d, "run " + study_file("small-newton3d.json") + " -o " + (d / "two").string() +
                                   " --threads 2 --no-plots");
    BOOST_TEST_REQUIRE(r2.status == 0, r2.err);
    json a = res, b = json::parse(std::ifstream(d / "two" / "results.json"));
    a.erase("provenance");
    b.erase("provenance");
    BOOST_TEST(a.dump() == b.dump());
}

BOOST_AUTO_TEST_CASE(energy_of_positions_and_velocities)
{
    const fs::path d = mfv::test::fresh_dir("mfv-newton-", "energy");
    const double x[4][3] = {{0.1, 0.2, 0.3}, {-0.5, 0.1, 0.0}, {0.0, -0.4, 0.2}, {0.3, 0.3, -0.6}};
    const double v[4][3] = {{0.2, 0.0, -0.1}, {0.1, 0.3, 0.0}, {-0.2, 0.1, 0.4}, {0.0, -0.3, 0.1}};
    std::ostringstream csv;
    csv.precision(17);
    csv << "x,y,z,vx,vy,vz\n";
    for (int i = 0; i < 4; ++i) csv << x[i][0] << "," << x[i][1] << "," << x[i][2] << "," << v[i][0] << "," << v[i][1] << "," << v[i][2] << "\n";
    write(d / "pv.csv", csv.str());
    for (const double t : {0.0, 0.3}) {
        const auto r = run_mfv(d, "energy --study " + study_file("small-newton3d.json") + " --points " +
                                      (d / "pv.csv").string() + " --time " + std::to_string(t));
        BOOST_TEST_REQUIRE(r.status == 0, r.err);
        const json j = json::parse(r.out);
        const auto [R, Rdot] = ball_radius(-0.5, t);
        double kinetic = 0.0;
        for (int i = 0; i < 4; ++i)
            for (int k = 0; k < 3; ++k) kinetic += std::pow(v[i][k] - Rdot / R * x[i][k], 2);
        kinetic /= 4;
        // u^t = (R'/R) x with R from the RK4 above (error ~1e-16); 1e-12 is rounding room.
        BOOST_TEST(j["kinetic_term"].get<double>() == kinetic, tt::tolerance(1e-12));
        BOOST_TEST(j["total"].get<double>() == j["F_N"].get<double>() + kinetic, tt::tolerance(1e-12));
        // Self term of the uniform ball of radius R(t): 6 / (5 R) (MATH.md section 2).
        BOOST_TEST(j["self_term"].get<double>() == 1.2 / R, tt::tolerance(1e-12));
    }
    // Rows of d numbers are not a Newton configuration.
    write(d / "x.csv", "0.1,0.2,0.3\n-0.5,0.1,0.0\n");
    const auto bad = run_mfv(d, "energy --study " + study_file("small-newton3d.json") + " --points " + (d / "x.csv").string());
    BOOST_TEST(bad.status != 0);
    BOOST_TEST(bad.err.find("line 1: expected 6 numbers, found 3") != std::string::npos, bad.err);
    // Two particles at the same position with different velocities: still a collision.
    write(d / "same.csv", "0.1,0.2,0.3,0,0,0\n0.1,0.2,0.3,1,0,0\n");
    const auto same = run_mfv(d, "energy --study " + study_file("small-newton3d.json") + " --points " + (d / "same.csv").string());
    BOOST_TEST(same.status != 0);
    BOOST_TEST(same.err.find("the same point") != std::string::npos, same.err);
}
