// mfv energy --study STUDY.json --points FILE.csv [--time T]
// F_N(X_N, mu^T) and its three terms (MATH.md section 0) for a configuration brought by the
// user: the model and the reference mu^T come from the study, the evaluator from its
// interaction block. Prints one JSON object. Keep this interface stable: other checks use it.
// On a Newton study (issue 7) the rows hold 2d numbers, position then velocity, and the
// output adds "kinetic_term" (1/N) sum |v_i - u^T(x_i)|^2 and "total" (F_N + kinetic_term);
// F_N stays the potential part against mu^T. On a study in self-similar variables
// (model.frame "self_similar") --time is tau and the points are xi = x / sqrt(1+t): F_N is
// F_N(Xi, nu^tau), and the output adds "frame", "F_N_original" = F_N(X, mu^t) and
// "t_original" = e^tau - 1 (meanfield/self_similar_view.hpp).
#include "commands.hpp"

#include <mfv/energy/kinetic_modulated_energy.hpp>
#include <mfv/interaction/plan.hpp>
#include <mfv/meanfield/self_similar_view.hpp>
#include <mfv/sampling/points_csv.hpp>
#include <mfv/study/runner.hpp>
#include <mfv/study/study.hpp>

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <iostream>

namespace po = boost::program_options;

namespace mfv::cli {

int energy_command(const args& a) {
    po::options_description desc("mfv energy --study STUDY.json --points FILE.csv [--time T]");
    desc.add_options()("help,h", "this help")("study", po::value<std::string>(), "study file (model, reference, interaction)")(
        "points", po::value<std::string>(), "CSV file: one particle a row, d numbers (newton study: 2d, position then velocity), optional header (torus: "
        "positions in [0, 1))")(
        "time", po::value<double>()->default_value(0.0), "time T of the reference mu^T (tau in a self-similar study)");
    po::variables_map vm;
    po::store(po::command_line_parser(a).options(desc).run(), vm);
    po::notify(vm);
    if (vm.count("help")) {
        std::cout << desc
                  << "\nPrints {\"F_N\", \"pair_term\", \"cross_term\", \"self_term\", \"N\", ...}, "
                     "F_N = pair_term + cross_term + self_term.\nOn a newton study also \"kinetic_term\" = (1/N) sum "
                     "|v_i - u^T(x_i)|^2 and \"total\" = F_N + kinetic_term.\n";
        return 0;
    }
    if (!vm.count("study") || !vm.count("points")) {
        std::cerr << "mfv energy: --study and --points are required (see mfv energy --help)\n";
        return 2;
    }
    const double t = vm["time"].as<double>();
    if (!std::isfinite(t) || t < 0) {
        std::cerr << "mfv energy: --time must be a finite number >= 0\n";
        return 2;
    }
    const auto st = study::load_study(vm["study"].as<std::string>());
    const kernel::riesz_kernel g(st.d, st.s);
    const bool newton = st.flow == "newton";
    const std::string file = vm["points"].as<std::string>();
    sampling::phase_space xv;
    if (newton) xv = sampling::read_phase_space_csv(file, st.d, st.torus());
    else xv.x = sampling::read_points_csv(file, st.d, st.torus());
    const points& x = xv.x;
    // The study's reference, asked at the one time T (a spectral solver runs to T).
    const auto mu = study::make_reference(st, {t});
    auto plan = interaction::make_plan(g, x.size(), st.interaction_accuracy, st.interaction_method, st.space);
    const auto f = energy::modulated_energy(*plan, *mu, x.view(), t);
    for (double v : {f.value, f.pair_term, f.cross_term, f.self_term}) {
        if (!std::isfinite(v)) throw std::runtime_error("F_N is not finite (coincident points or a point at a singularity?)");
    }
    nlohmann::json out = {{"F_N", f.value},
                          {"pair_term", f.pair_term},
                          {"cross_term", f.cross_term},
                          {"self_term", f.self_term},
                          {"N", x.size()},
                          {"t", t},
                          {"d", st.d},
                          {"s", st.s},
                          {"domain", st.domain},
                          {"reference", mu->name()},
                          {"interaction", {{"method", plan->method()}, {"promised_accuracy", plan->promised_accuracy()}, {"parameters", plan->describe()}}},
                          {"summation", "pair term: per-particle sums added in index order, Neumaier-compensated (double); cross term: Neumaier-compensated in long double; terms added in long double"}};
    if (st.self_similar()) {
        out["frame"] = "self_similar";
        out["F_N_original"] = meanfield::original_frame_energy(f.value, t, st.s, x.size(), mu->mass());
        out["t_original"] = meanfield::self_similar_view::original_time(t);
    }
    if (newton) {
        const double kinetic = energy::kinetic_term(*mu, x.view(), xv.v.view(), t);
        if (!std::isfinite(kinetic)) throw std::runtime_error("the kinetic term is not finite");
        out["kinetic_term"] = kinetic;
        out["total"] = static_cast<double>(static_cast<long double>(kinetic) + f.value);
    }
    std::cout.precision(17);
    std::cout << out.dump(2) << "\n";
    return 0;
}

}  // namespace mfv::cli
