// Tests of checkpointing (issue 8): a unit of work read back is bitwise the unit written;
// the checkpoint refuses a run directory of another study or of an unfinished run without
// --resume, skips what a kill left half-done; an atomic write never leaves a half-written
// file, even when the writer is killed at a random moment.
#define BOOST_TEST_MODULE checkpoint
#include <boost/test/unit_test.hpp>

#include <mfv/core/error.hpp>
#include <mfv/io/member_json.hpp>
#include <mfv/io/results.hpp>
#include <mfv/study/checkpoint.hpp>
#include <mfv/study/runner.hpp>
#include <mfv/study/study.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <bit>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;
using nlohmann::json;
using namespace mfv;

namespace {

json study_json() {
    return json::parse(R"({"name": "ck", "model": {"d": 2, "s": 0}, "initial": {"law": {"type": "uniform_ball"}},
                           "N": [20, 40], "ensemble": {"members": 2}})");
}

fs::path fresh_dir(const std::string& name) {
    const fs::path d = fs::temp_directory_path() / ("mfv-checkpoint-" + name);
    fs::remove_all(d);
    return d;
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t k = 0; k < a.size(); ++k)
        if (std::bit_cast<std::uint64_t>(a[k]) != std::bit_cast<std::uint64_t>(b[k])) return false;
    return true;
}

// Doubles that stress a decimal round trip: random bit patterns (every exponent),
// subnormals, the extremes, and values with 17 significant digits.
std::vector<double> awkward_doubles(std::mt19937_64& rng, std::size_t n) {
    std::vector<double> v = {0.0, -0.0, std::numeric_limits<double>::min(), std::numeric_limits<double>::denorm_min(),
                             std::numeric_limits<double>::max(), -std::numeric_limits<double>::max(), 0.1, 1.0 / 3.0,
                             5e-324, 2.2250738585072009e-308, 9007199254740993.0};
    while (v.size() < n) {
        const double x = std::bit_cast<double>(rng());
        if (std::isfinite(x)) v.push_back(x);
    }
    return v;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_unit_reads_back_bitwise)
{
    std::mt19937_64 rng(42);
    study::member_record rec;
    rec.member = 3;
    rec.status = "ok";
    rec.t = awkward_doubles(rng, 50);
    rec.series = {{"modulated_energy", awkward_doubles(rng, 50)}, {"min_distance", awkward_doubles(rng, 50)}};
    rec.steps = 123456;
    rec.wall_seconds = 0.123;
    rec.interaction_parameters = "direct, accuracy 1e-12";
    rec.snapshots = {awkward_doubles(rng, 30), awkward_doubles(rng, 30)};
    const study::work_unit u{4096, 3, true};
    // Through text (the checkpoint's files) and through CBOR (the MPI messages).
    const std::string text = io::unit_to_json(u, rec).dump();
    for (const json& j : {json::parse(text), json::from_cbor(json::to_cbor(io::unit_to_json(u, rec)))}) {
        const auto [u2, r2] = io::unit_from_json(j);
        BOOST_TEST((u2 == u));
        BOOST_TEST(r2.member == rec.member);
        BOOST_TEST(r2.status == rec.status);
        BOOST_TEST(same_bits(r2.t, rec.t));
        BOOST_TEST_REQUIRE(r2.series.size() == rec.series.size());
        for (std::size_t k = 0; k < rec.series.size(); ++k) {
            BOOST_TEST(r2.series[k].first == rec.series[k].first);
            BOOST_TEST(same_bits(r2.series[k].second, rec.series[k].second));
        }
        BOOST_TEST(r2.steps == rec.steps);
        BOOST_TEST(r2.interaction_parameters == rec.interaction_parameters);
        BOOST_TEST_REQUIRE(r2.snapshots.size() == 2u);
        BOOST_TEST(same_bits(r2.snapshots[1], rec.snapshots[1]));
    }
    // A record with a field missing is refused, naming it.
    json broken = io::unit_to_json(u, rec);
    broken.erase("steps");
    BOOST_CHECK_EXCEPTION(io::unit_from_json(broken), std::runtime_error,
                          [](const std::runtime_error& e) { return std::string(e.what()).find("steps") != std::string::npos; });
}

