// What `mfv gibbs` prints (reference/gibbs.md section 7): one JSON object a N, and for a
// whole study the rows with the fitted decay of (1/N) log K in N.
#pragma once
#include <mfv/gibbs/gibbs_run.hpp>

#include <nlohmann/json.hpp>

#include <vector>

namespace mfv::gibbs {

// Keys: N, theta, beta, log_K_over_N, stderr, mean_F_N, mean_F_N_stderr, ess, tau_int,
// acceptance_rate, step, ladder (one object a rung), interaction, wall_seconds; with a
// closed form also exact_log_K_over_N, exact_mean_F_N, quadrature_error, deviation_in_stderr.
nlohmann::json to_json(const gibbs_result& r);

// {"study", "theta", "rows": [to_json a N], "decay_fit": {"power_law", "expansion"},
//  "exact_asymptotics" (closed-form case)}. The fits: gibbs_json.cpp.
nlohmann::json study_json(const study::study& st, const std::vector<gibbs_result>& rows);

}  // namespace mfv::gibbs
