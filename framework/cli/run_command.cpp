// mfv run STUDY.json [-o DIR] [--threads K] [--resume]  and  mfv (the quickstart study),
// on one process or on the ranks of an MPI job.
#include "commands.hpp"

#include <mfv/core/error.hpp>
#include <mfv/study/interrupt.hpp>
#include <mfv/study/pipeline.hpp>
#include <mfv/study/scheduler.hpp>

#include <boost/program_options.hpp>

#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace po = boost::program_options;

namespace mfv::cli {

namespace {

struct run_request {
    std::string study_file, dir;
    int threads = 0;
    bool plots = true, resume = false;
};

// The run itself, on every rank; only the root prints results.
int execute(const run_request& r, study::scheduler& sched, const std::string& command_line) {
    const auto st = study::load_study(r.study_file);
    const std::filesystem::path out =
        r.dir.empty() ? study::fresh_run_directory("runs", st.name) : std::filesystem::path(r.dir);
    if (sched.root()) {
        std::cerr << "mfv: running " << st.name << " (" << st.N.size() << " values of N, " << st.members
                  << " members each) into " << out.string() << " on " << sched.describe() << "\n";
    }
    study::pipeline_options opt;
    opt.threads = r.threads;
    opt.plots = r.plots;
    opt.command_line = command_line;
    opt.resume = r.resume;
    opt.sched = &sched;
    opt.progress = sched.root();
    study::pipeline_outcome outcome;
    try {
        outcome = study::run_pipeline(st, out, opt);
    } catch (const interrupted_error& e) {
        const int signal = study::stop_signal();
        std::cerr << "mfv: interrupted (" << e.what() << "); continue with:\n  mfv run " << r.study_file << " -o "
                  << out.string() << " --resume\n";
        return 128 + (signal > 0 ? signal : 2);
    }
    if (outcome.worker) return 0;
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

// One process, or the ranks of an MPI job when mpirun / srun started this one.
int execute(const run_request& r, const std::string& command_line) {
    study::install_stop_handlers();
    if (!study::started_by_mpi_launcher()) {
        const auto sched = study::make_local_scheduler(r.threads);
        return execute(r, *sched, command_line);
    }
    const char* size = std::getenv("OMPI_COMM_WORLD_SIZE");
    if (!study::mpi_available() && (size == nullptr || std::string(size) != "1")) {
        throw input_error("started by an MPI launcher, but this mfv was built without MPI (Boost.MPI was not found "
                          "at configure time): every rank would run the whole study; run it without mpirun, or "
                          "install libboost-mpi-dev and rebuild");
    }
    if (!study::mpi_available()) {
        const auto sched = study::make_local_scheduler(r.threads);
        return execute(r, *sched, command_line);
    }
    const auto sched = study::make_mpi_scheduler(r.threads);
    int code = 0;
    try {
        code = execute(r, *sched, command_line);
    } catch (const std::exception& e) {
        // On the root, say what went wrong; the other ranks fail the same way (a bad study)
        // or are waiting for units: end the whole job with the exit status of the failure.
        code = dynamic_cast<const input_error*>(&e) != nullptr ? 2 : 1;
        if (sched->root()) std::cerr << "mfv: " << e.what() << "\n";
        std::cerr.flush();
        study::abort_mpi_job(code);
        return code;
    }
    if (code != 0 && sched->root()) study::abort_mpi_job(code);
    return code;
}

}  // namespace

std::string default_study_path() {
    const std::filesystem::path source = std::filesystem::path(MFV_SOURCE_DIR) / "studies" / "quickstart.json";
    if (std::filesystem::exists(source)) return source.string();
    return "studies/quickstart.json";
}

int quickstart_command(const std::string& command_line) {
    run_request r;
    r.study_file = default_study_path();
    return execute(r, command_line);
}

int run_command(const args& a, const std::string& command_line) {
    po::options_description desc("mfv run STUDY.json [options]");
    desc.add_options()("help,h", "this help")("output,o", po::value<std::string>(),
                                              "run directory (default: a fresh runs/<study name>/<date-time>/)")(
        "threads", po::value<int>()->default_value(0), "OpenMP threads (0: all cores)")(
        "no-plots", "write results.json and timeseries.csv only")(
        "resume", "continue the run in DIR (-o) from its checkpoint: finished units are read back, not recomputed")(
        "study", po::value<std::string>(), "study file");
    po::positional_options_description pos;
    pos.add("study", 1);
    po::variables_map vm;
    po::store(po::command_line_parser(a).options(desc).positional(pos).run(), vm);
    po::notify(vm);
    if (vm.count("help")) {
        std::cout << desc
                  << "\nEvery finished unit (N, member) is saved in DIR/checkpoint/ as it finishes; after SIGINT or\n"
                     "SIGTERM (or a kill), `mfv run STUDY.json -o DIR --resume` computes only the others and writes\n"
                     "the results.json an uninterrupted run would have. Under `mpirun -np P mfv run ...` the units\n"
                     "are spread over the P ranks (rank 0 hands them out, largest N first, and writes).\n"
                     "\nExit status: 0 success; 2 bad input; 3 some members failed (results still written);\n"
                     "128 + signal after SIGINT / SIGTERM (finished units saved); 1 other errors.\n";
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
    run_request r;
    r.study_file = vm["study"].as<std::string>();
    r.dir = vm.count("output") ? vm["output"].as<std::string>() : "";
    r.threads = vm["threads"].as<int>();
    r.plots = !vm.count("no-plots");
    r.resume = vm.count("resume") > 0;
    if (r.resume && r.dir.empty()) {
        std::cerr << "mfv run: --resume needs the run directory to continue (-o DIR)\n";
        return 2;
    }
    return execute(r, command_line);
}

}  // namespace mfv::cli
