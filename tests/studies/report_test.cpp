// End-to-end test of `mfv report` (issue 6): from a fresh clone's state (no runs: every
// study reported from its baseline) it writes index.html and index.md with a fits table
// and every figure; the page is loaded in a real headless browser (Debian's chromium),
// which must find every figure it names and decode it (the page counts them itself), and
// a screenshot of it is written and named in the test output.
#define BOOST_TEST_MODULE report
#include <boost/test/unit_test.hpp>

#include "process_helpers.hpp"

#include <nlohmann/json.hpp>

#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace {

using mfv::test::slurp;

int run(const std::string& cmd) { return mfv::test::run_shell(cmd); }

std::string chromium() {
    for (const char* p : {"/usr/bin/chromium", "/usr/bin/chromium-browser"})
        if (fs::exists(p)) return p;
    return "";
}

// Headless chromium on a local file (root needs --no-sandbox); the virtual time budget
// lets the page load its images and run its load handler before the DOM is dumped.
std::string browser(const std::string& args) {
    return chromium() + " --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars "
                        "--virtual-time-budget=10000 " + args;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_report_loads_in_a_browser_with_every_figure)
{
    const fs::path d = mfv::test::fresh_dir("mfv-report-test", "");
    fs::create_directories(d / "no-runs");
    const auto start = std::chrono::steady_clock::now();
    const std::string cmd = std::string(MFV_BINARY) + " report -o " + (d / "report").string() + " --runs " +
                            (d / "no-runs").string() + " >" + (d / "out").string() + " 2>" + (d / "err").string();
    const int status = run(cmd);
    BOOST_TEST_REQUIRE(status == 0, "mfv report exited with " << status << ": " << slurp(d / "err"));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    BOOST_TEST_MESSAGE("mfv report took " << seconds << " s");

    const std::string html = slurp(d / "report" / "index.html");
    const std::string md = slurp(d / "report" / "index.md");
    // Every shipped study is there, with its fits table rows and verdicts.
    std::set<std::string> studies;
    for (const auto& e : fs::directory_iterator(std::string(MFV_SOURCE_DIR) + "/studies"))
        if (e.path().extension() == ".json") studies.insert(e.path().stem().string());
    BOOST_TEST_REQUIRE(!studies.empty());
    for (const auto& s : studies) {
        BOOST_TEST(html.find("<section id=\"" + s + "\">") != std::string::npos, s);
        BOOST_TEST(md.find("\n## " + s + "\n") != std::string::npos, s);
    }
    BOOST_TEST(md.find("| quickstart | rate | exponent of sup_abs modulated_energy in N |") != std::string::npos);
    BOOST_TEST(html.find("class=\"attained\"") != std::string::npos);

    // Every figure the page names exists, as PNG, SVG and PDF.
    std::size_t named = 0;
    const std::regex img("<img src=\"([^\"]+)\"");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), img); it != std::sregex_iterator(); ++it, ++named) {
        const fs::path png = d / "report" / (*it)[1].str();
        BOOST_TEST(fs::file_size(png) > 1000u, png);
        for (const char* ext : {".svg", ".pdf"}) BOOST_TEST(fs::exists(fs::path(png).replace_extension(ext)), png);
    }
    BOOST_TEST(named >= 2 * studies.size());

    // The browser: the page's own count of decoded figures, and a screenshot.
    BOOST_TEST_REQUIRE(!chromium().empty(), "chromium is not installed (scripts/install-deps.sh --tests installs it)");
    const fs::path dom = d / "dom.html", shot = d / "report-screenshot.png";
    BOOST_TEST_REQUIRE(run(browser("--dump-dom file://" + (d / "report" / "index.html").string()) + " >" + dom.string() +
                           " 2>" + (d / "chromium.err").string()) == 0,
                       slurp(d / "chromium.err"));
    const std::string loaded = slurp(dom);
    const std::string expect = "data-figures=\"" + std::to_string(named) + " of " + std::to_string(named) + " rendered\"";
    BOOST_TEST(loaded.find(expect) != std::string::npos, "expected " << expect << "; the browser's body says: "
                                                                     << loaded.substr(loaded.find("<body"), 200));
    BOOST_TEST(loaded.find("data-figures-missing=\"\"") != std::string::npos);
    BOOST_TEST_REQUIRE(run(browser("--window-size=1200,2400 --screenshot=" + shot.string() + " file://" +
                                   (d / "report" / "index.html").string()) + " >/dev/null 2>" +
                           (d / "chromium.err").string()) == 0,
                       slurp(d / "chromium.err"));
    const std::string png = slurp(shot);
    BOOST_TEST_REQUIRE(png.size() > 10000u);
    BOOST_TEST(png.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
    BOOST_TEST_MESSAGE("screenshot of the report: " << shot.string());
}

BOOST_AUTO_TEST_CASE(an_unknown_study_name_is_refused)
{
    const fs::path d = mfv::test::fresh_dir("mfv-report-test-bad", "") / "out";
    const int status = run(std::string(MFV_BINARY) + " report -o " + d.string() + " --only no-such-study >/dev/null 2>" +
                           (d.string() + ".err"));
    BOOST_TEST(status == 2);
    BOOST_TEST(slurp(d.string() + ".err").find("--only no-such-study: no study of that name") != std::string::npos);
}
