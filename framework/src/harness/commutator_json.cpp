#include <mfv/harness/commutator_json.hpp>

#include "json_numbers.hpp"

#include <cmath>
#include <stdexcept>

namespace mfv::harness {

using nlohmann::json;

namespace {
double finite(double x, const std::string& key) { return detail::finite(x, "commutator", key); }
json finite_array(const std::vector<double>& v, const std::string& key) { return detail::finite_array(v, "commutator", key); }
}  // namespace

json to_json(const commutator_fit& f) {
    json j = {{"harness", "commutator"},
              {"observable", "commutator"},
              {"ratio", "|K(u)| / (||Du^t||_inf on the support (F_N + C r(N))), r(N) = N^(s/d-1) or (log N)/N"},
              {"C", finite(f.C_prime, "C")},
              {"C_source", f.C_prime_source},
              {"sup_ratio", finite(f.sup_ratio, "sup_ratio")}};
    json per = json::array();
    for (const auto& g : f.per_N) {
        const std::string at = "per_N[N = " + std::to_string(g.N) + "].";
        json e = {{"N", g.N}, {"rate_term", finite(g.rate_term, at + "rate_term")},
                  {"members_used", g.members_used}, {"members_failed", g.members_failed}};
        if (g.members_used > 0) {
            e["sup_ratio"] = finite_array(g.sup_ratio, at + "sup_ratio");
            e["mean_sup_ratio"] = finite(g.mean_sup_ratio, at + "mean_sup_ratio");
            e["mean_sup_ratio_interval"] = {finite(g.sup_ratio_interval.lo, at + "interval"),
                                            finite(g.sup_ratio_interval.hi, at + "interval")};
            e["max_sup_ratio"] = finite(g.max_sup_ratio, at + "max_sup_ratio");
            e["t"] = finite_array(g.times, at + "t");
            e["mean_ratio"] = finite_array(g.mean_ratio, at + "mean_ratio");
            e["std_ratio"] = finite_array(g.sd_ratio, at + "std_ratio");
        }
        per.push_back(e);
    }
    j["per_N"] = per;
    if (f.trend.slope) {
        j["slope_in_log_N"] = finite(*f.trend.slope, "slope");
        j["slope_interval"] = {finite(f.trend.slope_interval->lo, "slope_interval"),
                               finite(f.trend.slope_interval->hi, "slope_interval")};
    }
    j["verdict"] = to_string(f.trend.outcome);
    j["reason"] = f.trend.reason;
    return j;
}

}  // namespace mfv::harness
