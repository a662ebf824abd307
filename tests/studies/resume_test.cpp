// End-to-end tests of checkpoint and resume (issue 8): a run killed with SIGKILL after k
// finished units, then resumed, writes the results.json of an uninterrupted run
// (provenance aside) and recomputes none of the k units; SIGINT and SIGTERM drop the unit
// in flight, keep the finished ones and say how to resume; a changed study is refused.
#define BOOST_TEST_MODULE resume
#include <boost/test/unit_test.hpp>

#include "process_helpers.hpp"

#include <nlohmann/json.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::string study = std::string(MFV_TEST_DATA) + "/studies/data/resume-coulomb3d.json";
// 3 values of N x 3 members, and the error budget's tightened re-run.
constexpr std::size_t ensemble_units = 9;

using mfv::test::finish;
using mfv::test::slurp;

fs::path fresh_dir(const std::string& name) { return mfv::test::fresh_dir("mfv-resume-", name); }

// `mfv run STUDY -o DIR --no-plots --threads 1 [extra]` in the background, its stdout and
// stderr in DIR.out / DIR.err; returns the pid of mfv itself (sh execs it).
pid_t start_run(const fs::path& dir, const std::string& extra = "") {
    const std::string cmd = std::string(MFV_BINARY) + " run " + study + " -o " + dir.string() +
                            " --no-plots --threads 1 " + extra + " >" + dir.string() + ".out 2>" + dir.string() +
                            ".err </dev/null";
    return mfv::test::spawn(cmd);
}

int run_to_end(const fs::path& dir, const std::string& extra = "") { return finish(start_run(dir, extra)); }

std::set<std::string> unit_files(const fs::path& dir) {
    std::set<std::string> out;
    const fs::path units = dir / "checkpoint" / "units";
    if (!fs::is_directory(units)) return out;
    for (const auto& e : fs::directory_iterator(units))
        if (e.path().extension() == ".json") out.insert(e.path().stem().string());
    return out;
}

