#include <mfv/gibbs/gibbs_json.hpp>

#include <mfv/gibbs/circular_ensemble.hpp>
#include <mfv/harness/line_fit.hpp>

#include <cmath>

namespace mfv::gibbs {

namespace {

nlohmann::json rung_json(const rung& r) {
    return {{"beta", r.beta},
            {"weight", r.weight},
            {"mean_F_N", r.F_N.mean},
            {"stderr", r.F_N.standard_error},
            {"tau_int", r.F_N.tau_int},
            {"ess", r.F_N.ess},
            {"window_found", r.F_N.window_found},
            {"acceptance_rate", r.acceptance_rate},
            {"independence_acceptance", std::isnan(r.independence_acceptance) ? nlohmann::json(nullptr) : nlohmann::json(r.independence_acceptance)},
            {"step", r.step},
            {"out_of_support", r.out_of_support}};
}

}  // namespace

nlohmann::json to_json(const gibbs_result& r) {
    nlohmann::json j = {{"N", r.N},
                        {"theta", r.theta},
                        {"beta", 1.0 / r.theta},
                        {"log_K_over_N", r.log_K.log_K_over_N},
                        {"stderr", r.log_K.standard_error},
                        {"mean_F_N", r.at_theta.F_N.mean},
                        {"mean_F_N_stderr", r.at_theta.F_N.standard_error},
                        {"ess", r.at_theta.F_N.ess},
                        {"tau_int", r.at_theta.F_N.tau_int},
                        {"acceptance_rate", r.at_theta.acceptance_rate},
                        {"independence_acceptance", std::isnan(r.at_theta.independence_acceptance) ? nlohmann::json(nullptr) : nlohmann::json(r.at_theta.independence_acceptance)},
                        {"step", r.at_theta.step},
                        {"ladder", nlohmann::json::array()},
                        {"interaction", r.interaction},
                        {"wall_seconds", r.wall_seconds},
                        {"convention",
                         "Q = K^-1 exp(-(N/theta) F_N) dmu^N; log_K_over_N = (1/N) log K; the modulated free energy is "
                         "theta H_N(f|Q) - (theta/N) log K (reference/gibbs.md 1)"},
                        {"method",
                         "MALA (step tuned during burn-in only), thermodynamic integration over a Gauss-Legendre ladder "
                         "in beta; stderr from Sokal's automatic-window tau_int, rung errors added in quadrature; the "
                         "quadrature error of the rule is not in stderr"}};
    for (const auto& k : r.ladder) j["ladder"].push_back(rung_json(k));
    if (r.exact_log_K_over_N) {
        j["exact_log_K_over_N"] = *r.exact_log_K_over_N;
        j["exact_mean_F_N"] = *r.exact_mean_F_N;
        j["quadrature_error"] = *r.quadrature_error;
        j["exact_source"] = "Morris integral of the circular beta-ensemble, beta_D = 2/(N theta) (reference/gibbs.md 6)";
        if (r.log_K.standard_error > 0.0)
            j["deviation_in_stderr"] = (r.log_K.log_K_over_N - *r.exact_log_K_over_N) / r.log_K.standard_error;
    }
    return j;
}

// The decay in N: (1/N) log K = c1/N + c2/N^2 + ... (the circular case, gibbs.md 6)
// suggests fitting N * (1/N) log K = log K = c1 + c2 / N by least squares, and the power law
// log|(1/N) log K| = a + p log N (p = -1 expected); both unweighted (line_fit.hpp).
nlohmann::json study_json(const study::study& st, const std::vector<gibbs_result>& rows) {
    nlohmann::json j = {{"study", st.name}, {"theta", st.theta}, {"rows", nlohmann::json::array()}};
    std::vector<double> log_n, log_value, inverse_n, log_K;
    bool all_positive = true;
    for (const auto& r : rows) {
        j["rows"].push_back(to_json(r));
        const double v = r.log_K.log_K_over_N, nn = static_cast<double>(r.N);
        all_positive = all_positive && v > 0.0;
        log_n.push_back(std::log(nn));
        log_value.push_back(std::log(std::fabs(v)));
        inverse_n.push_back(1.0 / nn);
        log_K.push_back(nn * v);
    }
    if (rows.size() >= 2) {
        const auto power = harness::fit_line(log_n, log_value);
        const auto expansion = harness::fit_line(inverse_n, log_K);
        nlohmann::json fit = {
            {"power_law", {{"model", "log|log_K_over_N| = log C + p log N"}, {"p", power.slope}, {"C", std::exp(power.intercept)}, {"all_positive", all_positive}}},
            {"expansion", {{"model", "log K = N log_K_over_N = c1 + c2 / N"}, {"c1", expansion.intercept}, {"c2", expansion.slope}}}};
        if (rows.size() >= 3) {
            fit["power_law"]["p_standard_error"] = harness::scatter_about(log_n, log_value, power).slope_standard_error;
            const auto sc = harness::scatter_about(inverse_n, log_K, expansion);
            fit["expansion"]["c2_standard_error"] = sc.slope_standard_error;
        }
        j["decay_fit"] = fit;
    }
    if (!rows.empty() && rows.front().exact_log_K_over_N) {
        const auto a = circular_log_K_asymptotics(1.0 / st.theta);
        j["exact_asymptotics"] = {{"model", "(1/N) log K = c1/N + c2/N^2 + O(N^-3)"},
                                  {"c1", a.c1},
                                  {"c2", a.c2},
                                  {"c1_formula", "log Gamma(1 + 1/theta) + gamma_E / theta"},
                                  {"c2_formula", "-pi^2 / (12 theta^2)"}};
    }
    return j;
}

}  // namespace mfv::gibbs
