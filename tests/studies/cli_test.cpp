// End-to-end tests of the mfv command: a small study run with `mfv run`, its results.json
// checked against the schema and for thread independence; `mfv energy` against the
// library; bad input gives a non-zero exit and a message naming the field, line or file.
#define BOOST_TEST_MODULE cli
#include <boost/test/unit_test.hpp>

#include <mfv/io/results.hpp>
#include <mfv/study/schema_check.hpp>

#include <nlohmann/json.hpp>

#include <sys/wait.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct outcome {
    int status;
    std::string out, err;
};

// Run `mfv <args>` and capture its exit status, stdout and stderr; with a time limit, a run
// still going after `seconds` is killed (coreutils timeout: status 124).
outcome run_mfv(const std::string& args, int seconds = 0) {
    const fs::path dir = fs::temp_directory_path() / "mfv-cli-test";
    fs::create_directories(dir);
    const std::string out = (dir / "stdout").string(), err = (dir / "stderr").string();
    const std::string limit = seconds > 0 ? "timeout " + std::to_string(seconds) + " " : "";
    const std::string cmd = limit + std::string(MFV_BINARY) + " " + args + " >" + out + " 2>" + err + " </dev/null";
    const int raw = std::system(cmd.c_str());
    auto slurp = [](const std::string& p) {
        std::ifstream in(p);
        std::stringstream s;
        s << in.rdbuf();
        return s.str();
    };
    return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(out), slurp(err)};
}

json read_json(const fs::path& p) {
    std::ifstream in(p);
    return json::parse(in);
}

fs::path fresh_dir(const std::string& name) {
    const fs::path d = fs::temp_directory_path() / ("mfv-cli-" + name);
    fs::remove_all(d);
    return d;
}

std::string study_file(const std::string& name) { return std::string(MFV_TEST_DATA) + "/studies/data/" + name; }

void write(const fs::path& p, const std::string& text) {
    std::ofstream o(p);
    o << text;
}

}  // namespace

BOOST_AUTO_TEST_CASE(run_writes_results_timeseries_and_plots)
{
    const fs::path d1 = fresh_dir("run1"), d2 = fresh_dir("run2");
    const auto r1 = run_mfv("run " + study_file("small-coulomb3d.json") + " -o " + d1.string() + " --threads 1");
    BOOST_TEST_REQUIRE(r1.status == 0, r1.err);
    BOOST_TEST(r1.out.find((d1 / "results.json").string()) != std::string::npos);
    for (const char* f : {"results.json", "timeseries.csv", "modulated_energy_vs_t.png", "modulated_energy_vs_t.svg",
                          "modulated_energy_vs_t.pdf", "rate_0_modulated_energy_sup_abs.png",
                          "rate_0_modulated_energy_sup_abs.svg", "rate_0_modulated_energy_sup_abs.pdf",
                          "gronwall_1_modulated_energy.png", "gronwall_1_modulated_energy.pdf"}) {
        BOOST_TEST(fs::file_size(d1 / f) > 0u, f);
    }
    const json res = read_json(d1 / "results.json");
    BOOST_CHECK_NO_THROW(mfv::study::check_against_schema(res, mfv::io::results_schema_text()));
    BOOST_TEST(res["schema"] == "mfv.results/1");
    BOOST_TEST(res["ensembles"].size() == 4u);
    const auto& fit = res["fits"][0];
    BOOST_TEST(fit["theory_exponent"].get<double>() == -2.0 / 3.0, boost::test_tools::tolerance(1e-12));
    // A jittered-lattice start in the 3D Coulomb ball: the fitted exponent is near -2/3
    // (MATH.md section 7). 0.15 is a loose band for 4 N values and 4 members.
    BOOST_TEST(std::abs(fit["exponent"].get<double>() + 2.0 / 3.0) < 0.15);
    BOOST_TEST(fit.contains("numerical_error"));
    // The Gronwall harness: C1 from the rate fit's prefactor, C2 >= 0 per member and N.
    const auto& gw = res["fits"][1];
    BOOST_TEST(gw["harness"] == "gronwall");
    BOOST_TEST(gw["C1"].get<double>() == fit["prefactor"].get<double>());
    BOOST_TEST(gw["per_N"].size() == 4u);
    for (const auto& g : gw["per_N"]) BOOST_TEST(g["max_C2"].get<double>() >= 0.0);

    // Same study with 2 threads: identical results, provenance aside.
    const auto r2 = run_mfv("run " + study_file("small-coulomb3d.json") + " -o " + d2.string() + " --threads 2");
    BOOST_TEST_REQUIRE(r2.status == 0, r2.err);
    json a = res, b = read_json(d2 / "results.json");
    BOOST_TEST(a["provenance"]["threads"] == 1);
    BOOST_TEST(b["provenance"]["threads"] == 2);
    a.erase("provenance");
    b.erase("provenance");
    BOOST_TEST(a.dump() == b.dump());
}