// Wait until the run has checkpointed at least k units (or has ended).
void wait_for_units(pid_t pid, const fs::path& dir, std::size_t k) {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(300);
    while (unit_files(dir).size() < k && std::chrono::steady_clock::now() < give_up) {
        if (waitpid(pid, nullptr, WNOHANG) == pid) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

// The unit labels a resumed run's log names after `what` ("skipped ..." or "computed").
std::set<std::string> logged(const std::string& log, const std::string& what) {
    std::set<std::string> out;
    const std::regex line("mfv: resume: " + what + "[^\\n]*");
    for (auto it = std::sregex_iterator(log.begin(), log.end(), line); it != std::sregex_iterator(); ++it) {
        const std::string l = it->str();
        const std::regex label("\\[(N = [0-9]+, member [0-9]+(, tightened)?)\\]");
        for (auto m = std::sregex_iterator(l.begin(), l.end(), label); m != std::sregex_iterator(); ++m)
            out.insert((*m)[1].str());
    }
    return out;
}

// "N00004000-m0002" -> "N = 4000, member 2" (the log's label).
std::string label_of(const std::string& stem) {
    const std::regex r("N0*([0-9]+)-m0*([0-9]+)(-tightened)?");
    std::smatch m;
    BOOST_REQUIRE(std::regex_match(stem, m, r));
    return "N = " + m[1].str() + ", member " + m[2].str() + (m[3].matched ? ", tightened" : "");
}

json results_without_provenance(const fs::path& dir) {
    std::ifstream in(dir / "results.json");
    json j = json::parse(in);
    j.erase("provenance");
    return j;
}

// The uninterrupted run, once for every test.
const json& uninterrupted() {
    static const json j = [] {
        const fs::path d = fresh_dir("whole");
        const int status = run_to_end(d);
        BOOST_REQUIRE_MESSAGE(status == 0, slurp(d.string() + ".err"));
        BOOST_REQUIRE(!fs::exists(d / "checkpoint"));  // removed once results.json is written
        return results_without_provenance(d);
    }();
    return j;
}

}  // namespace

BOOST_AUTO_TEST_CASE(killed_and_resumed_gives_the_uninterrupted_results)
{
    const json& whole = uninterrupted();
    const fs::path d = fresh_dir("kill");
    const pid_t pid = start_run(d);
    wait_for_units(pid, d, 2);
    kill(pid, SIGKILL);
    BOOST_TEST(finish(pid) == 128 + SIGKILL);
    const auto before = unit_files(d);
    BOOST_TEST_MESSAGE("killed after " << before.size() << " finished units");
    BOOST_TEST_REQUIRE(before.size() >= 2u);
    BOOST_TEST_REQUIRE(before.size() < ensemble_units);
    BOOST_TEST(!fs::exists(d / "results.json"));

    // Without --resume the finished units would be lost: refused.
    BOOST_TEST(run_to_end(d) == 2);
    BOOST_TEST(slurp(d.string() + ".err").find("pass --resume") != std::string::npos);
    BOOST_TEST(unit_files(d) == before);

    BOOST_TEST_REQUIRE(run_to_end(d, "--resume") == 0, slurp(d.string() + ".err"));
    const std::string log = slurp(d.string() + ".err");
    std::set<std::string> expected_skipped;
    for (const auto& s : before) expected_skipped.insert(label_of(s));
    const auto skipped = logged(log, "skipped"), computed = logged(log, "computed");
    BOOST_TEST((skipped == expected_skipped), log);
    for (const auto& c : computed) BOOST_TEST(!skipped.count(c), c << " was recomputed");
    // Every unit once: the ensembles' units and the error budget's tightened re-run.
    BOOST_TEST(skipped.size() + computed.size() == ensemble_units + 1);
    BOOST_TEST(results_without_provenance(d) == whole);
    std::ifstream in(d / "results.json");
    BOOST_TEST(json::parse(in)["provenance"]["units_resumed"] == before.size());
}

BOOST_AUTO_TEST_CASE(sigint_and_sigterm_keep_the_finished_units_and_say_how_to_resume)
{
    const json& whole = uninterrupted();
    for (const int sig : {SIGINT, SIGTERM}) {
        const fs::path d = fresh_dir("signal" + std::to_string(sig));
        const pid_t pid = start_run(d);
        wait_for_units(pid, d, 1);
        kill(pid, sig);
        BOOST_TEST(finish(pid) == 128 + sig);
        const std::string err = slurp(d.string() + ".err");
        BOOST_TEST(err.find("interrupted") != std::string::npos, err);
        BOOST_TEST(err.find("-o " + d.string() + " --resume") != std::string::npos, err);
        const auto kept = unit_files(d);
        BOOST_TEST(err.find(std::to_string(kept.size()) + " finished unit(s) are saved") != std::string::npos, err);
        BOOST_TEST(kept.size() >= 1u);
        BOOST_TEST(!fs::exists(d / "results.json"));
        BOOST_TEST_REQUIRE(run_to_end(d, "--resume") == 0, slurp(d.string() + ".err"));
        BOOST_TEST(results_without_provenance(d) == whole);
    }
}

BOOST_AUTO_TEST_CASE(resume_refuses_a_changed_study)
{
    const fs::path d = fresh_dir("changed");
    const pid_t pid = start_run(d);
    wait_for_units(pid, d, 1);
    kill(pid, SIGKILL);
    finish(pid);
    json j;
    {
        std::ifstream in(study);
        j = json::parse(in);
    }
    j["ensemble"]["seed"] = 12;
    const fs::path changed = d.string() + "-study.json";
    std::ofstream(changed) << j.dump();
    const std::string cmd = std::string(MFV_BINARY) + " run " + changed.string() + " -o " + d.string() +
                            " --resume --no-plots >/dev/null 2>" + d.string() + ".err </dev/null";
    BOOST_TEST(mfv::test::run_shell(cmd) == 2);
    const std::string err = slurp(d.string() + ".err");
    BOOST_TEST(err.find("the study differs") != std::string::npos, err);
    BOOST_TEST(err.find("/ensemble/seed") != std::string::npos, err);
    BOOST_TEST(!fs::exists(d / "results.json"));
}
