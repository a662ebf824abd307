#include <mfv/harness/rate_json.hpp>

#include "rate_verdict.hpp"

#include "json_numbers.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace mfv::harness {

namespace {
using nlohmann::json;

double finite(double x, const std::string& key) { return detail::finite(x, "rate", key); }

json interval_json(const interval& ci, const std::string& key) {
    return json::array({finite(ci.lo, key + ".lo"), finite(ci.hi, key + ".hi")});
}

json per_n_json(const rate_fit& fit, const n_summary& n) {
    const std::string at = "per_N[N = " + std::to_string(n.N) + "].";
    json j = {{"N", n.N}, {"members_ok", n.members_ok}, {"members_failed", n.members_failed}};
    if (n.estimate) {
        j["mean"] = finite(n.estimate->mean, at + "mean");
        j["stderr"] = finite(n.estimate->standard_error, at + "stderr");
        j["interval"] = interval_json(n.estimate->ci, at + "interval");
        if (n.estimate->mean != 0.0) j["scaled_mean"] = finite(detail::scaled_mean(fit, n), at + "scaled_mean");
    }
    j["usable"] = n.usable;
    if (!n.usable) j["reason"] = n.reason;
    return j;
}

void write_law(json& j, const power_law& p, const std::string& prefix) {
    j[prefix + "exponent"] = finite(p.exponent, prefix + "exponent");
    j[prefix + "prefactor"] = finite(p.prefactor, prefix + "prefactor");
    j[prefix + "interval"] = interval_json(p.ci, prefix + "interval");
    j[prefix + "bootstrap_interval"] = interval_json(p.bootstrap, prefix + "bootstrap_interval");
    if (p.lack_of_fit) {
        j[prefix + "lack_of_fit_interval"] = interval_json(*p.lack_of_fit, prefix + "lack_of_fit_interval");
    }
    if (p.residual_sd) j[prefix + "residual_sd"] = finite(*p.residual_sd, prefix + "residual_sd");
}
}  // namespace

json to_json(const rate_fit& fit) {
    json j = {{"harness", "rate"}, {"observable", fit.observable}, {"statistic", fit.statistic}};
    if (fit.fit) write_law(j, *fit.fit, "");
    j["theory_exponent"] = finite(fit.theory_exponent, "theory_exponent");
    if (fit.log_case) {
        if (fit.log_fit) write_law(j, *fit.log_fit, "log_");
        j["log_theory_exponent"] = 1.0;
    }
    if (fit.sign != mean_sign::none) j["sign"] = to_string(fit.sign);
    j["pairwise"] = json::array();
    for (const pairwise_rate& p : fit.pairwise) {
        j["pairwise"].push_back({{"N_from", p.N_from}, {"N_to", p.N_to}, {"rate", finite(p.rate, "pairwise.rate")}});
    }
    // Which fit the verdict reads: in the log case the exponent q against (log N)/N (theory 1),
    // since (log N)/N is no power of N; otherwise the exponent p against N^(s/d-1).
    j["verdict_basis"] = fit.log_case ? "log_exponent" : "exponent";
    j["verdict"] = to_string(fit.outcome);
    j["reason"] = fit.reason;
    json window = {{"usable", fit.window.usable}};
    if (fit.window.usable > 0) {
        window["N_min"] = fit.window.N_min;
        window["N_max"] = fit.window.N_max;
    }
    j["window"] = window;
    j["per_N"] = json::array();
    for (const n_summary& n : fit.per_N) j["per_N"].push_back(per_n_json(fit, n));
    if (fit.numerical) {
        const numerical_check& c = *fit.numerical;
        j["numerical_error"] = {{"N", c.N},
                                {"value", finite(c.value, "numerical_error.value")},
                                {"tightened", finite(c.tightened, "numerical_error.tightened")},
                                {"relative_change", finite(c.relative_change, "numerical_error.relative_change")},
                                {"tolerance", finite(c.tolerance, "numerical_error.tolerance")}};
    }
    return j;
}

}  // namespace mfv::harness