BOOST_AUTO_TEST_CASE(energy_prints_the_three_terms)
{
    const fs::path d = fresh_dir("energy");
    fs::create_directories(d);
    write(d / "pts.csv", "x,y,z\n0.1,0.2,0.3\n-0.5,0.1,0.0\n0.0,-0.4,0.2\n0.3,0.3,-0.6\n");
    const auto r = run_mfv("energy --study " + study_file("small-coulomb3d.json") + " --points " + (d / "pts.csv").string());
    BOOST_TEST_REQUIRE(r.status == 0, r.err);
    const json j = json::parse(r.out);
    BOOST_TEST(j["N"] == 4);
    const double f = j["F_N"], p = j["pair_term"], c = j["cross_term"], s = j["self_term"];
    BOOST_TEST(f == p + c + s, boost::test_tools::tolerance(1e-14));
    // Self term of the unit ball in d = 3: 6/5 (MATH.md section 2).
    BOOST_TEST(s == 1.2, boost::test_tools::tolerance(1e-14));
    // Pair term by hand: (1/N^2) sum_{i != j} 1/|x_i - x_j|.
    const double x[4][3] = {{0.1, 0.2, 0.3}, {-0.5, 0.1, 0.0}, {0.0, -0.4, 0.2}, {0.3, 0.3, -0.6}};
    double pair = 0;
    for (int i = 0; i < 4; ++i)
        for (int k = 0; k < 4; ++k)
            if (i != k) pair += 1.0 / std::hypot(x[i][0] - x[k][0], x[i][1] - x[k][1], x[i][2] - x[k][2]);
    BOOST_TEST(p == pair / 16, boost::test_tools::tolerance(1e-14));
    // Cross term: h = (3 - r^2)/2 inside the unit ball (MATH.md section 2).
    double cross = 0;
    for (auto& xi : x) cross += (3 - (xi[0] * xi[0] + xi[1] * xi[1] + xi[2] * xi[2])) / 2;
    BOOST_TEST(c == -2 * cross / 4, boost::test_tools::tolerance(1e-14));
    // Later time: the ball has expanded, R^3 = 1 + 3t, self term 6/(5R).
    const auto later = run_mfv("energy --study " + study_file("small-coulomb3d.json") + " --points " +
                           (d / "pts.csv").string() + " --time 0.5");
    BOOST_TEST_REQUIRE(later.status == 0, later.err);
    const double later_self = json::parse(later.out)["self_term"];
    BOOST_TEST(later_self == 1.2 / std::cbrt(2.5), boost::test_tools::tolerance(1e-13));
}

BOOST_AUTO_TEST_CASE(energy_with_the_tree_matches_the_direct_sum)
{
    // The same points through `mfv energy` with "interaction": {"method": "tree"} and with
    // "direct": F_N and its terms agree to the tree's accuracy 1e-8 (relative to the pair
    // term, which is of order 1 here); the tree is the one that ran (mfv energy prints the
    // method).
    const fs::path d = fresh_dir("energy-tree");
    fs::create_directories(d);
    std::ostringstream pts;
    pts << "x,y,z\n";
    std::mt19937_64 rng(3);
    std::uniform_real_distribution<double> u(-0.5, 0.5);
    for (int i = 0; i < 30000; ++i) pts << u(rng) << "," << u(rng) << "," << u(rng) << "\n";
    write(d / "pts.csv", pts.str());
    json st = json::parse(std::ifstream(study_file("small-coulomb3d.json")));
    st["interaction"] = {{"method", "tree"}, {"accuracy", 1e-8}};
    st["integrator"] = {{"method", "dopri5"}, {"rtol", 1e-6}, {"atol", 1e-8}};
    write(d / "tree.json", st.dump());
    st["interaction"] = {{"method", "direct"}, {"accuracy", 1e-12}};
    write(d / "direct.json", st.dump());
    const auto a = run_mfv("energy --study " + (d / "tree.json").string() + " --points " + (d / "pts.csv").string());
    const auto b = run_mfv("energy --study " + (d / "direct.json").string() + " --points " + (d / "pts.csv").string());
    BOOST_TEST_REQUIRE(a.status == 0, a.err);
    BOOST_TEST_REQUIRE(b.status == 0, b.err);
    const json ja = json::parse(a.out), jb = json::parse(b.out);
    BOOST_TEST(ja["interaction"]["method"] == "tree");
    BOOST_TEST(std::string(ja["interaction"]["parameters"]).find("degree 11") != std::string::npos);
    BOOST_TEST(jb["interaction"]["method"] == "direct");
    const double pair = jb["pair_term"];
    BOOST_TEST(std::abs(double(ja["pair_term"]) - pair) <= 1e-8 * pair);
    BOOST_TEST(std::abs(double(ja["F_N"]) - double(jb["F_N"])) <= 1e-8 * pair);
}

