// mfv: check mean-field limits of Riesz / Coulomb particle systems by computation.
//   mfv                       run studies/quickstart.json into a fresh run directory
//   mfv run STUDY.json [-o DIR] [--threads K] [--resume]   (also under mpirun -np P)
//   mfv validate STUDY.json
//   mfv energy --study STUDY.json --points FILE.csv [--time T]
//   mfv gibbs --study STUDY.json [--N N] [--samples M] [-o FILE]
//   mfv compare RESULTS.json BASELINE.json [--update-baseline --why TEXT]
//   mfv report [-o DIR] [--run]
// Exit 0 on success; on failure one clear message on stderr and a non-zero exit.
#include "commands.hpp"

#include <mfv/core/error.hpp>

#include <boost/program_options/errors.hpp>

#include <cstdio>
#include <exception>
#include <iostream>

namespace mfv::build_info {
const char* git_commit();
}

namespace {

const char* usage =
    "mfv: check mean-field limits of Coulomb / Riesz particle systems by computation.\n"
    "\n"
    "usage:\n"
    "  mfv                                  run studies/quickstart.json, print where the results are\n"
    "  mfv run STUDY.json [-o DIR] [--threads K] [--resume]\n"
    "                                       run a study: DIR/results.json, timeseries.csv, plots\n"
    "  mfv validate STUDY.json              check a study file, print it with defaults filled in\n"
    "  mfv energy --study STUDY.json --points FILE.csv [--time T]\n"
    "                                       F_N and its three terms for a configuration\n"
    "  mfv gibbs --study STUDY.json [--N N] [--samples M] [-o FILE]\n"
    "                                       modulated Gibbs measure: (1/N) log K, E_Q[F_N] (theta > 0)\n"
    "  mfv compare RESULTS.json BASELINE.json [--update-baseline --why TEXT]\n"
    "                                       regression check of a run against a baseline\n"
    "  mfv report [-o DIR] [--run]          every study's figures and fits: DIR/index.html, index.md\n"
    "  mfv COMMAND --help                   options of a command\n"
    "\n"
    "The study format is the JSON Schema framework/schema/study.schema.json (README.md).\n";

}  // namespace

int main(int argc, char** argv) {
    std::string command_line;
    for (int k = 0; k < argc; ++k) {
        if (k > 0) command_line.push_back(' ');
        command_line.append(argv[k]);
    }
    mfv::cli::args rest(argv + std::min(argc, 2), argv + argc);
    const std::string cmd = argc >= 2 ? argv[1] : "";
    try {
        if (cmd.empty()) return mfv::cli::quickstart_command(command_line);
        if (cmd == "run") return mfv::cli::run_command(rest, command_line);
        if (cmd == "validate") return mfv::cli::validate_command(rest);
        if (cmd == "energy") return mfv::cli::energy_command(rest);
        if (cmd == "gibbs") return mfv::cli::gibbs_command(rest);
        if (cmd == "compare") return mfv::cli::compare_command(rest);
        if (cmd == "report") return mfv::cli::report_command(rest);
        if (cmd == "--help" || cmd == "-h" || cmd == "help") {
            std::cout << usage;
            return 0;
        }
        if (cmd == "--version") {
            std::cout << "mfv " << MFV_VERSION << " (" << mfv::build_info::git_commit() << ")\n";
            return 0;
        }
        std::cerr << "mfv: unknown command \"" << cmd << "\"\n\n" << usage;
        return 2;
    } catch (const mfv::input_error& e) {
        std::cerr << "mfv: " << e.what() << "\n";
        return 2;
    } catch (const boost::program_options::error& e) {
        std::cerr << "mfv " << cmd << ": " << e.what() << " (see mfv " << cmd << " --help)\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "mfv: " << e.what() << "\n";
        return 1;
    }
}
