// mfv gibbs --study STUDY.json [--N N] [--samples M] [-o FILE]
// The modulated Gibbs measure Q_{N,theta}(mu) of a study (reference/gibbs.md): (1/N) log K
// by thermodynamic integration with its standard error, E_Q[F_N], and the chain's
// diagnostics. With --N: one JSON object for that N (keep its keys: other checks read
// them). Without: every N of the study, one JSON object with the rows and the fitted decay
// of (1/N) log K in N, and a table on stderr.
#include "commands.hpp"

#include <mfv/core/error.hpp>
#include <mfv/gibbs/gibbs_json.hpp>
#include <mfv/gibbs/gibbs_run.hpp>
#include <mfv/study/study.hpp>

#include <boost/program_options.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>

namespace po = boost::program_options;

namespace mfv::cli {

namespace {

void table_row(const gibbs::gibbs_result& r) {
    std::fprintf(stderr, "%8zu  %14.6e  %11.3e  %14s  %8.3f  %8.1f  %7.1f s\n", r.N, r.log_K.log_K_over_N,
                 r.log_K.standard_error,
                 r.exact_log_K_over_N ? std::to_string(*r.exact_log_K_over_N).c_str() : "-", r.at_theta.acceptance_rate,
                 r.at_theta.F_N.ess, r.wall_seconds);
}

}  // namespace

int gibbs_command(const args& a) {
    po::options_description desc("mfv gibbs --study STUDY.json [--N N] [--samples M] [-o FILE]");
    desc.add_options()("help,h", "this help")("study", po::value<std::string>(), "study file (model with theta > 0, domain, initial law mu, gibbs settings)")(
        "N", po::value<std::size_t>(), "one particle number (default: every N of the study)")(
        "samples", po::value<std::size_t>(), "recorded iterations of each chain (default: the study's gibbs.samples)")(
        "output,o", po::value<std::string>(), "also write the JSON to this file");
    po::variables_map vm;
    po::store(po::command_line_parser(a).options(desc).run(), vm);
    po::notify(vm);
    if (vm.count("help")) {
        std::cout << desc
                  << "\nQ = K^-1 exp(-(N/theta) F_N(X, mu)) dmu^N, mu the study's initial law, theta = model.theta > 0.\n"
                     "Prints {\"N\", \"theta\", \"log_K_over_N\", \"stderr\", \"mean_F_N\", \"ess\", \"acceptance_rate\", "
                     "\"tau_int\", ...} (with \"exact_log_K_over_N\" when a closed form is known); without --N, "
                     "{\"rows\": [...], \"decay_fit\": ...}.\n";
        return 0;
    }
    if (!vm.count("study")) {
        std::cerr << "mfv gibbs: --study is required (see mfv gibbs --help)\n";
        return 2;
    }
    const auto st = study::load_study(vm["study"].as<std::string>());
    const std::size_t samples = vm.count("samples") ? vm["samples"].as<std::size_t>() : 0;
    nlohmann::json out;
    if (vm.count("N")) {
        out = gibbs::to_json(gibbs::run_gibbs(st, vm["N"].as<std::size_t>(), samples));
    } else {
        std::vector<gibbs::gibbs_result> rows;
        std::fprintf(stderr, "%8s  %14s  %11s  %14s  %8s  %8s  %9s\n", "N", "log_K_over_N", "stderr", "exact", "accept", "ess", "wall");
        for (std::size_t n : st.N) {
            rows.push_back(gibbs::run_gibbs(st, n, samples));
            table_row(rows.back());
        }
        out = gibbs::study_json(st, rows);
    }
    std::cout.precision(17);
    std::cout << out.dump(2) << "\n";
    if (vm.count("output")) {
        std::ofstream f(vm["output"].as<std::string>());
        if (!f) throw input_error("-o " + vm["output"].as<std::string>() + ": cannot write");
        f.precision(17);
        f << out.dump(2) << "\n";
    }
    return 0;
}

}  // namespace mfv::cli