BOOST_AUTO_TEST_CASE(bad_input_exits_non_zero_with_a_clear_message)
{
    const fs::path d = fresh_dir("bad");
    fs::create_directories(d);
    write(d / "unknown.json", R"({"name": "b", "model": {"d": 3, "s": 1, "sss": 2}, "initial": {"law": {"type": "uniform_ball"}}, "N": [10]})");
    write(d / "s.json", R"({"name": "b", "model": {"d": 3, "s": 3.5}, "initial": {"law": {"type": "uniform_ball"}}, "N": [10]})");
    write(d / "trunc.json", R"({"name": "b", "model": {"d": 3,)");
    write(d / "dup.csv", "0,0,0\n1,1,1\n0,0,0\n");
    write(d / "cols.csv", "0,0,0\n1,1\n");
    struct bad {
        std::string args, words;
    };
    const std::vector<bad> cases = {
        {"run " + (d / "unknown.json").string() + " -o " + (d / "out").string(), "/model/sss is not a known key"},
        {"run " + (d / "s.json").string() + " -o " + (d / "out").string(), "/model/s = 3.5 is outside [0, d) for d = 3"},
        {"validate " + (d / "trunc.json").string(), "not valid JSON"},
        {"validate " + (d / "missing.json").string(), "cannot open"},
        {"energy --study " + study_file("small-coulomb3d.json") + " --points " + (d / "dup.csv").string(), "line"},
        {"energy --study " + study_file("small-coulomb3d.json") + " --points " + (d / "cols.csv").string(), "line 2"},
        {"run", "no study file"},
        {"frobnicate", "unknown command"},
        {"run " + study_file("small-coulomb3d.json") + " --threads -1", "--threads"},
    };
    for (const auto& c : cases) {
        const auto r = run_mfv(c.args);
        BOOST_TEST(r.status != 0, c.args);
        BOOST_TEST(r.err.find(c.words) != std::string::npos, c.args << " -> " << r.err);
    }
    BOOST_TEST(!fs::exists(d / "out" / "results.json"));
    const auto ok = run_mfv("validate " + study_file("small-coulomb3d.json"));
    BOOST_TEST(ok.status == 0);
    BOOST_TEST(json::parse(ok.out)["integrator"]["method"] == "dopri5");
}

BOOST_AUTO_TEST_CASE(run_from_user_points)
{
    // sampling "points": the configuration comes from a CSV next to the study; N must match.
    const fs::path d = fresh_dir("points");
    fs::create_directories(d);
    write(d / "pts.csv", "0.1,0.2\n-0.5,0.1\n0.0,-0.4\n0.3,0.3\n0.6,-0.2\n");
    const std::string study = R"({"name": "p", "model": {"d": 2, "s": 0},
        "initial": {"law": {"type": "uniform_ball"}, "sampling": "points", "file": "pts.csv"},
        "N": [5], "time": {"T": 0.1, "outputs": 2}})";
    write(d / "study.json", study);
    const auto r = run_mfv("run " + (d / "study.json").string() + " -o " + (d / "out").string() + " --no-plots");
    BOOST_TEST_REQUIRE(r.status == 0, r.err);
    const json res = read_json(d / "out" / "results.json");
    // At t = 0 the modulated energy is that of the given points: compare with mfv energy.
    const auto e = run_mfv("energy --study " + (d / "study.json").string() + " --points " + (d / "pts.csv").string());
    BOOST_TEST_REQUIRE(e.status == 0, e.err);
    const double f0 = res["ensembles"][0]["members"][0]["modulated_energy"][0];
    const double fe = json::parse(e.out)["F_N"];
    BOOST_TEST(f0 == fe);
    // A mismatched N is an error naming /N.
    write(d / "study.json", std::string(study).replace(study.find("[5]"), 3, "[6]"));
    const auto bad = run_mfv("run " + (d / "study.json").string() + " -o " + (d / "out2").string());
    BOOST_TEST(bad.status == 2);
    BOOST_TEST(bad.err.find("/N") != std::string::npos, bad.err);
    BOOST_TEST(!fs::exists(d / "out2" / "results.json"));
}

