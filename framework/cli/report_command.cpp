// mfv report [-o DIR] [--run] [--only NAME ...]: every study's figures and fits in one page.
#include "commands.hpp"

#include <mfv/core/error.hpp>
#include <mfv/io/report.hpp>
#include <mfv/study/pipeline.hpp>

#include <boost/program_options.hpp>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>

namespace po = boost::program_options;
namespace fs = std::filesystem;
using nlohmann::json;

namespace mfv::cli {

namespace {

// The source tree's folder when mfv runs from its build, else the working directory's.
fs::path source_or_here(const std::string& sub) {
    const fs::path source = fs::path(MFV_SOURCE_DIR) / sub;
    return fs::exists(source) ? source : fs::path(sub);
}

json read_json(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return json::parse(text.str());
}

// The latest run of the study under runs/<name>/ whose study is the current one.
fs::path latest_run(const fs::path& runs, const study::study& st, std::string& note) {
    const fs::path dir = runs / st.name;
    std::vector<std::pair<fs::file_time_type, fs::path>> found;
    if (fs::is_directory(dir)) {
        for (const auto& e : fs::directory_iterator(dir)) {
            const fs::path r = e.path() / "results.json";
            if (fs::exists(r)) found.emplace_back(fs::last_write_time(r), r);
        }
    }
    std::sort(found.rbegin(), found.rend());
    std::size_t stale = 0;
    for (const auto& [time, r] : found) {
        try {
            if (read_json(r).value("study", json()) == st.normalised) {
                if (stale > 0) note = std::to_string(stale) + " later run(s) were of an earlier version of the study";
                return r;
            }
        } catch (const std::exception&) {
        }
        ++stale;
    }
    return {};
}

}  // namespace

int report_command(const args& a) {
    po::options_description desc("mfv report [options]");
    desc.add_options()("help,h", "this help")("output,o", po::value<std::string>()->default_value("reports"),
                                              "report directory (index.html, index.md, one folder of figures a study)")(
        "run", "run every study first (into runs/<name>/<date-time>/), then report")(
        "only", po::value<std::vector<std::string>>(), "report only this study (by name; repeatable)")(
        "studies", po::value<std::string>(), "folder of study files (default: the source tree's studies/)")(
        "runs", po::value<std::string>()->default_value("runs"), "folder of run directories")(
        "baselines", po::value<std::string>(), "folder of baselines (default: the source tree's reference/baselines/)")(
        "threads", po::value<int>()->default_value(0), "OpenMP threads for --run (0: all cores)");
    po::variables_map vm;
    po::store(po::command_line_parser(a).options(desc).run(), vm);
    po::notify(vm);
    if (vm.count("help")) {
        std::cout << desc
                  << "\nFor each study file, the figures and fits of its latest run under RUNS/<name>/ (of the\n"
                     "same study), or else of its baseline BASELINES/<name>.json; studies run only with --run.\n"
                     "Writes DIR/index.html and DIR/index.md.\n";
        return 0;
    }
    const fs::path out = vm["output"].as<std::string>();
    const fs::path studies = vm.count("studies") ? fs::path(vm["studies"].as<std::string>()) : source_or_here("studies");
    const fs::path baselines =
        vm.count("baselines") ? fs::path(vm["baselines"].as<std::string>()) : source_or_here("reference/baselines");
    const fs::path runs = vm["runs"].as<std::string>();
    const auto only = vm.count("only") ? vm["only"].as<std::vector<std::string>>() : std::vector<std::string>{};
    if (!fs::is_directory(studies)) throw input_error(studies.string() + ": no such folder of studies");

    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(studies))
        if (e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<io::report_entry> entries;
    for (const auto& file : files) {
        const auto st = study::load_study(file);
        if (!only.empty() && std::find(only.begin(), only.end(), st.name) == only.end()) continue;
        io::report_entry e;
        e.name = st.name;
        e.question = st.question;
        if (vm.count("run")) {
            study::pipeline_options opt;
            opt.threads = vm["threads"].as<int>();
            opt.plots = false;
            opt.command_line = "mfv report --run";
            const auto outcome = study::run_pipeline(st, study::fresh_run_directory(runs, st.name), opt);
            e.source_kind = "run";
            e.source = outcome.results;
        } else if (const fs::path r = latest_run(runs, st, e.note); !r.empty()) {
            e.source_kind = "run";
            e.source = r;
        } else if (fs::exists(baselines / (st.name + ".json"))) {
            e.source_kind = "baseline";
            e.source = baselines / (st.name + ".json");
        }
        if (e.source_kind != "none") {
            e.results = read_json(e.source);
            // A `mfv gibbs` table (rows a N and a decay fit, reference/gibbs.md 7) is no
            // results file: the page names it, without figures.
            if (e.results.contains("rows") && e.results.contains("decay_fit") && !e.results.contains("ensembles")) {
                e.note = "mfv gibbs output (no figures): " + e.source.string() + ", see reference/gibbs.md";
                e.results = json::object();
            }
            if (e.source_kind == "baseline" && !e.results.empty() && e.results.value("study", json()) != st.normalised)
                e.note = "the baseline was made for an earlier version of this study file (" +
                         std::to_string(json::diff(e.results.value("study", json()), st.normalised).size()) +
                         " field(s) differ); run it for current numbers";
        }
        io::draw_report_figures(e, out);
        std::cerr << "mfv report: " << e.name << ": " << (e.source_kind == "none" ? "no results" : e.source.string())
                  << ", " << e.figures.size() << " figure(s)" << (e.error.empty() ? "" : " (" + e.error + ")") << "\n";
        entries.push_back(std::move(e));
    }
    for (const auto& name : only) {
        if (std::none_of(entries.begin(), entries.end(), [&](const io::report_entry& e) { return e.name == name; }))
            throw input_error("--only " + name + ": no study of that name in " + studies.string());
    }
    io::write_report_index(out, entries);
    std::cout << "mfv: report: " << (out / "index.html").string() << "\nmfv: report: " << (out / "index.md").string() << "\n";
    const bool failed = std::any_of(entries.begin(), entries.end(), [](const io::report_entry& e) { return !e.error.empty(); });
    return failed ? 1 : 0;
}

}  // namespace mfv::cli