BOOST_AUTO_TEST_CASE(a_checkpoint_keeps_finished_units_and_refuses_another_study)
{
    const fs::path dir = fresh_dir("store");
    const auto st = study::parse_study(study_json(), ".");
    const auto rec = study::run_member(st, 20, 1);
    {
        study::checkpoint ck(dir, st, study::checkpoint::mode::fresh);
        ck.save({20, 1, false}, rec);
        BOOST_TEST(ck.saved() == 1u);
    }
    BOOST_TEST(fs::exists(dir / "checkpoint" / "units" / "N00000020-m0001.json"));

    // A fresh run into it would lose the finished unit: refused, saying how to go on.
    BOOST_CHECK_EXCEPTION(study::checkpoint(dir, st, study::checkpoint::mode::fresh), input_error, [](const input_error& e) {
        return std::string(e.what()).find("--resume") != std::string::npos;
    });

    // Leftovers of a killed run: a temporary file never renamed, and a corrupt unit file.
    std::ofstream(dir / "checkpoint" / "units" / "N00000040-m0000.json.tmp123") << "{\"half";
    std::ofstream(dir / "checkpoint" / "units" / "N00000040-m0001.json") << "{\"study_hash\": ";
    study::checkpoint again(dir, st, study::checkpoint::mode::resume);
    auto finished = again.take_finished();
    BOOST_TEST_REQUIRE(finished.size() == 1u);
    const auto& back = finished.at({20, 1, false});
    BOOST_TEST(same_bits(back.t, rec.t));
    BOOST_TEST(same_bits(*back.column("modulated_energy"), *rec.column("modulated_energy")));
    BOOST_TEST(!fs::exists(dir / "checkpoint" / "units" / "N00000040-m0000.json.tmp123"));
    bool noted = false;
    for (const auto& n : again.notes()) noted = noted || n.find("N00000040-m0001.json is not used") != std::string::npos;
    BOOST_TEST(noted);

    // Another study (one more member): refused, naming the field that differs.
    json other = study_json();
    other["ensemble"]["members"] = 3;
    const auto st2 = study::parse_study(other, ".");
    BOOST_TEST(study::study_hash(st2) != study::study_hash(st));
    BOOST_CHECK_EXCEPTION(study::checkpoint(dir, st2, study::checkpoint::mode::resume), input_error, [](const input_error& e) {
        return std::string(e.what()).find("/ensemble/members") != std::string::npos;
    });
    again.remove();
    BOOST_TEST(!fs::exists(dir / "checkpoint"));
}

BOOST_AUTO_TEST_CASE(the_hash_sees_the_points_of_a_points_file)
{
    const fs::path dir = fresh_dir("points");
    fs::create_directories(dir);
    json j = study_json();
    j["N"] = {3};
    j["initial"]["sampling"] = "points";
    j["initial"]["file"] = "pts.csv";
    std::ofstream(dir / "pts.csv") << "x,y\n0.1,0.2\n0.3,-0.1\n-0.2,0.0\n";
    const auto a = study::study_hash(study::parse_study(j, dir));
    std::ofstream(dir / "pts.csv") << "x,y\n0.1,0.2\n0.3,-0.1\n-0.2,0.05\n";
    const auto b = study::study_hash(study::parse_study(j, dir));
    BOOST_TEST(a != b);
}

// The writer is killed (SIGKILL) at a random moment while it rewrites a 4 MB file between
// two versions, over and over: whenever it dies, the file is one version or the other,
// whole, or (before the first rename) absent.
BOOST_AUTO_TEST_CASE(an_atomic_write_killed_at_any_moment_leaves_a_whole_file)
{
    const fs::path dir = fresh_dir("atomic");
    fs::create_directories(dir);
    const fs::path file = dir / "results.json";
    const std::string a(4 << 20, 'a'), b((4 << 20) + 17, 'b');
    std::mt19937 rng(7);
    int whole = 0;
    for (int trial = 0; trial < 20; ++trial) {
        const pid_t pid = fork();
        BOOST_TEST_REQUIRE(pid >= 0);
        if (pid == 0) {
            for (int k = 0;; ++k) io::write_text_atomically(file, k % 2 == 0 ? a : b);
        }
        std::this_thread::sleep_for(std::chrono::microseconds(std::uniform_int_distribution<int>(0, 30000)(rng)));
        kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
        if (!fs::exists(file)) continue;
        const std::string now = slurp(file);
        BOOST_TEST((now == a || now == b), "trial " << trial << ": a half-written file of " << now.size() << " bytes");
        ++whole;
    }
    BOOST_TEST(whole > 0);
}