BOOST_AUTO_TEST_CASE(energy_on_the_torus_matches_the_lattice_sum)
{
    // m equally spaced points on the circle T^1 with the periodic log kernel
    // G(x) = -log|2 sin(pi x)| (MATH.md 6): prod_{j=1}^{m-1} 2 sin(pi j/m) = m, so every
    // particle's sum is -log m and F_N = pair term = -log(m)/m against the uniform law
    // (h = 0, self term 0). The Ewald and PME evaluators asked for 1e-10 must give it to
    // 1e-9 relative (their promise, with room for the final additions).
    const fs::path dir = fresh_dir("energy-torus");
    fs::create_directories(dir);
    const int m = 64;
    std::ostringstream pts;
    pts.precision(17);
    pts << "x\n";
    for (int j = 0; j < m; ++j) pts << (j + 0.25) / m << "\n";
    write(dir / "lattice.csv", pts.str());
    for (const char* method : {"ewald", "pme"}) {
        write(dir / "torus.json", std::string(R"({"name": "t", "model": {"d": 1, "s": 0, "domain": "torus"},
            "initial": {"law": {"type": "uniform"}}, "N": [64], "interaction": {"method": ")") + method +
                                       R"(", "accuracy": 1e-10}})");
        const auto r = run_mfv("energy --study " + (dir / "torus.json").string() + " --points " + (dir / "lattice.csv").string());
        BOOST_TEST_REQUIRE(r.status == 0, r.err);
        const json j = json::parse(r.out);
        BOOST_TEST(j["domain"] == "torus");
        BOOST_TEST(j["interaction"]["method"] == method);
        const double exact = -std::log(double(m)) / m;
        BOOST_TEST(std::abs(j["F_N"].get<double>() - exact) < 1e-9 * std::abs(exact), method << ": " << j["F_N"] << " vs " << exact);
    }
    // A point outside [0, 1) is refused, naming the line.
    write(dir / "outside.csv", "0.5\n1.5\n");
    const auto bad = run_mfv("energy --study " + (dir / "torus.json").string() + " --points " + (dir / "outside.csv").string());
    BOOST_TEST(bad.status == 2);
    BOOST_TEST(bad.err.find("line 2, column 1: 1.5 is outside the torus") != std::string::npos, bad.err);
}

BOOST_AUTO_TEST_CASE(every_shipped_study_validates)
{
    // The studies/ folder is what users copy from: each file must pass `mfv validate`.
    const fs::path dir = fs::path(MFV_TEST_DATA).parent_path() / "studies";
    std::size_t count = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() != ".json") continue;
        const auto r = run_mfv("validate " + entry.path().string());
        BOOST_TEST(r.status == 0, entry.path().filename() << ": " << r.err);
        ++count;
    }
    BOOST_TEST(count >= 9u);
}

BOOST_AUTO_TEST_CASE(hostile_inputs_fail_cleanly)
{
    // The corpus of tests/bad_inputs/ (cases.json: file, command, exit status, the words the
    // message must contain, looked for with the file's name removed): every case exits with
    // its status and message, within 60 s, without a crash, and writes no results file.
    const fs::path corpus = fs::path(MFV_TEST_DATA) / "bad_inputs";
    const json cases = read_json(corpus / "cases.json")["cases"];
    BOOST_TEST(cases.size() >= 50u);
    std::size_t k = 0;
    for (const auto& c : cases) {
        const std::string file = c["file"];
        const fs::path out = fresh_dir("bad-" + std::to_string(k++));
        const std::string args = c["command"] == "run"
                                     ? "run " + (corpus / file).string() + " -o " + out.string()
                                     : "energy --study " + (corpus / std::string(c["study"])).string() + " --points " +
                                           (corpus / file).string();
        const auto r = run_mfv(args, 60);
        std::string message = r.err;
        for (auto at = message.find(file); at != std::string::npos; at = message.find(file)) message.erase(at, file.size());
        BOOST_TEST_INFO(file << ": " << r.err);
        BOOST_TEST(r.status == int(c["exit"]));
        for (const auto& w : c["words"]) BOOST_TEST(message.find(std::string(w)) != std::string::npos, "missing \"" << std::string(w) << "\"");
        BOOST_TEST(!fs::exists(out / "results.json"));
    }
    // An overlong line, made here: 20 MB of digits and commas on one line of a point file.
    const fs::path d = fresh_dir("overlong");
    fs::create_directories(d);
    {
        std::ofstream o(d / "long.csv");
        o << "x,y,z\n";
        for (int i = 0; i < 4000000; ++i) o << "0.25,";
        o << "0.5\n";
    }
    const auto r = run_mfv("energy --study " + (corpus / "valid_study.json").string() + " --points " + (d / "long.csv").string(), 60);
    BOOST_TEST_INFO(r.err);
    BOOST_TEST(r.status == 2);
    BOOST_TEST(r.err.find("line 2") != std::string::npos);
    BOOST_TEST(r.err.find("expected 3 numbers") != std::string::npos);
}
