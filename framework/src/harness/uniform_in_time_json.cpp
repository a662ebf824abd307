#include <mfv/harness/uniform_in_time_json.hpp>

#include <mfv/harness/rate_json.hpp>

#include "json_numbers.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace mfv::harness {

namespace {
using nlohmann::json;

double finite(double x, const std::string& key) { return detail::finite(x, "uniform-in-time", key); }

json per_n_json(const growth_at_n& g) {
    const std::string at = "per_N[N = " + std::to_string(g.N) + "].";
    json j = {{"N", g.N}, {"complete", g.complete}};
    if (g.complete) {
        json mean = json::array(), ci = json::array(), ratios = json::array();
        for (const auto& e : g.per_horizon) {
            mean.push_back(finite(e->mean, at + "mean"));
            ci.push_back(json::array({finite(e->ci.lo, at + "interval"), finite(e->ci.hi, at + "interval")}));
        }
        for (double r : g.ratios) ratios.push_back(finite(r, at + "growth_ratios"));
        j["mean"] = mean;
        j["interval"] = ci;
        j["growth_ratios"] = ratios;
        j["saturated"] = g.saturated;
        j["growing"] = g.growing;
    }
    return j;
}
}  // namespace

json to_json(const uniform_in_time& r) {
    json j = {{"harness", "uniform_in_time"},
              {"observable", r.observable},
              {"statistic", "sup_abs up to T"},
              {"max_growth_factor", finite(r.max_growth_factor, "max_growth_factor")}};
    j["horizons"] = json::array();
    for (const horizon_fit& h : r.horizons) {
        j["horizons"].push_back({{"T", finite(h.horizon, "horizons.T")}, {"rate", to_json(h.fit)}});
    }
    j["per_N"] = json::array();
    for (const growth_at_n& g : r.per_N) j["per_N"].push_back(per_n_json(g));
    j["verdict"] = to_string(r.outcome);
    j["reason"] = r.reason;
    return j;
}

}  // namespace mfv::harness
