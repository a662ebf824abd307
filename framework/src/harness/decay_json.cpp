#include <mfv/harness/decay_json.hpp>

#include "json_numbers.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace mfv::harness {

namespace {
using nlohmann::json;

double finite(double x, const std::string& key) { return detail::finite(x, "decay", key); }

json interval_json(const interval& ci, const std::string& key) {
    return json::array({finite(ci.lo, key + ".lo"), finite(ci.hi, key + ".hi")});
}
}  // namespace

json to_json(const decay_fit& fit) {
    json j = {{"harness", "decay"},
              {"observable", fit.observable},
              {"model", fit.fit_offset ? "A exp(-lambda t) + B" : "A exp(-lambda t)"}};
    j["window"] = {{"t_begin", finite(fit.t_begin, "window.t_begin")},
                   {"t_end", finite(fit.t_end, "window.t_end")},
                   {"times", fit.times_used}};
    j["members"] = {{"used", fit.members_used}, {"excluded", fit.members_excluded}};
    j["rate_search"] = json::array({finite(fit.rate_min, "rate_search.min"), finite(fit.rate_max, "rate_search.max")});
    const exponential_fit& f = fit.mean_fit;
    j["converged"] = f.converged;
    if (f.converged) {
        j["A"] = finite(fit.amplitude, "A");
        j["A_at_window_start"] = finite(f.amplitude, "A_at_window_start");
        j["lambda"] = finite(f.rate, "lambda");
        if (fit.fit_offset) j["B"] = finite(f.offset, "B");
        j["rms_residual"] = finite(f.rms_residual, "rms_residual");
    }
    if (fit.rate_ci) j["lambda_interval"] = interval_json(*fit.rate_ci, "lambda_interval");
    if (fit.amplitude_ci) j["A_interval"] = interval_json(*fit.amplitude_ci, "A_interval");
    if (fit.offset_ci) j["B_interval"] = interval_json(*fit.offset_ci, "B_interval");
    j["bootstrap"] = {{"replicates", fit.replicates},
                      {"not_converged", fit.replicates_not_converged},
                      {"level", finite(fit.level, "bootstrap.level")}};
    if (fit.predicted_rate) j["predicted_rate"] = finite(*fit.predicted_rate, "predicted_rate");
    j["verdict"] = to_string(fit.outcome);
    j["reason"] = fit.reason;
    return j;
}

}  // namespace mfv::harness
