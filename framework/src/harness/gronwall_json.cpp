#include <mfv/harness/gronwall_json.hpp>

#include "json_numbers.hpp"

#include <cmath>
#include <stdexcept>

namespace mfv::harness {

using nlohmann::json;

namespace {
double finite(double x, const std::string& key) { return detail::finite(x, "gronwall", key); }
json finite_array(const std::vector<double>& v, const std::string& key) { return detail::finite_array(v, "gronwall", key); }
}  // namespace

json to_json(const gronwall_fit& f) {
    json j = {{"harness", "gronwall"},
              {"observable", f.observable},
              {"C1", finite(f.C1, "C1")},
              {"C1_source", f.C1_source},
              {"envelope", "(|F_N(0)| + C1 r(N)) exp(C2 t), r(N) = N^(s/d-1) or (log N)/N"}};
    json per = json::array();
    for (const auto& g : f.per_N) {
        const std::string at = "per_N[N = " + std::to_string(g.N) + "].";
        json e = {{"N", g.N}, {"rate_term", finite(g.rate_term, at + "rate_term")},
                  {"members_used", g.members_used}, {"members_failed", g.members_failed}};
        if (g.members_used > 0) {
            e["C2"] = finite_array(g.C2, at + "C2");
            e["mean_C2"] = finite(g.mean_C2, at + "mean_C2");
            e["mean_C2_interval"] = {finite(g.C2_interval.lo, at + "interval"), finite(g.C2_interval.hi, at + "interval")};
            e["max_C2"] = finite(g.max_C2, at + "max_C2");
            if (g.mean_constant) {
                e["constant"] = finite_array(g.constant, at + "constant");
                e["mean_constant"] = finite(*g.mean_constant, at + "mean_constant");
                e["max_constant"] = finite(*g.max_constant, at + "max_constant");
            }
            e["t"] = finite_array(g.times, at + "t");
            e["mean_abs"] = finite_array(g.mean_abs, at + "mean_abs");
            e["envelope_max_C2"] = finite_array(g.envelope, at + "envelope");
        }
        per.push_back(e);
    }
    j["per_N"] = per;
    if (f.slope) {
        j["slope_in_log_N"] = finite(*f.slope, "slope");
        j["slope_interval"] = {finite(f.slope_interval->lo, "slope_interval"), finite(f.slope_interval->hi, "slope_interval")};
    }
    if (f.apriori_mean_rate) {
        j["apriori_mean_rate"] = finite(*f.apriori_mean_rate, "apriori_mean_rate");
        j["apriori"] = "A(t) = int_0^t ||Dv^r||_inf dr of the reference; constant C = max_t log(|F_N(t)| / E_0) / A(t)";
    } else {
        j["apriori"] = "not available: the reference's velocity is not Lipschitz (||Dv^t||_inf infinite)";
    }
    j["verdict"] = to_string(f.outcome);
    j["reason"] = f.reason;
    return j;
}

}  // namespace mfv::harness
