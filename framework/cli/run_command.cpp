// mfv run STUDY.json [-o DIR] [--threads K]  and  mfv (the quickstart study).
#include "commands.hpp"

#include <mfv/study/pipeline.hpp>

#include <boost/program_options.hpp>

#include <filesystem>
#include <iostream>

namespace po = boost::program_options;

namespace mfv::cli {

namespace {

int execute(const std::string& study_file, std::string dir, int threads, bool plots, const std::string& command_line) {
    const auto st = study::load_study(study_file);
    const std::filesystem::path out =
        dir.empty() ? study::fresh_run_directory("runs", st.name) : std::filesystem::path(dir);
    std::cerr << "mfv: running " << st.name << " (" << st.N.size() << " values of N, " << st.members
              << " members each) into " << out.string() << "\n";
    study::pipeline_options opt;
    opt.threads = threads;
    opt.plots = plots;
    opt.command_line = command_line;
    const auto outcome = study::run_pipeline(st, out, opt);
    std::cout << "mfv: results: " << outcome.results.string() << "\n";
    std::cout << "mfv: time series: " << outcome.timeseries.string() << "\n";
    for (const auto& p : outcome.plots) std::cout << "mfv: plot: " << p.string() << "\n";
    for (std::size_t k = 0; k < outcome.verdicts.size(); ++k) {
        std::cout << "mfv: harness " << k << " verdict: " << outcome.verdicts[k] << "\n";
    }
    if (outcome.members_failed > 0) {
        std::cerr << "mfv: " << outcome.members_failed << " member(s) failed; their errors are in results.json\n";
        return 3;
    }
    return 0;
}

}  // namespace

std::string default_study_path() {
    const std::filesystem::path source = std::filesystem::path(MFV_SOURCE_DIR) / "studies" / "quickstart.json";
    if (std::filesystem::exists(source)) return source.string();
    return "studies/quickstart.json";
}

int quickstart_command(const std::string& command_line) {
    return execute(default_study_path(), "", 0, true, command_line);
}

int run_command(const args& a, const std::string& command_line) {
    po::options_description desc("mfv run STUDY.json [options]");
    desc.add_options()("help,h", "this help")("output,o", po::value<std::string>(),
                                              "run directory (default: a fresh runs/<study name>/<date-time>/)")(
        "threads", po::value<int>()->default_value(0), "OpenMP threads (0: all cores)")(
        "no-plots", "write results.json and timeseries.csv only")("study", po::value<std::string>(), "study file");
    po::positional_options_description pos;
    pos.add("study", 1);
    po::variables_map vm;
    po::store(po::command_line_parser(a).options(desc).positional(pos).run(), vm);
    po::notify(vm);
    if (vm.count("help")) {
        std::cout << desc << "\nExit status: 0 success; 2 bad input; 3 some members failed "
                             "(results still written); 1 other errors.\n";
        return 0;
    }
    if (!vm.count("study")) {
        std::cerr << "mfv run: no study file given (see mfv run --help)\n";
        return 2;
    }
    if (vm["threads"].as<int>() < 0) {
        std::cerr << "mfv run: --threads must be >= 0\n";
        return 2;
    }
    return execute(vm["study"].as<std::string>(), vm.count("output") ? vm["output"].as<std::string>() : "",
                   vm["threads"].as<int>(), !vm.count("no-plots"), command_line);
}

}  // namespace mfv::cli
